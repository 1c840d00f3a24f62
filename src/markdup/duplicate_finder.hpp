// duplicate_finder.hpp -- Picard's generateDuplicateIndexes(): which records are duplicates.
//
// Walks the pairs and then the fragments in sorted order, in runs of equal duplicate key:
//   pairs     -- a run of two or more keeps its best pair (first strictly highest score in
//                sort order) and marks both ends of every other pair; optical duplicates
//                are counted per run (per FR / RF subset when both occur) unless optical
//                detection is off; set sizes go to the all/optical/non-optical histograms;
//   fragments -- a run holding any paired end marks all its unpaired ends; otherwise the
//                best fragment is kept and the others marked.
// The result lists the 0-based record indexes to mark, sorted (with repeats, as Picard's
// SortingLongCollection holds them), the optical count per library id, and histograms.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "common/thread_pool.hpp"
#include "markdup/metrics.hpp"
#include "markdup/optical.hpp"
#include "markdup/read_ends.hpp"

namespace helicase::markdup {

struct DuplicateResult {
  std::vector<std::int64_t> duplicate_indexes;            // sorted ascending, repeats kept
  std::map<std::int16_t, double> optical_by_library;      // Picard's opticalDuplicatesByLibraryId
  Histogram all_sets{"set_size", "all_sets", {}};
  Histogram optical_sets{"set_size", "optical_sets", {}};
  Histogram non_optical_sets{"set_size", "non_optical_sets", {}};
  std::uint64_t pair_sets = 0, fragment_sets = 0;         // runs of two or more (for the log)
};

struct DuplicateFinderOptions {
  bool optical = true;  // false when READ_NAME_REGEX is null
  OpticalParams optical_params;
};

DuplicateResult find_duplicates(const ReadEndStore& pairs, const ReadEndStore& fragments,
                                const DuplicateFinderOptions& options, ThreadPool& pool);

}  // namespace helicase::markdup
