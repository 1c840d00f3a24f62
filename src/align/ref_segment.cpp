// ref_segment.cpp -- see ref_segment.hpp.
#include "align/ref_segment.hpp"

#include <string>
#include <utility>

#include "common/error.hpp"

namespace helicase::align {

std::int64_t forward_position(const reference::ReferenceIndex& index, std::int64_t pos, bool& is_rev) {
  const auto l_pac = static_cast<std::int64_t>(index.l_pac());
  is_rev = pos >= l_pac;
  return is_rev ? 2 * l_pac - 1 - pos : pos;
}

int contig_of(const reference::ReferenceIndex& index, std::int64_t pos_f) {
  const auto& contigs = index.bns().contigs;
  if (pos_f >= static_cast<std::int64_t>(index.l_pac()) || contigs.empty()) return -1;
  // Binary search for the last contig whose offset is <= pos_f.
  std::size_t left = 0, right = contigs.size(), mid = 0;
  while (left < right) {
    mid = (left + right) / 2;
    if (pos_f >= static_cast<std::int64_t>(contigs[mid].offset)) {
      if (mid == contigs.size() - 1) break;
      if (pos_f < static_cast<std::int64_t>(contigs[mid + 1].offset)) break;
      left = mid + 1;
    } else {
      right = mid;
    }
  }
  return static_cast<int>(mid);
}

int contig_of_interval(const reference::ReferenceIndex& index, std::int64_t rb, std::int64_t re) {
  const auto l_pac = static_cast<std::int64_t>(index.l_pac());
  if (rb < l_pac && re > l_pac) return -2;
  bool is_rev = false;
  const int rid_b = contig_of(index, forward_position(index, rb, is_rev));
  const int rid_e = rb < re ? contig_of(index, forward_position(index, re - 1, is_rev)) : rid_b;
  return rid_b == rid_e ? rid_b : -1;
}

std::vector<std::uint8_t> text_segment(const reference::ReferenceIndex& index, std::int64_t beg, std::int64_t end) {
  const auto l_pac = static_cast<std::int64_t>(index.l_pac());
  if (end < beg) std::swap(beg, end);
  if (end > 2 * l_pac) end = 2 * l_pac;
  if (beg < 0) beg = 0;
  std::vector<std::uint8_t> seq;
  if (beg >= l_pac || end <= l_pac) {
    seq.reserve(static_cast<std::size_t>(end > beg ? end - beg : 0));
    for (std::int64_t k = beg; k < end; ++k) seq.push_back(static_cast<std::uint8_t>(index.text_base(static_cast<std::uint64_t>(k))));
  }
  return seq;
}

std::vector<std::uint8_t> fetch_contig_segment(const reference::ReferenceIndex& index, std::int64_t& beg,
                                               std::int64_t mid, std::int64_t& end, int& rid) {
  if (end < beg) std::swap(beg, end);
  bool is_rev = false;
  rid = contig_of(index, forward_position(index, mid, is_rev));
  if (rid < 0) fail_internal("reference position " + std::to_string(mid) + " is outside the index");
  const auto& contig = index.bns().contigs[static_cast<std::size_t>(rid)];
  auto far_beg = static_cast<std::int64_t>(contig.offset);
  auto far_end = far_beg + static_cast<std::int64_t>(contig.length);
  if (is_rev) {  // the same contig on the reverse strand
    const auto l2 = 2 * static_cast<std::int64_t>(index.l_pac());
    const std::int64_t tmp = far_beg;
    far_beg = l2 - far_end;
    far_end = l2 - tmp;
  }
  beg = beg > far_beg ? beg : far_beg;
  end = end < far_end ? end : far_end;
  std::vector<std::uint8_t> seq = text_segment(index, beg, end);
  if (static_cast<std::int64_t>(seq.size()) != end - beg) {
    fail_internal("could not fetch reference bases [" + std::to_string(beg) + ", " + std::to_string(end) + ")");
  }
  return seq;
}

}  // namespace helicase::align
