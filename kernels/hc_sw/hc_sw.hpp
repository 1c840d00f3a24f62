// hc_sw.hpp -- GATK's Smith-Waterman (SmithWatermanJavaAligner, GATK 4.6.2.0) as a per-pair
// HELICASE_HD function, used by helicase-haplotypecaller to align haplotypes to the reference.
//
// Same recursion, tie-breaks and traceback as the Java aligner: no zero floor (scores may go
// negative, floored at -1e8), diagonal preferred on ties, then horizontal (insertion), then
// vertical (deletion); gap lengths tracked per column/row; overhang strategies SOFTCLIP,
// INDEL, LEADING_INDEL and IGNORE; the exact-substring shortcut (Utils.lastIndexOf) for
// SOFTCLIP and IGNORE. Output: CIGAR ops (BAM encoding: len << 4 | op, M=0 I=1 D=2 S=4),
// adjacent same-op elements NOT merged (as the Java Cigar list), and the alignment offset.
#pragma once

#include <cstdint>

#include "hd.hpp"

namespace helicase::kernels::hc_sw {

struct SwParams {
  int match = 200, mismatch = -150, open = -260, extend = -11;  // GATK NEW_SW_PARAMETERS
};
enum Overhang : int { kSoftclip = 0, kIndel = 1, kLeadingIndel = 2, kIgnore = 3 };

inline constexpr std::uint32_t kOpM = 0, kOpI = 1, kOpD = 2, kOpS = 4;

// Scratch ints needed by one pair: btrack (n+1)(m+1), two rows + gap arrays 4(m+2), last column n+1.
HELICASE_HD_INLINE std::uint64_t sw_scratch_ints(std::uint32_t n, std::uint32_t m) {
  return static_cast<std::uint64_t>(n + 1) * (m + 1) + 4ull * (m + 2) + (n + 1);
}

// Utils.lastIndexOf(reference, alternate), the SOFTCLIP/IGNORE shortcut: when alt occurs in ref
// exactly, writes its one-op CIGAR and offset and returns 1; otherwise 0 (also for other overhangs).
HELICASE_HD_INLINE int sw_exact_match(const char* ref, std::uint32_t n, const char* alt, std::uint32_t m, int overhang,
                                      std::uint32_t* cigar_out, std::int32_t* offset) {
  if ((overhang != kSoftclip && overhang != kIgnore) || m > n) return 0;
  for (std::int64_t s = static_cast<std::int64_t>(n) - m; s >= 0; --s) {
    std::uint32_t k = 0;
    while (k < m && ref[s + k] == alt[k]) ++k;
    if (k == m) {
      cigar_out[0] = (m << 4) | kOpM;
      *offset = static_cast<std::int32_t>(s);
      return 1;
    }
  }
  return 0;
}

inline constexpr std::int32_t kSwLow = -1073741824;  // Integer.MIN_VALUE / 2: no gap open yet
inline constexpr std::int32_t kSwCut = -100000000;   // scores are floored here

// The backtrack matrix as sw_fill_rows stores it: row-major, (n + 1) x (m + 1).
struct RowMajorBacktrack {
  const std::int32_t* bt;
  std::uint64_t ncol;
  HELICASE_HD_INLINE std::int32_t operator()(std::int64_t i, std::int64_t j) const {
    return bt[static_cast<std::uint64_t>(i) * ncol + static_cast<std::uint64_t>(j)];
  }
};

// From the filled matrix to the CIGAR: the end cell as the Java aligner picks it (last column
// max, then the last row unless LEADING_INDEL, ties by the diagonal distance), then the
// traceback. last_row = H[n][0..m], last_col = H[0..n][m]; bt(i, j) for 1 <= i <= n, 1 <= j <= m
// is 0 (diagonal), -k (k-long insertion) or +k (k-long deletion). Needs n, m >= 1.
template <class Backtrack>
HELICASE_HD_INLINE int sw_traceback(std::uint32_t n, std::uint32_t m, int overhang, const std::int32_t* last_row,
                                    const std::int32_t* last_col, const Backtrack& bt, std::uint32_t* cigar_out,
                                    std::int32_t* offset) {
  std::int64_t p1 = 0, p2 = 0;
  std::int64_t segment = 0;
  int nops = 0;
  if (overhang == kIndel) {
    p1 = n;
    p2 = m;
  } else {
    p2 = m;
    std::int64_t maxscore = -2147483648LL;
    for (std::uint32_t i = 1; i <= n; ++i) {
      if (last_col[i] >= maxscore) {
        p1 = i;
        maxscore = last_col[i];
      }
    }
    if (overhang != kLeadingIndel) {
      for (std::uint32_t j = 1; j <= m; ++j) {
        const std::int64_t cur = last_row[j];
        const std::int64_t d1 = static_cast<std::int64_t>(n) - j, d2 = p1 - p2;
        if (cur > maxscore || (cur == maxscore && (d1 < 0 ? -d1 : d1) < (d2 < 0 ? -d2 : d2))) {
          p1 = n;
          p2 = j;
          maxscore = cur;
          segment = static_cast<std::int64_t>(m) - j;
        }
      }
    }
  }
  // Ops are collected in reverse, then reversed.
  if (segment > 0 && overhang == kSoftclip) {
    cigar_out[nops++] = static_cast<std::uint32_t>(segment << 4) | kOpS;
    segment = 0;
  }
  std::uint32_t state = kOpM;
  do {
    const std::int32_t b = bt(p1, p2);
    std::uint32_t ns;
    std::int64_t step = 1;
    if (b > 0) {
      ns = kOpD;
      step = b;
      p1 -= step;
    } else if (b < 0) {
      ns = kOpI;
      step = -b;
      p2 -= step;
    } else {
      ns = kOpM;
      --p1;
      --p2;
    }
    if (ns == state) {
      segment += step;
    } else {
      if (segment > 0) cigar_out[nops++] = static_cast<std::uint32_t>(segment << 4) | state;
      segment = step;
      state = ns;
    }
  } while (p1 > 0 && p2 > 0);
  if (overhang == kSoftclip) {
    cigar_out[nops++] = static_cast<std::uint32_t>(segment << 4) | state;
    if (p2 > 0) cigar_out[nops++] = static_cast<std::uint32_t>(p2 << 4) | kOpS;
    *offset = static_cast<std::int32_t>(p1);
  } else if (overhang == kIgnore) {
    cigar_out[nops++] = static_cast<std::uint32_t>((segment + p2) << 4) | state;
    *offset = static_cast<std::int32_t>(p1 - p2);
  } else {
    cigar_out[nops++] = static_cast<std::uint32_t>(segment << 4) | state;
    if (p1 > 0) {
      cigar_out[nops++] = static_cast<std::uint32_t>(p1 << 4) | kOpD;
    } else if (p2 > 0) {
      cigar_out[nops++] = static_cast<std::uint32_t>(p2 << 4) | kOpI;
    }
    *offset = 0;
  }
  for (int a = 0, b = nops - 1; a < b; ++a, --b) {
    const std::uint32_t t = cigar_out[a];
    cigar_out[a] = cigar_out[b];
    cigar_out[b] = t;
  }
  return nops;
}

// Aligns alt against ref. cigar_out has room for n + m + 2 ops. Returns the number of ops;
// *offset receives the alignment offset on ref. The matrix is filled row by row (one ref base
// per row), the Java loop order; the CPU launcher fills it by anti-diagonals instead
// (hc_sw_diagonal.hpp), cell for cell the same numbers.
HELICASE_HD_INLINE int sw_align(const char* ref, std::uint32_t n, const char* alt, std::uint32_t m, SwParams p,
                                int overhang, std::int32_t* scratch, std::uint32_t* cigar_out, std::int32_t* offset) {
  if (sw_exact_match(ref, n, alt, m, overhang, cigar_out, offset)) return 1;
  const std::uint32_t ncol = m + 1, nrow = n + 1;
  std::int32_t* bt = scratch;
  std::int32_t* last_row = bt + static_cast<std::uint64_t>(nrow) * ncol;
  std::int32_t* cur_row = last_row + (m + 2);
  std::int32_t* best_gap_v = cur_row + (m + 2);
  std::int32_t* gap_size_v = best_gap_v + (m + 2);
  std::int32_t* last_col = gap_size_v + (m + 2);  // sw[i][m]
  for (std::uint32_t j = 0; j <= m + 1; ++j) {
    best_gap_v[j] = kSwLow;
    gap_size_v[j] = 0;
    last_row[j] = 0;
  }
  const bool indel_edges = overhang == kIndel || overhang == kLeadingIndel;
  if (indel_edges) {
    std::int32_t v = p.open;
    last_row[1] = v;
    for (std::uint32_t j = 2; j <= m; ++j) {
      v += p.extend;
      last_row[j] = v;
    }
  }
  last_col[0] = last_row[m];
  for (std::uint32_t j = 0; j <= m; ++j) bt[j] = 0;
  std::int32_t first_col = p.open;  // sw[i][0] under the INDEL strategies
  for (std::uint32_t i = 1; i <= n; ++i) {
    const char a = ref[i - 1];
    cur_row[0] = indel_edges ? first_col : 0;
    if (indel_edges) first_col += p.extend;
    std::int32_t best_gap_h = kSwLow, gap_size_h = 0;
    std::int32_t* btr = bt + static_cast<std::uint64_t>(i) * ncol;
    btr[0] = 0;
    for (std::uint32_t j = 1; j <= m; ++j) {
      const std::int32_t diag = last_row[j - 1] + (a == alt[j - 1] ? p.match : p.mismatch);
      std::int32_t prev = last_row[j] + p.open;
      best_gap_v[j] += p.extend;
      if (prev > best_gap_v[j]) {
        best_gap_v[j] = prev;
        gap_size_v[j] = 1;
      } else {
        gap_size_v[j]++;
      }
      const std::int32_t down = best_gap_v[j];
      prev = cur_row[j - 1] + p.open;
      best_gap_h += p.extend;
      if (prev > best_gap_h) {
        best_gap_h = prev;
        gap_size_h = 1;
      } else {
        gap_size_h++;
      }
      const std::int32_t right = best_gap_h;
      if (diag >= down && diag >= right) {
        cur_row[j] = diag > kSwCut ? diag : kSwCut;
        btr[j] = 0;
      } else if (right >= down) {
        cur_row[j] = right > kSwCut ? right : kSwCut;
        btr[j] = -gap_size_h;
      } else {
        cur_row[j] = down > kSwCut ? down : kSwCut;
        btr[j] = gap_size_v[j];
      }
    }
    last_col[i] = cur_row[m];
    std::int32_t* t = last_row;
    last_row = cur_row;
    cur_row = t;
  }
  // last_row now holds sw[n][*].
  return sw_traceback(n, m, overhang, last_row, last_col, RowMajorBacktrack{bt, ncol}, cigar_out, offset);
}

// A batch of pairs: pair k aligns alt[k] to ref[k] (offsets into flat base arrays).
struct SwBatchView {
  std::uint32_t n_pairs = 0;
  const std::uint64_t* ref_offset = nullptr;
  const std::uint32_t* ref_length = nullptr;
  const std::uint64_t* alt_offset = nullptr;
  const std::uint32_t* alt_length = nullptr;
  const char* ref_bases = nullptr;
  const char* alt_bases = nullptr;
  SwParams params;
  int overhang = kSoftclip;
  const std::uint64_t* cigar_offset = nullptr;  // room for ref_length + alt_length + 2 ops per pair
  std::uint32_t* cigar = nullptr;
  std::int32_t* n_ops = nullptr;
  std::int32_t* offset = nullptr;
};

HELICASE_HD_INLINE void sw_pair(const SwBatchView& b, std::uint32_t k, std::int32_t* scratch) {
  b.n_ops[k] = sw_align(b.ref_bases + b.ref_offset[k], b.ref_length[k], b.alt_bases + b.alt_offset[k], b.alt_length[k],
                        b.params, b.overhang, scratch, b.cigar + b.cigar_offset[k], b.offset + k);
}

}  // namespace helicase::kernels::hc_sw
