// sort_stage_test.cpp -- helicase-sort's stage: record store, header, runs and the whole job.
#include <gtest/gtest.h>

#include <htslib/sam.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "io/bam_writer.hpp"
#include "sort/hts_input.hpp"
#include "sort/record_store.hpp"
#include "sort/run_files.hpp"
#include "sort/sort_job.hpp"
#include "sort/sort_order.hpp"
#include "test_util.hpp"

namespace helicase::sort {
namespace {

using RecordPtr = std::unique_ptr<bam1_t, io::BamRecordDeleter>;

const char* kHeader = "@HD\tVN:1.6\tSO:unsorted\n@SQ\tSN:c1\tLN:100000\n@SQ\tSN:c2\tLN:100000\n@SQ\tSN:c3\tLN:500\n";

SamHeaderPtr parse_header(const std::string& text) { return SamHeaderPtr(sam_hdr_parse(text.size(), text.c_str())); }

RecordPtr parse_record(const sam_hdr_t* h, const std::string& line) {
  RecordPtr b(bam_init1());
  kstring_t s = KS_INITIALIZE;
  kputs(line.c_str(), &s);
  const int rc = sam_parse1(&s, const_cast<sam_hdr_t*>(h), b.get());
  ks_free(&s);
  if (rc < 0) throw std::runtime_error("bad test record: " + line);
  return b;
}

std::string format_record(const sam_hdr_t* h, const bam1_t* b) {
  kstring_t s = KS_INITIALIZE;
  if (sam_format1(h, b, &s) < 0) throw std::runtime_error("format failed");
  std::string out(s.s, s.l);
  ks_free(&s);
  return out;
}

// Random SAM lines: names with leading zeros, mapped, unmapped-with-mate-position and
// unplaced records, both strands, many equal positions.
std::vector<std::string> random_lines(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<std::string> lines;
  const char* contigs[] = {"c1", "c2", "c3"};
  for (std::size_t i = 0; i < n; ++i) {
    const std::string name = "r" + std::string(rng() % 2, '0') + std::to_string(rng() % (n / 2 + 1));
    const auto kind = static_cast<unsigned>(rng() % 10);
    unsigned flag = 1 | (rng() % 2 ? 0x40 : 0x80);
    std::string rname = contigs[rng() % 3];
    long pos = static_cast<long>(rng() % 400) + 1;
    if (kind == 0) {
      flag |= 0x4;  // unmapped, placed at its mate
    } else if (kind == 1) {
      flag |= 0x4 | 0x8;  // unplaced
      rname = "*";
      pos = 0;
    }
    if (kind > 1 && rng() % 2) flag |= 0x10;
    std::string seq(20 + rng() % 60, 'A');
    for (auto& c : seq) c = "ACGT"[rng() % 4];
    lines.push_back(name + "\t" + std::to_string(flag) + "\t" + rname + "\t" + std::to_string(pos) + "\t" +
                    (kind <= 1 ? "0\t*" : "60\t" + std::to_string(seq.size()) + "M") + "\t=\t" + std::to_string(pos) +
                    "\t0\t" + seq + "\t" + std::string(seq.size(), 'I') + "\tRG:Z:x" + std::to_string(i));
  }
  return lines;
}

void write_sam(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path);
  out << kHeader;
  for (const auto& l : lines) out << l << "\n";
}

std::vector<std::string> read_records(const std::string& path) {
  AlignmentReader in(path, nullptr, "");
  std::vector<std::string> out;
  RecordPtr b(bam_init1());
  while (in.next(b.get())) out.push_back(format_record(in.header(), b.get()));
  return out;
}

std::vector<std::string> reference_sort(const std::vector<std::string>& lines, SortOrder order) {
  const SamHeaderPtr h = parse_header(kHeader);
  std::vector<RecordPtr> recs;
  for (const auto& l : lines) recs.push_back(parse_record(h.get(), l));
  std::vector<std::size_t> idx(recs.size());
  std::iota(idx.begin(), idx.end(), 0);
  const auto n_ref = static_cast<std::uint32_t>(sam_hdr_nref(h.get()));
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
    return record_compare(order, n_ref, recs[a].get(), recs[b].get()) < 0;
  });
  std::vector<std::string> out;
  for (auto i : idx) out.push_back(format_record(h.get(), recs[i].get()));
  return out;
}

std::size_t entries_in(const std::filesystem::path& dir) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir), {}));
}

TEST(RecordStore, KeepsRecordsAndCountsBytes) {
  const SamHeaderPtr h = parse_header(kHeader);
  const auto lines = random_lines(50, 1);
  RecordStore store(4096);
  EXPECT_EQ(store.bytes(), 0u);
  std::size_t last = 0;
  for (const auto& l : lines) {
    RecordPtr b = parse_record(h.get(), l);
    const std::size_t before = store.bytes(), cost = store.cost_of(static_cast<std::uint32_t>(b->l_data));
    store.add(b.get());
    EXPECT_LE(store.bytes(), before + cost);
    EXPECT_GT(store.bytes(), last);
    last = store.bytes();
  }
  ASSERT_EQ(store.size(), lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    RecordPtr b = parse_record(h.get(), lines[i]);
    bam1_t v;
    store.view(i, v);
    EXPECT_EQ(format_record(h.get(), &v), format_record(h.get(), b.get()));
    EXPECT_STREQ(store.qname(i), bam_get_qname(b.get()));
    EXPECT_EQ(store.core(i).pos, b->core.pos);
  }
  store.clear();
  EXPECT_TRUE(store.empty());
}

TEST(SortedHeader, UpdatesHdAndAddsPg) {
  const SamHeaderPtr in = parse_header(
      "@HD\tVN:1.5\tSO:unsorted\tGO:query\tSS:unsorted:x\n@SQ\tSN:c\tLN:10\n@PG\tID:bwa\tPN:bwa\tVN:0.7.17\n");
  const SamHeaderPtr out = sorted_header(in.get(), SortOrder::Coordinate, "helicase-sort", "9.9", "helicase-sort -x");
  const std::string text = sam_hdr_str(out.get());
  EXPECT_EQ(text,
            "@HD\tVN:1.5\tSO:coordinate\n@SQ\tSN:c\tLN:10\n@PG\tID:bwa\tPN:bwa\tVN:0.7.17\n"
            "@PG\tID:helicase-sort\tPN:helicase-sort\tPP:bwa\tVN:9.9\tCL:helicase-sort -x\n");
  // The input header is untouched.
  EXPECT_NE(std::string(sam_hdr_str(in.get())).find("GO:query"), std::string::npos);
}

TEST(SortedHeader, AddsHdWhenMissingAndMakesIdsUnique) {
  const SamHeaderPtr in = parse_header("@SQ\tSN:c\tLN:10\n@PG\tID:helicase-sort\tPN:helicase-sort\n");
  const SamHeaderPtr out = sorted_header(in.get(), SortOrder::Queryname, "helicase-sort", "1", "cl");
  const std::string text = sam_hdr_str(out.get());
  EXPECT_EQ(text.rfind("@HD\tVN:1.6\tSO:queryname\n", 0), 0u) << text;
  EXPECT_NE(text.find("@PG\tID:helicase-sort.1\tPN:helicase-sort\tPP:helicase-sort\tVN:1\tCL:cl\n"), std::string::npos)
      << text;
}

TEST(SortOrder, Parse) {
  EXPECT_EQ(parse_sort_order("coordinate"), SortOrder::Coordinate);
  EXPECT_EQ(parse_sort_order("queryname"), SortOrder::Queryname);
  EXPECT_THROW(parse_sort_order("name"), Error);
}

TEST(MergeRuns, StableAcrossRunsAndPasses) {
  test::TempDir tmp;
  const SamHeaderPtr h = parse_header(kHeader);
  const auto lines = random_lines(900, 3);
  // Seven runs, each sorted by itself; the merge must equal one stable sort of all lines.
  std::vector<std::string> runs;
  SpillDir dir(tmp.path().string());
  for (std::size_t r = 0; r < 7; ++r) {
    const std::vector<std::string> part(lines.begin() + static_cast<std::ptrdiff_t>(r * lines.size() / 7),
                                        lines.begin() + static_cast<std::ptrdiff_t>((r + 1) * lines.size() / 7));
    runs.push_back(dir.next_run_path());
    io::BamWriter w(runs.back(), h.get(), io::BamWriterOptions{1, nullptr, "", 1, false});
    for (const auto& text : reference_sort(part, SortOrder::Coordinate)) w.write(parse_record(h.get(), text).get());
    w.close();
  }
  for (std::size_t fan_in : {2u, 3u, 64u}) {
    std::vector<std::string> copies;
    for (const auto& r : runs) {
      copies.push_back(dir.next_run_path());
      std::filesystem::copy_file(r, copies.back());
    }
    std::vector<std::string> merged;
    MergeContext ctx{SortOrder::Coordinate, h.get(), nullptr, fan_in, 0, &dir, nullptr};
    const std::size_t passes =
        merge_runs(copies, ctx, [&](const bam1_t* b) { merged.push_back(format_record(h.get(), b)); });
    EXPECT_EQ(merged, reference_sort(lines, SortOrder::Coordinate)) << "fan-in " << fan_in;
    EXPECT_EQ(passes, fan_in == 2 ? 3u : fan_in == 3 ? 2u : 1u);  // 7 -> 4 -> 2 -> out; 7 -> 3 -> out
    for (const auto& c : copies) EXPECT_FALSE(std::filesystem::exists(c));  // consumed
  }
}

TEST(SpillDir, RemovedWithEverythingInIt) {
  test::TempDir tmp;
  std::string folder;
  {
    SpillDir dir(tmp.path().string());
    EXPECT_EQ(entries_in(tmp.path()), 0u);  // nothing until a run is asked for
    const std::string run = dir.next_run_path();
    test::write_file(run, "x");
    folder = dir.path();
    EXPECT_TRUE(std::filesystem::is_directory(folder));
  }
  EXPECT_FALSE(std::filesystem::exists(folder));
  EXPECT_EQ(entries_in(tmp.path()), 0u);
}

struct JobFixture {
  test::TempDir tmp;
  ThreadPool pool{2};
  Backend backend = Backend::cpu(pool);
  Logger log{"test", LogLevel::Error};

  SortJobOptions options(const std::string& in, const std::string& out, SortOrder order, std::uint64_t limit) {
    SortJobOptions o;
    o.in = in;
    o.out = out;
    o.order = order;
    o.memory_limit = limit;
    o.threads = 2;
    o.program = "helicase-sort";
    o.version = "test";
    o.command_line = "helicase-sort test";
    o.progress = false;
    return o;
  }
};

TEST(SortJob, SpillAndInMemoryGiveTheStableSort) {
  JobFixture f;
  const auto lines = random_lines(12000, 7);
  const std::string in = f.tmp.file("in.sam");
  write_sam(in, lines);
  for (SortOrder order : {SortOrder::Coordinate, SortOrder::Queryname}) {
    const auto expected = reference_sort(lines, order);
    const std::string mem_out = f.tmp.file("mem.bam"), spill_out = f.tmp.file("spill.bam");
    const SortStats mem = run_sort_job(f.options(in, mem_out, order, 1u << 30), f.backend, f.log);
    EXPECT_EQ(mem.runs, 0u);
    EXPECT_EQ(mem.records, lines.size());
    EXPECT_EQ(read_records(mem_out), expected);
    SortJobOptions o = f.options(in, spill_out, order, 1u << 20);
    o.threads = 3;
    const SortStats spilled = run_sort_job(o, f.backend, f.log);
    EXPECT_GT(spilled.runs, 1u);
    EXPECT_EQ(read_records(spill_out), expected);
    EXPECT_EQ(test::read_file(spill_out), test::read_file(mem_out));  // same bytes
    if (order == SortOrder::Coordinate) {
      EXPECT_EQ(mem.index_path, mem_out + ".bai");
      EXPECT_EQ(test::read_file(spill_out + ".bai"), test::read_file(mem_out + ".bai"));
    } else {
      EXPECT_TRUE(mem.index_path.empty());
    }
  }
  // Only the inputs and outputs remain: no run folder, no temporary files.
  for (const auto& e : std::filesystem::directory_iterator(f.tmp.path())) {
    EXPECT_EQ(e.path().filename().string().rfind(".helicase", 0), std::string::npos) << e.path();
  }
}

TEST(SortJob, CorruptInputAfterSpillsLeavesNothing) {
  JobFixture f;
  const std::string sam = f.tmp.file("in.sam"), bam = f.tmp.file("in.bam"), out = f.tmp.file("out.bam");
  write_sam(sam, random_lines(40000, 9));
  {
    AlignmentReader in(sam, nullptr, "");
    io::BamWriter w(bam, in.header(), io::BamWriterOptions{1, nullptr, "", 0, false});  // uncompressed blocks
    RecordPtr b(bam_init1());
    while (in.next(b.get())) w.write(b.get());
    w.close();
  }
  // Damage a block near the end, keeping the end-of-file marker: the error comes after spills.
  std::string bytes = test::read_file(bam);
  for (std::size_t i = bytes.size() * 9 / 10; i < bytes.size() * 9 / 10 + 64; ++i) bytes[i] = '\x5a';
  const std::filesystem::path tmp_dir = f.tmp.path() / "spill";
  std::filesystem::create_directory(tmp_dir);
  test::write_file(bam, bytes);
  SortJobOptions o = f.options(bam, out, SortOrder::Coordinate, 1u << 20);
  o.tmp_dir = tmp_dir.string();
  try {
    run_sort_job(o, f.backend, f.log);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadData) << e.what();
    EXPECT_NE(std::string(e.what()).find("in.bam record"), std::string::npos) << e.what();
  }
  EXPECT_EQ(entries_in(tmp_dir), 0u);
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_FALSE(std::filesystem::exists(out + ".bai"));
}

TEST(SortJob, RefusesTinyLimitAndCramWithoutReference) {
  JobFixture f;
  const std::string in = f.tmp.file("in.sam");
  write_sam(in, random_lines(10, 1));
  try {
    run_sort_job(f.options(in, f.tmp.file("o.bam"), SortOrder::Coordinate, 1000), f.backend, f.log);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Usage);
  }
  try {
    run_sort_job(f.options(in, f.tmp.file("o.cram"), SortOrder::Coordinate, 1u << 20), f.backend, f.log);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Usage);
  }
}

}  // namespace
}  // namespace helicase::sort
