// input_order.cpp -- coordinate order and name grouping checks.
#include "markdup/input_order.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <string_view>

#include "common/error.hpp"

namespace helicase::markdup {
namespace {

std::string locus(const sam_hdr_t* h, std::int32_t tid, std::int64_t pos) {
  if (tid < 0) return "unplaced";
  return std::string(sam_hdr_tid2name(h, tid)) + ":" + with_commas(static_cast<std::uint64_t>(pos + 1));
}

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

}  // namespace

void CoordinateOrderCheck::fail(const bam1_t* b, const sam_hdr_t* h, const std::string& where) const {
  fail_data(where + ": not in coordinate order (" + locus(h, b->core.tid, b->core.pos) + " after " +
            locus(h, last_tid_, last_pos_) + "); sort the input (helicase-sort or samtools sort) or give " +
            "--assume-sort-order queryname for name-grouped input");
}

void NameGroupingCheck::add_group(const char* name, std::uint64_t record_index) {
  const std::string_view s(name, std::strlen(name));
  groups_.push_back(Entry{std::hash<std::string_view>{}(s), fnv1a(s), record_index});
}

std::int64_t NameGroupingCheck::first_regrouped_record() {
  std::sort(groups_.begin(), groups_.end(), [](const Entry& a, const Entry& b) {
    if (a.h1 != b.h1) return a.h1 < b.h1;
    if (a.h2 != b.h2) return a.h2 < b.h2;
    return a.index < b.index;
  });
  std::int64_t first = -1;
  for (std::size_t k = 1; k < groups_.size(); ++k) {
    if (groups_[k].h1 == groups_[k - 1].h1 && groups_[k].h2 == groups_[k - 1].h2) {
      const auto idx = static_cast<std::int64_t>(groups_[k].index);
      if (first < 0 || idx < first) first = idx;
    }
  }
  groups_.clear();
  groups_.shrink_to_fit();
  return first;
}

}  // namespace helicase::markdup
