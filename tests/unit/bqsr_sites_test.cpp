// bqsr_sites_test.cpp -- -L regions (text, BED, Picard interval list, padding, errors) and the
// known-sites index (VCF with END, deletions, overlapping long sites, contigs by name).
#include <gtest/gtest.h>

#include <set>

#include "bqsr/intervals.hpp"
#include "bqsr/known_sites.hpp"
#include "common/error.hpp"
#include "test_util.hpp"

namespace helicase::bqsr {
namespace {

ContigDict dict() {
  ContigDict d;
  d.names = {"chr1", "chr2", "HLA-A*01:01:01:01"};
  d.lengths = {1000, 500, 300};
  return d;
}

TEST(BqsrIntervals, ParsesGatkForms) {
  test::TempDir dir;
  test::write_file(dir.file("a.bed"), "track x\nchr1\t99\t200\n# c\nchr2\t0\t10\n");
  test::write_file(dir.file("b.interval_list"), "@HD\tVN:1.6\nchr1\t500\t510\t+\tx\n");
  test::write_file(dir.file("c.list"), "chr2:400-450\n");
  IntervalOptions o;
  o.intervals = {"chr1:1,000", "HLA-A*01:01:01:01", dir.file("a.bed"), dir.file("c.list")};
  o.interval_files = {dir.file("b.interval_list")};
  o.padding = 5;
  const IntervalSet s = load_intervals(o, dict(), "the test dictionary");
  EXPECT_TRUE(s.overlaps(0, 95, 95));     // BED 99 -> 1-based 100, padded to 95
  EXPECT_FALSE(s.overlaps(0, 50, 94));
  EXPECT_TRUE(s.overlaps(0, 205, 300));    // 200 padded to 205
  EXPECT_FALSE(s.overlaps(0, 206, 494));
  EXPECT_TRUE(s.overlaps(0, 515, 515));
  EXPECT_TRUE(s.overlaps(0, 995, 995));    // chr1:1,000 padded, clamped at the end
  EXPECT_TRUE(s.overlaps(1, 1, 1));
  EXPECT_TRUE(s.overlaps(1, 455, 460));
  EXPECT_TRUE(s.overlaps(2, 150, 150));    // a contig name with colons, whole
  EXPECT_FALSE(s.overlaps(1, 100, 200));
}

TEST(BqsrIntervals, RejectsUnknownContigsAndMalformedRegions) {
  auto code = [](const std::string& region) {
    IntervalOptions o;
    o.intervals = {region};
    try {
      load_intervals(o, dict(), "the test dictionary");
    } catch (const Error& e) {
      return static_cast<int>(e.kind());
    }
    return 0;
  };
  EXPECT_EQ(code("chr3:1-10"), 3);
  EXPECT_EQ(code("chr1:5000-6000"), 3);
  EXPECT_EQ(code("chr1:x-10"), 2);
  EXPECT_EQ(code("chr1:20-10"), 2);
  EXPECT_EQ(code("chr1:10-20"), 0);
}

TEST(BqsrKnownSites, SpansAndOverlaps) {
  test::TempDir dir;
  test::write_file(dir.file("k.vcf"),
                   "##fileformat=VCFv4.2\n##INFO=<ID=END,Number=1,Type=Integer,Description=\"end\">\n"
                   "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\t\n"
                   "chr1\t100\t.\tA\tG\t.\tLowQual\t.\n"
                   "chr1\t10\t.\tA\t<DEL>\t.\t.\tEND=600\n"
                   "chr1\t300\t.\tACGT\tA\t.\t.\t.\n"
                   "chr2\t50\t.\tC\tT\t.\t.\t.\n");
  const KnownSites k({dir.file("k.vcf")}, dict());
  EXPECT_EQ(k.size(), 4u);
  auto hits = [&](int tid, std::int64_t a, std::int64_t b) {
    std::set<std::pair<std::int64_t, std::int64_t>> out;
    k.overlapping(tid, a, b, [&](const KnownSites::Site& s) { out.emplace(s.start, s.end); });
    return out;
  };
  using S = std::set<std::pair<std::int64_t, std::int64_t>>;
  EXPECT_EQ(hits(0, 90, 99), (S{{10, 600}}));                           // the long deletion (END) only
  EXPECT_EQ(hits(0, 100, 100), (S{{10, 600}, {100, 100}}));              // filtered records count too
  EXPECT_EQ(hits(0, 303, 310), (S{{10, 600}, {300, 303}}));              // REF span of a deletion
  EXPECT_EQ(hits(0, 601, 900), S{});
  EXPECT_EQ(hits(1, 1, 100), (S{{50, 50}}));
  test::write_file(dir.file("bad.vcf"), "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
                                        "chrX\t5\t.\tA\tG\t.\t.\t.\n");
  try {
    KnownSites({dir.file("bad.vcf")}, dict());
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadData);
  }
}

}  // namespace
}  // namespace helicase::bqsr
