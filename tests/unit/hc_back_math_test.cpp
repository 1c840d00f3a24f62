// hc_back_math_test.cpp -- GATK MathUtils pieces of helicase-haplotypecaller (hc_math.hpp).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "haplotypecaller/hc_math.hpp"

namespace helicase::hc {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(HcMath, ApproximateLog10SumLog10TableValues) {
  // Table entries are exact at multiples of 1e-4: log10(1 + 10^-d).
  EXPECT_DOUBLE_EQ(approximate_log10_sum_log10(0.0, 0.0), std::log10(2.0));
  EXPECT_DOUBLE_EQ(approximate_log10_sum_log10(-1.0, -2.0), -1.0 + std::log10(1.1));
  EXPECT_DOUBLE_EQ(approximate_log10_sum_log10(-2.0, -1.0), -1.0 + std::log10(1.1));
  // Differences of 8 or more are ignored; -infinity is the identity.
  EXPECT_EQ(approximate_log10_sum_log10(0.0, -8.0), 0.0);
  EXPECT_EQ(approximate_log10_sum_log10(-kInf, -3.5), -3.5);
  EXPECT_EQ(approximate_log10_sum_log10(std::vector<double>{}), -kInf);
  // Quantised to the 1e-4 grid: 0.00004 rounds to step 0 (fastRound).
  EXPECT_DOUBLE_EQ(approximate_log10_sum_log10(0.0, -0.00004), std::log10(2.0));
  EXPECT_DOUBLE_EQ(approximate_log10_sum_log10(0.0, -0.00006), std::log10(1.0 + std::pow(10.0, -0.0001)));
}

TEST(HcMath, ApproximateCloseToExact) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(-20.0, 0.0);
  for (int t = 0; t < 2000; ++t) {
    std::vector<double> v(1 + t % 7);
    for (double& x : v) x = u(rng);
    double exact = 0.0;
    const double m = *std::max_element(v.begin(), v.end());
    for (double x : v) exact += std::pow(10.0, x - m);
    exact = m + std::log10(exact);
    EXPECT_NEAR(approximate_log10_sum_log10(v), exact, 1e-4 * static_cast<double>(v.size()));
    EXPECT_NEAR(log10_sum_log10(v), exact, 1e-12);
  }
  EXPECT_NEAR(approximate_log10_sum_log10(-1.0, -1.5, -3.0), std::log10(0.1 + std::pow(10, -1.5) + 0.001), 2e-4);
  EXPECT_NEAR(log10_sum_log10(-1.0, -1.5, -3.0), std::log10(0.1 + std::pow(10, -1.5) + 0.001), 1e-14);
  EXPECT_NEAR(log10_sum_log10(-1.0, -2.0), std::log10(0.11), 1e-15);
}

TEST(HcMath, MaxIndexIsFirstMaximum) {
  EXPECT_EQ(max_element_index(std::vector<double>{1, 3, 3, 2}), 1u);
  EXPECT_EQ(max_element_index(std::vector<double>{-kInf, -kInf}), 0u);
}

TEST(HcMath, Normalize) {
  const auto n = normalize_log10({-1.0, -1.0}, false);
  EXPECT_DOUBLE_EQ(n[0], 0.5);
  EXPECT_DOUBLE_EQ(n[1], 0.5);
  const auto l = normalize_log10({0.0, -1.0}, true);
  EXPECT_NEAR(l[0], -std::log10(1.1), 1e-15);
}

TEST(HcMath, CombinatoricsAndGamma) {
  EXPECT_DOUBLE_EQ(log_factorial(0), 0.0);
  EXPECT_DOUBLE_EQ(log_factorial(5), std::log(120.0));
  EXPECT_DOUBLE_EQ(log_factorial(20), std::log(2432902008176640000.0));
  EXPECT_NEAR(log_factorial(30), std::lgamma(31.0), 1e-12);
  EXPECT_DOUBLE_EQ(log10_factorial(3), std::log(6.0) * kLog10E);
  EXPECT_DOUBLE_EQ(log_binomial_coefficient(4, 2), std::log(6.0));
  EXPECT_DOUBLE_EQ(log_binomial_coefficient(4, 0), 0.0);
  EXPECT_DOUBLE_EQ(log_binomial_coefficient(4, 1), std::log(4.0));
  EXPECT_DOUBLE_EQ(log_binomial_coefficient(60, 30), std::log(118264581564861424.0));
  EXPECT_NEAR(log_binomial_coefficient(100, 50), std::lgamma(101.0) - 2 * std::lgamma(51.0), 1e-9);
  EXPECT_NEAR(log10_gamma(5.0), std::log10(24.0), 1e-14);
}

TEST(HcMath, Qualities) {
  EXPECT_DOUBLE_EQ(qual_to_error_prob(30.0), std::pow(10.0, -3.0));
  EXPECT_DOUBLE_EQ(qual_to_error_prob(std::uint8_t{20}), 0.01);
  EXPECT_DOUBLE_EQ(qual_to_prob_log10(std::uint8_t{10}), std::log10(0.9));
  EXPECT_DOUBLE_EQ(qual_to_error_prob_log10(37.0), -3.7);
  EXPECT_NEAR(log10_one_minus_pow10(-1.0), std::log10(0.9), 1e-15);
  EXPECT_NEAR(log10_one_minus_pow10(-1e-9), std::log10(1e-9 * kLn10), 1e-6);
  EXPECT_EQ(log10_one_minus_pow10(0.0), -kInf);
}

TEST(HcMath, Pseudocounts) {
  const auto pc = AfPseudocounts::from_heterozygosity();
  EXPECT_NEAR(pc.ref, 10.0, 1e-12);
  EXPECT_NEAR(pc.snp, 0.01, 1e-14);
  EXPECT_NEAR(pc.indel, 0.00125, 1e-15);
}

TEST(HcMath, SingleSampleNonRefPosterior) {
  // Reference peak: 0 (both before and after the prior).
  EXPECT_EQ(single_sample_biallelic_non_ref_posterior(std::vector<double>{0.0, -1.0, -2.0}, true), 0.0);
  EXPECT_EQ(single_sample_biallelic_non_ref_posterior(std::vector<double>{0.0, 0.0, 0.0}, true), 0.0);
  // A het peak: hand formula post[n] = gl[n] + log10(C(2,n) G(n+0.01) G(2-n+10)).
  const std::vector<double> gl{-6.0, 0.0, -5.0};
  const double g[3] = {std::lgamma(0.01) + std::lgamma(12.0), std::log(2.0) + std::lgamma(1.01) + std::lgamma(11.0),
                       std::lgamma(2.01) + std::lgamma(10.0)};
  double lin[3], sum = 0.0;
  for (int n = 0; n < 3; ++n) sum += lin[n] = std::pow(10.0, gl[n] + g[n] * kLog10E);
  const double expected = 1.0 - lin[0] / sum;
  EXPECT_NEAR(single_sample_biallelic_non_ref_posterior(gl, true), expected, 1e-12);
  EXPECT_GT(expected, 0.9);
  // Weak evidence: the prior (ref pseudocount 10) can put the posterior's peak back on hom-ref.
  EXPECT_EQ(single_sample_biallelic_non_ref_posterior(std::vector<double>{-0.5, 0.0, -3.0}, true), 0.0);
  EXPECT_GT(single_sample_biallelic_non_ref_posterior(std::vector<double>{-0.5, 0.0, -3.0}, false), 0.0);
}

}  // namespace
}  // namespace helicase::hc
