// fm_index.hpp -- FM-index queries over BWA's on-disk arrays, as HELICASE_HD functions.
//
// FmIndexView points at the arrays exactly as bwa 0.7.17 writes them (no conversion), so a
// memory-mapped index and a device copy are read by the same code:
//   bwt  the interleaved words of P.bwt after its 40-byte header: every 128 BWT positions,
//        4 x uint64 counts of A,C,G,T before the block (little-endian, low word first), then
//        8 x uint32 holding 16 bases each, 2 bits per base, first base in the top bits.
//        The BWT is that of T$ (T = forward + reverse-complement reference, codes 0..3, '$'
//        smaller than every base) with the '$' row (`primary`) removed.
//   sa   the samples of P.sa after its 56-byte header: sa[j] = SA[(j + 1) * sa_intv].
// Rows k are rows of the full (n + 1)-row suffix array of T$, n = seq_len; row 0 is the
// suffix "$". The semantics (inclusive counts, -1 as "before row 0") are bwa's bwt.c ones,
// so the aligner can mirror bwa's seeding arithmetic exactly. No allocation, no I/O.
#pragma once

#include <cstdint>

#include "hd.hpp"

namespace helicase::kernels {

struct FmIndexView {
  const std::uint32_t* bwt = nullptr;
  std::uint64_t bwt_words = 0;  // length of bwt in uint32
  std::uint64_t primary = 0;    // row whose BWT character is '$'
  std::uint64_t L2[5] = {0, 0, 0, 0, 0};  // L2[c] = number of bases smaller than c; L2[4] = n
  std::uint64_t seq_len = 0;    // n = 2 * l_pac
  const std::uint64_t* sa = nullptr;
  std::uint64_t n_sa = 0;       // entries in sa = (n + sa_intv) / sa_intv - 1
  std::uint64_t sa_intv = 32;   // a power of two
};

// A bwa bi-interval: x0 = first row of the pattern, x1 = first row of its reverse
// complement, size = number of rows (bwtintv_t without `info`).
struct FmBiInterval {
  std::uint64_t x0 = 0, x1 = 0, size = 0;
};

inline constexpr std::uint64_t kFmNone = ~static_cast<std::uint64_t>(0);  // bwa's (bwtint_t)-1

HELICASE_HD_INLINE int fm_popcount64(std::uint64_t x) {
#if defined(__CUDA_ARCH__)
  return __popcll(x);
#else
  return __builtin_popcountll(x);
#endif
}

HELICASE_HD_INLINE std::uint64_t fm_load_u64(const std::uint32_t* p) {
  return static_cast<std::uint64_t>(p[0]) | (static_cast<std::uint64_t>(p[1]) << 32);
}

// First word of the 128-position block holding position i of the '$'-removed BWT.
HELICASE_HD_INLINE const std::uint32_t* fm_block(const FmIndexView& v, std::uint64_t i) {
  return v.bwt + ((i >> 7) << 4);
}

// Base at position i of the '$'-removed BWT string (i < n).
HELICASE_HD_INLINE int fm_bwt_base(const FmIndexView& v, std::uint64_t i) {
  const std::uint32_t w = fm_block(v, i)[8 + ((i & 0x7f) >> 4)];
  return static_cast<int>(w >> ((~i & 15u) << 1) & 3u);
}

// BWT character of row k (k != primary; row primary holds '$').
HELICASE_HD_INLINE int fm_row_base(const FmIndexView& v, std::uint64_t k) {
  return fm_bwt_base(v, k - (k > v.primary));
}

// Bit pattern with 01 at every 2-bit slot of w that holds base c, among the first `keep`
// slots (keep in 1..16, counting from the top).
HELICASE_HD_INLINE std::uint32_t fm_match_bits(std::uint32_t w, int c, int keep) {
  const std::uint32_t rep = 0x55555555u * static_cast<std::uint32_t>(c);
  const std::uint32_t x = w ^ rep;
  std::uint32_t eq = ~(x | (x >> 1)) & 0x55555555u;
  const int drop = (16 - keep) * 2;
  if (drop > 0) eq &= ~((1u << drop) - 1u);
  return eq;
}

// Occurrences of base c in positions [0, i] of the '$'-removed BWT (i < n).
HELICASE_HD_INLINE std::uint64_t fm_occ_removed(const FmIndexView& v, std::uint64_t i, int c) {
  const std::uint32_t* b = fm_block(v, i);
  std::uint64_t n = fm_load_u64(b + 2 * c);
  const std::uint32_t* w = b + 8;
  const int last = static_cast<int>((i & 0x7f) >> 4);
  std::uint64_t bits = 0;
  for (int j = 0; j < last; ++j) bits += static_cast<std::uint64_t>(fm_popcount64(fm_match_bits(w[j], c, 16)));
  bits += static_cast<std::uint64_t>(fm_popcount64(fm_match_bits(w[last], c, static_cast<int>(i & 15) + 1)));
  return n + bits;
}

// bwa's bwt_occ: occurrences of c in the BWT rows [0, k]; k = kFmNone gives 0.
HELICASE_HD_INLINE std::uint64_t fm_occ(const FmIndexView& v, std::uint64_t k, int c) {
  if (k == kFmNone) return 0;
  if (k == v.seq_len) return v.L2[c + 1] - v.L2[c];
  if (k == 0 && v.primary == 0) return 0;  // only the '$' row
  return fm_occ_removed(v, k - (k >= v.primary), c);
}

// The counts of fm_occ4 where k needs no block (none, before the first row, or the whole
// sequence): fills cnt and returns true; false for every other k.
HELICASE_HD_INLINE bool fm_occ4_at_end(const FmIndexView& v, std::uint64_t k, std::uint64_t cnt[4]) {
  if (k == kFmNone || (k == 0 && v.primary == 0)) {
    cnt[0] = cnt[1] = cnt[2] = cnt[3] = 0;
    return true;
  }
  if (k == v.seq_len) {
    for (int c = 0; c < 4; ++c) cnt[c] = v.L2[c + 1] - v.L2[c];
    return true;
  }
  return false;
}

// bwa's bwt_occ4: fm_occ for the four bases at once.
HELICASE_HD_INLINE void fm_occ4(const FmIndexView& v, std::uint64_t k, std::uint64_t cnt[4]) {
  if (fm_occ4_at_end(v, k, cnt)) return;
  const std::uint64_t i = k - (k >= v.primary);
  const std::uint32_t* b = fm_block(v, i);
  const std::uint32_t* w = b + 8;
  const int last = static_cast<int>((i & 0x7f) >> 4);
  const int keep = static_cast<int>(i & 15) + 1;
  for (int c = 0; c < 4; ++c) {
    std::uint64_t bits = 0;
    for (int j = 0; j < last; ++j) bits += static_cast<std::uint64_t>(fm_popcount64(fm_match_bits(w[j], c, 16)));
    bits += static_cast<std::uint64_t>(fm_popcount64(fm_match_bits(w[last], c, keep)));
    cnt[c] = fm_load_u64(b + 2 * c) + bits;
  }
}

// bwa's bwt_invPsi (the LF mapping): the row of the suffix one position to the left of
// row k's suffix; the row of suffix 0 (primary) maps to row 0 ("$").
HELICASE_HD_INLINE std::uint64_t fm_lf(const FmIndexView& v, std::uint64_t k) {
  if (k == v.primary) return 0;
  const int c = fm_row_base(v, k);
  return v.L2[c] + fm_occ(v, k, c);
}

// SA[k]: the text position of row k's suffix (row 0 gives n), by LF steps to a sampled row.
// In a valid index the walk visits consecutive text positions, so it ends within n steps;
// a damaged index (a row past n, or a longer walk) gives kFmNone instead of reading out of
// bounds or looping forever.
// One step of the suffix-array walk (LF mapping): the row of the suffix one position earlier.
template <class Occ>
HELICASE_HD_INLINE std::uint64_t fm_sa_step(const FmIndexView& v, std::uint64_t k, Occ occ) {
  if (k == v.primary) return 0;  // the row of suffix 0 maps to row 0 ("$")
  const int c = fm_row_base(v, k);
  return v.L2[c] + occ(v, k, c);
}

// The position of a walk that reached the sampled row k after `steps` steps.
HELICASE_HD_INLINE std::uint64_t fm_sa_finish(const FmIndexView& v, std::uint64_t k, std::uint64_t steps) {
  if (k > v.seq_len) return kFmNone;
  if (k == 0) return steps == 0 ? v.seq_len : steps - 1;  // walked through '$': position -1 + steps
  return steps + v.sa[k / v.sa_intv - 1];
}

// The walk of fm_sa with the occurrence count `occ(v, k, c)` supplied (the aligner passes bwa's
// packed-count arithmetic, kernels/bwa_smem/bwa_occ.hpp; same results, another speed).
template <class Occ>
HELICASE_HD_INLINE std::uint64_t fm_sa_with(const FmIndexView& v, std::uint64_t k, Occ occ) {
  std::uint64_t steps = 0;
  const std::uint64_t mask = v.sa_intv - 1;
  while (k & mask) {
    if (k > v.seq_len || steps > v.seq_len) return kFmNone;
    ++steps;
    k = fm_sa_step(v, k, occ);
  }
  return fm_sa_finish(v, k, steps);
}

struct FmOcc {
  HELICASE_HD_INLINE std::uint64_t operator()(const FmIndexView& v, std::uint64_t k, int c) const { return fm_occ(v, k, c); }
};
struct FmOcc4 {
  HELICASE_HD_INLINE void operator()(const FmIndexView& v, std::uint64_t k, std::uint64_t cnt[4]) const { fm_occ4(v, k, cnt); }
};

HELICASE_HD_INLINE std::uint64_t fm_sa(const FmIndexView& v, std::uint64_t k) { return fm_sa_with(v, k, FmOcc{}); }

// One backward-search step (bwa's bwt_match_exact): rows [k, l] of pattern P become the
// rows of cP. Returns false (and leaves k > l) when cP does not occur.
HELICASE_HD_INLINE bool fm_backward_step(const FmIndexView& v, int c, std::uint64_t& k, std::uint64_t& l) {
  k = v.L2[c] + fm_occ(v, k - 1, c) + 1;
  l = v.L2[c] + fm_occ(v, l, c);
  return k <= l;
}

// The bi-interval of the one-base pattern c (bwa's bwt_set_intv).
HELICASE_HD_INLINE FmBiInterval fm_base_interval(const FmIndexView& v, int c) {
  FmBiInterval r;
  r.x0 = v.L2[c] + 1;
  r.size = v.L2[c + 1] - v.L2[c];
  r.x1 = v.L2[3 - c] + 1;
  return r;
}

// bwa's bwt_extend: the bi-intervals of cP (is_back) or Pc (!is_back) for the four bases c.
template <class Occ4>
HELICASE_HD_INLINE void fm_extend_with(const FmIndexView& v, const FmBiInterval& ik, FmBiInterval ok[4], bool is_back,
                                       Occ4 occ4) {
  const std::uint64_t from = is_back ? ik.x0 : ik.x1;  // bwa's ik->x[!is_back]
  std::uint64_t tk[4], tl[4];
  occ4(v, from - 1, tk);
  occ4(v, from - 1 + ik.size, tl);
  for (int c = 0; c < 4; ++c) {
    const std::uint64_t start = v.L2[c] + 1 + tk[c];
    if (is_back) ok[c].x0 = start;
    else ok[c].x1 = start;
    ok[c].size = tl[c] - tk[c];
  }
  const std::uint64_t other = (is_back ? ik.x1 : ik.x0) + (from <= v.primary && from + ik.size - 1 >= v.primary);
  std::uint64_t pos[4];
  pos[3] = other;
  pos[2] = pos[3] + ok[3].size;
  pos[1] = pos[2] + ok[2].size;
  pos[0] = pos[1] + ok[1].size;
  for (int c = 0; c < 4; ++c) {
    if (is_back) ok[c].x1 = pos[c];
    else ok[c].x0 = pos[c];
  }
}

HELICASE_HD_INLINE void fm_extend(const FmIndexView& v, const FmBiInterval& ik, FmBiInterval ok[4], bool is_back) {
  fm_extend_with(v, ik, ok, is_back, FmOcc4{});
}

// Base l of a .pac array (2 bits per base, first base in the top bits of byte 0).
HELICASE_HD_INLINE int fm_pac_base(const std::uint8_t* pac, std::uint64_t l) {
  return pac[l >> 2] >> ((~l & 3u) << 1) & 3;
}

}  // namespace helicase::kernels
