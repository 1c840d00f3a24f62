// read_group_test.cpp -- @RG parsing, building, and the unaligned BAM header.
#include <gtest/gtest.h>

#include "common/error.hpp"
#include "fastq/ubam.hpp"
#include "io/read_group.hpp"

namespace helicase::io {
namespace {

TEST(ReadGroup, ParsesEscapedAndRealTabs) {
  const ReadGroup a = parse_read_group_line("@RG\\tID:L1\\tSM:NA12878\\tPL:ILLUMINA");
  EXPECT_EQ(a.id(), "L1");
  EXPECT_EQ(a.get("SM"), "NA12878");
  EXPECT_EQ(a.header_line(), "@RG\tID:L1\tSM:NA12878\tPL:ILLUMINA");
  const ReadGroup b = parse_read_group_line("@RG\tSM:x\tID:y");
  EXPECT_EQ(b.id(), "y");
  EXPECT_EQ(b.header_line(), "@RG\tSM:x\tID:y");
}

TEST(ReadGroup, RejectsMalformedLines) {
  for (const char* bad : {"@RG", "@RG\\tSM:x", "RG\\tID:x", "@RG\\tID:x\\tbad", "@RG\\tID:x\\tID:y", "@RG\\tID:x\\t"}) {
    try {
      parse_read_group_line(bad);
      ADD_FAILURE() << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Usage) << bad;
    }
  }
}

TEST(ReadGroup, IlluminaFlowcellLane) {
  EXPECT_EQ(illumina_flowcell_lane("HSQ1004:134:C0D8DACXX:1:1304:7855:18692"), "C0D8DACXX.1");
  EXPECT_EQ(illumina_flowcell_lane("SRR123.1"), "");
  EXPECT_EQ(illumina_flowcell_lane("a:b:c:x:1:2:3"), "");
  EXPECT_EQ(illumina_flowcell_lane("a:b:c:1:1:2"), "");
}

TEST(ReadGroup, BuildFollowsDocumentedRule) {
  ReadGroupOptions o;
  ReadGroup rg = build_read_group(o, 0, "M1:7:FC1:3:1:2:3");
  EXPECT_EQ(rg.header_line(), "@RG\tID:FC1.3\tLB:lib1\tPL:ILLUMINA\tSM:sample\tPU:FC1.3");
  o.sm = "NA1";
  o.lb = "L";
  o.pl = "BGI";
  o.id_prefix = "p-";
  rg = build_read_group(o, 1, "read17");
  EXPECT_EQ(rg.header_line(), "@RG\tID:p-rg2\tLB:L\tPL:BGI\tSM:NA1");
}

TEST(UnalignedHeader, DistinctReadGroupsOnce) {
  const auto a = parse_read_group_line("@RG\\tID:a\\tSM:s");
  const auto b = parse_read_group_line("@RG\\tID:b\\tSM:s");
  EXPECT_EQ(fastq::unaligned_header_text({a, b, a}, "@PG\tID:x"),
            "@HD\tVN:1.6\tSO:unsorted\n@RG\tID:a\tSM:s\n@RG\tID:b\tSM:s\n@PG\tID:x\n");
  const auto a2 = parse_read_group_line("@RG\\tID:a\\tSM:other");
  EXPECT_THROW(fastq::unaligned_header_text({a, a2}, "@PG\tID:x"), Error);
}

}  // namespace
}  // namespace helicase::io
