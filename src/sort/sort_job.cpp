// sort_job.cpp -- read, sort in bounded chunks, spill, merge, write with index.
#include "sort/sort_job.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <memory>
#include <vector>

#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "common/progress.hpp"
#include "io/bam_writer.hpp"
#include "sort/hts_input.hpp"
#include "sort/record_store.hpp"
#include "sort/run_files.hpp"
#include "sortkey/sort_key_launch.hpp"

namespace helicase::sort {
namespace fs = std::filesystem;

namespace {

// What one open run costs while merging: BGZF's compressed and uncompressed block
// buffers, the file buffer and a record.
constexpr std::uint64_t kRunReaderBytes = 256u << 10;
// ... and when its blocks are decompressed ahead on the thread pool.
constexpr std::uint64_t kPooledRunReaderBytes = 8u << 20;
constexpr std::size_t kMaxFanIn = 256;
// Chunks hold fewer records than the sort's 32-bit indices can name.
constexpr std::size_t kMaxChunkRecords = std::numeric_limits<std::uint32_t>::max();

std::size_t fan_in_for(std::uint64_t memory_limit) {
  std::size_t fan_in = static_cast<std::size_t>(std::min<std::uint64_t>(kMaxFanIn, memory_limit / kRunReaderBytes));
  rlimit files{};
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY && files.rlim_cur > 64) {
    fan_in = std::min<std::size_t>(fan_in, static_cast<std::size_t>(files.rlim_cur / 2));
  }
  return std::max<std::size_t>(2, fan_in);
}

std::string folder_of(const std::string& path) {
  const fs::path dir = fs::path(path).parent_path();
  return dir.empty() ? std::string(".") : dir.string();
}

void check_tmp_dir(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) fail_io("temporary folder " + dir + " does not exist");
  if (::access(dir.c_str(), W_OK | X_OK) != 0) fail_io("temporary folder " + dir + " is not writable: " + errno_text(errno));
}

// The stable permutation that sorts the chunk.
std::vector<std::uint32_t> sort_chunk(const RecordStore& store, SortOrder order, std::uint32_t n_ref,
                                      kernels::RecordSorter& sorter) {
  const std::size_t n = store.size();
  std::vector<std::uint32_t> perm;
  std::vector<std::uint16_t> flag(n);
  for (std::size_t i = 0; i < n; ++i) flag[i] = store.core(i).flag;
  if (order == SortOrder::Coordinate) {
    std::vector<std::int32_t> tid(n);
    std::vector<std::int64_t> pos(n);
    for (std::size_t i = 0; i < n; ++i) {
      tid[i] = store.core(i).tid;
      pos[i] = store.core(i).pos;
    }
    sorter.sort_coordinate(kernels::CoordBatchView{tid.data(), pos.data(), flag.data(), n, n_ref}, perm);
  } else {
    std::vector<const char*> names(n);
    for (std::size_t i = 0; i < n; ++i) names[i] = store.qname(i);
    sorter.sort_queryname(kernels::QnameBatchView{names.data(), flag.data(), n}, perm);
  }
  if (perm.size() != n) fail_internal("sort returned " + std::to_string(perm.size()) + " of " + std::to_string(n));
  return perm;
}

void write_sorted(const RecordStore& store, const std::vector<std::uint32_t>& perm, io::BamWriter& out) {
  constexpr std::size_t kAhead = 8;
  bam1_t view;
  for (std::size_t k = 0; k < perm.size(); ++k) {
    if (k + kAhead < perm.size()) store.prefetch(perm[k + kAhead]);
    store.view(perm[k], view);
    out.write(&view);
  }
}

}  // namespace

std::uint64_t default_memory_limit() {
  const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page <= 0) return std::uint64_t{2} << 30;
  return std::max<std::uint64_t>(kMinMemoryLimit, static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page) / 2);
}

SortJob::SortJob(SortJobOptions options, Logger& log) : o_(std::move(options)), log_(log) {
  if (o_.memory_limit < kMinMemoryLimit) fail_usage("--memory-limit must be at least 1M");
  const io::AlignmentFormat out_format = io::alignment_format_for(o_.out);
  if (out_format == io::AlignmentFormat::Cram && o_.reference.empty()) fail_usage("CRAM output needs --ref");
  require_readable(o_.in);
  require_writable_dir_for(o_.out);
  tmp_dir_ = o_.tmp_dir.empty() ? folder_of(o_.out) : o_.tmp_dir;
  check_tmp_dir(tmp_dir_);
  pool_ = std::make_unique<HtsPool>(o_.threads);
  in_ = std::make_unique<AlignmentReader>(o_.in, pool_->get(), o_.reference);
  if (in_->is_cram() && o_.reference.empty()) fail_usage("CRAM input needs --ref");
  const sam_hdr_t* h = in_->header();
  for (int i = 0; i < sam_hdr_nref(h); ++i) {
    if (sam_hdr_tid2len(h, i) > std::numeric_limits<std::int32_t>::max()) {
      fail_data(o_.in + ": contig " + sam_hdr_tid2name(h, i) +
                " is longer than 2^31-1 bases, which BAM cannot hold; not supported");
    }
  }
}

SortJob::~SortJob() {
  in_.reset();  // before the pool its decompression runs on
}

SortStats run_sort_job(const SortJobOptions& options, const Backend& backend, Logger& log) {
  return SortJob(options, log).run(backend);
}

SortStats SortJob::run(const Backend& backend) {
  if (!in_) fail_internal("SortJob::run called twice");
  const SortJobOptions& o = o_;
  Logger& log = log_;
  HtsPool& pool = *pool_;
  std::unique_ptr<AlignmentReader> in = std::move(in_);
  SortStats stats;
  SpillDir spill(tmp_dir_);
  std::vector<std::string> runs;
  const std::size_t block_bytes =
      static_cast<std::size_t>(std::clamp<std::uint64_t>(o.memory_limit / 16, 64u << 10, 64u << 20));
  RecordStore store(block_bytes);
  kernels::RecordSorter sorter(backend);

  const sam_hdr_t* in_header = in->header();
  const SamHeaderPtr in_header_copy(sam_hdr_dup(in_header));
  if (!in_header_copy) fail_io("out of memory copying the header");
  const auto n_ref = static_cast<std::uint32_t>(sam_hdr_nref(in_header));
  SamHeaderPtr out_header = sorted_header(in_header, o.order, o.program, o.version, o.command_line);

  auto spill_chunk = [&] {
    const std::vector<std::uint32_t> perm = sort_chunk(store, o.order, n_ref, sorter);
    runs.push_back(spill.next_run_path());
    io::BamWriter run(runs.back(), in_header_copy.get(), io::BamWriterOptions{1, pool.get(), "", 1, false});
    write_sorted(store, perm, run);
    run.close();
    log.debug("spilled run " + std::to_string(runs.size()) + " (" + with_commas(store.size()) + " records)");
    store.clear();
  };

  {
    Progress progress(log, "reading " + o.in, "records", 0, o.progress);
    std::unique_ptr<bam1_t, io::BamRecordDeleter> b(bam_init1());
    if (!b) fail_io("out of memory");
    while (in->next(b.get())) {
      // The queryname sort adds a byte key per record (kernels/sortkey).
      const std::size_t extra =
          o.order == SortOrder::Queryname ? kernels::qname_key_length(bam_get_qname(b.get())) : 0;
      const std::size_t cost = store.cost_of(static_cast<std::uint32_t>(b->l_data), extra);
      if (!store.empty() && (store.bytes() + cost > o.memory_limit || store.size() >= kMaxChunkRecords)) spill_chunk();
      store.add(b.get(), extra);
      if ((in->records_read() & 0xfff) == 0) progress.update(in->records_read());
    }
    stats.records = in->records_read();
    progress.update(stats.records);
    progress.finish();
    in.reset();  // the input is closed before the output exists (they may be the same file)
  }

  io::BamWriterOptions out_options;
  out_options.pool = pool.get();
  out_options.reference = o.reference;
  out_options.write_index = o.write_index && o.order == SortOrder::Coordinate;
  if (runs.empty()) {
    const std::vector<std::uint32_t> perm = sort_chunk(store, o.order, n_ref, sorter);
    io::BamWriter out(o.out, out_header.get(), out_options);
    write_sorted(store, perm, out);
    out.close();
    stats.index_path = out.index_path();
  } else {
    if (!store.empty()) spill_chunk();
    store = RecordStore(block_bytes);  // frees the chunk's memory before the merge
    stats.runs = runs.size();
    log.info("merging " + std::to_string(runs.size()) + " sorted runs");
    MergeContext ctx{o.order, in_header_copy.get(), pool.get(), fan_in_for(o.memory_limit),
                     static_cast<std::size_t>(o.memory_limit / kPooledRunReaderBytes), &spill, &log};
    io::BamWriter out(o.out, out_header.get(), out_options);
    stats.merge_passes = merge_runs(std::move(runs), ctx, [&out](const bam1_t* b) { out.write(b); });
    out.close();
    stats.index_path = out.index_path();
  }
  return stats;
}

}  // namespace helicase::sort
