// pairhmm.hpp -- GATK's PairHMM (GKL's AVX implementation, as GATK 4.6.2.0 runs it by default):
// the log10 probability of a read given a haplotype, one (read, haplotype) pair per item.
//
// Semantics of GKL IntelPairHmm: a float pass scaled by 2^120; when its sum is below 1e-28 the
// pair is recomputed in double scaled by 2^1020. Transition and emission probabilities come from
// 128-entry ph2pr tables (quals are taken & 127) and a matchToMatch table built as GKL builds it
// (float or double Jacobian table, GKL's truncated ln10 constants). Cells are evaluated
//   M = ((M[i-1][j-1]*mm + X[i-1][j-1]*gapm) + Y[i-1][j-1]*gapm) * dist
//   X = M[i-1][j]*mx + X[i-1][j]*xx         (insertion)
//   Y = M[i][j-1]*my + Y[i][j-1]*yy         (deletion; row 0 holds initial/haplen)
// with no FMA contraction and GKL's flush-to-zero (a subnormal result of any product or sum is
// 0), so every backend and evaluation order gives the same bits; the sum
// is (sum_j M[R][j]) + (sum_j X[R][j]), each in column order, as GKL's lanes add them.
// The kernel returns the raw scaled sum; pairhmm_finish() takes log10 on the host (CUDA's
// log10f is not glibc's).
#pragma once

#include <cstdint>

#include "hd.hpp"

namespace helicase::kernels::pairhmm {

inline constexpr int kPhredTableSize = 128;
inline constexpr int kMatchToMatchSize = (kPhredTableSize * (kPhredTableSize + 1)) / 2;
inline constexpr float kMinAcceptedFloat = 1e-28f;

// Host-built probability tables (pairhmm_make_tables), read by the kernel.
struct PairHmmTables {
  float ph2pr_f[kPhredTableSize];
  double ph2pr_d[kPhredTableSize];
  float mm_f[kMatchToMatchSize];     // index max*(max+1)/2 + min
  double mm_d[kMatchToMatchSize];
  float initial_f;                   // 2^120
  double initial_d;                  // 2^1020
};

// A flat batch: reads and haplotypes stored once, pairs index them. Quals are the prepared
// PairHMM inputs (base, insertion GOP, deletion GOP, gap continuation), Phred values.
struct PairHmmBatchView {
  std::uint32_t n_pairs = 0;
  const std::uint32_t* pair_read = nullptr;
  const std::uint32_t* pair_hap = nullptr;
  const std::uint64_t* read_offset = nullptr;
  const std::uint32_t* read_length = nullptr;
  const char* read_bases = nullptr;
  const std::uint8_t* base_quals = nullptr;
  const std::uint8_t* ins_quals = nullptr;
  const std::uint8_t* del_quals = nullptr;
  const std::uint8_t* gcp = nullptr;
  const std::uint64_t* hap_offset = nullptr;
  const std::uint32_t* hap_length = nullptr;
  const char* hap_bases = nullptr;
  // Outputs, one per pair: the raw scaled sum (float pass widened, or the double pass) and
  // whether the double pass produced it.
  double* raw = nullptr;
  std::uint8_t* used_double = nullptr;
};

// Scratch one pair needs, in elements of T: 9 diagonal arrays and 9 per-row arrays of R+1,
// and the haplotype's base codes (reversed) of H+1.
HELICASE_HD_INLINE std::uint64_t pairhmm_scratch_elems(std::uint32_t read_length, std::uint32_t hap_length) {
  return std::uint64_t{18} * (read_length + 1u) + hap_length + 1u;
}

template <class T>
struct PairHmmPrecision;
template <>
struct PairHmmPrecision<float> {
  HELICASE_HD_INLINE static const float* ph2pr(const PairHmmTables& t) { return t.ph2pr_f; }
  HELICASE_HD_INLINE static const float* mm(const PairHmmTables& t) { return t.mm_f; }
  HELICASE_HD_INLINE static float initial(const PairHmmTables& t) { return t.initial_f; }
  // GKL runs with flush-to-zero: a subnormal result becomes 0 (all values here are >= 0).
  // On the device explicitly; on the host the CPU launcher runs with the x86 flush-to-zero
  // mode (MXCSR.FZ), which does the same in hardware and keeps the loop vectorisable.
#if defined(__CUDA_ARCH__)
  HELICASE_HD_INLINE static float ftz(float x) { return x < 1.17549435e-38f ? 0.0f : x; }
#else
  HELICASE_HD_INLINE static float ftz(float x) { return x; }
#endif
};
template <>
struct PairHmmPrecision<double> {
  HELICASE_HD_INLINE static const double* ph2pr(const PairHmmTables& t) { return t.ph2pr_d; }
  HELICASE_HD_INLINE static const double* mm(const PairHmmTables& t) { return t.mm_d; }
  HELICASE_HD_INLINE static double initial(const PairHmmTables& t) { return t.initial_d; }
#if defined(__CUDA_ARCH__)
  HELICASE_HD_INLINE static double ftz(double x) { return x < 2.2250738585072014e-308 ? 0.0 : x; }
#else
  HELICASE_HD_INLINE static double ftz(double x) { return x; }
#endif
};

// GKL's ConvertChar: A C T G are 0..3 and N matches everything (-1 here); any other byte has
// no entry in GKL's table, which is zero-initialised, so it behaves as A.
template <class T>
HELICASE_HD_INLINE T pairhmm_code(char c) {
  switch (c) {
    case 'C': return T(1);
    case 'T': return T(2);
    case 'G': return T(3);
    case 'N': return T(-1);
    default: return T(0);
  }
}

#if defined(__CUDACC__)
#define HELICASE_RESTRICT __restrict__
#else
#define HELICASE_RESTRICT __restrict
#endif

// Scratch layout. Contiguous (CPU): each of a pair's arrays is consecutive, capacity R+1 (and
// H+1). Interleaved (GPU): a launch group's pairs share the arrays, element k of lane L at
// [k * stride + L] (adjacent threads touch adjacent words), capacities from the batch maxima.
struct PairHmmLayout {
  std::uint64_t stride = 1;     // interleaved: the group size
  std::uint32_t row_cap = 0;    // interleaved: max read length + 1
  std::uint32_t hap_cap = 0;    // interleaved: max haplotype length + 1
};

// The cells i = lo..hi of one anti-diagonal (column j = d - i; hap_shift = H - d). Separate
// restrict-qualified arrays, no branch: with kInterleaved = false (stride 1) the loop vectorises.
template <class T, bool kInterleaved>
HELICASE_HD_INLINE void pairhmm_diagonal(int lo, int hi, int hap_shift, std::uint64_t stride, const T* HELICASE_RESTRICT rcode,
                                         const T* HELICASE_RESTRICT hcode_rev, const T* HELICASE_RESTRICT p_mm,
                                         const T* HELICASE_RESTRICT p_gapm, const T* HELICASE_RESTRICT p_mx,
                                         const T* HELICASE_RESTRICT p_xx, const T* HELICASE_RESTRICT p_my,
                                         const T* HELICASE_RESTRICT p_yy, const T* HELICASE_RESTRICT d_match,
                                         const T* HELICASE_RESTRICT d_mis, const T* HELICASE_RESTRICT M2,
                                         const T* HELICASE_RESTRICT X2, const T* HELICASE_RESTRICT Y2,
                                         const T* HELICASE_RESTRICT M1, const T* HELICASE_RESTRICT X1,
                                         const T* HELICASE_RESTRICT Y1, T* HELICASE_RESTRICT M0, T* HELICASE_RESTRICT X0,
                                         T* HELICASE_RESTRICT Y0) {
  using F = PairHmmPrecision<T>;
  if constexpr (!kInterleaved) {
    (void)stride;
    for (int i = lo; i <= hi; ++i) {
      const T rb = rcode[i], hb = hcode_rev[hap_shift + i];
      // Bitwise, not short-circuit: no branch in the loop.
      const bool match = (rb == hb) | (rb < T(0)) | (hb < T(0));
      const T dm = d_match[i], dx = d_mis[i];
      const T dist = match ? dm : dx;
      M0[i] = F::ftz(F::ftz(F::ftz(F::ftz(M2[i - 1] * p_mm[i]) + F::ftz(X2[i - 1] * p_gapm[i])) + F::ftz(Y2[i - 1] * p_gapm[i])) * dist);
      X0[i] = F::ftz(F::ftz(M1[i - 1] * p_mx[i]) + F::ftz(X1[i - 1] * p_xx[i]));
      Y0[i] = F::ftz(F::ftz(M1[i] * p_my[i]) + F::ftz(Y1[i] * p_yy[i]));
    }
  } else {
    for (int i = lo; i <= hi; ++i) {
      const std::uint64_t c = static_cast<std::uint64_t>(i) * stride, l = static_cast<std::uint64_t>(i - 1) * stride;
      const T rb = rcode[c], hb = hcode_rev[static_cast<std::uint64_t>(hap_shift + i) * stride];
      const bool match = (rb == hb) | (rb < T(0)) | (hb < T(0));
      const T dm = d_match[c], dx = d_mis[c];
      const T dist = match ? dm : dx;
      M0[c] = F::ftz(F::ftz(F::ftz(F::ftz(M2[l] * p_mm[c]) + F::ftz(X2[l] * p_gapm[c])) + F::ftz(Y2[l] * p_gapm[c])) * dist);
      X0[c] = F::ftz(F::ftz(M1[l] * p_mx[c]) + F::ftz(X1[l] * p_xx[c]));
      Y0[c] = F::ftz(F::ftz(M1[c] * p_my[c]) + F::ftz(Y1[c] * p_yy[c]));
    }
  }
}

// A read position's transition and emission probabilities (GKL's per-row arrays), from its
// base, insertion, deletion and gap-continuation qualities; one place for every launcher.
template <class T>
struct PairHmmRowParams {
  T mm, gapm, mx, xx, my, yy, dmatch, dmis;
};

template <class T>
HELICASE_HD_INLINE PairHmmRowParams<T> pairhmm_row_params(const PairHmmTables& tab, std::uint8_t base_q,
                                                          std::uint8_t ins_q, std::uint8_t del_q, std::uint8_t gcp_q) {
  const T* ph2pr = PairHmmPrecision<T>::ph2pr(tab);
  const int ins = ins_q & 127, del = del_q & 127, gc = gcp_q & 127, bq = base_q & 127;
  const int lo = ins <= del ? ins : del, hi = ins <= del ? del : ins;
  return {PairHmmPrecision<T>::mm(tab)[((hi * (hi + 1)) >> 1) + lo],
          T(1) - ph2pr[gc],
          ph2pr[ins],
          ph2pr[gc],
          ph2pr[del],
          ph2pr[gc],
          T(1) - ph2pr[bq],
          ph2pr[bq] / T(3)};
}

// The read and haplotype of pair p, as pointers into the batch (one place for both launchers).
struct PairHmmPairData {
  int R, H;                    // read and haplotype lengths
  const char *rs, *hs;         // read and haplotype bases
  const std::uint8_t *q, *qi, *qd, *qc;  // base, insertion, deletion, gap-continuation quals
};

HELICASE_HD inline PairHmmPairData pairhmm_pair_data(const PairHmmBatchView& b, std::uint32_t p) {
  const std::uint32_t r = b.pair_read[p], h = b.pair_hap[p];
  const std::uint64_t o = b.read_offset[r];
  return {static_cast<int>(b.read_length[r]), static_cast<int>(b.hap_length[h]), b.read_bases + o,
          b.hap_bases + b.hap_offset[h], b.base_quals + o, b.ins_quals + o, b.del_quals + o, b.gcp + o};
}

// One pair in precision T, anti-diagonal by anti-diagonal (independent cells within a diagonal).
// Contiguous layout: scratch holds pairhmm_scratch_elems(R, H) elements. Interleaved: scratch
// points at the lane's first element of the group's arrays (see PairHmmLayout).
template <class T, bool kInterleaved = false>
HELICASE_HD T pairhmm_pair_sum(const PairHmmBatchView& b, const PairHmmTables& tab, std::uint32_t p, T* scratch,
                               const PairHmmLayout& layout = {}) {
  const auto [R, H, rs, hs, q, qi, qd, qc] = pairhmm_pair_data(b, p);
  if (R == 0 || H == 0) return T(0);
  const std::uint64_t st = kInterleaved ? layout.stride : 1;
  const std::uint64_t n = kInterleaved ? layout.row_cap : static_cast<std::uint64_t>(R) + 1;
  const std::uint64_t a = n * st;  // distance between two arrays
  T* M2 = scratch;
  T* X2 = M2 + a;
  T* Y2 = X2 + a;
  T* M1 = Y2 + a;
  T* X1 = M1 + a;
  T* Y1 = X1 + a;
  T* M0 = Y1 + a;
  T* X0 = M0 + a;
  T* Y0 = X0 + a;
  T* p_mm = Y0 + a;
  T* p_gapm = p_mm + a;
  T* p_mx = p_gapm + a;
  T* p_xx = p_mx + a;
  T* p_my = p_xx + a;
  T* p_yy = p_my + a;
  T* d_match = p_yy + a;
  T* d_mis = d_match + a;
  // Base codes as T (A C G T = 0..3, N = -1) so the match test is as wide as the arithmetic.
  T* rcode = d_mis + a;
  T* hcode_rev = rcode + a;  // hcode_rev[k] = code of hap[H-1-k]: hap[d-i-1] = hcode_rev[H-d+i]
  for (int k = 0; k < H; ++k) hcode_rev[static_cast<std::uint64_t>(k) * st] = pairhmm_code<T>(hs[H - 1 - k]);
  for (int i = 1; i <= R; ++i) {
    const std::uint64_t c = static_cast<std::uint64_t>(i) * st;
    const PairHmmRowParams<T> rp = pairhmm_row_params<T>(tab, q[i - 1], qi[i - 1], qd[i - 1], qc[i - 1]);
    p_mm[c] = rp.mm;
    p_gapm[c] = rp.gapm;
    p_mx[c] = rp.mx;
    p_xx[c] = rp.xx;
    p_my[c] = rp.my;
    p_yy[c] = rp.yy;
    d_match[c] = rp.dmatch;
    d_mis[c] = rp.dmis;
    rcode[c] = pairhmm_code<T>(rs[i - 1]);
  }
  const T init_y = PairHmmPrecision<T>::initial(tab) / static_cast<T>(H);
  // Diagonals d-2 and d-1 before the first cell diagonal (d = 2): row 0 and column 0.
  for (std::uint64_t i = 0; i <= static_cast<std::uint64_t>(R); ++i) {
    const std::uint64_t c = i * st;
    M2[c] = X2[c] = Y2[c] = M1[c] = X1[c] = Y1[c] = M0[c] = X0[c] = Y0[c] = T(0);
  }
  Y2[0] = init_y;  // (0,0)
  Y1[0] = init_y;  // (0,1)
  T sum_m = T(0), sum_x = T(0);
  const std::uint64_t cR = static_cast<std::uint64_t>(R) * st;
  for (int d = 2; d <= R + H; ++d) {
    const int lo = d - H > 1 ? d - H : 1;
    const int hi = d - 1 < R ? d - 1 : R;
    pairhmm_diagonal<T, kInterleaved>(lo, hi, H - d, st, rcode, hcode_rev, p_mm, p_gapm, p_mx, p_xx, p_my, p_yy, d_match, d_mis,
                                      M2, X2, Y2, M1, X1, Y1, M0, X0, Y0);
    // Boundaries of diagonal d: row 0 (M = X = 0, Y = initial/haplen) and column 0 (zeros).
    M0[0] = X0[0] = T(0);
    Y0[0] = init_y;
    if (d <= R) {
      const std::uint64_t cd = static_cast<std::uint64_t>(d) * st;
      M0[cd] = X0[cd] = Y0[cd] = T(0);
    }
    if (hi == R && lo <= R) {
      sum_m = sum_m + M0[cR];
      sum_x = sum_x + X0[cR];
    }
    T* t;
    t = M2; M2 = M1; M1 = M0; M0 = t;
    t = X2; X2 = X1; X1 = X0; X0 = t;
    t = Y2; Y2 = Y1; Y1 = Y0; Y0 = t;
  }
  return sum_m + sum_x;
}

// Interleaved scratch a launch group needs, in elements of T: 18 arrays of row_cap and one of
// hap_cap, times the group size.
HELICASE_HD_INLINE std::uint64_t pairhmm_interleaved_elems(const PairHmmLayout& l) {
  return (std::uint64_t{18} * l.row_cap + l.hap_cap) * l.stride;
}

// GKL's float-then-double rule for one pair; writes raw / used_double.
template <bool kInterleaved = false>
HELICASE_HD_INLINE void pairhmm_pair(const PairHmmBatchView& b, const PairHmmTables& tab, std::uint32_t p, float* scratch_f,
                                     double* scratch_d, const PairHmmLayout& layout = {}) {
  const float f = pairhmm_pair_sum<float, kInterleaved>(b, tab, p, scratch_f, layout);
  if (f < kMinAcceptedFloat) {
    b.raw[p] = pairhmm_pair_sum<double, kInterleaved>(b, tab, p, scratch_d, layout);
    b.used_double[p] = 1;
  } else {
    b.raw[p] = static_cast<double>(f);
    b.used_double[p] = 0;
  }
}

}  // namespace helicase::kernels::pairhmm
