// mem_pair.hpp -- paired-end logic of bwa 0.7.17 (bwamem_pair.c): insert-size statistics per
// batch (mem_pestat), mate rescue by local Smith-Waterman (mem_matesw), pair scoring
// (mem_pair) and the paired SAM output with its MAPQ rules (mem_sam_pe).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "align/mem_sam.hpp"

namespace helicase::align {

struct PeStat {  // bwa mem_pestat_t, per orientation FF FR RF RR
  int low = 0, high = 0, failed = 0;
  double avg = 0, std = 0;
};
using PeStats = std::array<PeStat, 4>;

// mem_pestat over a batch: regs[2i] and regs[2i+1] are the two mates of pair i. log receives
// bwa's messages (one per line) when non-null.
PeStats pestat(const MemOptions& opt, std::int64_t l_pac, std::span<const std::vector<AlnReg>> regs,
               std::vector<std::string>* log);

// mem_matesw: rescue the mate (ms, codes) of hit a into ma; returns the number of SW runs.
int matesw(const MemOptions& opt, const reference::ReferenceIndex& index, const PeStats& pes, const AlnReg& a,
           std::span<const std::uint8_t> ms, std::vector<AlnReg>& ma);

// mem_sort_dedup_patch without patching (bns == 0 in bwa): what mem_matesw runs after rescue.
void sort_dedup_no_patch(const MemOptions& opt, std::vector<AlnReg>& a);

// mem_sam_pe: both mates' SAM lines, appended to out[0] and out[1].
void sam_pe(const MemOptions& opt, const reference::ReferenceIndex& index, const PeStats& pes, std::uint64_t id,
            const ReadText reads[2], std::vector<AlnReg> regs[2], std::string_view rg_id, std::string out[2]);

// Single-end: mem_mark_primary_se + mem_reg2sam for read number id.
void sam_se(const MemOptions& opt, const reference::ReferenceIndex& index, std::int64_t id, const ReadText& read,
            std::vector<AlnReg>& regs, std::string_view rg_id, std::string& out);

}  // namespace helicase::align
