// intervals.hpp -- -L / --interval-file regions for the BQSR tools.
//
// Accepted as GATK accepts them: "contig", "contig:start", "contig:start-end", "contig:start+"
// (1-based, inclusive, commas allowed in numbers); files by extension: .bed (0-based,
// half-open), .interval_list (Picard: @-header, then contig start end strand name), and
// .list/.intervals or any other existing file (one region per line). Padding widens every
// region, clamped to the contig. Regions are matched to contigs by name; a region on a contig
// the dictionary lacks is exit 3, a malformed one exit 2. overlaps() asks whether a read span
// touches any region.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/options.hpp"

namespace helicase::bqsr {

struct ContigDict {
  std::vector<std::string> names;
  std::vector<std::int64_t> lengths;
  int find(const std::string& name) const;  // -1 when absent
};

class IntervalSet {
 public:
  bool empty() const { return empty_; }
  bool overlaps(int tid, std::int64_t start, std::int64_t end) const;  // 1-based inclusive span
  void add(int tid, std::int64_t start, std::int64_t end);
  void finish();  // sorts and merges
  // The merged regions of contig tid (1-based, inclusive) after finish(); empty when none.
  std::vector<std::pair<std::int64_t, std::int64_t>> regions(int tid) const;
  std::size_t size() const;

 private:
  bool empty_ = true;
  std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> by_tid_;
};

// `dict` names the contigs regions may use; `what` names it in messages ("the BAM header").
IntervalSet load_intervals(const IntervalOptions& opts, const ContigDict& dict, const std::string& what);

}  // namespace helicase::bqsr
