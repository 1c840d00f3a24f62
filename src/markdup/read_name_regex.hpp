// read_name_regex.hpp -- Picard's ReadNameParser with a user READ_NAME_REGEX.
//
// The regex must match the whole read name (Java's Matcher.matches()) and capture tile, x
// and y as groups 1..3, each parsed as Integer.parseInt() does. As in Picard, the values
// are stored one by one (tile as a short, x and y as shorts), so a name whose y group does
// not parse keeps the tile and x already stored, and counts as not parsed. The regex
// dialect is ECMAScript (std::regex), which reads the usual Picard patterns the same way.
#pragma once

#include <cstdint>
#include <regex>
#include <string>
#include <string_view>

namespace helicase::markdup {

class ReadNameRegex {
 public:
  explicit ReadNameRegex(const std::string& pattern);  // usage error when invalid or < 3 groups
  // Returns whether the name parsed (Picard's addLocationInformation() result).
  bool parse(std::string_view name, std::int16_t& tile, std::int16_t& x, std::int16_t& y) const;

 private:
  std::regex re_;
};

// Integer.parseInt(): optional sign, one or more ASCII digits, within int range.
bool java_parse_int(std::string_view s, std::int32_t& out);

}  // namespace helicase::markdup
