// mem_sam.hpp -- SAM text of a read's alignments exactly as bwa 0.7.17 prints it
// (mem_aln2sam, mem_reg2sam): flags, mate fields and TLEN, unmapped reads placed at their
// mate, SEQ/QUAL trimmed for hard-clipped supplementaries, tags NM MD MC AS XS RG SA pa XA.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "align/mem_aln.hpp"

namespace helicase::align {

struct ReadText {
  std::string_view name;
  std::span<const std::uint8_t> seq;  // codes 0..4
  std::string_view qual;              // empty: '*'
};

// mem_aln2sam: appends one line (with '\n') for list[which]; mate may be null (single end).
void aln2sam(const MemOptions& opt, const reference::ReferenceIndex& index, std::string& out, const ReadText& read,
             std::span<const MemAln> list, int which, const MemAln* mate, std::string_view rg_id);

// mem_reg2sam: every printable hit of regs (or one unmapped line).
void reg2sam(const MemOptions& opt, const reference::ReferenceIndex& index, std::string& out, const ReadText& read,
             std::vector<AlnReg>& regs, int extra_flag, const MemAln* mate, std::string_view rg_id);

}  // namespace helicase::align
