// input_order.hpp -- checks that the input is in the order it is declared (or assumed) to be.
//
// Coordinate order: records by contig (header order), then position; records without a
// contig last (in any order among themselves). Queryname order as Picard needs it: records of one name together (grouped;
// the order of the groups does not matter). Both report the first record out of order
// with exit 3. The grouping check keeps a 128-bit hash per name group and compares them
// once the input has been read.
#pragma once

#include <htslib/sam.h>

#include <cstdint>
#include <string>
#include <vector>

namespace helicase::markdup {

class CoordinateOrderCheck {
 public:
  // where(): "<file> record N (name)" of b, for the message.
  template <class Where>
  void check(const bam1_t* b, const sam_hdr_t* h, const Where& where) {
    // Records without a contig come last, in any position order.
    const std::uint64_t key = b->core.tid < 0 ? ~std::uint64_t{0}
                                              : (static_cast<std::uint64_t>(b->core.tid) << 32) |
                                                    static_cast<std::uint32_t>(b->core.pos + 1);
    if (key < last_) fail(b, h, where());
    last_ = key;
    last_tid_ = b->core.tid;
    last_pos_ = b->core.pos;
  }

 private:
  [[noreturn]] void fail(const bam1_t* b, const sam_hdr_t* h, const std::string& where) const;
  std::uint64_t last_ = 0;
  std::int32_t last_tid_ = -1;
  std::int64_t last_pos_ = -1;
};

class NameGroupingCheck {
 public:
  // Called with the first record of each run of equal names.
  void add_group(const char* name, std::uint64_t record_index);
  // The 0-based index of the first record whose name already had an earlier, separate run,
  // or -1 when the records are grouped.
  std::int64_t first_regrouped_record();

 private:
  struct Entry {
    std::uint64_t h1, h2, index;
  };
  std::vector<Entry> groups_;
};

}  // namespace helicase::markdup
