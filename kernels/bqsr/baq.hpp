// baq.hpp -- base alignment qualities (GATK's BAQ, Li 2011), one read (HELICASE_HD).
//
// baq_hmm() is the banded profile-HMM forward-backward of GATK's BAQ.hmm_glocal with the same
// transition model, scaling and floating-point evaluation order (every product and sum is
// written in Java's order; build without FMA contraction), so posteriors and the derived
// qualities match GATK's bit for bit. baq_read() is BAQ.calcBAQFromHMM for a read whose CIGAR
// has no soft clips: the HMM over the read's query range against the reference window, then
// qualities capped (min of BAQ and base quality when the HMM places the base where the CIGAR
// does, else the minimum 4). Scratch: baq_scratch_doubles() doubles and 2*len ints/bytes.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "hd.hpp"

namespace helicase::kernels::bqsr {

inline constexpr int kBaqBandWidth = 7;    // BAQ.DEFAULT_BANDWIDTH
inline constexpr int kBaqMinBaseQual = 4;  // BAQ.minBaseQual
inline constexpr double kBaqEM = 0.33333333333;
inline constexpr double kBaqEI = 0.25;
inline constexpr double kBaqGapExtension = 0.1;

// cigar ops as in HTSlib (M I D N S H P = X).
inline constexpr int kOpM = 0, kOpI = 1, kOpD = 2, kOpN = 3, kOpS = 4, kOpH = 5, kOpP = 6, kOpEq = 7, kOpX = 8;

HELICASE_HD_INLINE int baq_band(int l_ref, int l_query) {
  int bw = l_ref > l_query ? l_ref : l_query;
  const int diff = l_ref > l_query ? l_ref - l_query : l_query - l_ref;
  if (kBaqBandWidth < diff) bw = diff + 3;
  if (bw > kBaqBandWidth) bw = kBaqBandWidth;
  if (bw < diff) bw = diff;
  return bw;
}

// Doubles of scratch for a query of l_query bases: f and b matrices plus the scale vector.
HELICASE_HD_INLINE std::size_t baq_scratch_doubles(int l_ref, int l_query) {
  const int bw2 = baq_band(l_ref, l_query) * 2 + 1;
  return 2 * static_cast<std::size_t>(l_query + 1) * static_cast<std::size_t>(bw2 * 3 + 6) + static_cast<std::size_t>(l_query + 2);
}

HELICASE_HD_INLINE int baq_set_u(int b, int i, int k) {
  int x = i - b;
  x = x > 0 ? x : 0;
  return (k + 1 - x) * 3;
}

// BAQ's EPSILONS table: emission probability of read base `read` (quality q) at ref base `ref`.
HELICASE_HD_INLINE double baq_epsilon(char ref, char read, int q, const double* qual2prob) {
  auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  auto acgt = [](char c) {
    return c == 'A' || c == 'C' || c == 'G' || c == 'T' || c == 'a' || c == 'c' || c == 'g' || c == 't';
  };
  if (!acgt(ref) || !acgt(read)) return 1.0;
  const double p = qual2prob[q < kBaqMinBaseQual ? kBaqMinBaseQual : q];
  return lower(ref) == lower(read) ? 1 - p : p * kBaqEM;
}

// Java's (int) conversion of a double: saturating, NaN -> 0.
HELICASE_HD_INLINE int java_d2i(double x) {
  if (x != x) return 0;
  if (x >= 2147483647.0) return 2147483647;
  if (x <= -2147483648.0) return -2147483647 - 1;
  return static_cast<int>(x);
}

// BAQ.hmm_glocal. scratch: baq_scratch_doubles(l_ref, l_query) doubles (overwritten).
// Writes state[qstart + i] and q[qstart + i] for i in [0, l_query).
HELICASE_HD inline void baq_hmm(const char* ref, int l_ref, const char* query, int qstart, int l_query, const std::uint8_t* iqual,
                                const double* qual2prob, double cd, double* scratch, int* state, std::uint8_t* q) {
  const int bw = baq_band(l_ref, l_query);
  const int bw2 = bw * 2 + 1;
  const int row = bw2 * 3 + 6;
  double* f = scratch;
  double* b = f + static_cast<std::size_t>(l_query + 1) * row;
  double* s = b + static_cast<std::size_t>(l_query + 1) * row;
  for (std::size_t i = 0; i < 2 * static_cast<std::size_t>(l_query + 1) * row + static_cast<std::size_t>(l_query + 2); ++i) scratch[i] = 0.0;
  const double ce = kBaqGapExtension;
  const double sM = 1. / (2 * l_query + 2);
  const double sI = sM;
  const double bM = (1 - cd) / l_ref;
  const double bI = cd / l_ref;
  double m[9];
  m[0] = (1 - cd - cd) * (1 - sM);
  m[1] = m[2] = cd * (1 - sM);
  m[3] = (1 - ce) * (1 - sI);
  m[4] = ce * (1 - sI);
  m[5] = 0.;
  m[6] = 1 - ce;
  m[7] = 0.;
  m[8] = ce;
  // f[0]
  f[baq_set_u(bw, 0, 0)] = s[0] = 1.;
  {  // f[1]
    double* fi = f + row;
    double sum = 0.;
    const int beg = 1, end = l_ref < bw + 1 ? l_ref : bw + 1;
    for (int k = beg; k <= end; ++k) {
      const double e = baq_epsilon(ref[k - 1], query[qstart], iqual[qstart], qual2prob);
      const int u = baq_set_u(bw, 1, k);
      fi[u + 0] = e * bM;
      fi[u + 1] = kBaqEI * bI;
      sum += fi[u] + fi[u + 1];
    }
    s[1] = sum;
    const int ub = baq_set_u(bw, 1, beg), ue = baq_set_u(bw, 1, end) + 2;
    for (int k = ub; k <= ue; ++k) fi[k] /= sum;
  }
  // f[2..l_query]
  for (int i = 2; i <= l_query; ++i) {
    double* fi = f + static_cast<std::size_t>(i) * row;
    const double* fi1 = f + static_cast<std::size_t>(i - 1) * row;
    int beg = 1, end = l_ref;
    int x = i - bw;
    beg = beg > x ? beg : x;
    x = i + bw;
    end = end < x ? end : x;
    const char qyi = query[qstart + i - 1];
    double sum = 0.;
    for (int k = beg; k <= end; ++k) {
      const double e = baq_epsilon(ref[k - 1], qyi, iqual[qstart + i - 1], qual2prob);
      const int u = baq_set_u(bw, i, k), v11 = baq_set_u(bw, i - 1, k - 1), v10 = baq_set_u(bw, i - 1, k),
                v01 = baq_set_u(bw, i, k - 1);
      fi[u + 0] = e * (m[0] * fi1[v11 + 0] + m[3] * fi1[v11 + 1] + m[6] * fi1[v11 + 2]);
      fi[u + 1] = kBaqEI * (m[1] * fi1[v10 + 0] + m[4] * fi1[v10 + 1]);
      fi[u + 2] = m[2] * fi[v01 + 0] + m[8] * fi[v01 + 2];
      sum += fi[u] + fi[u + 1] + fi[u + 2];
    }
    s[i] = sum;
    const int ub = baq_set_u(bw, i, beg), ue = baq_set_u(bw, i, end) + 2;
    const double inv = 1. / sum;
    for (int k = ub; k <= ue; ++k) fi[k] *= inv;
  }
  {  // f[l_query+1]
    double sum = 0.;
    const double* fl = f + static_cast<std::size_t>(l_query) * row;
    for (int k = 1; k <= l_ref; ++k) {
      const int u = baq_set_u(bw, l_query, k);
      if (u < 3 || u >= bw2 * 3 + 3) continue;
      sum += fl[u + 0] * sM + fl[u + 1] * sI;
    }
    s[l_query + 1] = sum;
  }
  {  // b[l_query]
    double* bi = b + static_cast<std::size_t>(l_query) * row;
    for (int k = 1; k <= l_ref; ++k) {
      const int u = baq_set_u(bw, l_query, k);
      if (u < 3 || u >= bw2 * 3 + 3) continue;
      bi[u + 0] = sM / s[l_query] / s[l_query + 1];
      bi[u + 1] = sI / s[l_query] / s[l_query + 1];
    }
  }
  // b[l_query-1..1]
  for (int i = l_query - 1; i >= 1; --i) {
    double* bi = b + static_cast<std::size_t>(i) * row;
    const double* bi1 = b + static_cast<std::size_t>(i + 1) * row;
    int beg = 1, end = l_ref;
    double y = (i > 1) ? 1. : 0.;
    const char qyi1 = query[qstart + i];
    int x = i - bw;
    beg = beg > x ? beg : x;
    x = i + bw;
    end = end < x ? end : x;
    for (int k = end; k >= beg; --k) {
      const int u = baq_set_u(bw, i, k), v11 = baq_set_u(bw, i + 1, k + 1), v10 = baq_set_u(bw, i + 1, k),
                v01 = baq_set_u(bw, i, k + 1);
      const double e = (k >= l_ref ? 0 : baq_epsilon(ref[k], qyi1, iqual[qstart + i], qual2prob)) * bi1[v11];
      bi[u + 0] = e * m[0] + kBaqEI * m[1] * bi1[v10 + 1] + m[2] * bi[v01 + 2];
      bi[u + 1] = e * m[3] + kBaqEI * m[4] * bi1[v10 + 1];
      bi[u + 2] = (e * m[6] + m[8] * bi[v01 + 2]) * y;
    }
    const int ub = baq_set_u(bw, i, beg), ue = baq_set_u(bw, i, end) + 2;
    y = 1. / s[i];
    for (int k = ub; k <= ue; ++k) bi[k] *= y;
  }
  // Posterior of the best state per query base.
  for (int i = 1; i <= l_query; ++i) {
    double sum = 0., max = 0.;
    const double* fi = f + static_cast<std::size_t>(i) * row;
    const double* bi = b + static_cast<std::size_t>(i) * row;
    int beg = 1, end = l_ref, max_k = -1;
    int x = i - bw;
    beg = beg > x ? beg : x;
    x = i + bw;
    end = end < x ? end : x;
    for (int k = beg; k <= end; ++k) {
      const int u = baq_set_u(bw, i, k);
      double z;
      sum += (z = fi[u + 0] * bi[u + 0]);
      if (z > max) {
        max = z;
        max_k = (k - 1) << 2 | 0;
      }
      sum += (z = fi[u + 1] * bi[u + 1]);
      if (z > max) {
        max = z;
        max_k = (k - 1) << 2 | 1;
      }
    }
    max /= sum;
    state[qstart + i - 1] = max_k;
    const int kq = java_d2i(-4.343 * log(1. - max) + .499);
    q[qstart + i - 1] = static_cast<std::uint8_t>(kq > 100 ? 99 : (kq < kBaqMinBaseQual ? kBaqMinBaseQual : kq));
  }
}

// BAQ.calcBAQFromHMM + capBaseByBAQ for one read. ref: the window [read start - 3 - leading
// insertion, read end + 3 + trailing insertion] (l_ref bases), ref_offset = window start -
// read start. Returns false when GATK's BAQ gives no result (N in the CIGAR, no aligned base).
HELICASE_HD inline bool baq_read(const char* ref, int l_ref, int ref_offset, const std::uint32_t* cigar, int n_cigar,
                                 const char* bases, const std::uint8_t* quals, int len, const double* qual2prob, double cd,
                                 double* scratch, int* state, std::uint8_t* bq) {
  int query_start = -1, query_stop = -1, read_i = 0;
  for (int c = 0; c < n_cigar; ++c) {
    const int op = static_cast<int>(cigar[c] & 0xf);
    const int l = static_cast<int>(cigar[c] >> 4);
    if (op == kOpN) return false;
    if (op == kOpI || op == kOpS || op == kOpM || op == kOpEq || op == kOpX) {
      const int prev = read_i;
      read_i += l;
      if (op != kOpS) {
        if (query_start == -1) query_start = prev;
        query_stop = read_i;
      }
    }
  }
  if (query_stop == query_start) return false;
  for (int i = 0; i < len; ++i) {
    bq[i] = 0;
    state[i] = 0;
  }
  baq_hmm(ref, l_ref, bases, query_start, query_stop - query_start, quals, qual2prob, cd, scratch, state, bq);
  int ri = 0, refi = 0;
  for (int c = 0; c < n_cigar; ++c) {
    const int op = static_cast<int>(cigar[c] & 0xf);
    const int l = static_cast<int>(cigar[c] >> 4);
    switch (op) {
      case kOpS:
        refi += l;
        [[fallthrough]];
      case kOpI:
        for (int i = ri; i < ri + l; ++i) bq[i] = quals[i];
        ri += l;
        break;
      case kOpD:
        refi += l;
        break;
      case kOpM:
      case kOpEq:
      case kOpX:
        for (int i = ri; i < ri + l; ++i) {
          const int expected = refi - ref_offset + (i - ri);
          const int st = state[i];
          const bool indel = (st & 3) != 0;
          const int pos = st >> 2;
          bq[i] = (indel || pos != expected) ? static_cast<std::uint8_t>(kBaqMinBaseQual) : (bq[i] < quals[i] ? bq[i] : quals[i]);
        }
        ri += l;
        refi += l;
        break;
      default:  // H, P
        break;
    }
  }
  if (ri != len) {
    for (int i = 0; i < len; ++i) bq[i] = quals[i];
  }
  return true;
}

}  // namespace helicase::kernels::bqsr
