// kernel_inputs.hpp -- seeded random batches for kernel tests, shared by the unit (CPU) and
// gpu (GPU == CPU) tests so both exercise the same shapes of input.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "qc/read_qc.hpp"
#include "sortkey/sort_key.hpp"

namespace helicase::test {

// Reads as the QC kernel takes them: concatenated bases/qualities with n + 1 offsets.
struct FlatReads {
  std::string bases, quals;
  std::vector<std::uint64_t> offsets{0};
  kernels::QcBatchView view() const {
    return kernels::QcBatchView{bases.data(), quals.data(), offsets.data(), offsets.size() - 1};
  }
};

// n reads of min_len..max_len bases (IUPAC N, R, Y included) with qualities Q0..Q93.
inline FlatReads random_reads(std::size_t n, unsigned seed, std::uint32_t min_len, std::uint32_t max_len) {
  std::mt19937 rng(seed);
  FlatReads r;
  for (std::size_t i = 0; i < n; ++i) {
    const auto len = static_cast<std::uint32_t>(min_len + rng() % (max_len - min_len + 1));
    for (std::uint32_t k = 0; k < len; ++k) {
      r.bases += "ACGTNRY"[rng() % 7];
      r.quals += static_cast<char>(33 + rng() % 94);
    }
    r.offsets.push_back(r.bases.size());
  }
  return r;
}

// Alignment coordinates as the coordinate sort-key kernel takes them.
struct CoordRecords {
  std::vector<std::int32_t> tid;
  std::vector<std::int64_t> pos;
  std::vector<std::uint16_t> flag;
  std::uint32_t n_ref = 0;
  kernels::CoordBatchView view() const {
    return kernels::CoordBatchView{tid.data(), pos.data(), flag.data(), tid.size(), n_ref};
  }
};

// n records over n_ref contigs at `distinct` evenly spaced positions below max_pos (few
// distinct positions: many ties, which must keep input order), 10% without a contig, any flags.
inline CoordRecords random_coords(std::size_t n, unsigned seed, std::uint32_t n_ref, std::int64_t max_pos,
                                  std::int64_t distinct) {
  std::mt19937_64 rng(seed);
  CoordRecords r;
  r.n_ref = n_ref;
  for (std::size_t i = 0; i < n; ++i) {
    const bool no_contig = rng() % 10 == 0;
    r.tid.push_back(no_contig ? -1 : static_cast<std::int32_t>(rng() % n_ref));
    r.pos.push_back(no_contig && rng() % 2 ? -1
                                           : static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(distinct)) *
                                                     (max_pos / distinct) - 1);
    r.flag.push_back(static_cast<std::uint16_t>(rng() & 0xfff));
  }
  return r;
}

}  // namespace helicase::test
