// ksw_extend.hpp -- bwa 0.7.17's seed extension (ksw_extend2) as one HELICASE_HD function.
//
// Banded affine-gap extension of a seed hit: the query is aligned from its first base
// against the target from its first base, starting with score h0 (the seed's score), rows
// over the target and columns over the query. Semantics that decide bwa-identical output:
// separate deletion/insertion penalties; the band shrunk to what the query could possibly
// pay for (max_ins/max_del); "M = M ? M + s : 0" (no gap right after a zero cell); the
// per-row adaptive [beg, end) window; stop when a row is all zero; z-drop with the
// direction-dependent gap extension; ties: the last column of a row wins (mj), the first
// row wins across rows (strict >), and the last row wins for the to-end score (max_ie).
// The caller provides `eh`, qlen + 1 cells of scratch (no allocation: runs on a GPU).
#pragma once

#include <cstdint>

#include "hd.hpp"

namespace helicase::kernels {

struct ExtendScoring {
  std::int8_t mat[25] = {};  // 5x5: row = target base, column = query base (bwa's mat)
  int o_del = 6, e_del = 1, o_ins = 6, e_ins = 1;
};

struct ExtendResult {
  int score = 0;    // best local score (h0 if nothing better)
  int qle = 0;      // query length of the best local extension
  int tle = 0;      // target length of the best local extension
  int gtle = 0;     // target length where the query end was reached with the best score
  int gscore = -1;  // best score reaching the query end (-1: never reached)
  int max_off = 0;  // largest |column - row| at an improvement of the maximum
};

struct ExtendCell {
  std::int32_t h, e;
};

HELICASE_HD_INLINE int extend_max(int a, int b) { return a > b ? a : b; }

HELICASE_HD_INLINE ExtendResult ksw_extend_one(int qlen, const std::uint8_t* query, int tlen, const std::uint8_t* target,
                                               const ExtendScoring& sc, int w, int end_bonus, int zdrop, int h0,
                                               ExtendCell* eh) {
  const int oe_del = sc.o_del + sc.e_del, oe_ins = sc.o_ins + sc.e_ins;
  for (int j = 0; j <= qlen; ++j) eh[j].h = eh[j].e = 0;
  // First row: the seed score, then an insertion opened and extended along the query.
  eh[0].h = h0;
  if (qlen >= 1) eh[1].h = h0 > oe_ins ? h0 - oe_ins : 0;
  for (int j = 2; j <= qlen && eh[j - 1].h > sc.e_ins; ++j) eh[j].h = eh[j - 1].h - sc.e_ins;
  // The band never needs to be wider than the longest gap the query could pay for.
  int best_cell = 0;
  for (int i = 0; i < 25; ++i) best_cell = extend_max(best_cell, sc.mat[i]);
  int max_ins = static_cast<int>(static_cast<double>(qlen * best_cell + end_bonus - sc.o_ins) / sc.e_ins + 1.);
  max_ins = extend_max(max_ins, 1);
  if (w > max_ins) w = max_ins;
  int max_del = static_cast<int>(static_cast<double>(qlen * best_cell + end_bonus - sc.o_del) / sc.e_del + 1.);
  max_del = extend_max(max_del, 1);
  if (w > max_del) w = max_del;

  int max = h0, max_i = -1, max_j = -1, max_ie = -1, gscore = -1, max_off = 0;
  int beg = 0, end = qlen;
  for (int i = 0; i < tlen; ++i) {
    int f = 0, h1, m = 0, mj = -1;
    const std::int8_t* row = &sc.mat[target[i] * 5];
    if (beg < i - w) beg = i - w;
    if (end > i + w + 1) end = i + w + 1;
    if (end > qlen) end = qlen;
    if (beg == 0) {
      h1 = h0 - (sc.o_del + sc.e_del * (i + 1));
      if (h1 < 0) h1 = 0;
    } else {
      h1 = 0;
    }
    int j = beg;
    for (; j < end; ++j) {
      // eh[j] holds H(i-1,j-1) and E(i,j); f = F(i,j); h1 = H(i,j-1).
      ExtendCell* p = &eh[j];
      int M = p->h, e = p->e;
      p->h = h1;
      M = M ? M + row[query[j]] : 0;
      int h = M > e ? M : e;
      h = h > f ? h : f;
      h1 = h;
      mj = m > h ? mj : j;
      m = m > h ? m : h;
      int t = M - oe_del;
      t = t > 0 ? t : 0;
      e -= sc.e_del;
      e = e > t ? e : t;
      p->e = e;
      t = M - oe_ins;
      t = t > 0 ? t : 0;
      f -= sc.e_ins;
      f = f > t ? f : t;
    }
    eh[end].h = h1;
    eh[end].e = 0;
    if (j == qlen) {
      max_ie = gscore > h1 ? max_ie : i;
      gscore = gscore > h1 ? gscore : h1;
    }
    if (m == 0) break;
    if (m > max) {
      max = m;
      max_i = i;
      max_j = mj;
      const int off = mj > i ? mj - i : i - mj;
      max_off = max_off > off ? max_off : off;
    } else if (zdrop > 0) {
      if (i - max_i > mj - max_j) {
        if (max - m - ((i - max_i) - (mj - max_j)) * sc.e_del > zdrop) break;
      } else {
        if (max - m - ((mj - max_j) - (i - max_i)) * sc.e_ins > zdrop) break;
      }
    }
    // Shrink the window to the columns that can still carry a non-zero score.
    for (j = beg; j < end && eh[j].h == 0 && eh[j].e == 0; ++j) {
    }
    beg = j;
    for (j = end; j >= beg && eh[j].h == 0 && eh[j].e == 0; --j) {
    }
    end = j + 2 < qlen ? j + 2 : qlen;
  }
  ExtendResult r;
  r.score = max;
  r.qle = max_j + 1;
  r.tle = max_i + 1;
  r.gtle = max_ie + 1;
  r.gscore = gscore;
  r.max_off = max_off;
  return r;
}

}  // namespace helicase::kernels
