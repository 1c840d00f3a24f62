// dedup.hpp -- bwa 0.7.17's mem_sort_dedup_patch (with mem_patch_reg) over a read's regions.
//
// Regions sorted by reference end (bwa's unstable introsort); of two regions overlapping by
// more than mask_level_redun on both query and reference the lower-scoring one goes;
// colinear neighbours are merged when a banded global alignment over both scores at least
// 0.9 of the predicted score; then sorted by (score desc, rb, qb) and exact duplicates go.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "align/mem_types.hpp"
#include "reference/reference_index.hpp"

namespace helicase::align {

// Score of bwa_gen_cigar2 (ksw_global2 over query x T[rb, re), reversed on the reverse
// strand) with band w_.
int global_score(const MemOptions& opt, const reference::ReferenceIndex& index, std::span<const std::uint8_t> query,
                 std::int64_t rb, std::int64_t re, int w_);

// ksw_global2's score alone (no traceback).
int ksw_global_score(int qlen, const std::uint8_t* query, int tlen, const std::uint8_t* target, const std::int8_t* mat,
                     int o_del, int e_del, int o_ins, int e_ins, int w);

void sort_dedup_patch(const MemOptions& opt, const reference::ReferenceIndex& index, std::span<const std::uint8_t> query,
                      std::vector<AlnReg>& regs);

}  // namespace helicase::align
