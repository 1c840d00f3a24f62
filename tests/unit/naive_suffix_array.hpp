// naive_suffix_array.hpp -- textbook suffix array and BWT of T$ for checking the FM-index.
//
// Sorts the n + 1 suffixes of T$ by direct comparison ('$' smallest, so a suffix that is a
// prefix of another sorts first). O(n^2 log n) at worst: for texts of a few thousand bases.
#pragma once

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string_view>
#include <vector>

namespace helicase::test {

struct NaiveIndex {
  std::vector<std::uint8_t> text;  // codes 0..3
  std::vector<std::uint64_t> sa;   // n + 1 rows; sa[0] = n
  std::vector<int> bwt;            // per row: the base before the suffix, -1 for '$'

  explicit NaiveIndex(std::vector<std::uint8_t> t) : text(std::move(t)) {
    const std::uint64_t n = text.size();
    sa.resize(n + 1);
    std::iota(sa.begin(), sa.end(), 0);
    const std::basic_string_view<std::uint8_t> s(text.data(), text.size());
    std::sort(sa.begin(), sa.end(), [&](std::uint64_t a, std::uint64_t b) { return s.substr(a) < s.substr(b); });
    bwt.resize(n + 1);
    for (std::uint64_t r = 0; r <= n; ++r) bwt[r] = sa[r] == 0 ? -1 : text[sa[r] - 1];
  }
  std::uint64_t n() const { return text.size(); }
  std::uint64_t row_of(std::uint64_t pos) const {
    return static_cast<std::uint64_t>(std::find(sa.begin(), sa.end(), pos) - sa.begin());
  }
  // Occurrences of c in BWT rows [0, k] (k = -1: none).
  std::uint64_t occ(std::int64_t k, int c) const {
    std::uint64_t x = 0;
    for (std::int64_t r = 0; r <= k; ++r) x += bwt[static_cast<std::size_t>(r)] == c;
    return x;
  }
  // Rows [first, first + count) whose suffix starts with p; first is where p would go if count is 0.
  std::pair<std::uint64_t, std::uint64_t> range(const std::vector<std::uint8_t>& p) const {
    const std::basic_string_view<std::uint8_t> s(text.data(), text.size()), q(p.data(), p.size());
    std::uint64_t first = 0, count = 0;
    for (std::uint64_t r = 0; r < sa.size(); ++r) {
      const auto suf = s.substr(sa[r]);
      if (suf.substr(0, q.size()) == q) {
        if (count == 0) first = r;
        ++count;
      } else if (suf < q) {
        first = r + 1;
      }
    }
    return {first, count};
  }
};

// Forward strand followed by its reverse complement (bwa's text).
inline std::vector<std::uint8_t> with_reverse_complement(std::vector<std::uint8_t> fwd) {
  const std::size_t l = fwd.size();
  for (std::size_t i = 0; i < l; ++i) fwd.push_back(static_cast<std::uint8_t>(3 - fwd[l - 1 - i]));
  return fwd;
}

inline std::vector<std::uint8_t> reverse_complement(const std::vector<std::uint8_t>& p) {
  std::vector<std::uint8_t> r(p.rbegin(), p.rend());
  for (auto& c : r) c = static_cast<std::uint8_t>(3 - c);
  return r;
}

}  // namespace helicase::test
