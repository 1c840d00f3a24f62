// sort_job.hpp -- the helicase-sort job: samtools-sort-identical order, bounded memory.
//
// Records are read (decompressed on a shared HTSlib pool) into a RecordStore until the
// next one would take it over the memory limit; the chunk is then sorted (the sort-key
// kernel on the chosen backend: a stable permutation) and either written as the output,
// when it is the whole input, or spilled as a sorted run (BAM, compression level 1) to a
// private folder in tmp_dir. Spilled runs, the last chunk included, are then merged in
// input order, so ties keep input order: the output is the stable sort of the input, as
// samtools sort's. The output (BAM/CRAM/SAM by name) is compressed on the shared pool and,
// in coordinate order, indexed while it is written. Outputs are atomic; the run folder
// is removed on success and on failure. Nothing of the output exists until the whole
// input has been read and checked.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/log.hpp"
#include "runtime/backend.hpp"
#include "sort/hts_input.hpp"
#include "sort/sort_order.hpp"

namespace helicase::sort {

struct SortJobOptions {
  std::string in, out, reference;
  std::string tmp_dir;               // "" = the output's folder
  SortOrder order = SortOrder::Coordinate;
  std::uint64_t memory_limit = 0;    // bytes of records and sort arrays
  unsigned threads = 1;              // HTSlib pool size
  bool write_index = true;           // coordinate order only
  std::string program, version, command_line;  // for the @PG line; no line when program is ""

  bool progress = true;
};

struct SortStats {
  std::uint64_t records = 0;
  std::size_t runs = 0;          // spilled runs (0: sorted in memory)
  std::size_t merge_passes = 0;
  std::string index_path;        // "" when none was written
};

// The smallest --memory-limit (samtools sort's minimum per thread).
inline constexpr std::uint64_t kMinMemoryLimit = 1u << 20;
// Default: half of the physical memory.
std::uint64_t default_memory_limit();

class SortJob {
 public:
  // Checks the options, the output and temporary folders, and opens the input (its format,
  // end-of-file marker and header): every error a user can fix before any work starts.
  SortJob(SortJobOptions options, Logger& log);
  ~SortJob();
  SortJob(const SortJob&) = delete;
  SortJob& operator=(const SortJob&) = delete;

  // Sorts and writes the output; the kernels run on `backend`.
  SortStats run(const Backend& backend);

 private:
  SortJobOptions o_;
  Logger& log_;
  std::string tmp_dir_;
  std::unique_ptr<HtsPool> pool_;
  std::unique_ptr<AlignmentReader> in_;
};

// SortJob(options, log).run(backend).
SortStats run_sort_job(const SortJobOptions& options, const Backend& backend, Logger& log);

}  // namespace helicase::sort
