// read_group.hpp -- @RG header lines: parsed from the user's text or built from options.
//
// A user's line may use the two characters "\t" (as bwa -R and Parabricks take it) or real
// tabs between fields. It must start with @RG, have an ID, and hold TAG:value fields with
// two-letter tags. Built read groups follow one documented rule (docs/tools.md):
//   ID = <id-prefix><flowcell>.<lane> from the lane's first Illumina read name
//        (instrument:run:flowcell:lane:tile:x:y), else <id-prefix>rg<lane number>;
//   SM = --read-group-sm or "sample", LB = --read-group-lb or "lib1",
//   PL = --read-group-pl or "ILLUMINA", PU = <flowcell>.<lane> when known.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/options.hpp"

namespace helicase::io {

struct ReadGroup {
  std::vector<std::pair<std::string, std::string>> fields;  // in line order; ID first or not
  std::string id() const { return get("ID"); }
  std::string get(const std::string& tag) const;
  std::string header_line() const;  // "@RG\tID:...\t..." with real tabs, no newline
};

ReadGroup parse_read_group_line(const std::string& text);
ReadGroup build_read_group(const ReadGroupOptions& opts, std::size_t lane_index, const std::string& first_read_name);

// "flowcell.lane" from an Illumina read name, or "" when the name has another form.
std::string illumina_flowcell_lane(const std::string& read_name);

}  // namespace helicase::io
