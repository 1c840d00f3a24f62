// bwa_occ.hpp -- occurrence counts, extension and SA lookup for the seeding path, with
// bwa's arithmetic: the four bases of a BWT word are counted at once, through three
// popcounts per word where the host has the instruction (and on a GPU, __popc), else through
// a 256-entry table of packed counts (bwt.c's cnt_table / __occ_aux4). bwa_sa_batch walks
// many suffix-array rows at once with prefetching. Results are exactly those of fm_occ4 /
// fm_extend / fm_sa (kernels/fmindex/fm_index.hpp); the unit tests check that.
#pragma once

#include <cstdint>

#include "fmindex/fm_index.hpp"
#include "hd.hpp"

namespace helicase::kernels {

#if !defined(__CUDA_ARCH__)
struct OccTable {
  std::uint32_t v[256];
  constexpr OccTable() : v() {
    for (int i = 0; i < 256; ++i) {
      std::uint32_t x = 0;
      for (int j = 0; j < 4; ++j) x += 1u << (((i >> (j * 2)) & 3) * 8);
      v[i] = x;
    }
  }
};
inline constexpr OccTable kOccTable{};
#endif

// Packed counts (byte c = occurrences of base c) of the 16 bases of w.
HELICASE_HD_INLINE std::uint32_t occ_word4(std::uint32_t w) {
#if defined(__CUDA_ARCH__)
  const std::uint32_t hi = (w >> 1) & 0x55555555u, lo = w & 0x55555555u;
  const std::uint32_t c3 = static_cast<std::uint32_t>(__popc(hi & lo));
  const std::uint32_t c2 = static_cast<std::uint32_t>(__popc(hi & ~lo));
  const std::uint32_t c1 = static_cast<std::uint32_t>(__popc(~hi & lo & 0x55555555u));
  return (16u - c1 - c2 - c3) | c1 << 8 | c2 << 16 | c3 << 24;
#else
  return kOccTable.v[w & 0xff] + kOccTable.v[(w >> 8) & 0xff] + kOccTable.v[(w >> 16) & 0xff] + kOccTable.v[w >> 24];
#endif
}

// fm_occ4 with bwa's arithmetic.
HELICASE_HD_INLINE void bwa_occ4(const FmIndexView& v, std::uint64_t k, std::uint64_t cnt[4]) {
  if (fm_occ4_at_end(v, k, cnt)) return;
  const std::uint64_t i = k - (k >= v.primary);
  const std::uint32_t* b = fm_block(v, i);
  const std::uint32_t* w = b + 8;
  const int last = static_cast<int>((i & 0x7f) >> 4);
  const int drop = 15 - static_cast<int>(i & 15);  // bases of the last word past position i
  const std::uint32_t tail = drop == 0 ? w[last] : w[last] & ~((1u << (drop * 2)) - 1u);
#if !defined(__CUDA_ARCH__) && defined(__POPCNT__)
  // With a popcount instruction: per word, the low bits of the 2-bit codes count C + T, the
  // high bits G + T, both T; A is what is left of the i % 128 + 1 bases (the dropped ones are
  // zeros in all three). Same counts as the table, fewer instructions.
  std::uint32_t lo = 0, hi = 0, both = 0;
  for (int j = 0; j <= last; ++j) {
    const std::uint32_t x = j == last ? tail : w[j];
    const std::uint32_t l = x & 0x55555555u, h = (x >> 1) & 0x55555555u;
    lo += static_cast<std::uint32_t>(__builtin_popcount(l));
    hi += static_cast<std::uint32_t>(__builtin_popcount(h));
    both += static_cast<std::uint32_t>(__builtin_popcount(l & h));
  }
  const std::uint32_t c1 = lo - both, c2 = hi - both;
  cnt[0] = fm_load_u64(b) + ((static_cast<std::uint32_t>(i & 0x7f) + 1u) - c1 - c2 - both);
  cnt[1] = fm_load_u64(b + 2) + c1;
  cnt[2] = fm_load_u64(b + 4) + c2;
  cnt[3] = fm_load_u64(b + 6) + both;
#else
  std::uint32_t x = 0;
  for (int j = 0; j < last; ++j) x += occ_word4(w[j]);
  x += occ_word4(tail) - static_cast<std::uint32_t>(drop);  // the dropped bases were counted as A
  for (int c = 0; c < 4; ++c) cnt[c] = fm_load_u64(b + 2 * c) + ((x >> (c * 8)) & 0xffu);
#endif
}

HELICASE_HD_INLINE std::uint64_t bwa_occ(const FmIndexView& v, std::uint64_t k, int c) {
  std::uint64_t cnt[4];
  bwa_occ4(v, k, cnt);
  return cnt[c];
}

struct BwaOcc {
  HELICASE_HD_INLINE std::uint64_t operator()(const FmIndexView& v, std::uint64_t k, int c) const { return bwa_occ(v, k, c); }
};
struct BwaOcc4 {
  HELICASE_HD_INLINE void operator()(const FmIndexView& v, std::uint64_t k, std::uint64_t cnt[4]) const { bwa_occ4(v, k, cnt); }
};

// fm_extend and fm_sa with bwa's occurrence arithmetic.
HELICASE_HD_INLINE void bwa_extend(const FmIndexView& v, const FmBiInterval& ik, FmBiInterval ok[4], bool is_back) {
  fm_extend_with(v, ik, ok, is_back, BwaOcc4{});
}
HELICASE_HD_INLINE std::uint64_t bwa_sa(const FmIndexView& v, std::uint64_t k) { return fm_sa_with(v, k, BwaOcc{}); }

// bwa_sa of n rows at once: out[i] = bwa_sa(v, rows[i]). The walks are interleaved, up to
// kSaLanes at a time, and each step prefetches the BWT block the next step reads, so the
// cache misses of independent walks overlap instead of following one another (on the host;
// a GPU thread just walks them in turn). Same results as bwa_sa, step for step.
inline constexpr int kSaLanes = 8;

HELICASE_HD_INLINE void fm_prefetch_row(const FmIndexView& v, std::uint64_t k) {
#if !defined(__CUDA_ARCH__)
  if (k < v.seq_len) {
    const std::uint32_t* b = fm_block(v, k - (k > v.primary));
    __builtin_prefetch(b);
    __builtin_prefetch(b + 15);  // a 64-byte block may straddle two cache lines
  }
#else
  (void)v;
  (void)k;
#endif
}

HELICASE_HD_INLINE void bwa_sa_batch(const FmIndexView& v, const std::uint64_t* rows, std::uint64_t* out, int n) {
#if defined(__CUDA_ARCH__)
  for (int i = 0; i < n; ++i) out[i] = bwa_sa(v, rows[i]);
#else
  const std::uint64_t mask = v.sa_intv - 1;
  std::uint64_t k[kSaLanes] = {}, steps[kSaLanes] = {};
  int idx[kSaLanes] = {};
  int active = 0, next = 0;
  auto start = [&](int lane) {
    idx[lane] = next;
    k[lane] = rows[next++];
    steps[lane] = 0;
    fm_prefetch_row(v, k[lane]);
  };
  while (active < kSaLanes && next < n) start(active++);
  while (active > 0) {
    for (int lane = 0; lane < active;) {
      std::uint64_t& kk = k[lane];
      if (kk & mask) {
        if (kk <= v.seq_len && steps[lane] <= v.seq_len) {
          ++steps[lane];
          kk = fm_sa_step(v, kk, BwaOcc{});
          if ((kk & mask) == 0) {
            if (kk != 0 && kk <= v.seq_len) __builtin_prefetch(&v.sa[kk / v.sa_intv - 1]);
          } else {
            fm_prefetch_row(v, kk);
          }
          ++lane;
          continue;
        }
        out[idx[lane]] = kFmNone;  // damaged index: as fm_sa_with
      } else {
        out[idx[lane]] = fm_sa_finish(v, kk, steps[lane]);
      }
      // lane is free: refill it or move the last active walk into it
      if (next < n) {
        start(lane);
      } else {
        --active;
        k[lane] = k[active];
        steps[lane] = steps[active];
        idx[lane] = idx[active];
      }
    }
  }
#endif
}

}  // namespace helicase::kernels
