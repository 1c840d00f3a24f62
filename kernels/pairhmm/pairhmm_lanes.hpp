// pairhmm_lanes.hpp -- the CPU form of the PairHMM float pass: 16 pairs at once, one per lane.
//
// pairhmm_pair_sum sweeps one pair by anti-diagonals; here each of 16 lanes holds a different
// (read, haplotype) pair and the matrix is swept row by row, every cell computed with exactly
// the products, sums and order of pairhmm_diagonal (no FMA, flush-to-zero from the caller's
// MXCSR), so a lane's raw sum has the same bits. Lanes whose read or haplotype is shorter than
// the group's longest compute cells past their own matrix that nothing reads; each lane's sum
// is taken on its own last row and columns. A pair whose float sum is below kMinAcceptedFloat
// is recomputed in double by pairhmm_pair_sum<double>, as pairhmm_pair does.
#pragma once

#include <cstddef>
#include <vector>

#include "pairhmm/pairhmm.hpp"

namespace helicase::kernels::pairhmm {

inline constexpr int kPairHmmLanes = 16;

// Buffers one thread reuses from group to group.
struct PairHmmLaneScratch {
  std::vector<float> rows, params;
  std::vector<double> fallback;
};

// Pairs [begin, end) of b: fills b.raw / b.used_double. The caller sets flush-to-zero.
void pairhmm_lanes_range(const PairHmmBatchView& b, const PairHmmTables& tables, std::size_t begin, std::size_t end,
                         PairHmmLaneScratch& scratch);

}  // namespace helicase::kernels::pairhmm
