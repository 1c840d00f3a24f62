// read_group.cpp -- @RG parsing and building.
#include "io/read_group.hpp"

#include <cctype>
#include <set>

#include "common/error.hpp"

namespace helicase::io {

std::string ReadGroup::get(const std::string& tag) const {
  for (const auto& [k, v] : fields) {
    if (k == tag) return v;
  }
  return "";
}

std::string ReadGroup::header_line() const {
  std::string s = "@RG";
  for (const auto& [k, v] : fields) s += "\t" + k + ":" + v;
  return s;
}

ReadGroup parse_read_group_line(const std::string& text) {
  std::string line;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == 't') {
      line.push_back('\t');
      ++i;
    } else {
      line.push_back(text[i]);
    }
  }
  if (line.rfind("@RG\t", 0) != 0) fail_usage("read group line must start with @RG and a tab: '" + text + "'");
  ReadGroup rg;
  std::set<std::string> seen;
  std::size_t start = 4;
  while (start <= line.size()) {
    std::size_t end = line.find('\t', start);
    if (end == std::string::npos) end = line.size();
    const std::string field = line.substr(start, end - start);
    if (field.size() < 3 || field[2] != ':' || !std::isalpha(static_cast<unsigned char>(field[0])) ||
        !std::isalnum(static_cast<unsigned char>(field[1]))) {
      fail_usage("read group line has a malformed field '" + field + "' (expected TAG:value): '" + text + "'");
    }
    const std::string tag = field.substr(0, 2);
    if (!seen.insert(tag).second) fail_usage("read group line repeats the tag " + tag + ": '" + text + "'");
    rg.fields.emplace_back(tag, field.substr(3));
    start = end + 1;
  }
  if (rg.id().empty()) fail_usage("read group line has no ID: '" + text + "'");
  return rg;
}

std::string illumina_flowcell_lane(const std::string& read_name) {
  // instrument:run:flowcell:lane:tile:x:y (Casava 1.8+), lane numeric.
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t colon = read_name.find(':', start);
    parts.push_back(read_name.substr(start, colon - start));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  if (parts.size() != 7 || parts[2].empty() || parts[3].empty()) return "";
  for (char c : parts[3]) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return "";
  }
  return parts[2] + "." + parts[3];
}

ReadGroup build_read_group(const ReadGroupOptions& opts, std::size_t lane_index, const std::string& first_read_name) {
  const std::string unit = illumina_flowcell_lane(first_read_name);
  ReadGroup rg;
  rg.fields.emplace_back("ID", opts.id_prefix + (unit.empty() ? "rg" + std::to_string(lane_index + 1) : unit));
  rg.fields.emplace_back("LB", opts.lb.empty() ? "lib1" : opts.lb);
  rg.fields.emplace_back("PL", opts.pl.empty() ? "ILLUMINA" : opts.pl);
  rg.fields.emplace_back("SM", opts.sm.empty() ? "sample" : opts.sm);
  if (!unit.empty()) rg.fields.emplace_back("PU", unit);
  return rg;
}

}  // namespace helicase::io
