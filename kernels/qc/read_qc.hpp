// read_qc.hpp -- the FASTQ QC statistics kernel: per-read counting, host and device.
//
// Input is a flat batch of reads (structure of arrays): bases and Phred+33 qualities
// concatenated, with n+1 offsets. Bases are upper-case and qualities lie in '!'..'~'
// (the FASTQ parser guarantees both). For every read, qc_count_read() adds:
//   per cycle:  base composition (A C G T other) and a quality histogram (Q0..Q93);
//   per read:   its length, GC percent (of A/C/G/T bases, floored) and mean quality
//               (floored), to three histograms.
// Counting goes through a Sink, so the CPU launcher adds into per-thread arrays and the
// CUDA launcher into shared-memory (per-cycle) and global (per-read) atomics. All counts
// are integers: the merged result is identical for any thread count, batch split or backend.
#pragma once

#include <cstddef>
#include <cstdint>

#include "hd.hpp"

namespace helicase::kernels {

inline constexpr int kQcBaseBins = 5;   // A C G T other
inline constexpr int kQcQualBins = 94;  // Phred 0..93
inline constexpr int kQcGcBins = 101;   // 0..100 %

struct QcBatchView {
  const char* bases = nullptr;
  const char* quals = nullptr;
  const std::uint64_t* offsets = nullptr;  // n + 1 entries
  std::size_t n = 0;
};

// Flat count arrays for reads up to `cycles` long. Run totals (bases, GC, N, Q20, Q30,
// quality sum) are not counted per base: they follow from these tables (QcCounts::totals).
struct QcCountsView {
  std::uint64_t* base_by_cycle = nullptr;  // cycles * kQcBaseBins
  std::uint64_t* qual_by_cycle = nullptr;  // cycles * kQcQualBins
  std::uint64_t* length_hist = nullptr;    // cycles + 1
  std::uint64_t* gc_hist = nullptr;        // kQcGcBins
  std::uint64_t* mean_qual_hist = nullptr; // kQcQualBins
  std::uint32_t cycles = 0;
};

// A=0 C=1 G=2 T=3, any other upper-case letter 4, without a table (so it runs on the device):
// (letter & 31) indexes a nibble in two 64-bit constants.
HELICASE_HD_INLINE int qc_base_bin(char b) {
  constexpr std::uint64_t kLo = 0x4444444424441404ull;  // nibbles for 0..15: A(1)=0 C(3)=1 G(7)=2
  constexpr std::uint64_t kHi = 0x4444444444434444ull;  // nibbles for 16..31: T(20)=3
  const unsigned idx = static_cast<unsigned>(b) & 31u;
  const std::uint64_t word = idx < 16 ? kLo : kHi;
  return static_cast<int>((word >> ((idx & 15u) * 4u)) & 15u);
}

// Sink contract: cycle(c, base_bin, q) once per base; read(len, gc_pct, mean_q) once per
// read. The read's length must be at most the sink's cycles.
template <class Sink>
HELICASE_HD_INLINE void qc_count_read(const QcBatchView& batch, std::size_t i, Sink& sink) {
  const std::uint64_t begin = batch.offsets[i];
  const std::uint32_t len = static_cast<std::uint32_t>(batch.offsets[i + 1] - begin);
  std::uint32_t bins[kQcBaseBins] = {0, 0, 0, 0, 0};
  std::uint64_t qsum = 0;
  for (std::uint32_t c = 0; c < len; ++c) {
    const int bin = qc_base_bin(batch.bases[begin + c]);
    const int q = batch.quals[begin + c] - 33;
    sink.cycle(c, bin, q);
    bins[bin] += 1;
    qsum += static_cast<std::uint64_t>(q);
  }
  const std::uint32_t acgt = bins[0] + bins[1] + bins[2] + bins[3];
  const std::uint32_t gc_pct = acgt ? ((bins[1] + bins[2]) * 100u) / acgt : 0u;
  const std::uint32_t mean_q = len ? static_cast<std::uint32_t>(qsum / len) : 0u;
  sink.read(len, gc_pct, mean_q);
}

// Plain (non-atomic) sink over one QcCountsView: the CPU launcher's per-thread sink.
struct QcPlainSink {
  QcCountsView v;
  HELICASE_HD_INLINE void cycle(std::uint32_t c, int bin, int q) {
    v.base_by_cycle[static_cast<std::size_t>(c) * kQcBaseBins + bin] += 1;
    v.qual_by_cycle[static_cast<std::size_t>(c) * kQcQualBins + q] += 1;
  }
  HELICASE_HD_INLINE void read(std::uint32_t len, std::uint32_t gc_pct, std::uint32_t mean_q) {
    v.length_hist[len] += 1;
    v.gc_hist[gc_pct] += 1;
    v.mean_qual_hist[mean_q] += 1;
  }
};

}  // namespace helicase::kernels
