// mate_sw.hpp -- local Smith-Waterman with bwa 0.7.17 ksw_align2 semantics, the per-item kernel
// of mate rescue.
//
// bwa runs this as an SSE2 striped alignment (ksw_u8 with 16 lanes of saturating bytes when
// KSW_XBYTE is set, ksw_i16 with 8 lanes of 16 bits otherwise), and its results depend on
// that layout: the lazy-F loop stops after at most 16 passes and does not update E, the
// query end is the smallest striped index among the best cells, and padding lanes score 0.
// mate_sw_align() computes exactly the same numbers with the same striped arithmetic, one
// lane at a time, so it runs on a GPU thread too: score, target/query ends, the second-best
// score outside the best hit's neighbourhood (KSW_XSUBO), and the start found by aligning
// the reversed prefixes back (KSW_XSTART). Bases are codes 0..4; the matrix is 5x5.
#pragma once

#include <cstdint>

#include "hd.hpp"

#if defined(__SSE2__) && !defined(__CUDA_ARCH__)
#include <emmintrin.h>

#include <type_traits>
#include <utility>
#endif

namespace helicase::kernels {

inline constexpr int kKswXByte = 0x10000;
inline constexpr int kKswXStop = 0x20000;
inline constexpr int kKswXSubo = 0x40000;
inline constexpr int kKswXStart = 0x80000;

struct MateSwResult {  // bwa kswr_t
  int score = 0, te = -1, qe = -1, score2 = -1, te2 = -1, tb = -1, qb = -1;
};

struct MateSwParams {
  std::int8_t mat[25] = {};
  int o_del = 6, e_del = 1, o_ins = 6, e_ins = 1;
};

// Workspace (ints) one alignment of qlen x tlen needs.
HELICASE_HD_INLINE std::uint64_t mate_sw_work_ints(int qlen, int tlen) {
  const auto q = static_cast<std::uint64_t>(qlen > 0 ? qlen : 0), t = static_cast<std::uint64_t>(tlen > 0 ? tlen : 0);
  const std::uint64_t v = (q + 15) / 8 * 8 + 16;  // >= slen * lanes for either width
  return 9 * v + 2 * t + q + t + 16;
}

namespace mate_sw_detail {

// One striped pass (ksw_u8 when Bytes, else ksw_i16) over target[0, tlen). Lanes and the
// byte/word choice are compile-time so the per-lane loops vectorise on the CPU. w: workspace.
template <int Lanes, bool Bytes>
HELICASE_HD_INLINE MateSwResult striped_pass(int qlen, const std::uint8_t* query, int tlen, const std::uint8_t* target,
                                             const MateSwParams& p, int xtra, std::int32_t* w) {
  const int slen = (qlen + Lanes - 1) / Lanes;
  const int vlen = slen * Lanes;
  // Score range of the matrix (ksw_qinit): shift = -min, qmax = max.
  int mn = 127, mx = 0;
  for (int a = 0; a < 25; ++a) {
    if (p.mat[a] < mn) mn = p.mat[a];
    if (p.mat[a] > mx) mx = p.mat[a];
  }
  const int shift = Bytes ? static_cast<std::uint8_t>(256 - static_cast<std::uint8_t>(static_cast<std::int8_t>(mn))) : 0;
  const int qmax = mx;
  // 16-bit cells (byte-mode values stay within 0..255).
  std::int16_t* qp = reinterpret_cast<std::int16_t*>(w);  // 5 * vlen, index (a * slen + j) * Lanes + l
  std::int16_t* H0 = qp + 5 * vlen;                        // vlen each, index j * Lanes + l
  std::int16_t* H1 = H0 + vlen;
  std::int16_t* E = H1 + vlen;
  std::int16_t* Hmax = E + vlen;
  std::int32_t* b = w + 9 * vlen;  // pairs (score, row); 9*vlen int16 fit in 9*vlen ints
  for (int a = 0; a < 5; ++a)
    for (int j = 0; j < slen; ++j)
      for (int l = 0; l < Lanes; ++l) {
        const int k = j + l * slen;
        qp[(a * slen + j) * Lanes + l] = static_cast<std::int16_t>((k >= qlen ? 0 : p.mat[a * 5 + query[k]]) + shift);
      }
  for (int x = 0; x < vlen; ++x) E[x] = H0[x] = Hmax[x] = 0;
  const int oe_del = p.o_del + p.e_del, oe_ins = p.o_ins + p.e_ins, e_del = p.e_del, e_ins = p.e_ins;
  const int minsc = (xtra & kKswXSubo) ? xtra & 0xffff : 0x10000;
  const int endsc = (xtra & kKswXStop) ? xtra & 0xffff : 0x10000;
  MateSwResult r;
  int n_b = 0, gmax = 0, te = -1;
  int h[Lanes], f[Lanes], mxv[Lanes];
  for (int i = 0; i < tlen; ++i) {
    const std::int16_t* S = qp + target[i] * slen * Lanes;
    for (int l = 0; l < Lanes; ++l) f[l] = 0, mxv[l] = 0;
    // h = H0[slen-1] shifted up one lane (lane 0 gets 0).
    h[0] = 0;
    for (int l = 1; l < Lanes; ++l) h[l] = H0[(slen - 1) * Lanes + l - 1];
    for (int j = 0; j < slen; ++j) {
      std::int16_t* h1 = H1 + j * Lanes;
      std::int16_t* ej = E + j * Lanes;
      const std::int16_t* h0 = H0 + j * Lanes;
      const std::int16_t* sj = S + j * Lanes;
      for (int l = 0; l < Lanes; ++l) {
        int v = h[l] + sj[l];
        if (Bytes) {
          v = v > 255 ? 255 : v;
          v = v - shift > 0 ? v - shift : 0;
        } else {
          v = v > 32767 ? 32767 : (v < -32768 ? -32768 : v);
        }
        int e = ej[l];
        v = v > e ? v : e;
        v = v > f[l] ? v : f[l];
        mxv[l] = mxv[l] > v ? mxv[l] : v;
        h1[l] = static_cast<std::int16_t>(v);
        e = e - e_del > 0 ? e - e_del : 0;
        const int t = v - oe_del > 0 ? v - oe_del : 0;
        ej[l] = static_cast<std::int16_t>(e > t ? e : t);
        const int ff = f[l] - e_ins > 0 ? f[l] - e_ins : 0, tf = v - oe_ins > 0 ? v - oe_ins : 0;
        f[l] = ff > tf ? ff : tf;
        h[l] = h0[l];
      }
    }
    // Lazy F: at most 16 passes, stopping as soon as no lane's F can raise H (E not updated).
    bool done = false;
    for (int k = 0; k < 16 && !done; ++k) {
      for (int l = Lanes - 1; l > 0; --l) f[l] = f[l - 1];
      f[0] = 0;
      for (int j = 0; j < slen; ++j) {
        std::int16_t* h1 = H1 + j * Lanes;
        int any = 0;
        for (int l = 0; l < Lanes; ++l) {
          int v = h1[l];
          v = v > f[l] ? v : f[l];
          h1[l] = static_cast<std::int16_t>(v);
          const int t = v - oe_ins > 0 ? v - oe_ins : 0;
          f[l] = f[l] - e_ins > 0 ? f[l] - e_ins : 0;
          any |= f[l] > t;
        }
        if (!any) {
          done = true;
          break;
        }
      }
    }
    int imax = 0;
    for (int l = 0; l < Lanes; ++l) imax = imax > mxv[l] ? imax : mxv[l];
    if (imax >= minsc) {
      if (n_b == 0 || b[2 * (n_b - 1) + 1] + 1 != i) {
        b[2 * n_b] = imax, b[2 * n_b + 1] = i, ++n_b;
      } else if (b[2 * (n_b - 1)] < imax) {
        b[2 * (n_b - 1)] = imax, b[2 * (n_b - 1) + 1] = i;
      }
    }
    if (imax > gmax) {
      gmax = imax;
      te = i;
      for (int x = 0; x < vlen; ++x) Hmax[x] = H1[x];
      if ((Bytes && gmax + shift >= 255) || gmax >= endsc) break;
    }
    std::int16_t* tmp = H1;
    H1 = H0;
    H0 = tmp;
  }
  r.score = Bytes ? (gmax + shift < 255 ? gmax : 255) : gmax;
  r.te = te;
  if (!Bytes || r.score != 255) {
    int best = -1;
    r.qe = -1;
    for (int x = 0; x < vlen; ++x) {  // x = segment * lanes + lane, as bwa walks the bytes
      const int v = Hmax[x];
      const int pos = x / Lanes + x % Lanes * slen;
      if (v > best) best = v, r.qe = pos;
      else if (v == best && pos < r.qe) r.qe = pos;
    }
    if (n_b > 0) {
      const int d = (r.score + qmax - 1) / qmax;
      const int low = te - d, high = te + d;
      for (int x = 0; x < n_b; ++x) {
        const int e = b[2 * x + 1];
        if ((e < low || e > high) && b[2 * x] > r.score2) r.score2 = b[2 * x], r.te2 = e;
      }
    }
  }
  return r;
}

#if defined(__SSE2__) && !defined(__CUDA_ARCH__)
// The same pass with SSE2 vectors (16 x u8 or 8 x i16 lanes, as bwa's ksw_u8/ksw_i16 use
// them), for the CPU. Host only; results equal the lane-by-lane version (unit-tested).
template <bool Bytes>
inline MateSwResult striped_pass_sse2(int qlen, const std::uint8_t* query, int tlen, const std::uint8_t* target,
                                      const MateSwParams& p, int xtra, std::int32_t* w) {
  constexpr int Lanes = Bytes ? 16 : 8;
  using Cell = std::conditional_t<Bytes, std::uint8_t, std::int16_t>;
  const int slen = (qlen + Lanes - 1) / Lanes;
  const int vlen = slen * Lanes;
  int mn = 127, mx = 0;
  for (int a = 0; a < 25; ++a) {
    if (p.mat[a] < mn) mn = p.mat[a];
    if (p.mat[a] > mx) mx = p.mat[a];
  }
  const int shift = Bytes ? static_cast<std::uint8_t>(256 - static_cast<std::uint8_t>(static_cast<std::int8_t>(mn))) : 0;
  // 16-byte aligned vectors carved from the workspace (9 * vlen ints leave room to align).
  auto* base = reinterpret_cast<std::uint8_t*>(w);
  auto* v0 = reinterpret_cast<__m128i*>((reinterpret_cast<std::uintptr_t>(base) + 15) & ~std::uintptr_t{15});
  __m128i* qp = v0;  // 5 * slen vectors
  __m128i* H0 = qp + 5 * slen;
  __m128i* H1 = H0 + slen;
  __m128i* E = H1 + slen;
  __m128i* Hmax = E + slen;
  std::int32_t* b = w + 9 * vlen;
  {
    auto* t = reinterpret_cast<Cell*>(qp);
    for (int a = 0; a < 5; ++a)
      for (int j = 0; j < slen; ++j)
        for (int l = 0; l < Lanes; ++l) {
          const int k = j + l * slen;
          *t++ = static_cast<Cell>((k >= qlen ? 0 : p.mat[a * 5 + query[k]]) + shift);
        }
  }
  const __m128i zero = _mm_setzero_si128();
  for (int j = 0; j < slen; ++j) E[j] = H0[j] = Hmax[j] = zero;
  const int minsc = (xtra & kKswXSubo) ? xtra & 0xffff : 0x10000;
  const int endsc = (xtra & kKswXStop) ? xtra & 0xffff : 0x10000;
  MateSwResult r;
  int n_b = 0, gmax = 0, te = -1;
  if constexpr (Bytes) {
    const __m128i oe_del = _mm_set1_epi8(static_cast<char>(p.o_del + p.e_del)), e_del = _mm_set1_epi8(static_cast<char>(p.e_del));
    const __m128i oe_ins = _mm_set1_epi8(static_cast<char>(p.o_ins + p.e_ins)), e_ins = _mm_set1_epi8(static_cast<char>(p.e_ins));
    const __m128i vshift = _mm_set1_epi8(static_cast<char>(shift));
    for (int i = 0; i < tlen; ++i) {
      __m128i f = zero, mxv = zero;
      const __m128i* S = qp + target[i] * slen;
      __m128i h = _mm_slli_si128(H0[slen - 1], 1);
      for (int j = 0; j < slen; ++j) {
        h = _mm_subs_epu8(_mm_adds_epu8(h, S[j]), vshift);
        __m128i e = E[j];
        h = _mm_max_epu8(_mm_max_epu8(h, e), f);
        mxv = _mm_max_epu8(mxv, h);
        H1[j] = h;
        E[j] = _mm_max_epu8(_mm_subs_epu8(e, e_del), _mm_subs_epu8(h, oe_del));
        f = _mm_max_epu8(_mm_subs_epu8(f, e_ins), _mm_subs_epu8(h, oe_ins));
        h = H0[j];
      }
      for (int k = 0; k < 16; ++k) {
        f = _mm_slli_si128(f, 1);
        bool stop = false;
        for (int j = 0; j < slen; ++j) {
          h = _mm_max_epu8(H1[j], f);
          H1[j] = h;
          h = _mm_subs_epu8(h, oe_ins);
          f = _mm_subs_epu8(f, e_ins);
          if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_subs_epu8(f, h), zero)) == 0xffff) {
            stop = true;
            break;
          }
        }
        if (stop) break;
      }
      alignas(16) std::uint8_t lanes[16];
      _mm_store_si128(reinterpret_cast<__m128i*>(lanes), mxv);
      int imax = 0;
      for (int l = 0; l < 16; ++l) imax = imax > lanes[l] ? imax : lanes[l];
      if (imax >= minsc) {
        if (n_b == 0 || b[2 * (n_b - 1) + 1] + 1 != i) b[2 * n_b] = imax, b[2 * n_b + 1] = i, ++n_b;
        else if (b[2 * (n_b - 1)] < imax) b[2 * (n_b - 1)] = imax, b[2 * (n_b - 1) + 1] = i;
      }
      if (imax > gmax) {
        gmax = imax, te = i;
        for (int j = 0; j < slen; ++j) Hmax[j] = H1[j];
        if (gmax + shift >= 255 || gmax >= endsc) break;
      }
      std::swap(H0, H1);
    }
  } else {
    const __m128i oe_del = _mm_set1_epi16(static_cast<short>(p.o_del + p.e_del)), e_del = _mm_set1_epi16(static_cast<short>(p.e_del));
    const __m128i oe_ins = _mm_set1_epi16(static_cast<short>(p.o_ins + p.e_ins)), e_ins = _mm_set1_epi16(static_cast<short>(p.e_ins));
    for (int i = 0; i < tlen; ++i) {
      __m128i f = zero, mxv = zero;
      const __m128i* S = qp + target[i] * slen;
      __m128i h = _mm_slli_si128(H0[slen - 1], 2);
      for (int j = 0; j < slen; ++j) {
        h = _mm_adds_epi16(h, S[j]);
        __m128i e = E[j];
        h = _mm_max_epi16(_mm_max_epi16(h, e), f);
        mxv = _mm_max_epi16(mxv, h);
        H1[j] = h;
        E[j] = _mm_max_epi16(_mm_subs_epu16(e, e_del), _mm_subs_epu16(h, oe_del));
        f = _mm_max_epi16(_mm_subs_epu16(f, e_ins), _mm_subs_epu16(h, oe_ins));
        h = H0[j];
      }
      for (int k = 0; k < 16; ++k) {
        f = _mm_slli_si128(f, 2);
        bool stop = false;
        for (int j = 0; j < slen; ++j) {
          h = _mm_max_epi16(H1[j], f);
          H1[j] = h;
          h = _mm_subs_epu16(h, oe_ins);
          f = _mm_subs_epu16(f, e_ins);
          if (!_mm_movemask_epi8(_mm_cmpgt_epi16(f, h))) {
            stop = true;
            break;
          }
        }
        if (stop) break;
      }
      alignas(16) std::int16_t lanes[8];
      _mm_store_si128(reinterpret_cast<__m128i*>(lanes), mxv);
      int imax = 0;
      for (int l = 0; l < 8; ++l) imax = imax > lanes[l] ? imax : lanes[l];
      if (imax >= minsc) {
        if (n_b == 0 || b[2 * (n_b - 1) + 1] + 1 != i) b[2 * n_b] = imax, b[2 * n_b + 1] = i, ++n_b;
        else if (b[2 * (n_b - 1)] < imax) b[2 * (n_b - 1)] = imax, b[2 * (n_b - 1) + 1] = i;
      }
      if (imax > gmax) {
        gmax = imax, te = i;
        for (int j = 0; j < slen; ++j) Hmax[j] = H1[j];
        if (gmax >= endsc) break;
      }
      std::swap(H0, H1);
    }
  }
  r.score = Bytes ? (gmax + shift < 255 ? gmax : 255) : gmax;
  r.te = te;
  if (!Bytes || r.score != 255) {
    const auto* hm = reinterpret_cast<const Cell*>(Hmax);
    int best = -1;
    r.qe = -1;
    for (int x = 0; x < vlen; ++x) {
      const int v = hm[x];
      const int pos = x / Lanes + x % Lanes * slen;
      if (v > best) best = v, r.qe = pos;
      else if (v == best && pos < r.qe) r.qe = pos;
    }
    if (n_b > 0) {
      const int d = (r.score + mx - 1) / mx;
      const int low = te - d, high = te + d;
      for (int x = 0; x < n_b; ++x) {
        const int e = b[2 * x + 1];
        if ((e < low || e > high) && b[2 * x] > r.score2) r.score2 = b[2 * x], r.te2 = e;
      }
    }
  }
  return r;
}
#endif

HELICASE_HD_INLINE MateSwResult striped_pass(bool bytes, int qlen, const std::uint8_t* query, int tlen,
                                             const std::uint8_t* target, const MateSwParams& p, int xtra,
                                             std::int32_t* w) {
  if (qlen <= 0 || tlen <= 0) return MateSwResult{};
#if defined(__SSE2__) && !defined(__CUDA_ARCH__)
  return bytes ? striped_pass_sse2<true>(qlen, query, tlen, target, p, xtra, w)
               : striped_pass_sse2<false>(qlen, query, tlen, target, p, xtra, w);
#else
  return bytes ? striped_pass<16, true>(qlen, query, tlen, target, p, xtra, w)
               : striped_pass<8, false>(qlen, query, tlen, target, p, xtra, w);
#endif
}

}  // namespace mate_sw_detail

// ksw_align2(qlen, query, tlen, target, 5, mat, o_del, e_del, o_ins, e_ins, xtra, 0).
// work: mate_sw_work_ints(qlen, tlen) ints. query and target are not modified.
HELICASE_HD_INLINE MateSwResult mate_sw_align(int qlen, const std::uint8_t* query, int tlen,
                                              const std::uint8_t* target, const MateSwParams& p, int xtra,
                                              std::int32_t* work) {
  const bool bytes = (xtra & kKswXByte) != 0;
  const auto v = static_cast<std::uint64_t>((qlen + 15) / 8 * 8 + 16);
  // Reversed copies for the second pass live after the striped workspace.
  std::uint8_t* scratch = reinterpret_cast<std::uint8_t*>(work + 9 * v + 2 * static_cast<std::uint64_t>(tlen));
  MateSwResult r = mate_sw_detail::striped_pass(bytes, qlen, query, tlen, target, p, xtra, work);
  if ((xtra & kKswXStart) == 0 || ((xtra & kKswXSubo) && r.score < (xtra & 0xffff))) return r;
  const int qn = r.qe + 1, tn = r.te + 1;
  std::uint8_t* rq = scratch;
  std::uint8_t* rt = scratch + qlen;
  for (int x = 0; x < qlen; ++x) rq[x] = query[x];
  for (int x = 0; x < tlen; ++x) rt[x] = target[x];
  for (int x = 0; x < qn >> 1; ++x) {
    const std::uint8_t t = rq[x];
    rq[x] = rq[qn - 1 - x], rq[qn - 1 - x] = t;
  }
  for (int x = 0; x < tn >> 1; ++x) {
    const std::uint8_t t = rt[x];
    rt[x] = rt[tn - 1 - x], rt[tn - 1 - x] = t;
  }
  const MateSwResult rr = mate_sw_detail::striped_pass(bytes, qn, rq, tlen, rt, p, kKswXStop | r.score, work);
  if (r.score == rr.score) r.tb = r.te - rr.te, r.qb = r.qe - rr.qe;
  return r;
}

struct MateSwBatch {
  std::size_t n = 0;
  const std::uint8_t* query = nullptr;
  const std::uint64_t* query_offset = nullptr;  // n + 1
  const std::uint8_t* target = nullptr;
  const std::uint64_t* target_offset = nullptr;  // n + 1
  const std::int32_t* xtra = nullptr;
  std::int32_t* work = nullptr;                 // item i at work_offset[i]
  const std::uint64_t* work_offset = nullptr;   // n + 1
  MateSwResult* out = nullptr;
};

HELICASE_HD_INLINE void mate_sw_one(const MateSwBatch& b, std::size_t i, const MateSwParams& p) {
  const auto q0 = b.query_offset[i], t0 = b.target_offset[i];
  b.out[i] = mate_sw_align(static_cast<int>(b.query_offset[i + 1] - q0), b.query + q0,
                           static_cast<int>(b.target_offset[i + 1] - t0), b.target + t0, p, b.xtra[i],
                           b.work + b.work_offset[i]);
}

}  // namespace helicase::kernels
