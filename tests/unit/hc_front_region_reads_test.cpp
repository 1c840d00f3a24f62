// hc_front_region_reads_test.cpp -- finalize_region_reads against GATK 4.6.2.0's
// AssemblyBasedCallerUtils.finalizeRegion worked by hand: soft clips are handled before the
// low-quality tails, the adaptor boundary comes from the clipped read, reads are ordered by
// ReadCoordinateComparator, and overlapping mates are compared from the read index of the
// second read's start (ReadUtils.getReadIndexForReferenceCoordinate).
#include <gtest/gtest.h>

#include <htslib/sam.h>

#include "haplotypecaller/region_reads.hpp"
#include "hc_assembly_inputs.hpp"

namespace helicase::hc {
namespace {

RegionRead make_read(const std::string& name, const std::string& bases, std::int64_t pos,
                     std::vector<std::uint32_t> cigar) {
  RegionRead r = test::perfect_read(bases, pos);
  r.name = name;
  r.cigar = std::move(cigar);
  r.original_end = read_end(r);
  r.tid = 0;
  r.mate_tid = 0;  // RNEXT '=': a paired read's mate counts as mapped (GATKRead.mateIsUnmapped)
  return r;
}

TEST(HcFrontRegionReads, SoftClipsAreHardClippedBeforeLowQualityTails) {
  // Unpaired (no well-defined fragment): 4S16M; the soft clip is Q30 but the first two aligned
  // bases are Q5. GATK hard clips the soft clip first, then clips the Q5 bases as a low-quality
  // tail: 14 bases from 1002. Clipping tails first would stop at the Q30 soft clip and keep them.
  RegionRead r = make_read("a", "TTTTACGTACGTACGTACGT", 1000,
                           {bam_cigar_gen(4, BAM_CSOFT_CLIP), bam_cigar_gen(16, BAM_CMATCH)});
  r.quals[4] = 5;
  r.quals[5] = 5;
  const auto out = finalize_region_reads({r}, 900, 1200, 30);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].pos, 1002);
  EXPECT_EQ(out[0].bases, "GTACGTACGTACGT");
}

TEST(HcFrontRegionReads, AdaptorBoundaryUsesTheRevertedStart) {
  // Forward read at 1000 with 4S56M, mate reverse at 1040, insert size 50: the fragment is well
  // defined, the soft clip is reverted (start 996) and getAdaptorBoundary = start + |isize|
  // (996 + 50) of that read: bases from 1046 on are adaptor, 50 bases remain.
  std::string bases(60, 'A');
  RegionRead r = make_read("a", bases, 1000, {bam_cigar_gen(4, BAM_CSOFT_CLIP), bam_cigar_gen(56, BAM_CMATCH)});
  r.flag = BAM_FPAIRED | BAM_FMREVERSE;
  r.mate_pos = 1040;
  r.isize = 50;
  const auto out = finalize_region_reads({r}, 900, 1200, 100);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].pos, 996);
  EXPECT_EQ(out[0].bases.size(), 50u);
  EXPECT_EQ(read_end(out[0]), 1046);
}

TEST(HcFrontRegionReads, OverlappingMatesStartAfterAnInsertionAtTheMateStart) {
  // First mate 10M2I10M at 100 (ref 100-119), second mate 12M at 110. The read index of ref 110
  // in the first mate is 12 (after the insertion), so its C's (12-21) meet the second mate's
  // C's (0-9): 10 bases capped at Q20; the inserted GG and the mate's TT keep Q30.
  RegionRead a = make_read("p", std::string(10, 'A') + "GG" + std::string(10, 'C'), 100,
                           {bam_cigar_gen(10, BAM_CMATCH), bam_cigar_gen(2, BAM_CINS), bam_cigar_gen(10, BAM_CMATCH)});
  RegionRead b = make_read("p", std::string(10, 'C') + "TT", 110, {bam_cigar_gen(12, BAM_CMATCH)});
  a.flag = BAM_FPAIRED | BAM_FMREVERSE;
  a.mate_pos = 110;
  a.isize = 22;
  b.flag = BAM_FPAIRED | BAM_FREVERSE;
  b.mate_pos = 100;
  b.isize = -22;
  const auto out = finalize_region_reads({a, b}, 50, 300, 30);
  ASSERT_EQ(out.size(), 2u);
  const RegionRead& f = out[0];
  const RegionRead& s = out[1];
  ASSERT_EQ(f.pos, 100);
  for (std::size_t i = 0; i < 12; ++i) EXPECT_EQ(f.quals[i], 30) << i;
  for (std::size_t i = 12; i < 22; ++i) EXPECT_EQ(f.quals[i], 20) << i;
  for (std::size_t i = 0; i < 10; ++i) EXPECT_EQ(s.quals[i], 20) << i;
  EXPECT_EQ(s.quals[10], 30);
  EXPECT_EQ(s.quals[11], 30);
}

TEST(HcFrontRegionReads, ConflictingOverlapBasesBecomeZeroAndNonMatesAreLeftAlone) {
  // Mates overlapping at 110-119 with one differing base (ref 115): both get Q0 there and Q20
  // elsewhere in the overlap. A third read of another name over the same span is untouched.
  RegionRead a = make_read("p", std::string(20, 'A'), 100, {bam_cigar_gen(20, BAM_CMATCH)});
  std::string sb(20, 'A');
  sb[5] = 'G';
  RegionRead b = make_read("p", sb, 110, {bam_cigar_gen(20, BAM_CMATCH)});
  RegionRead c = make_read("q", std::string(20, 'A'), 105, {bam_cigar_gen(20, BAM_CMATCH)});
  a.flag = BAM_FPAIRED | BAM_FMREVERSE;
  a.mate_pos = 110;
  a.isize = 30;
  b.flag = BAM_FPAIRED | BAM_FREVERSE;
  b.mate_pos = 100;
  b.isize = -30;
  const auto out = finalize_region_reads({a, c, b}, 50, 300, 30);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].name, "p");
  EXPECT_EQ(out[1].name, "q");
  EXPECT_EQ(out[0].quals[9], 30);
  EXPECT_EQ(out[0].quals[10], 20);
  EXPECT_EQ(out[0].quals[15], 0);
  EXPECT_EQ(out[2].quals[5], 0);
  EXPECT_EQ(out[2].quals[4], 20);
  EXPECT_EQ(out[2].quals[10], 30);
  for (auto q : out[1].quals) EXPECT_EQ(q, 30);
}

TEST(HcFrontRegionReads, ReadsAreOrderedByReadCoordinateComparator) {
  // Same start: forward before reverse, then by name, whatever the input order.
  RegionRead r1 = make_read("b", "ACGTACGTAC", 100, {bam_cigar_gen(10, BAM_CMATCH)});
  RegionRead r2 = r1;
  r2.name = "a";
  r2.flag = BAM_FREVERSE;
  RegionRead r3 = r1;
  r3.name = "c";
  RegionRead r4 = r1;
  r4.name = "a";
  const auto out = finalize_region_reads({r2, r3, r1, r4}, 50, 300, 30);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[0].name, "a");
  EXPECT_EQ(out[0].flag & BAM_FREVERSE, 0);
  EXPECT_EQ(out[1].name, "b");
  EXPECT_EQ(out[2].name, "c");
  EXPECT_EQ(out[3].name, "a");
  EXPECT_NE(out[3].flag & BAM_FREVERSE, 0);
}

}  // namespace
}  // namespace helicase::hc
