// markdup_kernel_test.cpp -- the read-end key kernel: scores, unclipped 5' ends, read-name
// parsing and Murmur3 as Picard 2.27.5 / htsjdk compute them (expected values from Java),
// and the CPU launcher equal to the per-item function for any thread count.
#include <gtest/gtest.h>

#include "markdup/read_end_key_launch.hpp"
#include "markdup_test_batch.hpp"

namespace helicase::kernels {
namespace {

using test::FlatRecords;
using test::KeyOutputs;

KeyOutputs keys_of(const FlatRecords& r, DuplicateScoring s) {
  KeyOutputs out(r.flag.size());
  ReadEndKeyParams p;
  p.scoring = s;
  const ReadEndKeys o = out.view();
  for (std::size_t i = 0; i < r.flag.size(); ++i) read_end_key_one(r.view(), i, p, o);
  return out;
}

TEST(MarkdupKernel, UnclippedFivePrimeEnds) {
  FlatRecords r;
  r.add(0, 99, "5S10M2D3M4H", {}, "a");            // forward: 100 - 5
  r.add(kFlagReverse, 99, "5S10M2D3M4H", {}, "b");  // reverse: 100 + 15 - 1 + 4
  r.add(kFlagReverse, 99, "10S", {}, "c");          // no reference bases: end = start - 1 + 10
  r.add(0, 0, "3H2S5M", {}, "d");                   // before the contig start: 1 - 5
  const KeyOutputs k = keys_of(r, DuplicateScoring::SumOfBaseQualities);
  EXPECT_EQ(k.coordinate, (std::vector<std::int32_t>{95, 118, 109, -4}));
  EXPECT_EQ(k.reverse, (std::vector<std::uint8_t>{0, 1, 1, 0}));
}

TEST(MarkdupKernel, SumOfBaseQualitiesCapAndQcPenalty) {
  FlatRecords r;
  r.add(0, 0, "3M", {30, 14, 15}, "a");                 // only q >= 15 counts
  r.add(0, 0, "3M", {200, 255, 40}, "b");               // bytes >= 128 are negative in Java
  r.add(0, 0, "3M", std::vector<std::uint8_t>(1000, 40), "c");  // capped at 16383
  r.add(kFlagQcFail, 0, "3M", {30, 30}, "d");           // 60 - 16384
  r.add(kFlagQcFail, 0, "3M", std::vector<std::uint8_t>(1000, 40), "e");
  r.add(0, 0, "3M", {}, "f");                           // no qualities
  const KeyOutputs k = keys_of(r, DuplicateScoring::SumOfBaseQualities);
  EXPECT_EQ(k.score, (std::vector<std::int16_t>{45, 40, 16383, 60 - 16384, -1, 0}));
}

TEST(MarkdupKernel, TotalMappedReferenceLength) {
  FlatRecords r;
  r.add(0, 0, "5S10M2D3N4=5X1I7S", {}, "a");  // M D N = X
  r.add(0, 0, "20000M", {}, "b");
  r.add(kFlagQcFail, 0, "10M", {}, "c");
  const KeyOutputs k = keys_of(r, DuplicateScoring::TotalMappedReferenceLength);
  EXPECT_EQ(k.score, (std::vector<std::int16_t>{24, 16383, 10 - 16384}));
}

TEST(MarkdupKernel, RandomScoreFromMurmur3OfTheName) {
  // htsjdk Murmur3(1).hashUnencodedChars() values, from Java.
  EXPECT_EQ(murmur3_chars("", 0), 1364076727);
  EXPECT_EQ(murmur3_chars("a", 1), -810024386);
  EXPECT_EQ(murmur3_chars("ab", 2), -162507142);
  EXPECT_EQ(murmur3_chars("abc", 3), -1360610880);
  EXPECT_EQ(murmur3_chars("SIM01:77:FCX:1:1101:10025:32904", 31), -373181170);
  EXPECT_EQ(murmur3_chars("read\xe9", 5), -1743295111);
  FlatRecords r;
  r.add(0, 0, "3M", {}, "abc");
  r.add(kFlagQcFail, 0, "3M", {}, "abc");
  const KeyOutputs k = keys_of(r, DuplicateScoring::Random);
  const std::int16_t expect = static_cast<std::int16_t>((-1360610880 & 0x3fff) + 8192);
  EXPECT_EQ(k.score, (std::vector<std::int16_t>{expect, static_cast<std::int16_t>(expect - 16384)}));
}

TEST(MarkdupKernel, DefaultReadNameParsing) {
  auto parse = [](const std::string& name) {
    FlatRecords r;
    r.add(0, 0, "1M", {}, name);
    const KeyOutputs k = keys_of(r, DuplicateScoring::SumOfBaseQualities);
    return std::vector<int>{k.parsed[0], k.tile[0], k.x[0], k.y[0]};
  };
  EXPECT_EQ(parse("HSQ1004:134:C0D8DACXX:4:1304:21341:94622"), (std::vector<int>{1, 1304, 21341, 94622 - 65536}));
  EXPECT_EQ(parse("C4N4WACXX140821:8:1112:2344:1984"), (std::vector<int>{1, 1112, 2344, 1984}));  // 5 fields
  EXPECT_EQ(parse("a:b:1:2:3:4"), (std::vector<int>{0, -1, -1, -1}));      // 6 fields
  EXPECT_EQ(parse("1:2:3"), (std::vector<int>{0, -1, -1, -1}));            // 3 fields
  EXPECT_EQ(parse("M:1:FC:1:12x:-5:7#0/1"), (std::vector<int>{1, 12, -5, 7}));  // digits up to a non-digit
  EXPECT_EQ(parse("M:1:FC:1:12:x5:7"), (std::vector<int>{0, -1, -1, -1}));     // a field without digits
  EXPECT_EQ(parse("M:1:FC:1:12:5:"), (std::vector<int>{0, -1, -1, -1}));       // an empty last field
  EXPECT_EQ(parse("a:b:c:65535:1:2"), (std::vector<int>{0, -1, -1, -1}));      // 6 fields
  EXPECT_EQ(parse("a:b:65535:1:2"), (std::vector<int>{1, -1, 1, 2}));  // tile wraps to -1: "no location" later
  EXPECT_EQ(parse("a:b:4294967297:1:2"), (std::vector<int>{1, 1, 1, 2}));  // int overflow wraps as in Java
  std::int32_t t[3];
  bool ok = true;
  EXPECT_EQ(last_three_fields(":1:2:3:4", 8, t, ok), 4);  // a leading ':' ends the first field
  EXPECT_TRUE(ok);
}

TEST(MarkdupKernel, CpuLauncherEqualsPerItemForAnyThreadCount) {
  const FlatRecords r = test::random_records(20'000, 7);
  for (auto s : {DuplicateScoring::SumOfBaseQualities, DuplicateScoring::TotalMappedReferenceLength,
                 DuplicateScoring::Random}) {
    const KeyOutputs expect = keys_of(r, s);
    for (unsigned threads : {1u, 2u, 5u}) {
      ThreadPool pool(threads);
      KeyOutputs got(r.flag.size());
      ReadEndKeyParams p;
      p.scoring = s;
      read_end_keys_cpu(r.view(), p, got.view(), pool);
      EXPECT_TRUE(got == expect) << "threads " << threads;
    }
  }
}

}  // namespace
}  // namespace helicase::kernels
