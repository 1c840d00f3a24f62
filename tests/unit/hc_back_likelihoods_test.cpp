// hc_back_likelihoods_test.cpp -- PairHMM read preparation (tandem repeats, PCR indel caps,
// quality caps), likelihood normalisation and the poorly-modeled read filter.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "common/thread_pool.hpp"
#include "haplotypecaller/read_likelihoods.hpp"
#include "runtime/backend.hpp"

namespace helicase::hc {
namespace {

TEST(HcBackReadPrep, TandemRepeatUnits) {
  // Homopolymer: at offset 2 of AAAAAT, backward unit A x3, forward unit A x2 (AAT: A A then T).
  EXPECT_EQ(tandem_repeat_units("AAAAAT", 2), 5);
  // ACACACGT at offset 1 (C): backward best unit stays C (1 copy), forward unit AC x2;
  // units differ, so AC is counted backwards over the prefix "AC" (1) -> 3.
  EXPECT_EQ(tandem_repeat_units("ACACACGT", 1), 3);
  // No repeat: units C (backward) and G (forward) differ, G occurs 0 times at the end of
  // "AC": 1 forward + 0 backward.
  EXPECT_EQ(tandem_repeat_units("ACGT", 1), 1);
  // Capped at 20.
  EXPECT_EQ(tandem_repeat_units(std::string(40, 'T'), 20), 20);
  // Last base: backward only.
  EXPECT_EQ(tandem_repeat_units("GTTT", 3), 3);
}

TEST(HcBackReadPrep, PcrIndelCapsConservative) {
  // max(10, round(40 - exp(r / (3 pi)) + 1)).
  EXPECT_EQ(pcr_adjusted_gop(0, 3.0), 40);
  EXPECT_EQ(pcr_adjusted_gop(1, 3.0), 40);   // 41 - 1.112
  EXPECT_EQ(pcr_adjusted_gop(10, 3.0), 38);  // 41 - 2.889 = 38.11
  EXPECT_EQ(pcr_adjusted_gop(20, 3.0), 33);  // 41 - 8.348 = 32.65
  for (int r = 0; r <= 20; ++r) {
    EXPECT_EQ(pcr_adjusted_gop(r, 3.0), std::max(10, static_cast<int>(std::floor(41.0 - std::exp(r / (3.0 * M_PI)) + 0.5))));
  }
}

TEST(HcBackReadPrep, QualitiesCappedAndFloored) {
  RegionRead r;
  r.bases = "ACGTTTTTTTTG";
  r.quals = {40, 30, 17, 18, 2, 50, 35, 35, 35, 35, 35, 35};
  r.mapq = 35;
  const HmmRead h = prepare_hmm_read(r, LikelihoodOptions{});
  // min(q, MQ 35), then < 18 -> 6.
  EXPECT_EQ(h.quals, (std::vector<std::uint8_t>{35, 30, 6, 18, 6, 35, 35, 35, 35, 35, 35, 35}));
  // GOPs: 45 capped by the repeat at each position; the last base keeps 45; all >= 6.
  ASSERT_EQ(h.ins.size(), r.bases.size());
  EXPECT_EQ(h.ins.back(), 45);
  for (std::size_t i = 0; i + 1 < r.bases.size(); ++i) {
    const int cap = pcr_adjusted_gop(tandem_repeat_units(r.bases, static_cast<int>(i)), 3.0);
    EXPECT_EQ(h.ins[i], std::min(45, cap)) << i;
    EXPECT_EQ(h.del[i], h.ins[i]);
  }
  EXPECT_EQ(h.gcp, std::vector<std::uint8_t>(r.bases.size(), 10));
  // BI/BD tags are used when present, floored at 6.
  r.ins_quals.assign(r.bases.size(), 3);
  r.del_quals.assign(r.bases.size(), 44);
  const HmmRead t = prepare_hmm_read(r, LikelihoodOptions{});
  EXPECT_EQ(t.ins[0], 6);
  EXPECT_EQ(t.del[0], 40);
}

TEST(HcBackReadPrep, NormaliseAndPoorlyModeled) {
  double row[3] = {-3.0, -10.0, -7.6};
  normalize_read_likelihoods(row, 3, -4.5);
  EXPECT_EQ(row[0], -3.0);
  EXPECT_EQ(row[1], -7.5);
  EXPECT_EQ(row[2], -7.5);
  // 100 bp read: min(2, ceil(2)) * -4 = -8; 30 bp: ceil(0.6) = 1 -> -4.
  const double good[2] = {-7.9, -9};
  const double bad[2] = {-8.1, -9};
  EXPECT_FALSE(is_poorly_modeled(good, 2, 100, 0.02));
  EXPECT_TRUE(is_poorly_modeled(bad, 2, 100, 0.02));
  EXPECT_TRUE(is_poorly_modeled(good, 2, 30, 0.02));
}

TEST(HcBackReadLikelihoods, RegionReadsAgainstHaplotypes) {
  AssembledRegion region;
  region.haplotypes.resize(2);
  region.haplotypes[0].bases = "ACGTACGTTAGCATCGATCGGATCCGATTACGATCGATGCATGCA";
  region.haplotypes[0].is_ref = true;
  region.haplotypes[1].bases = region.haplotypes[0].bases;
  region.haplotypes[1].bases[20] = 'T';
  RegionRead a;
  a.bases = region.haplotypes[1].bases.substr(5, 30);
  a.quals.assign(30, 30);
  a.mapq = 60;
  RegionRead junk = a;
  junk.bases = "TTTTTTTTTTTTTTTTTTTTTTTTTTTTTT";
  RegionRead skipped = a;
  skipped.for_genotyping = false;
  region.reads = {a, junk, skipped};
  ThreadPool pool(1);
  const Backend cpu = Backend::cpu(pool);
  kernels::pairhmm::PairHmmRunner hmm(cpu);
  const ReadLikelihoods lk = compute_read_likelihoods(region, hmm);
  // The unrelated read is poorly modeled and dropped; the non-genotyping read is not scored.
  ASSERT_EQ(lk.reads, (std::vector<std::uint32_t>{0}));
  EXPECT_GT(lk.at(0, 1), lk.at(0, 0) + 2.0);  // one Q30 mismatch against the ref haplotype
  // Matching read: 30 x log10(1 - 0.001), the uniform start prior log10(1 / 45), the entry
  // from the deletion row (1 - 10^-GCP/10 = 0.9) and 29 match-to-match steps (GOPs ~40: ~-0.003).
  EXPECT_NEAR(lk.at(0, 1), 30 * std::log10(1 - 0.001) + std::log10(1.0 / 45) + std::log10(0.9), 0.004);
}

TEST(HcBackReadLikelihoods, BestHaplotypeForRealignment) {
  AssembledRegion region;
  region.haplotypes.resize(3);
  region.haplotypes[0].is_ref = true;
  region.haplotypes[0].cigar = {70u << 4};                          // priority 1 + 1 - 1 = 1
  region.haplotypes[1].cigar = {30u << 4, (2u << 4) | 2, 38u << 4};  // 1 - 3 = -2
  region.haplotypes[2].cigar = {70u << 4};                          // 0
  ReadLikelihoods lk;
  lk.n_haps = 3;
  lk.reads = {0, 1, 2, 3};
  lk.log10 = {-5.0, -1.0, -9.0,    // clear best: haplotype 1, informative
              -1.1, -1.0, -1.05,   // within 0.2: the reference wins on priority, not informative
              -3.0, -1.0, -1.1,    // 1 and 2 tie within 0.2: 2 (simpler CIGAR) wins
              -2.0, -2.0, -2.0};   // all equal: reference
  const auto best = best_haplotypes_for_realignment(region, lk);
  ASSERT_EQ(best.size(), 4u);
  EXPECT_EQ(best[0].hap, 1u);
  EXPECT_TRUE(best[0].informative);
  EXPECT_EQ(best[1].hap, 0u);
  EXPECT_FALSE(best[1].informative);
  EXPECT_EQ(best[2].hap, 2u);
  EXPECT_FALSE(best[2].informative);
  EXPECT_EQ(best[3].hap, 0u);
  EXPECT_FALSE(best[3].informative);
}

}  // namespace
}  // namespace helicase::hc
