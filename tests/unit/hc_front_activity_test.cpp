// hc_front_activity_test.cpp -- BandPassActivityProfile, region cutting and the per-locus
// ref-vs-any activity of helicase-haplotypecaller, on hand-computed cases.
#include <gtest/gtest.h>

#include <htslib/sam.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <random>

#include "haplotypecaller/activity_profile.hpp"
#include "haplotypecaller/hc_math.hpp"
#include "haplotypecaller/locus_activity.hpp"

namespace helicase::hc {
namespace {

TEST(HcFrontActivity, KernelIsNormalisedGaussianOfHalfWidth50) {
  BandPassActivityProfile p(1000);
  const auto& k = p.kernel();
  ASSERT_EQ(k.size(), 101u);
  EXPECT_NEAR(std::accumulate(k.begin(), k.end(), 0.0), 1.0, 1e-12);
  // Ratio of neighbouring entries is exp(-(2i+1)/(2 sigma^2)).
  EXPECT_NEAR(k[51] / k[50], std::exp(-1.0 / (2 * 17.0 * 17.0)), 1e-12);
  EXPECT_NEAR(k[0] / k[50], std::exp(-2500.0 / (2 * 17.0 * 17.0)), 1e-12);
  EXPECT_EQ(k[0], k[100]);
}

TEST(HcFrontActivity, IsolatedSpikeGivesOneActiveRegionOfTheKernelWidth) {
  // One locus with probability 1 at 500 in [0, 1000): the kernel exceeds 0.002 within
  // |d| <= r where k[50 +- r] > 0.002; the active region is exactly that span.
  BandPassActivityProfile p(10000);
  std::vector<ProfileRegion> regions;
  for (std::int64_t pos = 0; pos < 1000; ++pos) {
    if (!p.empty()) {
      auto r = p.pop(false);
      regions.insert(regions.end(), r.begin(), r.end());
    }
    p.add(pos, pos == 500 ? 1.0 : 0.0);
  }
  auto r = p.pop(true);
  regions.insert(regions.end(), r.begin(), r.end());
  const auto& k = p.kernel();
  int radius = 0;
  while (k[static_cast<std::size_t>(50 + radius + 1)] > 0.002) ++radius;
  std::vector<ProfileRegion> active;
  for (const auto& x : regions) {
    if (x.active) active.push_back(x);
  }
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active[0].start, 500 - radius);
  EXPECT_EQ(active[0].end, 500 + radius);
  // Regions tile the interval without gaps, none longer than 300.
  std::int64_t next = 0;
  for (const auto& x : regions) {
    EXPECT_EQ(x.start, next);
    EXPECT_LE(x.end - x.start + 1, 300);
    next = x.end + 1;
  }
  EXPECT_EQ(next, 1000);
}

TEST(HcFrontActivity, LongActiveStretchIsCutAtTheLowestLocalMinimum) {
  // Every locus at 0.5 except a dip of three zeros at 180-182: the smoothed profile stays above
  // 0.002, so the first region runs to 300 states and is cut after the lowest local minimum
  // (findBestCutSite), the centre of the dip.
  BandPassActivityProfile p(100000);
  std::vector<ProfileRegion> regions;
  for (std::int64_t pos = 0; pos < 2000; ++pos) {
    if (!p.empty()) {
      auto r = p.pop(false);
      regions.insert(regions.end(), r.begin(), r.end());
    }
    p.add(pos, (pos >= 180 && pos <= 182) ? 0.0 : 0.5);
  }
  ASSERT_FALSE(regions.empty());
  EXPECT_TRUE(regions[0].active);
  EXPECT_EQ(regions[0].start, 0);
  // The smoothed profile is lowest at 181 (centre of the dip): the region ends there.
  EXPECT_EQ(regions[0].end, 181);
  EXPECT_TRUE(regions[1].active);
  EXPECT_EQ(regions[1].start, 182);
}

TEST(HcFrontActivity, ForcedFlushDropsStatesBeyondTheLastLocus) {
  BandPassActivityProfile p(100000);
  for (std::int64_t pos = 100; pos < 110; ++pos) p.add(pos, 1.0);
  const auto r = p.pop(true);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_TRUE(r[0].active);
  EXPECT_EQ(r[0].start, 100);
  EXPECT_EQ(r[0].end, 109);
  EXPECT_TRUE(p.empty());
}

RegionRead make_read(std::int64_t pos, const std::string& bases, std::uint8_t q, std::vector<std::uint32_t> cigar) {
  RegionRead r;
  r.bases = bases;
  r.quals.assign(bases.size(), q);
  r.pos = pos;
  r.cigar = std::move(cigar);
  std::int64_t e = pos;
  for (auto c : r.cigar) {
    if (bam_cigar_type(bam_cigar_op(c)) & 2) e += bam_cigar_oplen(c);
  }
  r.original_start = pos;
  r.original_end = e;
  return r;
}

TEST(HcFrontActivity, RefVsAnyPosteriorMatchesHandComputedLikelihoods) {
  // 3 reads: two carry T over reference A at locus 2, one matches; Q30. Ploidy 2.
  const std::string ref = "CCAGG";
  std::vector<RegionRead> reads{make_read(0, "CCTGG", 30, {bam_cigar_gen(5, BAM_CMATCH)}),
                                make_read(0, "CCTGG", 30, {bam_cigar_gen(5, BAM_CMATCH)}),
                                make_read(0, "CCAGG", 30, {bam_cigar_gen(5, BAM_CMATCH)})};
  const auto states = locus_states(reads, ref, 0, 5, 2);
  const double e = std::pow(10.0, -3.0);
  const double alt_nonref = std::log10(1 - e), alt_ref = std::log10(e) + kLog10OneThird;
  const double l2 = std::log10(2.0);
  std::vector<double> gl(3, 0.0);
  auto add = [&](double refl, double nonref) {
    gl[0] += refl + l2;
    gl[2] += nonref + l2;
    gl[1] += approximate_log10_sum_log10(refl + std::log10(1.0), nonref + std::log10(1.0));
  };
  add(alt_ref, alt_nonref);
  add(alt_ref, alt_nonref);
  add(alt_nonref, alt_ref);  // ref read: swapped
  for (double& g : gl) g -= 3 * l2;
  EXPECT_DOUBLE_EQ(states[2].prob, single_sample_biallelic_non_ref_posterior(gl, true));
  EXPECT_GT(states[2].prob, 0.5);
  EXPECT_EQ(states[0].prob, 0.0);  // all reference: hom-ref is the best GL
  EXPECT_EQ(states[4].prob, 0.0);
}

TEST(HcFrontActivity, LowQualityBasesAreSkippedAndDeletionsCountAsAlt) {
  const std::string ref = "ACGTACGTAC";
  // Base at 3 has quality 10 (skipped: <= 10); a deletion of 4-5 in another read.
  RegionRead low = make_read(0, "ACGAACGTAC", 30, {bam_cigar_gen(10, BAM_CMATCH)});
  low.quals[3] = 10;
  RegionRead del = make_read(0, "ACGTGTAC", 30, {bam_cigar_gen(4, BAM_CMATCH), bam_cigar_gen(2, BAM_CDEL), bam_cigar_gen(4, BAM_CMATCH)});
  const auto only_low = locus_states({low}, ref, 0, 10, 2);
  EXPECT_EQ(only_low[3].prob, 0.0);
  const auto with_del = locus_states({del, del, del}, ref, 0, 10, 2);
  EXPECT_GT(with_del[4].prob, 0.9);   // deletion element
  EXPECT_GT(with_del[3].prob, 0.9);   // base before the deletion start is alt
  EXPECT_GT(with_del[6].prob, 0.9);   // base after the deletion end is alt
  EXPECT_EQ(with_del[1].prob, 0.0);
}


// Streaming (hc_job.cpp): reads fed a few at a time, the profile advanced as far as the reads in
// settle, reads below the scanner's floor (less the region padding) dropped from the window.
// The regions must equal those of the whole read set at once, whatever the piece size.
TEST(HcFrontActivity, ScannerFedInPiecesWithAPrunedWindowGivesTheSameRegions) {
  std::mt19937 gen(7);
  std::string ref(20000, 'A');
  const char acgt[] = "ACGT";
  for (char& c : ref) c = acgt[gen() % 4];
  // Three covered stretches (two far apart, so that blocks split) with variant clusters.
  std::vector<RegionRead> reads;
  for (const auto& [from, to] : std::vector<std::pair<int, int>>{{100, 3000}, {3400, 6000}, {12000, 15000}}) {
    for (int pos = from; pos + 100 <= to; pos += 1 + static_cast<int>(gen() % 6)) {
      std::string b = ref.substr(static_cast<std::size_t>(pos), 100);
      for (std::size_t k = 0; k < b.size(); ++k) {
        const std::int64_t locus = pos + static_cast<std::int64_t>(k);
        if (locus % 997 == 0 || (locus % 1301 == 0 && gen() % 2)) b[k] = b[k] == 'C' ? 'G' : 'C';
      }
      reads.push_back(make_read(pos, b, 30, {bam_cigar_gen(100, BAM_CMATCH)}));
    }
  }
  // {7000, 13000} and {6100, 16000} begin after a stretch of reads that cover none of their loci.
  for (const auto& [begin, end] :
       std::vector<std::pair<std::int64_t, std::int64_t>>{{0, 20000}, {2500, 13000}, {7000, 13000}, {6100, 16000}}) {
    const std::vector<ProfileRegion> whole = active_regions(reads, ref, begin, end, 2);
    ASSERT_FALSE(whole.empty());
    for (std::size_t piece : {1u, 7u, 100u}) {
      ActiveRegionScanner scanner(ref, begin, end, 2);
      std::vector<RegionRead> window;
      std::vector<ProfileRegion> got;
      std::int64_t promised = std::numeric_limits<std::int64_t>::min();  // highest floor() seen
      std::size_t checked = 0;
      auto check_floor = [&] {
        for (; checked < got.size(); ++checked) {
          EXPECT_GE(got[checked].start, promised) << "region popped below an earlier floor, piece " << piece;
        }
      };
      for (std::size_t i = 0; i < reads.size();) {
        std::size_t j = std::min(reads.size(), i + piece);
        while (j < reads.size() && reads[j].pos == reads[j - 1].pos) ++j;  // whole start positions
        for (; i < j; ++i) {
          window.push_back(reads[i]);
          scanner.add_read(reads[i].pos, reads[i].original_end);
        }
        scanner.advance(window, window.back().pos + 1, got);
        check_floor();
        promised = std::max(promised, scanner.floor());
        const std::int64_t floor = scanner.floor() - 100;
        std::size_t drop = 0;
        while (drop < window.size() && window[drop].pos + 100 <= floor) ++drop;
        window.erase(window.begin(), window.begin() + static_cast<std::ptrdiff_t>(drop));
      }
      scanner.finish(window, got);
      check_floor();
      ASSERT_EQ(got.size(), whole.size()) << "piece " << piece;
      for (std::size_t k = 0; k < got.size(); ++k) {
        EXPECT_EQ(got[k].start, whole[k].start);
        EXPECT_EQ(got[k].end, whole[k].end);
      }
    }
  }
}

// The scanner computes loci states on the tool's pool, the range cut in parts: every locus must
// get the same bits as from one call over the whole range (reads with indels and soft clips,
// some starting before the range, variants and low qualities).
TEST(HcFrontActivity, LociStatesOnAPoolEqualOneCall) {
  std::mt19937 gen(11);
  const char acgt[] = "ACGT";
  std::string ref(30000, 'A');
  for (char& c : ref) c = acgt[gen() % 4];
  std::vector<RegionRead> reads;
  for (int pos = 0; pos + 120 < 30000; pos += 1 + static_cast<int>(gen() % 4)) {
    std::string b = ref.substr(static_cast<std::size_t>(pos), 100);
    std::vector<std::uint32_t> cigar{bam_cigar_gen(100, BAM_CMATCH)};
    if (gen() % 7 == 0) {  // 5 soft-clipped bases then 40M 2D 55M
      b = "TTTTT" + ref.substr(static_cast<std::size_t>(pos), 40) + ref.substr(static_cast<std::size_t>(pos) + 42, 55);
      cigar = {bam_cigar_gen(5, BAM_CSOFT_CLIP), bam_cigar_gen(40, BAM_CMATCH), bam_cigar_gen(2, BAM_CDEL),
               bam_cigar_gen(55, BAM_CMATCH)};
    }
    for (std::size_t k = 0; k < b.size(); ++k) {
      if ((pos + static_cast<int>(k)) % 211 == 0 || gen() % 300 == 0) b[k] = b[k] == 'C' ? 'G' : 'C';
    }
    RegionRead r = make_read(pos, b, static_cast<std::uint8_t>(5 + gen() % 36), cigar);
    reads.push_back(r);
  }
  ThreadPool pool(3);
  for (const auto& [begin, end] : std::vector<std::pair<std::int64_t, std::int64_t>>{{0, 30000}, {777, 25001}, {10, 5000}}) {
    const auto whole = locus_states(reads, ref, begin, end, 2);
    const auto parts = locus_states_parallel(reads, ref, begin, end, 2, &pool);
    ASSERT_EQ(whole.size(), parts.size());
    int active = 0;
    for (std::size_t i = 0; i < whole.size(); ++i) {
      ASSERT_EQ(std::memcmp(&whole[i].prob, &parts[i].prob, sizeof(double)), 0) << "locus " << begin + static_cast<std::int64_t>(i);
      ASSERT_EQ(std::memcmp(&whole[i].hq_soft_clips, &parts[i].hq_soft_clips, sizeof(double)), 0);
      active += whole[i].prob > 0.5;
    }
    EXPECT_GT(active, 10);
  }
}

}  // namespace
}  // namespace helicase::hc
