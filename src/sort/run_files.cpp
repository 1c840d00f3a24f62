// run_files.cpp -- temporary run folder and the stable k-way merge.
#include "sort/run_files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <memory>

#include <stdlib.h>

#include "common/error.hpp"
#include "io/bam_writer.hpp"
#include "sort/hts_input.hpp"

namespace helicase::sort {
namespace fs = std::filesystem;

SpillDir::SpillDir(std::string parent) : parent_(std::move(parent)) {}

SpillDir::~SpillDir() {
  if (dir_.empty()) return;
  std::error_code ec;
  fs::remove_all(dir_, ec);  // the folder is ours (mkdtemp): everything in it goes
}

std::string SpillDir::next_run_path() {
  if (dir_.empty()) {
    std::string tmpl = (fs::path(parent_.empty() ? "." : parent_) / ".helicase-sort.XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) {
      fail_io("cannot create a temporary folder in " + (parent_.empty() ? std::string(".") : parent_) + ": " +
              errno_text(errno));
    }
    dir_ = tmpl;
  }
  char name[32];
  std::snprintf(name, sizeof name, "run-%06zu.bam", next_++);
  return (fs::path(dir_) / name).string();
}

namespace {

// One pass: merges runs[begin, end) into sink.
void merge_pass(const std::vector<std::string>& runs, const MergeContext& ctx, const RecordSink& sink) {
  const auto n_ref = static_cast<std::uint32_t>(sam_hdr_nref(ctx.header));
  std::vector<std::unique_ptr<AlignmentReader>> readers;
  std::vector<std::unique_ptr<bam1_t, io::BamRecordDeleter>> records;
  std::vector<std::size_t> heap;
  // Decompressing on the pool reads ahead (more memory per run): only for few runs.
  hts_tpool* pool = runs.size() <= ctx.pooled_readers ? ctx.pool : nullptr;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    readers.push_back(std::make_unique<AlignmentReader>(runs[i], pool, "", ErrorKind::Io));
    records.emplace_back(bam_init1());
    if (!records.back()) fail_io("out of memory");
    if (readers.back()->next(records.back().get())) heap.push_back(i);
  }
  // A max-heap on "after": the top is the smallest record, the earliest run among equals.
  auto after = [&](std::size_t a, std::size_t b) {
    const int c = record_compare(ctx.order, n_ref, records[a].get(), records[b].get());
    return c > 0 || (c == 0 && a > b);
  };
  std::make_heap(heap.begin(), heap.end(), after);
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), after);
    const std::size_t s = heap.back();
    sink(records[s].get());
    if (readers[s]->next(records[s].get())) {
      std::push_heap(heap.begin(), heap.end(), after);
    } else {
      heap.pop_back();
    }
  }
  for (const auto& r : runs) std::remove(r.c_str());
}

}  // namespace

std::size_t merge_runs(std::vector<std::string> runs, const MergeContext& ctx, const RecordSink& sink) {
  const std::size_t fan_in = std::max<std::size_t>(2, ctx.fan_in);
  std::size_t passes = 1;
  while (runs.size() > fan_in) {
    if (ctx.log) {
      ctx.log->info("merging " + std::to_string(runs.size()) + " runs in groups of " + std::to_string(fan_in));
    }
    std::vector<std::string> next;
    for (std::size_t begin = 0; begin < runs.size(); begin += fan_in) {
      const std::size_t end = std::min(runs.size(), begin + fan_in);
      std::vector<std::string> group(runs.begin() + static_cast<std::ptrdiff_t>(begin),
                                     runs.begin() + static_cast<std::ptrdiff_t>(end));
      if (group.size() == 1) {
        next.push_back(group.front());
        continue;
      }
      next.push_back(ctx.dir->next_run_path());
      io::BamWriter out(next.back(), ctx.header, io::BamWriterOptions{1, ctx.pool, "", 1, false});
      merge_pass(group, ctx, [&out](const bam1_t* b) { out.write(b); });
      out.close();
    }
    runs.swap(next);
    ++passes;
  }
  merge_pass(runs, ctx, sink);
  return passes;
}

}  // namespace helicase::sort
