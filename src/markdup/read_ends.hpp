// read_ends.hpp -- Picard's ReadEndsForMarkDuplicates as flat arrays, and their sort order.
//
// A read end is one fragment (a primary mapped read) or one pair (both ends of a template):
// library, contig and unclipped 5' coordinate of end 1 (and of end 2 for pairs), orientation
// (F R FF FR RR RF = 0..5), the optical location (read group, tile, x, y), the duplicate
// score, and the 0-based record index of each end in the input (index2 -1 for fragments).
// ReadEndStore keeps them as structure-of-arrays; sorted_order() returns the permutation
// that sorts them by Picard's ReadEndsMDComparator (library, ref1, coord1, orientation,
// ref2, coord2, tile, x, y, index1, index2): a total order, so any thread count gives the
// same result.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/thread_pool.hpp"

namespace helicase::markdup {

enum Orientation : std::int8_t { kF = 0, kR = 1, kFF = 2, kFR = 3, kRR = 4, kRF = 5 };

// ReadEnds.getOrientationByte(read1Negative, read2Negative).
inline std::int8_t orientation_byte(bool read1_negative, bool read2_negative) {
  if (read1_negative) return read2_negative ? kRR : kRF;
  return read2_negative ? kFR : kFF;
}

struct ReadEnd {
  std::int16_t library = 0;
  std::int8_t orientation = 0;
  std::int8_t optical_orientation = -1;
  std::int32_t ref1 = -1, coord1 = -1, ref2 = -1, coord2 = -1;
  std::int16_t read_group = -1, tile = -1, x = -1, y = -1;
  std::int16_t score = 0;
  std::int64_t index1 = -1, index2 = -1;
  bool paired() const { return ref2 != -1; }  // ReadEnds.isPaired()
};

class ReadEndStore {
 public:
  void push(const ReadEnd& e);
  ReadEnd get(std::size_t i) const;
  std::size_t size() const { return index1_.size(); }
  std::size_t bytes() const;  // memory held by the arrays
  void clear();

  std::vector<std::int16_t> library_, read_group_, tile_, x_, y_, score_;
  std::vector<std::int8_t> orientation_, optical_orientation_;
  std::vector<std::int32_t> ref1_, coord1_, ref2_, coord2_;
  std::vector<std::int64_t> index1_, index2_;
};

std::vector<std::uint32_t> sorted_order(const ReadEndStore& store, ThreadPool& pool);

// Picard's areComparableForDuplicates(): same library, end-1 position and orientation (and
// end-2 position when compare_read2).
bool same_duplicate_key(const ReadEndStore& s, std::size_t a, std::size_t b, bool compare_read2);

}  // namespace helicase::markdup
