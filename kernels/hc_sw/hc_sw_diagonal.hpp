// hc_sw_diagonal.hpp -- the CPU form of sw_align: the same matrix filled by anti-diagonals.
//
// Every cell of one anti-diagonal (i + j = d) depends only on the two before it, so a diagonal
// is one loop without a carried dependency, which the compiler runs 8 lanes wide (AVX2 clone,
// SSE2 otherwise). Each cell computes exactly what sw_align's row loop computes (same integer
// arithmetic, same tie order); the backtrack values are stored diagonal by diagonal and read
// back through DiagonalBacktrack by sw_traceback, so the CIGAR and offset are identical.
// The GPU launcher keeps sw_align (one thread per pair).
#pragma once

#include <cstdint>
#include <vector>

#include "hc_sw/hc_sw.hpp"

namespace helicase::kernels::hc_sw {

// Buffers reused from pair to pair by one thread.
struct DiagonalScratch {
  std::vector<std::int32_t> bt, lanes, ends;
  std::vector<std::int64_t> diag_start;
};

int sw_align_diagonal(const char* ref, std::uint32_t n, const char* alt, std::uint32_t m, SwParams p, int overhang,
                      DiagonalScratch& scratch, std::uint32_t* cigar_out, std::int32_t* offset);

}  // namespace helicase::kernels::hc_sw
