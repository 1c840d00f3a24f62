// fastq_fuzz_test.cpp -- seeded random corruption of valid FASTQ (plain, gzip, BGZF): the
// reader either succeeds or fails with a data error (exit 3), never crashes or hangs.
#include <gtest/gtest.h>

#include <random>

#include "common/error.hpp"
#include "fastq/batch_reader.hpp"
#include "test_util.hpp"

namespace helicase::fastq {
namespace {

std::string valid_fastq(unsigned seed, int n) {
  std::mt19937 rng(seed);
  std::string s;
  for (int i = 0; i < n; ++i) {
    const int len = 1 + static_cast<int>(rng() % 120);
    s += "@r" + std::to_string(i) + " 1:N:0:ACGT\n";
    for (int k = 0; k < len; ++k) s += "ACGTNacgt"[rng() % 9];
    s += "\n+\n";
    for (int k = 0; k < len; ++k) s += static_cast<char>(33 + rng() % 60);
    s += "\n";
  }
  return s;
}

std::string mutate(std::string s, std::mt19937& rng) {
  const int edits = 1 + static_cast<int>(rng() % 4);
  for (int e = 0; e < edits && !s.empty(); ++e) {
    const std::size_t at = rng() % s.size();
    switch (rng() % 4) {
      case 0: s[at] = static_cast<char>(rng() % 256); break;               // flip a byte
      case 1: s.erase(at, 1 + rng() % 8); break;                            // delete bytes
      case 2: s.insert(at, std::string(1 + rng() % 3, "\n@+\r\t\0A"[rng() % 8])); break;
      case 3: s.resize(at); break;                                          // truncate
    }
  }
  return s;
}

// Reads every record; errors propagate as helicase::Error.
void read_all(const std::string& path) {
  ThreadPool pool(2);
  FastqBatchReader reader({{path, "", ""}}, pool, BatchReaderOptions{500, {}});
  io::ReadBatch b;
  while (reader.next(b)) {
  }
}

void fuzz(const std::string& kind, unsigned seed, int rounds) {
  test::TempDir dir;
  std::mt19937 rng(seed);
  const std::string clean = valid_fastq(seed, 40);
  int failures = 0;
  for (int r = 0; r < rounds; ++r) {
    std::string bytes;
    if (kind == "plain") bytes = mutate(clean, rng);
    else if (kind == "gzip") bytes = mutate(test::gzip_member(clean), rng);
    else {
      test::write_bgzf(dir.file("clean.gz"), clean);
      bytes = mutate(test::read_file(dir.file("clean.gz")), rng);
    }
    const std::string path = dir.file("in.fq");
    test::write_file(path, bytes);
    try {
      read_all(path);
    } catch (const Error& e) {
      ASSERT_EQ(e.kind(), ErrorKind::BadData) << kind << " round " << r << ": " << e.what();
      ++failures;
    }
  }
  EXPECT_GT(failures, rounds / 4) << kind;  // most corruptions must be caught
}

TEST(FastqFuzz, PlainNeverCrashes) { fuzz("plain", 1, 400); }
TEST(FastqFuzz, GzipNeverCrashes) { fuzz("gzip", 2, 300); }
TEST(FastqFuzz, BgzfNeverCrashes) { fuzz("bgzf", 3, 300); }

}  // namespace
}  // namespace helicase::fastq
