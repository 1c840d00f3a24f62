// common_test.cpp -- errors, options, thread pool, atomic files, progress and JSON.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <sstream>

#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "common/json_writer.hpp"
#include "common/options.hpp"
#include "common/progress.hpp"
#include "common/thread_pool.hpp"
#include "test_util.hpp"

namespace helicase {
namespace {

TEST(Error, ExitCodesMatchArchitecture) {
  EXPECT_EQ(exit_code(ErrorKind::Usage), 2);
  EXPECT_EQ(exit_code(ErrorKind::BadData), 3);
  EXPECT_EQ(exit_code(ErrorKind::Io), 4);
  EXPECT_EQ(exit_code(ErrorKind::Gpu), 5);
  EXPECT_EQ(exit_code(ErrorKind::Internal), 70);
  try {
    fail_data("x");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadData);
    EXPECT_STREQ(e.what(), "x");
  }
}

TEST(Error, WithCommas) {
  EXPECT_EQ(with_commas(0), "0");
  EXPECT_EQ(with_commas(999), "999");
  EXPECT_EQ(with_commas(1000), "1,000");
  EXPECT_EQ(with_commas(25839), "25,839");
  EXPECT_EQ(with_commas(1204331), "1,204,331");
  EXPECT_EQ(with_commas(100000000), "100,000,000");
}

TEST(Options, ParseSize) {
  EXPECT_EQ(parse_size("8G"), 8ull << 30);
  EXPECT_EQ(parse_size("512m"), 512ull << 20);
  EXPECT_EQ(parse_size("1.5GB"), 3ull << 29);
  EXPECT_EQ(parse_size("1000"), 1000u);
  for (const char* bad : {"", "G", "-1G", "8X", "abc", "0"}) {
    EXPECT_THROW(parse_size(bad), Error) << bad;
  }
}

TEST(Options, RewritesGatkShortNames) {
  const std::vector<std::string> in = {"-OQ", "-ip", "100", "-stand-call-conf=30", "-L", "20:1-2", "--in-bam", "-x"};
  const std::vector<std::string> want = {"--use-original-qualities", "--interval-padding", "100",
                                         "--stand-call-conf=30", "-L", "20:1-2", "--in-bam", "-x"};
  EXPECT_EQ(rewrite_gatk_short_names(in), want);
}

TEST(Options, FastqLanes) {
  FastqInputOptions o;
  o.in_fq = {{"a_1.fq", "a_2.fq"}, {"b_1.fq", "b_2.fq"}};
  o.in_se_fq = {{"c.fq"}};
  const auto lanes = o.lanes();
  ASSERT_EQ(lanes.size(), 3u);
  EXPECT_TRUE(lanes[0].paired());
  EXPECT_FALSE(lanes[2].paired());

  FastqInputOptions mixed;
  mixed.in_fq = {{"a_1.fq", "a_2.fq", "@RG\\tID:a"}, {"b_1.fq", "b_2.fq"}};
  EXPECT_THROW(mixed.lanes(), Error);
  FastqInputOptions none;
  EXPECT_THROW(none.lanes(), Error);
  FastqInputOptions bad_rg;
  bad_rg.in_fq = {{"a_1.fq", "a_2.fq", "ID:a"}};
  EXPECT_THROW(bad_rg.lanes(), Error);
  FastqInputOptions rg_as_file;
  rg_as_file.in_fq = {{"a_1.fq", "@RG\\tID:a"}};
  EXPECT_THROW(rg_as_file.lanes(), Error);
}

TEST(Options, FastqLanesKeepCommandLineOrder) {
  CLI::App app;
  FastqInputOptions o;
  add_fastq_inputs(app, o);
  std::vector<std::string> args = {"--in-se-fq", "s1.fq", "--in-fq", "a1", "a2", "--in-fq", "b1", "b2",
                                   "--in-se-fq", "s2.fq", "--in-fq", "c1", "c2"};
  std::reverse(args.begin(), args.end());
  app.parse(args);
  const auto lanes = o.lanes();
  std::string order;
  for (const auto& l : lanes) order += l.r1 + " ";
  EXPECT_EQ(order, "s1.fq a1 b1 s2.fq c1 ");
}

TEST(Options, CommonOptionsParse) {
  CLI::App app;
  CommonOptions o;
  add_common_options(app, o);
  app.parse(std::vector<std::string>{"gpu", "--device", "3", "--num-threads"});  // reversed order
  EXPECT_EQ(o.num_threads, 3u);
  EXPECT_EQ(o.device, "gpu");
  CLI::App app2;
  CommonOptions o2;
  add_common_options(app2, o2);
  EXPECT_THROW(app2.parse(std::vector<std::string>{"tpu", "--device"}), CLI::ParseError);
}

TEST(ThreadPool, ParallelForVisitsEveryIndexOnce) {
  for (unsigned threads : {1u, 2u, 4u}) {
    ThreadPool pool(threads);
    std::vector<std::atomic<int>> hits(1000);
    pool.parallel_for(hits.size(), [&](std::size_t i) { hits[i]++; }, 7);
    for (auto& h : hits) EXPECT_EQ(h.load(), 1);
  }
}

TEST(ThreadPool, RethrowsLowestIndexError) {
  ThreadPool pool(4);
  try {
    pool.parallel_for(100, [](std::size_t i) {
      if (i == 10 || i == 90) fail_data("item " + std::to_string(i));
    });
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "item 10");
  }
}

TEST(ThreadPool, SubmitRunsTask) {
  ThreadPool pool(1);
  int x = 0;
  pool.submit([&] { x = 42; }).get();
  EXPECT_EQ(x, 42);
}

TEST(AtomicOutput, CommitRenames) {
  test::TempDir dir;
  const std::string target = dir.file("out.txt");
  {
    AtomicOutput out(target);
    EXPECT_NE(out.temp_path(), target);
    test::write_file(out.temp_path(), "hello");
    EXPECT_FALSE(std::filesystem::exists(target));
    out.commit();
  }
  EXPECT_EQ(test::read_file(target), "hello");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(AtomicOutput, RemovedWithoutCommit) {
  test::TempDir dir;
  const std::string target = dir.file("out.txt");
  test::write_file(target, "old");
  try {
    AtomicOutput out(target);
    test::write_file(out.temp_path(), "partial");
    fail_io("disk full");
  } catch (const Error&) {
  }
  EXPECT_EQ(test::read_file(target), "old");  // the previous file is untouched
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(AtomicOutput, MissingFolderIsIoError) {
  try {
    AtomicOutput out("/nonexistent-folder-xyz/out.bam");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Io);
  }
}

TEST(Progress, FormatLine) {
  EXPECT_EQ(Progress::format_line("reading", "B", 500, 1000, 10.0, false),
            "reading:  50.0% 500 B, 50 B/s, ETA 0m10s");
  EXPECT_EQ(Progress::format_line("reading", " reads", 2'000'000, 0, 2.0, false),
            "reading: 2.00 M reads, 1.00 M reads/s");
  const std::string bar = Progress::format_line("x", "B", 1, 2, 1.0, true);
  EXPECT_NE(bar.find("[###############               ]"), std::string::npos) << bar;
}

TEST(JsonWriter, NestedAndEscaped) {
  std::ostringstream s;
  JsonWriter j(s);
  j.begin_object().key("a").value(std::uint64_t{1}).key("b").begin_array().value("x\"y\n").raw("1.50").end_array();
  j.key("c").begin_object().end_object().end_object();
  EXPECT_EQ(s.str(), "{\n  \"a\": 1,\n  \"b\": [\n    \"x\\\"y\\n\",\n    1.50\n  ],\n  \"c\": {}\n}");
}

}  // namespace
}  // namespace helicase
