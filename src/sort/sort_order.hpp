// sort_order.hpp -- the sort orders of helicase-sort and the header they produce.
//
// sorted_header() copies an input header and marks it as samtools sort 1.16 does: @HD SO
// set to the order (an @HD VN:1.6 line added when there is none), GO and SS removed, then
// a @PG line for the tool appended with HTSlib's sam_hdr_add_pg (unique ID, PP chained to
// the last program; no line when program is empty). record_compare() orders whole records
// for merging sorted runs with the sort-key kernel's comparisons; the caller breaks ties
// by run order.
#pragma once

#include <htslib/sam.h>

#include <memory>
#include <string>

#include "io/bam_writer.hpp"
#include "sortkey/sort_key.hpp"

namespace helicase::sort {

enum class SortOrder { Coordinate, Queryname };
SortOrder parse_sort_order(const std::string& text);  // usage error on anything else
const char* to_string(SortOrder order);

using SamHeaderPtr = std::unique_ptr<sam_hdr_t, io::SamHeaderDeleter>;
SamHeaderPtr sorted_header(const sam_hdr_t* input, SortOrder order, const std::string& program,
                           const std::string& version, const std::string& command_line);

// <0, 0, >0 as record a sorts before, with, after record b.
inline int record_compare(SortOrder order, std::uint32_t n_ref, const bam1_t* a, const bam1_t* b) {
  using namespace helicase::kernels;
  if (order == SortOrder::Queryname) {
    return qname_compare(bam_get_qname(a), a->core.flag, bam_get_qname(b), b->core.flag);
  }
  return coord_compare(coord_tid_rank(a->core.tid, n_ref), coord_pos_rank(a->core.pos, a->core.flag),
                       coord_tid_rank(b->core.tid, n_ref), coord_pos_rank(b->core.pos, b->core.flag));
}

}  // namespace helicase::sort
