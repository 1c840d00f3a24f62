// mem_aln.hpp -- from alignment regions to alignments (bwa 0.7.17 bwamem.c, after
// mem_align1_core): primary/secondary marking with the hash tie-break, MAPQ, the final CIGAR
// by banded global alignment (with NM and MD), and the XA strings of alternative hits.
//
// Each function matches the bwa function named in its comment, including its rounding and
// tie-breaks; read sequences are base codes 0..4.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "align/mem_types.hpp"
#include "reference/reference_index.hpp"

namespace helicase::align {

// bwa mem_aln_t: one alignment ready to print. cigar holds bwa's internal ops (len<<4 | op,
// op 0 M 1 I 2 D 3 S 4 H).
struct MemAln {
  std::int64_t pos = -1;  // 0-based position on the contig
  int rid = -1;
  int flag = 0;           // bit 0x10000 marks a supplementary written as secondary (-M)
  bool is_rev = false, is_alt = false;
  int mapq = 0, NM = 0;
  int score = 0, sub = 0, alt_sc = 0;
  std::vector<std::uint32_t> cigar;
  std::string MD;
  std::string XA;  // empty: no XA
};

// Thomas Wang's 64-bit integer hash (bwa utils.h hash_64).
inline std::uint64_t hash_64(std::uint64_t key) {
  key += ~(key << 32);
  key ^= (key >> 22);
  key += ~(key << 13);
  key ^= (key >> 8);
  key += (key << 3);
  key ^= (key >> 15);
  key += ~(key << 27);
  key ^= (key >> 31);
  return key;
}

// mem_mark_primary_se: sorts regs and marks secondaries; returns the number of non-ALT hits.
int mark_primary_se(const MemOptions& opt, std::vector<AlnReg>& regs, std::int64_t id);

// mem_approx_mapq_se.
int approx_mapq_se(const MemOptions& opt, const AlnReg& a);

// bwa_gen_cigar2 over T[rb, re) for query (codes): score, CIGAR, NM, MD. Empty CIGAR and
// NM -1 when the interval is rejected (bridges the strands, empty).
struct GlobalAln {
  int score = 0, NM = -1;
  std::vector<std::uint32_t> cigar;
  std::string MD;
};
GlobalAln gen_cigar(const MemOptions& opt, int w, const reference::ReferenceIndex& index,
                    std::span<const std::uint8_t> query, std::int64_t rb, std::int64_t re);

// mem_reg2aln: reg == nullptr gives the unmapped alignment.
MemAln reg2aln(const MemOptions& opt, const reference::ReferenceIndex& index, std::span<const std::uint8_t> query,
               const AlnReg* reg);

// mem_gen_alt: XA text per region (empty when none), only valid after mark_primary_se.
std::vector<std::string> gen_alt(const MemOptions& opt, const reference::ReferenceIndex& index,
                                 const std::vector<AlnReg>& regs, std::span<const std::uint8_t> query);

// bwa's cigar text ("MIDSH"), for SA and XA.
void append_cigar_text(std::string& out, std::span<const std::uint32_t> cigar);

}  // namespace helicase::align
