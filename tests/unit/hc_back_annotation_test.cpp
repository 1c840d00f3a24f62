// hc_back_annotation_test.cpp -- annotation statistics and Java/htsjdk number formatting.
// Expected values come from OpenJDK 17, commons-math3 3.6.1 and htsjdk run on the same inputs
// (java.util.Random, String.format, VCFEncoder.formatVCFDouble, HypergeometricDistribution,
// NormalDistribution), or are worked by hand where noted.
#include <gtest/gtest.h>

#include <cmath>

#include "haplotypecaller/annotation_stats.hpp"
#include "haplotypecaller/hc_math.hpp"
#include "haplotypecaller/vcf_format.hpp"
#include "haplotypecaller/vcf_random.hpp"
#include "bqsr/java_format.hpp"

namespace helicase::hc {
namespace {

TEST(HcBackJavaRandom, MatchesJavaUtilRandom) {
  JavaRandom r(kGatkRandomSeed);
  const double expected[] = {-1.5453553803199442, -0.42311771903704026, 0.3245691215126965, -0.9206444338433659,
                             -0.6004014126294749};
  for (double e : expected) EXPECT_EQ(r.next_gaussian(), e);
  JavaRandom r42(42);
  EXPECT_EQ(r42.next_int(), -1170105035);
  EXPECT_EQ(r42.next_double(), 0.05466526274716077);
  EXPECT_EQ(r42.next_int(10), 4);
  EXPECT_EQ(r42.next_int(7), 5);
  EXPECT_EQ(r42.next_gaussian(), 0.27686040089698144);
  // 100,000 draws summed in Java: every draw must match bit for bit for the sum to.
  JavaRandom many(kGatkRandomSeed);
  double sum = 0;
  for (int i = 0; i < 100000; ++i) sum += many.next_gaussian();
  EXPECT_EQ(sum, 112.12896722357446);
  double logs = 0;
  for (int i = 1; i < 100000; ++i) logs += fdlibm_log(i * 0.7351 + 1e-3);
  EXPECT_EQ(logs, 1020513.1597075954);  // StrictMath.log
}

TEST(HcBackFormat, JavaFixedHalfUp) {
  EXPECT_EQ(bqsr::java_fixed(0.125, 2), "0.13");
  EXPECT_EQ(bqsr::java_fixed(1.005, 2), "1.01");
  EXPECT_EQ(bqsr::java_fixed(2.675, 2), "2.68");
  EXPECT_EQ(bqsr::java_fixed(926.645, 2), "926.65");
  EXPECT_EQ(bqsr::java_fixed(-0.004, 2), "-0.00");
  EXPECT_EQ(bqsr::java_fixed(1e7 + 0.125, 2), "10000000.13");
}

TEST(HcBackFormat, ScientificAndVcfDouble) {
  EXPECT_EQ(java_scientific(0.001234567, 3), "1.235e-03");
  EXPECT_EQ(java_scientific(0.0095, 3), "9.500e-03");
  EXPECT_EQ(java_scientific(5e-5, 3), "5.000e-05");
  EXPECT_EQ(java_scientific(1.2345e-10, 3), "1.235e-10");
  EXPECT_EQ(java_scientific(0.0099995, 3), "1.000e-02");
  EXPECT_EQ(java_scientific(0.00999949, 3), "9.999e-03");
  EXPECT_EQ(format_vcf_double(0.5), "0.500");
  EXPECT_EQ(format_vcf_double(1.0), "1.00");
  EXPECT_EQ(format_vcf_double(0.25), "0.250");
  EXPECT_EQ(format_vcf_double(1.0 / 3), "0.333");
  EXPECT_EQ(format_vcf_double(0.001), "1.000e-03");
  EXPECT_EQ(format_vcf_double(0.0), "0.00");
  EXPECT_EQ(format_vcf_double(1e-25), "0.00");
  EXPECT_EQ(format_vcf_double(2.0 / 3), "0.667");
  EXPECT_EQ(format_vcf_double(0.05), "0.050");
  // QUAL: "%.2f" without a trailing ".00" (htsjdk formatQualValue).
  EXPECT_EQ(format_qual(684.2549), "684.25");
  EXPECT_EQ(format_qual(30.0), "30");
  EXPECT_EQ(format_qual(29.996), "30");
  EXPECT_EQ(format_qual(30.1), "30.10");
}

TEST(HcBackStats, FisherStrand) {
  EXPECT_EQ(bqsr::java_fixed(fisher_strand_phred({{{10, 5}, {3, 12}}}), 3), "15.964");
  EXPECT_EQ(bqsr::java_fixed(fisher_strand_phred({{{0, 0}, {0, 0}}}), 3), "0.000");
  EXPECT_EQ(bqsr::java_fixed(fisher_strand_phred({{{2, 1}, {1, 2}}}), 3), "0.000");
  EXPECT_EQ(bqsr::java_fixed(fisher_strand_phred({{{20, 16}, {14, 14}}}), 3), "0.962");
  EXPECT_EQ(bqsr::java_fixed(fisher_strand_phred({{{100, 0}, {0, 100}}}), 3), "586.559");
  EXPECT_EQ(bqsr::java_fixed(fisher_strand_phred({{{36, 0}, {0, 28}}}), 3), "180.487");
  // Hom-var: no ref reads, support of one table -> p = 1 -> 0.000 (hc_chr20 records show FS=0.000).
  EXPECT_EQ(bqsr::java_fixed(fisher_strand_phred({{{0, 0}, {40, 40}}}), 3), "0.000");
}

TEST(HcBackStats, StrandOddsRatioByHand) {
  // t = (a+1, b+1; c+1, d+1): ln((t00/t01)(t11/t10) + (t01/t00)(t10/t11)) + ln(min/max ref) - ln(min/max alt).
  const double t00 = 11, t01 = 6, t10 = 4, t11 = 13;
  const double expected = std::log((t00 / t01) * (t11 / t10) + (t01 / t00) * (t10 / t11)) + std::log(t01 / t00) - std::log(t10 / t11);
  EXPECT_DOUBLE_EQ(strand_odds_ratio({{{10, 5}, {3, 12}}}), expected);
  EXPECT_NEAR(strand_odds_ratio({{{0, 0}, {0, 0}}}), std::log(2.0), 1e-15);
}

TEST(HcBackStats, InverseNormal) {
  EXPECT_NEAR(inverse_normal_cdf(0.3), -0.5244005127080409, 1e-15);
  EXPECT_NEAR(inverse_normal_cdf(0.05), -1.644853626951473, 1e-15);
  EXPECT_NEAR(inverse_normal_cdf(0.975), 1.959963984540054, 1e-15);
  EXPECT_EQ(inverse_normal_cdf(0.5), 0.0);
  EXPECT_NEAR(inverse_normal_cdf(1e-5), -4.264890793922603, 1e-14);
  EXPECT_NEAR(inverse_normal_cdf(0.999), 3.0902323061678136, 1e-14);
}

TEST(HcBackStats, MannWhitneyNormalApproximation) {
  // Hand-worked: alt {30, 30, 31} vs 10 ref values of 20: no ties across groups, U1 = 30,
  // m = 15, ties only inside the ref group (10^3 - 10 = 990) and the alt 30s (8).
  std::vector<double> alt{30, 30, 31}, ref(10, 20.0);
  const auto z = mann_whitney_z(alt, ref);
  ASSERT_TRUE(z.has_value());
  const double nties = 990 + 6;
  const double sigma = std::sqrt((3 * 10 / 12.0) * ((3 + 10 + 1) - nties / (13.0 * 12)));
  EXPECT_NEAR(*z, (30 - 15 + 0.5) / sigma, 1e-12);
  EXPECT_FALSE(mann_whitney_z({}, ref).has_value());
}

TEST(HcBackStats, MannWhitneyExactSmallSamples) {
  // Both series below 10: exact permutation p, z = inverse normal of p. alt {3} vs ref {1, 2}:
  // U = 2 of 3 equally likely assignments (U = 0, 1, 2) -> p = (2 + 0.5) / 3... P(U' < 2) + P(U' = 2)/2.
  const auto z = mann_whitney_z({3}, {1, 2});
  ASSERT_TRUE(z.has_value());
  EXPECT_NEAR(*z, inverse_normal_cdf((2.0 + 0.5) / 3.0), 1e-15);
}

TEST(HcBackStats, ExcessHetSingleSample) {
  EXPECT_EQ(bqsr::java_fixed(excess_het_phred(1, 0, 0), 4), "0.0000");
  EXPECT_EQ(bqsr::java_fixed(excess_het_phred(0, 0, 1), 4), "0.0000");
  // Many hets and no homs is excess heterozygosity.
  EXPECT_GT(excess_het_phred(50, 0, 0), 30.0);
}

TEST(HcBackStats, LogGammaAgainstCommonsMath) {
  // std::lgamma replaces commons-math Gamma.logGamma (docs/compatibility.md): within 1e-13.
  const std::pair<double, double> cases[] = {{0.01, 4.599479878042021}, {10.0, 12.801827480081469}, {2.01, 0.004260022907098346},
                                             {12.0, 17.502307845873887}, {1.01, -0.005690307946069651}, {100.5, 361.4355404677776},
                                             {0.5, 0.5723649429247001}, {7.3, 7.147892523022249}};
  for (const auto& [x, e] : cases) EXPECT_NEAR(log_gamma(x), e, 1e-13) << x;
}

}  // namespace
}  // namespace helicase::hc
