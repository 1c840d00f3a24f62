// markdup_job.hpp -- a helicase-markdup run: Picard MarkDuplicates 2.27.5, two passes.
//
// Pass 1 builds the read ends (read_end_builder), the duplicate sets are found on the
// sorted ends (duplicate_finder), pass 2 copies the input with duplicate flags and PG tags
// (duplicate_marker) into a BAM/SAM/CRAM (indexed when the input is coordinate-sorted),
// and the metrics file is written in Picard's format. The input order is the one given by
// --assume-sort-order, else the header's SO (GO:query counts as queryname), else
// coordinate; it is checked (exit 3 naming the first record out of order). Outputs are
// written under temporary names and renamed at the end.
#pragma once

#include <cstdint>

#include "common/log.hpp"
#include "markdup/markdup_options.hpp"
#include "runtime/backend.hpp"

namespace helicase::markdup {

struct MarkdupSummary {
  std::uint64_t records = 0;
  std::uint64_t duplicates = 0;
  std::uint64_t written = 0;
  std::uint64_t fragments = 0, pairs = 0;
  std::uint64_t optical_duplicates = 0;
};

MarkdupSummary run_markdup(const MarkdupOptions& options, const Backend& backend, Logger& log);

}  // namespace helicase::markdup
