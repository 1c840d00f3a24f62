// bwa_occ.hpp -- occurrence counts, extension and SA lookup for the seeding path, with
// bwa's arithmetic: the four bases of a BWT word are counted at once through a 256-entry
// table of packed counts (bwt.c's cnt_table / __occ_aux4), so the hot path needs no
// popcount instruction on the host; on a GPU the same counts come from __popc. Results are
// exactly those of fm_occ4 / fm_extend / fm_sa (kernels/fmindex/fm_index.hpp); the unit
// tests check that.
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
  if (k == kFmNone || (k == 0 && v.primary == 0)) {
    cnt[0] = cnt[1] = cnt[2] = cnt[3] = 0;
    return;
  }
  if (k == v.seq_len) {
    for (int c = 0; c < 4; ++c) cnt[c] = v.L2[c + 1] - v.L2[c];
    return;
  }
  const std::uint64_t i = k - (k >= v.primary);
  const std::uint32_t* b = fm_block(v, i);
  const std::uint32_t* w = b + 8;
  const int last = static_cast<int>((i & 0x7f) >> 4);
  std::uint32_t x = 0;
  for (int j = 0; j < last; ++j) x += occ_word4(w[j]);
  const int drop = 15 - static_cast<int>(i & 15);  // bases of the last word past position i
  const std::uint32_t tail = drop == 0 ? w[last] : w[last] & ~((1u << (drop * 2)) - 1u);
  x += occ_word4(tail) - static_cast<std::uint32_t>(drop);  // the dropped bases were counted as A
  for (int c = 0; c < 4; ++c) cnt[c] = fm_load_u64(b + 2 * c) + ((x >> (c * 8)) & 0xffu);
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

}  // namespace helicase::kernels
