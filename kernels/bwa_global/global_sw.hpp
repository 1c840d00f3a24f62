// global_sw.hpp -- banded global alignment with traceback (bwa 0.7.17 ksw_global2 semantics),
// the per-item kernel that turns an alignment region into its CIGAR.
//
// global_sw_one() aligns query i of a flat batch end to end against target i inside a band of
// w diagonals, with affine gaps (deletion o_del + k*e_del, insertion o_ins + k*e_ins), and
// writes the score and the CIGAR (bwa's internal op codes: 0 M, 1 I, 2 D; len<<4|op). Every
// tie is broken as ksw_global2 breaks it (match before deletion before insertion; a gap is
// opened only when strictly better than extending it), so the CIGAR is bwa's byte for byte.
// Bases are codes 0..4 (4 = N); the scoring matrix is 5x5 (bwa_fill_scmat). No allocation:
// the caller gives each item its workspace (global_sw_eh_ints, global_sw_z_bytes).
#pragma once

#include <cstdint>

#include "hd.hpp"

namespace helicase::kernels {

struct GlobalSwParams {
  std::int8_t mat[25] = {};
  int o_del = 6, e_del = 1, o_ins = 6, e_ins = 1;
};

struct GlobalSwBatch {
  std::size_t n = 0;
  const std::uint8_t* query = nullptr;          // codes 0..4, items back to back
  const std::uint64_t* query_offset = nullptr;  // n + 1
  const std::uint8_t* target = nullptr;
  const std::uint64_t* target_offset = nullptr;  // n + 1
  const std::int32_t* w = nullptr;              // band width per item
  // Workspace: item i uses eh[2*(query_offset[i] + i) ...] (2*(qlen+1) ints) and
  // z[z_offset[i] ...] (global_sw_z_bytes(qlen, tlen, w) bytes).
  std::int32_t* eh = nullptr;
  std::uint8_t* z = nullptr;
  const std::uint64_t* z_offset = nullptr;  // n + 1
  // Output: item i writes n_cigar[i] ops at cigar[query_offset[i] + target_offset[i]] (room
  // for qlen + tlen ops) and its score.
  std::uint32_t* cigar = nullptr;
  std::int32_t* n_cigar = nullptr;
  std::int32_t* score = nullptr;
};

HELICASE_HD_INLINE std::uint64_t global_sw_z_bytes(int qlen, int tlen, int w) {
  const int n_col = qlen < 2 * w + 1 ? qlen : 2 * w + 1;
  return static_cast<std::uint64_t>(n_col > 0 ? n_col : 0) * static_cast<std::uint64_t>(tlen > 0 ? tlen : 0);
}

namespace global_sw_detail {
constexpr std::int32_t kMinusInf = -0x40000000;

HELICASE_HD_INLINE void push_op(std::uint32_t* cigar, int& n, int op, int len) {
  if (n == 0 || static_cast<int>(cigar[n - 1] & 0xfu) != op) {
    cigar[n++] = static_cast<std::uint32_t>(len) << 4 | static_cast<std::uint32_t>(op);
  } else {
    cigar[n - 1] += static_cast<std::uint32_t>(len) << 4;
  }
}
}  // namespace global_sw_detail

// One alignment. eh: 2*(qlen+1) ints; z: global_sw_z_bytes() bytes; cigar: room for qlen+tlen.
HELICASE_HD_INLINE int global_sw_align(int qlen, const std::uint8_t* query, int tlen, const std::uint8_t* target,
                                       const GlobalSwParams& p, int w, std::int32_t* eh, std::uint8_t* z,
                                       std::uint32_t* cigar, int* n_cigar_out) {
  using global_sw_detail::kMinusInf;
  const int oe_del = p.o_del + p.e_del, oe_ins = p.o_ins + p.e_ins;
  const int n_col = qlen < 2 * w + 1 ? qlen : 2 * w + 1;
  // eh[2j] = H, eh[2j+1] = E of column j.
  eh[0] = 0;
  eh[1] = kMinusInf;
  int j = 1;
  for (; j <= qlen && j <= w; ++j) eh[2 * j] = -(p.o_ins + p.e_ins * j), eh[2 * j + 1] = kMinusInf;
  for (; j <= qlen; ++j) eh[2 * j] = eh[2 * j + 1] = kMinusInf;
  for (int i = 0; i < tlen; ++i) {
    std::int32_t f = kMinusInf;
    const int beg = i > w ? i - w : 0;
    const int end = i + w + 1 < qlen ? i + w + 1 : qlen;
    std::int32_t h1 = beg == 0 ? -(p.o_del + p.e_del * (i + 1)) : kMinusInf;
    const std::int8_t* row = &p.mat[target[i] * 5];
    std::uint8_t* zi = z + static_cast<std::uint64_t>(i) * static_cast<std::uint64_t>(n_col);
    for (j = beg; j < end; ++j) {
      // eh[j] = {H(i-1,j-1), E(i,j)}, f = F(i,j), h1 = H(i,j-1) on entry.
      std::int32_t m = eh[2 * j], e = eh[2 * j + 1];
      eh[2 * j] = h1;
      m += row[query[j]];
      std::uint8_t d = m >= e ? 0 : 1;
      std::int32_t h = m >= e ? m : e;
      d = h >= f ? d : 2;
      h = h >= f ? h : f;
      h1 = h;
      std::int32_t t = m - oe_del;
      e -= p.e_del;
      d = static_cast<std::uint8_t>(d | (e > t ? 1 << 2 : 0));
      e = e > t ? e : t;
      eh[2 * j + 1] = e;
      t = m - oe_ins;
      f -= p.e_ins;
      d = static_cast<std::uint8_t>(d | (f > t ? 2 << 4 : 0));
      f = f > t ? f : t;
      zi[j - beg] = d;
    }
    eh[2 * end] = h1;
    eh[2 * end + 1] = kMinusInf;
  }
  const int score = eh[2 * qlen];
  int n = 0, which = 0;
  int i = tlen - 1;
  int k = (i + w + 1 < qlen ? i + w + 1 : qlen) - 1;
  while (i >= 0 && k >= 0) {
    const int beg = i > w ? i - w : 0;
    const int col = k - beg;
    // A path leaving the band only happens on degenerate input; bwa reads garbage there, we stop.
    if (col < 0 || col >= n_col) break;
    which = z[static_cast<std::uint64_t>(i) * static_cast<std::uint64_t>(n_col) + static_cast<std::uint64_t>(col)] >>
                (which << 1) & 3;
    if (which == 0) {
      global_sw_detail::push_op(cigar, n, 0, 1), --i, --k;
    } else if (which == 1) {
      global_sw_detail::push_op(cigar, n, 2, 1), --i;
    } else {
      global_sw_detail::push_op(cigar, n, 1, 1), --k;
    }
  }
  if (i >= 0) global_sw_detail::push_op(cigar, n, 2, i + 1);
  if (k >= 0) global_sw_detail::push_op(cigar, n, 1, k + 1);
  for (int a = 0; a < n >> 1; ++a) {
    const std::uint32_t tmp = cigar[a];
    cigar[a] = cigar[n - 1 - a];
    cigar[n - 1 - a] = tmp;
  }
  *n_cigar_out = n;
  return score;
}

HELICASE_HD_INLINE void global_sw_one(const GlobalSwBatch& b, std::size_t i, const GlobalSwParams& p) {
  const auto q0 = b.query_offset[i], t0 = b.target_offset[i];
  const int qlen = static_cast<int>(b.query_offset[i + 1] - q0);
  const int tlen = static_cast<int>(b.target_offset[i + 1] - t0);
  int n_cigar = 0;
  b.score[i] = global_sw_align(qlen, b.query + q0, tlen, b.target + t0, p, b.w[i], b.eh + 2 * (q0 + i),
                               b.z + b.z_offset[i], b.cigar + q0 + t0, &n_cigar);
  b.n_cigar[i] = n_cigar;
}

}  // namespace helicase::kernels
