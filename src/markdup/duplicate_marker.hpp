// duplicate_marker.hpp -- pass 2 of MarkDuplicates: copy the input, marking duplicates.
//
// Re-reads the input and, record by record in input order: counts it in its library's
// metrics; sets or clears the duplicate flag (0x400) from the sorted duplicate indexes with
// Picard's exact walk (coordinate mode: the listed records; queryname mode: every record
// of a name whose first record is listed, secondary, supplementary and unmapped mates
// included); removes DT; sets PG to the new @PG id chained from the record's old PG value
// (Picard drops it when that value was not seen in pass 1) unless PG tagging is off;
// leaves the optional fields in htsjdk's order; and writes it unless it is a duplicate and
// duplicates are removed.
#pragma once

#include <htslib/sam.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/log.hpp"
#include "io/bam_writer.hpp"
#include "markdup/bam_input.hpp"
#include "markdup/libraries.hpp"
#include "markdup/markdup_options.hpp"
#include "markdup/metrics.hpp"

namespace helicase::markdup {

// Old PG value (or none) -> new @PG id.
struct PgChain {
  std::unordered_map<std::string, std::string> by_value;
  std::optional<std::string> for_none;
  const std::string* find(const char* old_value) const;
};

struct Pass2Context {
  const MarkdupOptions& options;
  InputOrder order;
  const Libraries& libraries;
  const std::vector<std::int64_t>& duplicate_indexes;  // sorted
  const PgChain& pg;
  Logger& log;
};

struct Pass2Result {
  std::vector<LibraryMetrics> metrics;  // per library name index (Libraries::names())
  std::vector<bool> library_seen;       // a record belonged to it
  std::uint64_t records = 0, duplicates = 0, written = 0;
};

Pass2Result mark_duplicates(AlignmentInput& in, io::BamWriter& out, const Pass2Context& ctx);

}  // namespace helicase::markdup
