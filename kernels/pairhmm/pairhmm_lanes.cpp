// pairhmm_lanes.cpp -- see pairhmm_lanes.hpp.
#include "pairhmm/pairhmm_lanes.hpp"

#include <algorithm>
#include <cstring>

namespace helicase::kernels::pairhmm {
namespace {

constexpr int L = kPairHmmLanes;
constexpr int V = 8;          // lanes per vector (AVX2 width; two SSE2 halves in the default clone)
constexpr int NV = L / V;     // vectors per group
static_assert(L % V == 0);

// GCC's vector extensions: the arithmetic below is written once for 8 lanes and compiled for
// AVX2 and for SSE2 (target_clones). Vectors only pass between these internal, inlined helpers,
// so the ABI note GCC gives for 32-byte vectors without AVX does not concern any interface.
#pragma GCC diagnostic ignored "-Wpsabi"
using vf = float __attribute__((vector_size(V * sizeof(float))));
using vi = int __attribute__((vector_size(V * sizeof(int))));

// Per-row parameters of the group's reads, lane-major: params[(k * (Rmax + 1) + i) * L + lane].
enum Param { kMm, kGapm, kMx, kXx, kMy, kYy, kDmatch, kDmis, kRcode, kNumParams };

[[gnu::always_inline]] inline vf load(const float* p) {
  vf v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
[[gnu::always_inline]] inline void store(float* p, vf v) { std::memcpy(p, &v, sizeof v); }
[[gnu::always_inline]] inline vf select(vi mask, vf a, vf b) {  // mask lanes are all-ones or zero
  vi ai, bi;
  std::memcpy(&ai, &a, sizeof a);
  std::memcpy(&bi, &b, sizeof b);
  const vi r = (ai & mask) | (bi & ~mask);
  vf out;
  std::memcpy(&out, &r, sizeof out);
  return out;
}

// The float sweep of one group: rows[0..3(Hmax+1)L) hold M, X, Y of the previous row,
// lane-major. sums receive each lane's raw sum (sum of M, then of X, along its last row).
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
void sweep(int rmax, int hmax, const float* __restrict params, const float* __restrict hcode, const float* __restrict init_y,
           const int* __restrict read_len, const int* __restrict hap_len, float* __restrict rows, float* __restrict sums) {
  const std::size_t W = static_cast<std::size_t>(hmax) + 1;
  float* Mrow = rows;
  float* Xrow = rows + W * L;
  float* Yrow = rows + 2 * W * L;
  const vf zero = {};
  for (std::size_t j = 0; j < W; ++j) {  // row 0: M = X = 0, Y = initial / haplotype length
    for (int h = 0; h < NV; ++h) {
      store(Mrow + j * L + h * V, zero);
      store(Xrow + j * L + h * V, zero);
      store(Yrow + j * L + h * V, load(init_y + h * V));
    }
  }
  vi rlen[NV], hlen[NV];
  vf sum_m[NV], sum_x[NV];
  for (int h = 0; h < NV; ++h) {
    std::memcpy(&rlen[h], read_len + h * V, sizeof(vi));
    std::memcpy(&hlen[h], hap_len + h * V, sizeof(vi));
    sum_m[h] = zero;
    sum_x[h] = zero;
  }
  const std::size_t P = static_cast<std::size_t>(rmax) + 1;
  for (int i = 1; i <= rmax; ++i) {
    vf mm[NV], gapm[NV], mx[NV], xx[NV], my[NV], yy[NV], dmatch[NV], dmis[NV], rc[NV];
    vi r_is_n[NV], ends_here[NV];
    vf m_diag[NV], x_diag[NV], y_diag[NV], m_left[NV], y_left[NV];
    bool any_end = false;
    for (int h = 0; h < NV; ++h) {
      auto param = [&](int k) {
        return load(params + (static_cast<std::size_t>(k) * P + static_cast<std::size_t>(i)) * L + h * V);
      };
      mm[h] = param(kMm);
      gapm[h] = param(kGapm);
      mx[h] = param(kMx);
      xx[h] = param(kXx);
      my[h] = param(kMy);
      yy[h] = param(kYy);
      dmatch[h] = param(kDmatch);
      dmis[h] = param(kDmis);
      rc[h] = param(kRcode);
      r_is_n[h] = rc[h] < zero;
      // (i - 1, j - 1) from the previous row; (i, j - 1) of this row. Column 0 is zero below row 0.
      m_diag[h] = load(Mrow + h * V);
      x_diag[h] = load(Xrow + h * V);
      y_diag[h] = load(Yrow + h * V);
      store(Mrow + h * V, zero);
      store(Xrow + h * V, zero);
      store(Yrow + h * V, zero);
      m_left[h] = zero;
      y_left[h] = zero;
      ends_here[h] = rlen[h] == i;
      for (int l = 0; l < V; ++l) any_end |= ends_here[h][l] != 0;
    }
    for (std::size_t j = 1; j < W; ++j) {
      for (int h = 0; h < NV; ++h) {
        const std::size_t at = j * L + static_cast<std::size_t>(h * V);
        const vf hc = load(hcode + at);
        const vi match = (rc[h] == hc) | r_is_n[h] | (hc < zero);
        const vf dist = select(match, dmatch[h], dmis[h]);
        const vf m_up = load(Mrow + at), x_up = load(Xrow + at), y_up = load(Yrow + at);
        const vf m = (((m_diag[h] * mm[h]) + (x_diag[h] * gapm[h])) + (y_diag[h] * gapm[h])) * dist;
        const vf x = (m_up * mx[h]) + (x_up * xx[h]);
        const vf y = (m_left[h] * my[h]) + (y_left[h] * yy[h]);
        store(Mrow + at, m);
        store(Xrow + at, x);
        store(Yrow + at, y);
        m_diag[h] = m_up;
        x_diag[h] = x_up;
        y_diag[h] = y_up;
        m_left[h] = m;
        y_left[h] = y;
      }
    }
    if (any_end) {  // lanes whose read ends on this row: sum M along the row, then X
      for (int h = 0; h < NV; ++h) {
        for (std::size_t j = 1; j < W; ++j) {
          const vi take = ends_here[h] & (hlen[h] >= static_cast<int>(j));
          sum_m[h] = sum_m[h] + select(take, load(Mrow + j * L + h * V), zero);
        }
        for (std::size_t j = 1; j < W; ++j) {
          const vi take = ends_here[h] & (hlen[h] >= static_cast<int>(j));
          sum_x[h] = sum_x[h] + select(take, load(Xrow + j * L + h * V), zero);
        }
      }
    }
  }
  for (int h = 0; h < NV; ++h) store(sums + h * V, sum_m[h] + sum_x[h]);
}

}  // namespace

void pairhmm_lanes_range(const PairHmmBatchView& b, const PairHmmTables& tab, std::size_t begin, std::size_t end,
                         PairHmmLaneScratch& s) {
  for (std::size_t first = begin; first < end; first += L) {
    const int n = static_cast<int>(std::min<std::size_t>(L, end - first));
    PairHmmPairData d[L];
    int rmax = 0, hmax = 0;
    alignas(64) int read_len[L], hap_len[L];
    for (int l = 0; l < L; ++l) {
      // Unused lanes repeat the group's first pair; their results are dropped.
      d[l] = pairhmm_pair_data(b, static_cast<std::uint32_t>(first + static_cast<std::size_t>(l < n ? l : 0)));
      read_len[l] = d[l].R;
      hap_len[l] = d[l].H;
      rmax = std::max(rmax, d[l].R);
      hmax = std::max(hmax, d[l].H);
    }
    const std::size_t P = static_cast<std::size_t>(rmax) + 1, W = static_cast<std::size_t>(hmax) + 1;
    s.params.assign(kNumParams * P * L + W * L, 0.0f);
    float* params = s.params.data();
    float* hcode = params + kNumParams * P * L;
    alignas(64) float init_y[L];
    for (int l = 0; l < L; ++l) {
      const PairHmmPairData& p = d[l];
      init_y[l] = p.H > 0 ? tab.initial_f / static_cast<float>(p.H) : 0.0f;
      for (int i = 1; i <= p.R; ++i) {
        auto at = [&](int k) -> float& { return params[(static_cast<std::size_t>(k) * P + static_cast<std::size_t>(i)) * L + l]; };
        const PairHmmRowParams<float> rp = pairhmm_row_params<float>(tab, p.q[i - 1], p.qi[i - 1], p.qd[i - 1], p.qc[i - 1]);
        at(kMm) = rp.mm;
        at(kGapm) = rp.gapm;
        at(kMx) = rp.mx;
        at(kXx) = rp.xx;
        at(kMy) = rp.my;
        at(kYy) = rp.yy;
        at(kDmatch) = rp.dmatch;
        at(kDmis) = rp.dmis;
        at(kRcode) = pairhmm_code<float>(p.rs[i - 1]);
      }
      for (int j = 1; j <= p.H; ++j) hcode[static_cast<std::size_t>(j) * L + static_cast<std::size_t>(l)] = pairhmm_code<float>(p.hs[j - 1]);
    }
    s.rows.resize(3 * W * L);
    alignas(64) float sums[L];
    sweep(rmax, hmax, params, hcode, init_y, read_len, hap_len, s.rows.data(), sums);
    for (int l = 0; l < n; ++l) {
      const std::uint32_t p = static_cast<std::uint32_t>(first + static_cast<std::size_t>(l));
      const float f = (d[l].R == 0 || d[l].H == 0) ? 0.0f : sums[l];
      if (f < kMinAcceptedFloat) {
        s.fallback.resize(pairhmm_scratch_elems(static_cast<std::uint32_t>(d[l].R), static_cast<std::uint32_t>(d[l].H)));
        b.raw[p] = pairhmm_pair_sum<double>(b, tab, p, s.fallback.data());
        b.used_double[p] = 1;
      } else {
        b.raw[p] = static_cast<double>(f);
        b.used_double[p] = 0;
      }
    }
  }
}

}  // namespace helicase::kernels::pairhmm
