// read_name_regex.cpp -- custom read-name regex parsing.
#include "markdup/read_name_regex.hpp"

#include "common/error.hpp"
#include "markdup/read_end_key.hpp"

namespace helicase::markdup {

bool java_parse_int(std::string_view s, std::int32_t& out) {
  std::size_t i = 0;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    i = 1;
  }
  if (i >= s.size()) return false;
  std::int64_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
    if (v > 2147483648LL) return false;
  }
  if (negative) v = -v;
  if (v > 2147483647LL || v < -2147483648LL) return false;
  out = static_cast<std::int32_t>(v);
  return true;
}

ReadNameRegex::ReadNameRegex(const std::string& pattern) {
  try {
    re_ = std::regex(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    fail_usage("--read-name-regex '" + pattern + "' is not a valid regular expression: " + e.what());
  }
  if (re_.mark_count() < 3) {
    fail_usage("--read-name-regex '" + pattern + "' must capture tile, x and y as three groups");
  }
}

bool ReadNameRegex::parse(std::string_view name, std::int16_t& tile, std::int16_t& x, std::int16_t& y) const {
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(name.begin(), name.end(), m, re_)) return false;
  std::int32_t v = 0;
  auto group = [&](int k) {
    return name.substr(static_cast<std::size_t>(m[k].first - name.begin()), static_cast<std::size_t>(m[k].length()));
  };
  if (!m[1].matched || !java_parse_int(group(1), v)) return false;
  tile = kernels::java_short(v);
  if (!m[2].matched || !java_parse_int(group(2), v)) return false;
  x = kernels::java_short(v);
  if (!m[3].matched || !java_parse_int(group(3), v)) return false;
  y = kernels::java_short(v);
  return true;
}

}  // namespace helicase::markdup
