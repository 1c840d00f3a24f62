// mem_regions.hpp -- the seeding half of helicase-align: read -> alignment regions.
//
// find_regions() returns exactly what bwa 0.7.17's mem_align1_core returns for one read:
// SMEM seeding (with re-seeding and the third round), chaining, chain filtering, banded
// Smith-Waterman extension with z-drop and clipping penalties, mem_sort_dedup_patch.
// `read` holds base codes 0..3 and 4 for anything else (bwa's nst_nt4_table); the output
// half (pairing, MAPQ, CIGAR, SAM) takes it from there. Thread-safe: no shared state.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "align/mem_types.hpp"
#include "reference/reference_index.hpp"

namespace helicase::align {

std::vector<AlnReg> find_regions(const MemOptions& opt, const reference::ReferenceIndex& index,
                                 std::span<const std::uint8_t> read);

}  // namespace helicase::align
