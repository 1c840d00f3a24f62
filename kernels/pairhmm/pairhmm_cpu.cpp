// pairhmm_cpu.cpp -- PairHMM tables and the CPU launcher (pairs split in contiguous parts).
#include <algorithm>
#include <cmath>
#include <vector>

#include "pairhmm/pairhmm_lanes.hpp"
#include "pairhmm/pairhmm_launch.hpp"

#if defined(__x86_64__)
#include <xmmintrin.h>
#endif

namespace helicase::kernels::pairhmm {
namespace {

constexpr int kJacobianSize = static_cast<int>(8.0 / 0.0001) + 1;

// GKL ContextBase<NUMBER>::approximateLog10SumLog10 in precision T with its T-valued table.
template <class T>
T gkl_approx_sum(const std::vector<T>& jac, T small, T big) {
  if (small > big) std::swap(small, big);
  if (std::isinf(small) || std::isinf(big)) return big;
  const T diff = big - small;
  if (diff >= static_cast<T>(8.0)) return big;
  const T x = static_cast<T>(diff * static_cast<T>(1.0 / 0.0001));
  const int ind = x > T(0) ? static_cast<int>(x + T(0.5)) : static_cast<int>(x - T(0.5));
  return big + jac[static_cast<std::size_t>(ind)];
}

template <class T>
void fill_match_to_match(T* out) {
  std::vector<T> jac(kJacobianSize);
  for (int k = 0; k < kJacobianSize; ++k) {
    jac[static_cast<std::size_t>(k)] = static_cast<T>(std::log10(1.0 + std::pow(10.0, -static_cast<double>(k) * 0.0001)));
  }
  const double inv_ln10 = 0.434294;  // GKL's truncated constant
  for (int i = 0, offset = 0; i < kPhredTableSize; offset += ++i) {
    for (int j = 0; j <= i; ++j) {
      const double s = gkl_approx_sum<T>(jac, static_cast<T>(-0.1) * static_cast<T>(i), static_cast<T>(-0.1) * static_cast<T>(j));
      const double l = std::log1p(-std::min(1.0, std::pow(10.0, s))) * inv_ln10;
      out[offset + j] = static_cast<T>(std::pow(10.0, l));
    }
  }
}

// GKL's flush-to-zero mode (a subnormal result becomes 0), which the device code applies
// explicitly, set in hardware for the duration of a CPU part (x86 MXCSR.FZ; aarch64 FPCR.FZ).
class FlushToZeroScope {
 public:
#if defined(__x86_64__)
  FlushToZeroScope() : saved_(_mm_getcsr()) { _mm_setcsr(saved_ | 0x8000u); }
  ~FlushToZeroScope() { _mm_setcsr(saved_); }

 private:
  unsigned saved_;
#elif defined(__aarch64__)
  FlushToZeroScope() {
    __asm__ volatile("mrs %0, fpcr" : "=r"(saved_));
    const unsigned long fz = saved_ | (1ul << 24);
    __asm__ volatile("msr fpcr, %0" : : "r"(fz));
  }
  ~FlushToZeroScope() { __asm__ volatile("msr fpcr, %0" : : "r"(saved_)); }

 private:
  unsigned long saved_;
#else
#error "PairHMM needs a flush-to-zero floating-point mode (x86-64 or aarch64)"
#endif
};

}  // namespace

PairHmmTables pairhmm_make_tables() {
  PairHmmTables t{};
  for (int x = 0; x < kPhredTableSize; ++x) {
    t.ph2pr_f[x] = std::pow(10.f, -static_cast<float>(x) / 10.f);
    t.ph2pr_d[x] = std::pow(10.0, -static_cast<double>(x) / 10.0);
  }
  fill_match_to_match<float>(t.mm_f);
  fill_match_to_match<double>(t.mm_d);
  t.initial_f = std::ldexp(1.f, 120);
  t.initial_d = std::ldexp(1.0, 1020);
  return t;
}

double pairhmm_finish(double raw, bool used_double) {
  if (used_double) return std::log10(raw) - std::log10(std::ldexp(1.0, 1020));
  return static_cast<double>(std::log10(static_cast<float>(raw)) - std::log10(std::ldexp(1.f, 120)));
}

void pairhmm_cpu(const PairHmmBatchView& b, std::uint32_t n_reads, std::uint32_t n_haps, const PairHmmTables& tables,
                 ThreadPool& pool) {
  (void)n_reads;
  (void)n_haps;
  const std::size_t n = b.n_pairs;
  if (n == 0) return;
  const std::size_t parts = std::min<std::size_t>(pool.size() * 4, (n + 15) / 16);
  pool.parallel_for(parts, [&](std::size_t part) {
    PairHmmLaneScratch lanes;
    const std::size_t begin = n * part / parts, end = n * (part + 1) / parts;
    const FlushToZeroScope ftz;
    pairhmm_lanes_range(b, tables, begin, end, lanes);
  });
}

PairHmmLayout pairhmm_interleaved_layout(const PairHmmBatchView& b, std::uint32_t n_reads, std::uint32_t n_haps,
                                         std::uint64_t group) {
  PairHmmLayout l;
  l.stride = group;
  for (std::uint32_t i = 0; i < n_reads; ++i) l.row_cap = std::max(l.row_cap, b.read_length[i] + 1);
  for (std::uint32_t i = 0; i < n_haps; ++i) l.hap_cap = std::max(l.hap_cap, b.hap_length[i] + 1);
  return l;
}

void pairhmm_cpu_interleaved(const PairHmmBatchView& b, std::uint32_t n_reads, std::uint32_t n_haps, const PairHmmTables& tables,
                             std::uint64_t group) {
  const PairHmmLayout layout = pairhmm_interleaved_layout(b, n_reads, n_haps, group);
  std::vector<float> sf(pairhmm_interleaved_elems(layout));
  std::vector<double> sd(sf.size());
  const FlushToZeroScope ftz;
  for (std::uint64_t first = 0; first < b.n_pairs; first += group) {
    for (std::uint64_t lane = 0; lane < group && first + lane < b.n_pairs; ++lane) {
      pairhmm_pair<true>(b, tables, static_cast<std::uint32_t>(first + lane), sf.data() + lane, sd.data() + lane, layout);
    }
  }
}

void pairhmm_cpu_serial(const PairHmmBatchView& b, std::uint32_t n_reads, std::uint32_t n_haps, const PairHmmTables& tables) {
  if (b.n_pairs == 0) return;
  (void)n_reads;
  (void)n_haps;
  PairHmmLaneScratch lanes;
  const FlushToZeroScope ftz;
  pairhmm_lanes_range(b, tables, 0, b.n_pairs, lanes);
}

}  // namespace helicase::kernels::pairhmm
