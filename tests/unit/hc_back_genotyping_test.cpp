// hc_back_genotyping_test.cpp -- genotype enumeration and likelihoods, PLs/GQ, and the allele
// frequency calculator (QUAL, MLEAC) on hand-computed cases and GATK's hc_tetraploid record.
#include <gtest/gtest.h>

#include <cmath>

#include "haplotypecaller/af_calc.hpp"
#include "haplotypecaller/genotype_likelihoods.hpp"
#include "haplotypecaller/hc_math.hpp"

namespace helicase::hc {
namespace {

std::string gt_string(const GenotypeCounts& g) {
  std::string s;
  for (int a : g.alleles) s += std::to_string(a);
  return s;
}

TEST(HcBackGenotypes, VcfOrder) {
  const auto d = enumerate_genotypes(2, 3);
  std::vector<std::string> got;
  for (const auto& g : d) got.push_back(gt_string(g));
  EXPECT_EQ(got, (std::vector<std::string>{"00", "01", "11", "02", "12", "22"}));
  const auto t = enumerate_genotypes(4, 3);
  ASSERT_EQ(t.size(), 15u);
  EXPECT_EQ(gt_string(t[10]), "0122");  // GATK's tetraploid call 0/1/2/2 has PL 0 at index 10
  EXPECT_EQ(gt_string(t[14]), "2222");
  for (std::size_t i = 0; i < t.size(); ++i) EXPECT_EQ(genotype_index(t[i].alleles, 3), i);
  EXPECT_EQ(genotype_count(2, 3), 6);
  EXPECT_EQ(genotype_count(4, 3), 15);
  EXPECT_EQ(max_acceptable_allele_count(4, 15), 3);
  EXPECT_EQ(max_acceptable_allele_count(2, 1024), 44);  // C(45, 2) = 990 <= 1024 < C(46, 2)
  EXPECT_NEAR(t[10].log10_combination_count, std::log10(12.0), 1e-12);  // 4! / (1! 1! 2!)
}

TEST(HcBackGenotypes, DiploidLikelihoodsByHand) {
  // Two reads, alleles ref/alt; lk allele-major.
  const std::vector<double> lk{-1.0, -5.0, /* alt */ -6.0, -0.5};
  const auto gts = enumerate_genotypes(2, 2);
  const auto gl = genotype_log10_likelihoods(2, 2, 2, lk, gts);
  EXPECT_DOUBLE_EQ(gl[0], -6.0);
  EXPECT_DOUBLE_EQ(gl[2], -6.5);
  const double het = approximate_log10_sum_log10(-1.0, -6.0) + approximate_log10_sum_log10(-5.0, -0.5) - 2 * std::log10(2.0);
  EXPECT_DOUBLE_EQ(gl[1], het);
  const auto pls = log10_to_pls(gl);
  EXPECT_EQ(pls[1], 0);
  EXPECT_EQ(pls[0], static_cast<int>(std::lround(-10 * (gl[0] - het))));
  // GQ: best minus second best.
  const auto back = pls_to_log10(pls);
  EXPECT_EQ(gq_from_log10(gq_log10_from_likelihoods(1, back)), std::min(pls[0], pls[2]));
}

TEST(HcBackGenotypes, TriallelicPolyploidUsesLinearSpace) {
  // Ploidy 3, three alleles, one read: genotype 0/1/2 -> log10((L0 + L1 + L2) / 3).
  const std::vector<double> lk{-1.0, -2.0, -3.0};
  const auto gts = enumerate_genotypes(3, 3);
  const auto gl = genotype_log10_likelihoods(3, 3, 1, lk, gts);
  const std::size_t i012 = genotype_index({0, 1, 2}, 3);
  EXPECT_NEAR(gl[i012], std::log10((0.1 + 0.01 + 0.001) / 3.0), 1e-12);
}

TEST(HcBackAfCalc, HomVarDiploidQual) {
  // GATK 4.6's hom-alt QUAL is PL(0/0) minus ~13.94 (reference/gatk-picard-behaviour.md).
  const std::vector<int> pls{2833, 240, 0};
  const auto r = calculate_af(2, pls_to_log10(pls), {true, true}, -1);
  EXPECT_NEAR(-10 * r.log10_p_no_variant, 2819.06, 0.005);  // hc_chr20_expected_only 20:10000439
  EXPECT_EQ(r.mle_counts[1], 2);
  EXPECT_TRUE(r.passes(1, 30));
}

TEST(HcBackAfCalc, HetDiploidQual) {
  const auto a = calculate_af(2, pls_to_log10({934, 0, 1248}), {true, true}, -1);
  EXPECT_NEAR(-10 * a.log10_p_no_variant, 926.64, 0.005);  // 20:10000117
  EXPECT_EQ(a.mle_counts[1], 1);
  const auto b = calculate_af(2, pls_to_log10({1037, 0, 1601}), {true, true}, -1);
  EXPECT_NEAR(-10 * b.log10_p_no_variant, 1029.64, 0.005);  // 20:10000694
}

TEST(HcBackAfCalc, WeakSiteFailsThreshold) {
  const auto r = calculate_af(2, pls_to_log10({20, 0, 300}), {true, true}, -1);
  EXPECT_LT(-10 * r.log10_p_no_variant, 30.0);
  EXPECT_FALSE(r.passes(1, 30));
}

TEST(HcBackAfCalc, TetraploidTriallelicRecord) {
  // gatk/hc_tetraploid: 20:11363591 T A,G QUAL 684.25 MLEAC=1,2 GT 0/1/2/2 GQ 6.
  const std::vector<int> pls{698, 386, 347, 327, 364, 354, 43, 6, 36, 308, 0, 12, 285, 26, 320};
  const auto gl = pls_to_log10(pls);
  const auto r = calculate_af(4, gl, {true, true, true}, -1);
  EXPECT_NEAR(-10 * r.log10_p_no_variant, 684.25, 0.005);
  EXPECT_EQ(r.mle_counts[1], 1);
  EXPECT_EQ(r.mle_counts[2], 2);
  EXPECT_TRUE(r.passes(1, 30));
  EXPECT_TRUE(r.passes(2, 30));
  EXPECT_EQ(max_element_index(gl), 10u);
  EXPECT_EQ(gq_from_log10(gq_log10_from_likelihoods(10, gl)), 6);
}

}  // namespace
}  // namespace helicase::hc
