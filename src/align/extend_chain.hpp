// extend_chain.hpp -- a chain's seeds to alignment regions, as bwa 0.7.17's mem_chain2aln.
//
// Seeds are tried from the highest score down; a seed already covered by a region near its
// diagonal is skipped unless a long overlapping seed of the chain lies off that diagonal.
// Each extension runs ksw_extend_one to the left (reversed sequences, pen_clip5) then to
// the right (pen_clip3), with band w and one retry at 2w, and keeps the local end or
// extends to the read end by bwa's clipping rule. Regions are appended to `regs`.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "align/chain.hpp"
#include "align/mem_types.hpp"
#include "bwa_extend/ksw_extend.hpp"
#include "reference/reference_index.hpp"

namespace helicase::align {

struct ExtendWorkspace {
  std::vector<std::uint8_t> rseq, qs, rs;
  std::vector<kernels::ExtendCell> eh;
  std::vector<std::uint64_t> srt;
};

kernels::ExtendScoring extend_scoring(const MemOptions& opt);

// bwa's cal_max_gap.
int max_gap_for(const MemOptions& opt, int qlen);

void extend_chain(const MemOptions& opt, const kernels::ExtendScoring& scoring, const reference::ReferenceIndex& index,
                  std::span<const std::uint8_t> query, const MemChain& c, ExtendWorkspace& ws, std::vector<AlnReg>& regs);

}  // namespace helicase::align
