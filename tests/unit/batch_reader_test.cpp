// batch_reader_test.cpp -- lanes to batches: pairing checks and batch-size independence.
#include <gtest/gtest.h>

#include <random>

#include "common/error.hpp"
#include "fastq/batch_reader.hpp"
#include "test_util.hpp"

namespace helicase::fastq {
namespace {

std::string fastq(int n, int mate, unsigned seed, int len = 50, bool casava = false) {
  std::mt19937 rng(seed);
  std::string s;
  for (int i = 0; i < n; ++i) {
    s += "@read" + std::to_string(i) + (casava ? " " + std::to_string(mate) + ":N:0:1" : "/" + std::to_string(mate)) + "\n";
    const int l = len + static_cast<int>(rng() % 7);
    for (int k = 0; k < l; ++k) s += "ACGTN"[rng() % 5];
    s += "\n+\n";
    for (int k = 0; k < l; ++k) s += static_cast<char>('#' + rng() % 40);
    s += "\n";
  }
  return s;
}

std::vector<io::ReadBatch> read_batches(const std::vector<FastqLane>& lanes, std::uint64_t batch_bases, unsigned threads = 2) {
  ThreadPool pool(threads);
  FastqBatchReader reader(lanes, pool, BatchReaderOptions{batch_bases, {}});
  std::vector<io::ReadBatch> out;
  io::ReadBatch b;
  while (reader.next(b)) out.push_back(b);
  return out;
}

std::string flatten(const std::vector<io::ReadBatch>& batches) {
  std::string s;
  for (const auto& b : batches) {
    for (std::size_t i = 0; i < b.fragments(); ++i) {
      for (int m = 0; m < (b.paired ? 2 : 1); ++m) {
        s += std::to_string(b.lane) + ":" + std::to_string(m) + ":" + std::string(b.mate[m].name(i)) + ":" +
             std::string(b.mate[m].seq(i)) + ":" + std::string(b.mate[m].qual(i)) + "\n";
      }
    }
  }
  return s;
}

std::string error_of(const std::vector<FastqLane>& lanes) {
  try {
    read_batches(lanes, 1000);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadData);
    return e.what();
  }
  return "";
}

TEST(StripMateSuffix, OnlyTrailingMateNumbers) {
  EXPECT_EQ(strip_mate_suffix("a/1"), "a");
  EXPECT_EQ(strip_mate_suffix("a/2"), "a");
  EXPECT_EQ(strip_mate_suffix("a/3"), "a/3");
  EXPECT_EQ(strip_mate_suffix("/1"), "/1");
  EXPECT_EQ(strip_mate_suffix("a1"), "a1");
}

TEST(FastqBatchReader, BatchBoundariesDoNotChangeReads) {
  test::TempDir dir;
  test::write_file(dir.file("a1.fq"), fastq(500, 1, 1));
  test::write_file(dir.file("a2.fq"), fastq(500, 2, 2));
  test::write_file(dir.file("b.fq"), fastq(77, 1, 3));
  const std::vector<FastqLane> lanes = {{dir.file("a1.fq"), dir.file("a2.fq"), ""}, {dir.file("b.fq"), "", ""}};
  const auto big = read_batches(lanes, 1'000'000);
  ASSERT_EQ(big.size(), 2u);  // batches never span lanes
  EXPECT_EQ(big[0].fragments(), 500u);
  EXPECT_TRUE(big[0].paired);
  EXPECT_FALSE(big[1].paired);
  EXPECT_EQ(big[1].first_fragment, 500u);
  EXPECT_EQ(big[0].mate[0].name(0), "read0");  // "/1" stripped
  for (std::uint64_t bb : {1ull, 100ull, 999ull, 5000ull}) {
    for (unsigned threads : {1u, 3u}) {
      const auto small = read_batches(lanes, bb, threads);
      EXPECT_TRUE(flatten(small) == flatten(big)) << bb;
      for (std::size_t i = 0; i < small.size(); ++i) EXPECT_EQ(small[i].index, i);
    }
  }
}

TEST(FastqBatchReader, BatchClosesAtBaseCount) {
  test::TempDir dir;
  std::string s;
  for (int i = 0; i < 10; ++i) s += "@r" + std::to_string(i) + "\nACGTACGTAC\n+\nIIIIIIIIII\n";
  test::write_file(dir.file("se.fq"), s);
  const auto batches = read_batches({{dir.file("se.fq"), "", ""}}, 25);
  ASSERT_EQ(batches.size(), 4u);  // 3 reads (30 bases) per batch, then 1
  EXPECT_EQ(batches[0].fragments(), 3u);
  EXPECT_EQ(batches[3].fragments(), 1u);
  EXPECT_EQ(batches[3].first_fragment, 9u);
}

TEST(FastqBatchReader, NameMismatch) {
  test::TempDir dir;
  std::string r2 = fastq(5, 2, 2);
  r2.replace(r2.find("@read3/2"), 8, "@readX/2");
  test::write_file(dir.file("1.fq"), fastq(5, 1, 1));
  test::write_file(dir.file("2.fq"), r2);
  const std::string e = error_of({{dir.file("1.fq"), dir.file("2.fq"), ""}});
  EXPECT_NE(e.find("2.fq record 4: read name 'readX/2' does not match 'read3/1'"), std::string::npos) << e;
}

TEST(FastqBatchReader, UnequalRecordCounts) {
  test::TempDir dir;
  test::write_file(dir.file("1.fq"), fastq(5, 1, 1));
  test::write_file(dir.file("2.fq"), fastq(4, 2, 2));
  std::string e = error_of({{dir.file("1.fq"), dir.file("2.fq"), ""}});
  EXPECT_NE(e.find("2.fq ends after 4 records but"), std::string::npos) << e;
  test::write_file(dir.file("short1.fq"), fastq(4, 1, 1));
  test::write_file(dir.file("long2.fq"), fastq(5, 2, 2));
  e = error_of({{dir.file("short1.fq"), dir.file("long2.fq"), ""}});
  EXPECT_NE(e.find("short1.fq ends after 4 records but"), std::string::npos) << e;
}

TEST(FastqBatchReader, CasavaMatesChecked) {
  test::TempDir dir;
  test::write_file(dir.file("1.fq"), fastq(3, 1, 1, 50, true));
  test::write_file(dir.file("2.fq"), fastq(3, 2, 2, 50, true));
  EXPECT_EQ(error_of({{dir.file("1.fq"), dir.file("2.fq"), ""}}), "");
  const std::string e = error_of({{dir.file("2.fq"), dir.file("1.fq"), ""}});
  EXPECT_NE(e.find("files swapped?"), std::string::npos) << e;
}

TEST(FastqBatchReader, SlashMatesSwapped) {
  test::TempDir dir;
  test::write_file(dir.file("1.fq"), fastq(3, 1, 1));
  test::write_file(dir.file("2.fq"), fastq(3, 2, 2));
  const std::string e = error_of({{dir.file("2.fq"), dir.file("1.fq"), ""}});
  EXPECT_NE(e.find("read names end in /2 in R1 and /1 in R2 (files swapped?)"), std::string::npos) << e;
}

TEST(FastqBatchReader, SameFileTwiceIsUsageError) {
  test::TempDir dir;
  test::write_file(dir.file("1.fq"), fastq(3, 1, 1));
  ThreadPool pool(1);
  FastqBatchReader reader({{dir.file("1.fq"), dir.file("1.fq"), ""}}, pool);
  io::ReadBatch b;
  try {
    reader.next(b);
    FAIL();
  } catch (const Error& err) {
    EXPECT_EQ(err.kind(), ErrorKind::Usage);
  }
}

TEST(FastqBatchReader, PeekFirstName) {
  test::TempDir dir;
  test::write_file(dir.file("1.fq"), fastq(3, 1, 1));
  test::write_file(dir.file("e.fq"), "");
  ThreadPool pool(1);
  EXPECT_EQ(FastqBatchReader::peek_first_name({dir.file("1.fq"), "", ""}, pool), "read0");
  EXPECT_EQ(FastqBatchReader::peek_first_name({dir.file("e.fq"), "", ""}, pool), "");
}

}  // namespace
}  // namespace helicase::fastq
