// bwt_builder.hpp -- P.bwt and P.sa from the packed reference, byte-identical to bwa index.
//
// The text is T = forward strand + its reverse complement (codes 0..3, n = 2 * l_pac), as
// bwa's bns_fasta2bntseq(for_only = 0) builds it. bwa's BWT is that of T$ with '$' smaller
// than every base: rows are the n + 1 suffixes of T$ in order, row 0 is "$", and `primary`
// is the row of the whole text (whose BWT character is '$' and is left out of P.bwt).
// Both of bwa's algorithms (-a is, -a bwtsw) produce exactly this, so any suffix sorter
// does: we use libdivsufsort (32-bit indices below 2^31 - 1 characters, 64-bit above),
// then one pass over the suffix array gives the BWT and the SA samples of every 32nd row.
// Memory: n bytes of text + 4n (or 8n) of suffix array at the peak.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/thread_pool.hpp"
#include "fmindex/fm_index.hpp"

namespace helicase::reference {

enum class SaIndexWidth { Auto, Bits32, Bits64 };

struct FmArrays {
  std::uint64_t primary = 0;
  std::uint64_t L2[5] = {0, 0, 0, 0, 0};
  std::uint64_t seq_len = 0;
  std::uint64_t sa_intv = 32;
  std::vector<std::uint32_t> bwt;  // interleaved occurrence counts and 2-bit BWT (P.bwt body)
  std::vector<std::uint64_t> sa;   // SA[32], SA[64], ... (P.sa body)

  kernels::FmIndexView view() const;
};

// Peak memory of build_fm_arrays for a text of n bases (text, suffix array, BWT and samples).
std::uint64_t fm_build_peak_bytes(std::uint64_t n, SaIndexWidth width = SaIndexWidth::Auto);

// Appends the reverse complement of codes[0, l) to codes (which becomes 2l long).
void append_reverse_complement(std::vector<std::uint8_t>& codes);

// Builds the BWT and SA samples of `text` (codes 0..3; consumed: freed as soon as possible).
FmArrays build_fm_arrays(std::vector<std::uint8_t>&& text, ThreadPool& pool, SaIndexWidth width = SaIndexWidth::Auto);

// File images: the 40-byte (56-byte) header followed by the body, as bwt_dump_bwt / bwt_dump_sa.
void write_bwt_file(const std::string& path, const FmArrays& fm);
void write_sa_file(const std::string& path, const FmArrays& fm);

}  // namespace helicase::reference
