// output_header.hpp -- the output header: the input's, with Picard's sort-order edits and
// one new @PG line per distinct PG value seen on the records.
//
// Like Picard's getChainedPgIds(): each distinct old value (including "no PG tag") gets a
// new @PG line whose PP is that old value (none for records without a PG tag), taken in the
// iteration order of Picard's HashSet of values. The first new id is the program id itself
// unless the header already uses it; the others get htsjdk's PgIdGenerator suffix
// ".<base-36 counter>" (counter starting at the number of @PG lines).
// The header sort order: queryname assumed -> SO:unknown GO:query (Picard's edit);
// coordinate assumed or derived from an unsorted header -> SO:coordinate.
#pragma once

#include <htslib/sam.h>

#include <string>

#include "markdup/duplicate_marker.hpp"
#include "markdup/markdup_options.hpp"
#include "markdup/read_end_builder.hpp"

namespace helicase::markdup {

// What the input header says: "coordinate", "queryname", "" for anything else.
std::string header_sort_order(const sam_hdr_t* h);
bool header_group_order_query(const sam_hdr_t* h);

// htsjdk SamFileHeaderMerger.positiveFourDigitBase36Str().
std::string base36(int value);

// Edits h in place (a copy of the input header) and returns the PG chain.
PgChain prepare_output_header(sam_hdr_t* h, const MarkdupOptions& o, InputOrder order, const PgValues& seen);

}  // namespace helicase::markdup
