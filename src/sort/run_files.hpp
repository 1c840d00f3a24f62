// run_files.hpp -- sorted runs spilled to temporary BAM files, and their k-way merge.
//
// SpillDir makes a private folder (mkdtemp) inside the temporary folder on first use and
// removes it with everything in it when destroyed: on success and when an error unwinds
// the stack. merge_runs() merges runs that are each sorted, in run order: records that
// compare equal come from the earlier run first, so merging consecutive chunks of the
// input keeps input order among ties (the sort stays stable). At most fan_in runs are
// open at once; more are first merged in groups into new runs, in order.
#pragma once

#include <htslib/sam.h>
#include <htslib/thread_pool.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "common/log.hpp"
#include "sort/sort_order.hpp"

namespace helicase::sort {

class SpillDir {
 public:
  explicit SpillDir(std::string parent);  // nothing is created until the first run
  ~SpillDir();
  SpillDir(const SpillDir&) = delete;
  SpillDir& operator=(const SpillDir&) = delete;

  // A new file name in the folder ("run-000001.bam", ...); creates the folder first.
  std::string next_run_path();
  const std::string& path() const { return dir_; }

 private:
  std::string parent_, dir_;
  std::size_t next_ = 1;
};

using RecordSink = std::function<void(const bam1_t*)>;

struct MergeContext {
  SortOrder order = SortOrder::Coordinate;
  const sam_hdr_t* header = nullptr;  // of the runs (the input header)
  hts_tpool* pool = nullptr;          // compresses intermediate runs
  std::size_t fan_in = 64;            // >= 2
  std::size_t pooled_readers = 0;     // passes of at most this many runs decompress on the pool
  SpillDir* dir = nullptr;            // where intermediate runs go
  Logger* log = nullptr;
};

// Merges the runs (consumed: each file is removed once merged) into sink, in order.
// Returns the number of merge passes (1 when every run fits one pass).
std::size_t merge_runs(std::vector<std::string> runs, const MergeContext& ctx, const RecordSink& sink);

}  // namespace helicase::sort
