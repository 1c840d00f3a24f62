// smem.hpp -- bwa 0.7.17's seeding over the FM-index as HELICASE_HD functions.
//
// smem_search       = bwt_smem1a: the super-maximal exact matches that cover query position
//                     x (forward extension, then backward extension of every interval whose
//                     size changed), with min_intv/max_intv; returns the next start position.
// seed_strategy1    = bwt_seed_strategy1: the LAST-like third-round seed starting at x.
// collect_intervals = mem_collect_intv: round 1 (SMEMs), round 2 (re-seeding inside long
//                     SMEMs with few hits), round 3 (strategy1), sorted by (qbeg, qend).
// Intervals are bwa bi-intervals; info = qbeg << 32 | qend. Query bases are codes 0..3, 4
// for anything else. No allocation: callers pass scratch arrays (len + 1 entries each).
#pragma once

#include <cstdint>

#include "bwa_smem/bwa_occ.hpp"
#include "fmindex/fm_index.hpp"
#include "hd.hpp"

namespace helicase::kernels {

struct SmemInterval {
  std::uint64_t x0 = 0, x1 = 0, size = 0;
  std::uint64_t info = 0;  // qbeg << 32 | qend
};

struct SmemParams {
  int min_seed_len = 19;
  float split_factor = 1.5f;
  int split_width = 10;
  std::uint64_t max_mem_intv = 20;
};

HELICASE_HD_INLINE SmemInterval smem_from(const FmBiInterval& b, std::uint64_t info) {
  SmemInterval r;
  r.x0 = b.x0;
  r.x1 = b.x1;
  r.size = b.size;
  r.info = info;
  return r;
}

HELICASE_HD_INLINE void smem_extend(const FmIndexView& v, const SmemInterval& ik, SmemInterval ok[4], bool is_back) {
  FmBiInterval in{ik.x0, ik.x1, ik.size}, out[4];
  bwa_extend(v, in, out, is_back);
  for (int c = 0; c < 4; ++c) ok[c] = smem_from(out[c], 0);
}

HELICASE_HD_INLINE void smem_reverse(SmemInterval* a, int n) {
  for (int j = 0; j < n / 2; ++j) {
    const SmemInterval t = a[n - 1 - j];
    a[n - 1 - j] = a[j];
    a[j] = t;
  }
}

// bwt_smem1a. mem, buf_a and buf_b hold at least len + 1 intervals; *n_mem gets the count.
HELICASE_HD_INLINE int smem_search(const FmIndexView& v, int len, const std::uint8_t* q, int x, int min_intv,
                                   std::uint64_t max_intv, SmemInterval* mem, int* n_mem, SmemInterval* buf_a,
                                   SmemInterval* buf_b) {
  *n_mem = 0;
  if (q[x] > 3) return x + 1;
  if (min_intv < 1) min_intv = 1;
  const auto min_size = static_cast<std::uint64_t>(min_intv);
  SmemInterval* prev = buf_a;
  SmemInterval* curr = buf_b;
  int n_prev = 0, n_curr = 0;
  SmemInterval ik = smem_from(fm_base_interval(v, q[x]), static_cast<std::uint64_t>(x + 1));
  SmemInterval ok[4];
  int i = x + 1;
  for (; i < len; ++i) {  // forward: record the interval each time its size changes
    if (ik.size < max_intv) {
      curr[n_curr++] = ik;
      break;
    } else if (q[i] < 4) {
      const int c = 3 - q[i];
      smem_extend(v, ik, ok, false);
      if (ok[c].size != ik.size) {
        curr[n_curr++] = ik;
        if (ok[c].size < min_size) break;
      }
      ik = ok[c];
      ik.info = static_cast<std::uint64_t>(i + 1);
    } else {
      curr[n_curr++] = ik;
      break;
    }
  }
  if (i == len) curr[n_curr++] = ik;
  smem_reverse(curr, n_curr);  // longest matches first
  const int ret = static_cast<int>(static_cast<std::uint32_t>(curr[0].info));
  {
    SmemInterval* t = curr;
    curr = prev;
    prev = t;
    n_prev = n_curr;
  }
  for (i = x - 1; i >= -1; --i) {  // backward: emit the matches that cannot grow further
    const int c = i < 0 ? -1 : q[i] < 4 ? q[i] : -1;
    n_curr = 0;
    if (c >= 0) {  // the extensions below are independent: start all their BWT loads now
      for (int j = 0; j < n_prev; ++j) {
        fm_prefetch_row(v, prev[j].x0 - 1);
        fm_prefetch_row(v, prev[j].x0 - 1 + prev[j].size);
      }
    }
    for (int j = 0; j < n_prev; ++j) {
      const SmemInterval* p = &prev[j];
      if (c >= 0 && ik.size >= max_intv) smem_extend(v, *p, ok, true);
      if (c < 0 || ik.size < max_intv || ok[c].size < min_size) {
        if (n_curr == 0) {  // nothing longer survives: p is maximal
          if (*n_mem == 0 || static_cast<std::uint64_t>(i + 1) < (mem[*n_mem - 1].info >> 32)) {
            ik = *p;
            ik.info |= static_cast<std::uint64_t>(i + 1) << 32;
            mem[(*n_mem)++] = ik;
          }
        }
      } else if (n_curr == 0 || ok[c].size != curr[n_curr - 1].size) {
        ok[c].info = p->info;
        curr[n_curr++] = ok[c];
      }
    }
    if (n_curr == 0) break;
    SmemInterval* t = curr;
    curr = prev;
    prev = t;
    n_prev = n_curr;
  }
  smem_reverse(mem, *n_mem);  // by start position
  return ret;
}

// bwt_seed_strategy1: *mem.size == 0 when no seed was found.
HELICASE_HD_INLINE int seed_strategy1(const FmIndexView& v, int len, const std::uint8_t* q, int x, int min_len,
                                      std::uint64_t max_intv, SmemInterval* mem) {
  *mem = SmemInterval{};
  if (q[x] > 3) return x + 1;
  SmemInterval ik = smem_from(fm_base_interval(v, q[x]), 0), ok[4];
  for (int i = x + 1; i < len; ++i) {
    if (q[i] < 4) {
      const int c = 3 - q[i];
      smem_extend(v, ik, ok, false);
      if (ok[c].size < max_intv && i - x >= min_len) {
        *mem = ok[c];
        mem->info = static_cast<std::uint64_t>(x) << 32 | static_cast<std::uint64_t>(i + 1);
        return i + 1;
      }
      ik = ok[c];
    } else {
      return i + 1;
    }
  }
  return len;
}

HELICASE_HD_INLINE int smem_length(const SmemInterval& m) {
  return static_cast<int>(static_cast<std::uint32_t>(m.info) - static_cast<std::uint32_t>(m.info >> 32));
}

// Shell sort by info (equal infos are equal intervals, so any order of ties is the same).
HELICASE_HD_INLINE void smem_sort(SmemInterval* a, int n) {
  int gap = 1;
  while (gap < n / 3) gap = gap * 3 + 1;
  for (; gap > 0; gap /= 3) {
    for (int i = gap; i < n; ++i) {
      const SmemInterval t = a[i];
      int j = i;
      for (; j >= gap && a[j - gap].info > t.info; j -= gap) a[j] = a[j - gap];
      a[j] = t;
    }
  }
}

// mem_collect_intv. Writes up to cap intervals to out and returns how many there are in
// all; when that exceeds cap the output is incomplete (and unsorted): call again with a
// larger out. mem1, buf_a and buf_b: len + 1 intervals each.
HELICASE_HD_INLINE int collect_intervals(const FmIndexView& v, const SmemParams& p, int len, const std::uint8_t* q,
                                         SmemInterval* out, int cap, SmemInterval* mem1, SmemInterval* buf_a,
                                         SmemInterval* buf_b) {
  int n = 0, n1 = 0;
  // As bwa: int * float in float, then + .499 in double.
  const int split_len =
      static_cast<int>(static_cast<double>(static_cast<float>(p.min_seed_len) * p.split_factor) + .499);
  int x = 0;
  while (x < len) {  // round 1: SMEMs
    if (q[x] < 4) {
      x = smem_search(v, len, q, x, 1, 0, mem1, &n1, buf_a, buf_b);
      for (int i = 0; i < n1; ++i) {
        if (smem_length(mem1[i]) >= p.min_seed_len) {
          if (n < cap) out[n] = mem1[i];
          ++n;
        }
      }
    } else {
      ++x;
    }
  }
  const int old_n = n < cap ? n : cap;
  for (int k = 0; k < old_n; ++k) {  // round 2: shorter MEMs with more hits inside long SMEMs
    const SmemInterval m = out[k];
    const int start = static_cast<int>(m.info >> 32), end = static_cast<int>(static_cast<std::uint32_t>(m.info));
    if (end - start < split_len || m.size > static_cast<std::uint64_t>(p.split_width)) continue;
    smem_search(v, len, q, (start + end) >> 1, static_cast<int>(m.size) + 1, 0, mem1, &n1, buf_a, buf_b);
    for (int i = 0; i < n1; ++i) {
      if (smem_length(mem1[i]) >= p.min_seed_len) {
        if (n < cap) out[n] = mem1[i];
        ++n;
      }
    }
  }
  if (p.max_mem_intv > 0) {  // round 3: LAST-like seeds
    x = 0;
    while (x < len) {
      if (q[x] < 4) {
        SmemInterval m;
        x = seed_strategy1(v, len, q, x, p.min_seed_len, p.max_mem_intv, &m);
        if (m.size > 0) {
          if (n < cap) out[n] = m;
          ++n;
        }
      } else {
        ++x;
      }
    }
  }
  if (n <= cap) smem_sort(out, n);
  return n;
}

}  // namespace helicase::kernels
