// repeats.hpp -- GATKVariantContextUtils.findNumberOfRepetitions: how many copies of `unit`,
// back to back, begin (leading) or end (!leading) the string s. Used by the PCR indel error
// model (read_likelihoods.cpp, per read position: inline, and a plain loop rather than a memcmp
// call per 1-8 base unit) and by the trimmer's tandem-repeat padding (region_builder.cpp).
#pragma once

#include <cstddef>
#include <string_view>

namespace helicase::hc {

inline int count_repeats(std::string_view unit, std::string_view s, bool leading) {
  const std::size_t u = unit.size();
  if (u == 0) return 0;
  auto copy_at = [&](std::size_t at) {
    for (std::size_t k = 0; k < u; ++k) {
      if (s[at + k] != unit[k]) return false;
    }
    return true;
  };
  int n = 0;
  if (leading) {
    for (std::size_t at = 0; at + u <= s.size() && copy_at(at); at += u) ++n;
  } else {
    for (std::size_t end = s.size(); end >= u && copy_at(end - u); end -= u) ++n;
  }
  return n;
}

}  // namespace helicase::hc
