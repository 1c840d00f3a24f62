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

}  // namespace
}  // namespace helicase::hc
