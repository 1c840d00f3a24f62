// hc_sw_diagonal.cpp -- see hc_sw_diagonal.hpp.
#include "hc_sw/hc_sw_diagonal.hpp"

#include <algorithm>

namespace helicase::kernels::hc_sw {
namespace {

// bt(i, j) of a matrix stored by anti-diagonals: diagonal d = i + j holds rows max(1, d - m)..
// min(n, d - 1) from diag_start[d].
struct DiagonalBacktrack {
  const std::int32_t* bt;
  const std::int64_t* diag_start;
  std::int64_t m;
  std::int32_t operator()(std::int64_t i, std::int64_t j) const {
    const std::int64_t d = i + j;
    const std::int64_t lo = d - m > 1 ? d - m : 1;
    return bt[diag_start[d] + (i - lo)];
  }
};

// One anti-diagonal, rows lo..hi. Index i is the row; the column is d - i. *2 arrays hold
// diagonal d - 2, *1 arrays d - 1, *0 arrays d (written). ref_code[i - 1] is ref[i - 1];
// alt_rev[m - d + i] is alt[d - i - 1].
__attribute__((target_clones("avx2", "default"))) void fill_diagonal(
    std::int64_t lo, std::int64_t hi, std::int64_t alt_shift, const std::int32_t* __restrict ref_code,
    const std::int32_t* __restrict alt_rev, SwParams p, const std::int32_t* __restrict h2,
    const std::int32_t* __restrict h1, const std::int32_t* __restrict v1, const std::int32_t* __restrict gv1,
    const std::int32_t* __restrict f1, const std::int32_t* __restrict gf1, std::int32_t* __restrict h0,
    std::int32_t* __restrict v0, std::int32_t* __restrict gv0, std::int32_t* __restrict f0,
    std::int32_t* __restrict gf0, std::int32_t* __restrict bt) {
  // Branch-free on purpose (selects and masks only), so that the loop vectorizes.
#pragma GCC ivdep
  for (std::int64_t i = lo; i <= hi; ++i) {
    const std::int32_t diag = h2[i - 1] + (ref_code[i - 1] == alt_rev[alt_shift + i] ? p.match : p.mismatch);
    // Vertical gap: from the cell above (i - 1, j), on diagonal d - 1 at i - 1.
    const std::int32_t open_v = h1[i - 1] + p.open, ext_v = v1[i - 1] + p.extend;
    const std::int32_t new_v = open_v > ext_v;  // 1 or 0
    const std::int32_t down = new_v ? open_v : ext_v;
    const std::int32_t size_v = new_v ? 1 : gv1[i - 1] + 1;
    // Horizontal gap: from the cell to the left (i, j - 1), on diagonal d - 1 at i.
    const std::int32_t open_h = h1[i] + p.open, ext_h = f1[i] + p.extend;
    const std::int32_t new_h = open_h > ext_h;
    const std::int32_t right = new_h ? open_h : ext_h;
    const std::int32_t size_h = new_h ? 1 : gf1[i] + 1;
    const std::int32_t take_diag = (diag >= down) & (diag >= right);
    const std::int32_t take_right = (1 - take_diag) & (right >= down);
    const std::int32_t gap = take_right ? right : down;
    const std::int32_t best = take_diag ? diag : gap;
    const std::int32_t gap_bt = take_right ? -size_h : size_v;
    h0[i] = best > kSwCut ? best : kSwCut;
    bt[i - lo] = take_diag ? 0 : gap_bt;
    v0[i] = down;
    gv0[i] = size_v;
    f0[i] = right;
    gf0[i] = size_h;
  }
}

}  // namespace

int sw_align_diagonal(const char* ref, std::uint32_t n, const char* alt, std::uint32_t m, SwParams p, int overhang,
                      DiagonalScratch& s, std::uint32_t* cigar_out, std::int32_t* offset) {
  if (sw_exact_match(ref, n, alt, m, overhang, cigar_out, offset)) return 1;
  if (n == 0 || m == 0) {
    std::vector<std::int32_t> rows(sw_scratch_ints(n, m));
    return sw_align(ref, n, alt, m, p, overhang, rows.data(), cigar_out, offset);
  }
  const std::int64_t N = n, M = m;
  const bool indel_edges = overhang == kIndel || overhang == kLeadingIndel;
  // Boundary scores: row 0 (H[0][j]) and column 0 (H[i][0]).
  auto row0 = [&](std::int64_t j) -> std::int32_t {
    return indel_edges && j > 0 ? static_cast<std::int32_t>(p.open + (j - 1) * p.extend) : 0;
  };
  auto col0 = [&](std::int64_t i) -> std::int32_t {
    return indel_edges && i > 0 ? static_cast<std::int32_t>(p.open + (i - 1) * p.extend) : 0;
  };
  const std::size_t w = static_cast<std::size_t>(N + 1);
  s.lanes.resize(13 * w + 2 * static_cast<std::size_t>(M + N + 2));
  std::int32_t* base = s.lanes.data();
  std::int32_t* h[3] = {base, base + w, base + 2 * w};
  std::int32_t* v[2] = {base + 3 * w, base + 4 * w};
  std::int32_t* gv[2] = {base + 5 * w, base + 6 * w};
  std::int32_t* f[2] = {base + 7 * w, base + 8 * w};
  std::int32_t* gf[2] = {base + 9 * w, base + 10 * w};
  std::int32_t* ref_code = base + 11 * w;
  std::int32_t* alt_rev = base + 12 * w;  // M + 1 entries (fits: the tail below is M + N + 2 long)
  for (std::int64_t i = 0; i < N; ++i) ref_code[i] = static_cast<unsigned char>(ref[i]);
  for (std::int64_t k = 0; k < M; ++k) alt_rev[k] = static_cast<unsigned char>(alt[M - 1 - k]);
  s.ends.resize(static_cast<std::size_t>(M + N + 2));
  std::int32_t* last_row = s.ends.data();                   // H[n][0..m]
  std::int32_t* last_col = s.ends.data() + (M + 1);         // H[0..n][m]
  last_row[0] = N == 0 ? 0 : col0(N);
  last_col[0] = row0(M);
  s.diag_start.resize(static_cast<std::size_t>(N + M + 1));
  s.bt.resize(static_cast<std::size_t>(N * M));
  // Diagonal 0 is H[0][0]; diagonal 1 holds H[0][1] and H[1][0].
  h[0][0] = 0;
  h[1][0] = row0(1);
  h[1][1] = col0(1);
  v[1][0] = kSwLow;
  gv[1][0] = 0;
  f[1][1] = kSwLow;
  gf[1][1] = 0;
  std::int32_t *h2 = h[0], *h1 = h[1], *h0 = h[2];
  std::int32_t *v1 = v[1], *v0 = v[0], *gv1 = gv[1], *gv0 = gv[0];
  std::int32_t *f1 = f[1], *f0 = f[0], *gf1 = gf[1], *gf0 = gf[0];
  std::int64_t next = 0;
  for (std::int64_t d = 2; d <= N + M; ++d) {
    const std::int64_t lo = std::max<std::int64_t>(1, d - M), hi = std::min<std::int64_t>(N, d - 1);
    s.diag_start[static_cast<std::size_t>(d)] = next;
    fill_diagonal(lo, hi, M - d, ref_code, alt_rev, p, h2, h1, v1, gv1, f1, gf1, h0, v0, gv0, f0, gf0,
                  s.bt.data() + next);
    next += hi - lo + 1;
    // Boundary cells of this diagonal, read by the next two.
    if (d <= M) {
      h0[0] = row0(d);
      v0[0] = kSwLow;
      gv0[0] = 0;
    }
    if (d <= N) {
      h0[d] = col0(d);
      f0[d] = kSwLow;
      gf0[d] = 0;
    }
    if (d - M >= 1 && d - M <= N) last_col[d - M] = h0[d - M];
    if (d - N >= 1 && d - N <= M) last_row[d - N] = h0[N];
    std::int32_t* t = h2;
    h2 = h1;
    h1 = h0;
    h0 = t;
    std::swap(v1, v0);
    std::swap(gv1, gv0);
    std::swap(f1, f0);
    std::swap(gf1, gf0);
  }
  return sw_traceback(n, m, overhang, last_row, last_col, DiagonalBacktrack{s.bt.data(), s.diag_start.data(), M},
                      cigar_out, offset);
}

}  // namespace helicase::kernels::hc_sw
