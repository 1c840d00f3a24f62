// hc_front_reads_test.cpp -- which reads of a region go to genotyping (filterNonPassingReads)
// and how the mate's state decides soft-clip handling (finalizeRegion).
#include <gtest/gtest.h>

#include <htslib/sam.h>

#include <map>
#include <string>

#include "haplotypecaller/region_reads.hpp"
#include "hc_assembly_inputs.hpp"

namespace helicase::hc {
namespace {

TEST(HcFrontReads, MateWithoutContigOrPositionCountsAsUnmapped) {
  // GATKRead.mateIsUnmapped: the 0x8 flag, RNEXT '*' or PNEXT 0. Such a read passes
  // filterNonPassingReads' mate-on-same-contig test and has no well-defined fragment (its soft
  // clips are hard clipped); a mate placed on another contig fails the test.
  RegionRead base = test::perfect_read("TTTTACGTACGTACGTACGT", 0);
  base.pos = 1000;
  base.cigar = {bam_cigar_gen(4, BAM_CSOFT_CLIP), bam_cigar_gen(16, BAM_CMATCH)};
  base.original_end = 1016;
  base.flag = BAM_FPAIRED | BAM_FMREVERSE;
  base.tid = 0;
  base.mapq = 60;
  base.isize = 200;
  RegionRead no_contig = base, no_pos = base, other = base, same = base;
  no_contig.name = "no_contig";
  no_contig.mate_tid = -1;
  no_contig.mate_pos = 1100;
  no_pos.name = "no_pos";
  no_pos.mate_tid = 0;
  no_pos.mate_pos = -1;
  other.name = "other";
  other.mate_tid = 1;
  other.mate_pos = 1100;
  same.name = "same";
  same.mate_tid = 0;
  same.mate_pos = 1100;
  const auto fin = finalize_region_reads({no_contig, no_pos, other, same}, 900, 1200, 30);
  ASSERT_EQ(fin.size(), 4u);
  std::map<std::string, RegionRead> by;
  for (const RegionRead& r : trim_region_reads(fin, 900, 1200)) by[r.name] = r;
  ASSERT_EQ(by.size(), 4u);
  EXPECT_TRUE(by["no_contig"].for_genotyping);
  EXPECT_TRUE(by["no_pos"].for_genotyping);
  EXPECT_FALSE(by["other"].for_genotyping);
  EXPECT_TRUE(by["same"].for_genotyping);
  EXPECT_EQ(by["no_contig"].pos, 1000);  // soft clip hard clipped
  EXPECT_EQ(by["no_pos"].pos, 1000);
  EXPECT_EQ(by["same"].pos, 996);  // proper pair: soft clip reverted
}


TEST(HcFrontReads, SoftClipsAreDecidedOnTheRecordAndTailsClippedAfterwards) {
  // finalizeRegion (GATK 4.6): the soft-clip decision uses the record's own alignment; the
  // low-quality tail is clipped from the reverted read. A reverse read ending one base past
  // its mate's start is a well-defined fragment as read, not once its 3-base tail is gone.
  RegionRead r = test::perfect_read("TTACGTACGTACGTACGTAC", 0);
  r.name = "rev";
  r.pos = 1000;
  r.cigar = {bam_cigar_gen(2, BAM_CSOFT_CLIP), bam_cigar_gen(18, BAM_CMATCH)};  // aligned 1000..1017
  r.original_end = 1018;
  r.flag = BAM_FPAIRED | BAM_FREVERSE;
  r.tid = r.mate_tid = 0;
  r.mate_pos = 1016;  // mate start 1017 (1-based) < read end 1018
  r.isize = -20;
  r.mapq = 60;
  for (int i = 17; i < 20; ++i) r.quals[static_cast<std::size_t>(i)] = 5;
  const auto out = finalize_region_reads({r}, 900, 1200, 30);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].pos, 998);  // soft clip reverted
  EXPECT_EQ(out[0].bases.size(), 17u);
  EXPECT_EQ(read_end(out[0]), 1015);
}

TEST(HcFrontReads, AdaptorBoundaryOfAForwardReadStartsAtItsRevertedStart) {
  // ReadUtils.getAdaptorBoundary of the clipped read: start + |insert size|, the start being
  // the one after the leading soft clip was reverted.
  RegionRead r = test::perfect_read("TTTTACGTACGTACGTACGT", 0);
  r.name = "fwd";
  r.pos = 1000;
  r.cigar = {bam_cigar_gen(4, BAM_CSOFT_CLIP), bam_cigar_gen(16, BAM_CMATCH)};
  r.original_end = 1016;
  r.flag = BAM_FPAIRED | BAM_FMREVERSE;
  r.tid = r.mate_tid = 0;
  r.mate_pos = 1005;
  r.isize = 10;
  r.mapq = 60;
  const auto out = finalize_region_reads({r}, 900, 1200, 30);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].pos, 996);
  EXPECT_EQ(read_end(out[0]), 1006);  // bases at 996 + 10 and beyond are adaptor
  EXPECT_EQ(out[0].bases.size(), 10u);
}


TEST(HcFrontReads, OverlappingMatesArePairedAsFragmentCollectionDoes) {
  // FragmentCollection.create: in coordinate order, a read whose mate is mapped and starts (as
  // recorded) no later than the read's end waits for the next such read of its name; the two
  // are adjusted (agreeing bases capped at 20). A third record of the name (a supplementary
  // alignment) is left alone, and so are two records whose recorded mate starts past their ends.
  const std::string seq(60, 'A');
  auto rec = [&](const std::string& name, std::int64_t pos, std::uint16_t flag, std::int64_t mate_pos) {
    RegionRead r = test::perfect_read(seq, pos);
    r.name = name;
    r.original_end = pos + 60;
    r.flag = flag;
    r.tid = r.mate_tid = 0;
    r.mate_pos = mate_pos;
    r.isize = 0;  // no adaptor clipping, soft clips (none here) hard clipped
    r.mapq = 60;
    return r;
  };
  const std::uint16_t fwd = BAM_FPAIRED | BAM_FMREVERSE, rev = BAM_FPAIRED | BAM_FREVERSE;
  const std::vector<RegionRead> in{rec("p", 1000, fwd, 1030), rec("p", 1030, rev, 1000),
                                   rec("p", 1040, fwd | BAM_FSUPPLEMENTARY, 1000), rec("s", 1010, fwd, 1200),
                                   rec("s", 1020, fwd | BAM_FSUPPLEMENTARY, 1200)};
  const auto out = finalize_region_reads(in, 900, 1300, 70);
  ASSERT_EQ(out.size(), 5u);
  for (const RegionRead& r : out) {
    int capped = 0;
    for (std::uint8_t q : r.quals) capped += q == 20;
    int want = 0;  // supplementary, and the "s" records
    if (r.name == "p" && (r.pos == 1000 || r.pos == 1030)) want = 30;  // the pair's 30-base overlap
    EXPECT_EQ(capped, want) << r.name << " at " << r.pos;
  }
}


TEST(HcFrontReads, ReadStubsLeaveTheTrimmedRegion) {
  // HaplotypeCallerEngine.callRegion removes reads with fewer than 10 bases after trimming
  // before filterNonPassingReads, so they are neither genotyped nor annotated; a read of 10
  // bases stays, and one with MQ 19 stays for the annotations only.
  auto rec = [](const std::string& name, std::int64_t pos, int mapq) {
    RegionRead r = test::perfect_read(std::string(30, 'C'), pos);
    r.name = name;
    r.mapq = mapq;
    return r;
  };
  const std::vector<RegionRead> in{rec("stub", 1091, 60), rec("ten", 1090, 60), rec("lowmq", 1090, 19)};
  const auto out = trim_region_reads(in, 1000, 1100);  // clipped at 1099: 9, 10 and 10 bases
  ASSERT_EQ(out.size(), 2u);
  std::map<std::string, RegionRead> by;
  for (const RegionRead& r : out) by[r.name] = r;
  ASSERT_TRUE(by.count("ten") && by.count("lowmq"));
  EXPECT_EQ(by["ten"].bases.size(), 10u);
  EXPECT_TRUE(by["ten"].for_genotyping);
  EXPECT_FALSE(by["lowmq"].for_genotyping);
}

}  // namespace
}  // namespace helicase::hc
