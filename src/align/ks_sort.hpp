// ks_sort.hpp -- klib's ks_introsort (as bwa 0.7.17 builds it with KSORT_INIT), reproduced.
//
// bwa sorts alignment regions with this unstable sort, so the order of equal keys (and with
// it which of two equal hits becomes primary, which is dropped as redundant, ...) is part of
// its output. ks_introsort() performs the same comparisons and swaps in the same order:
// median-of-three quicksort that leaves ranges of at most 16 elements, a comb sort when the
// depth budget runs out, then one insertion sort over everything.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace helicase::align {

namespace ks_detail {

template <class T, class Lt>
void insertion_sort(T* s, T* t, Lt lt) {
  for (T* i = s + 1; i < t; ++i)
    for (T* j = i; j > s && lt(*j, *(j - 1)); --j) std::swap(*j, *(j - 1));
}

template <class T, class Lt>
void comb_sort(std::size_t n, T* a, Lt lt) {
  const double shrink_factor = 1.2473309501039786540366528676643;
  bool do_swap = false;
  std::size_t gap = n;
  do {
    if (gap > 2) {
      gap = static_cast<std::size_t>(static_cast<double>(gap) / shrink_factor);
      if (gap == 9 || gap == 10) gap = 11;
    }
    do_swap = false;
    for (T* i = a; i < a + n - gap; ++i) {
      T* j = i + gap;
      if (lt(*j, *i)) {
        std::swap(*i, *j);
        do_swap = true;
      }
    }
  } while (do_swap || gap > 2);
  if (gap != 1) insertion_sort(a, a + n, lt);
}

}  // namespace ks_detail

template <class T, class Lt>
void ks_introsort(std::size_t n, T* a, Lt lt) {
  struct Frame {
    T *left, *right;
    int depth;
  };
  if (n < 1) return;
  if (n == 2) {
    if (lt(a[1], a[0])) std::swap(a[0], a[1]);
    return;
  }
  int d = 2;
  for (; (1ul << d) < n; ++d) {
  }
  std::vector<Frame> stack;
  stack.reserve(sizeof(std::size_t) * static_cast<std::size_t>(d) + 2);
  T* s = a;
  T* t = a + (n - 1);
  d <<= 1;
  while (true) {
    if (s < t) {
      if (--d == 0) {
        ks_detail::comb_sort(static_cast<std::size_t>(t - s + 1), s, lt);
        t = s;
        continue;
      }
      T* i = s;
      T* j = t;
      T* k = i + ((j - i) >> 1) + 1;
      if (lt(*k, *i)) {
        if (lt(*k, *j)) k = j;
      } else {
        k = lt(*j, *i) ? i : j;
      }
      T rp = *k;
      if (k != t) std::swap(*k, *t);
      for (;;) {
        do ++i; while (lt(*i, rp));
        do --j; while (i <= j && lt(rp, *j));
        if (j <= i) break;
        std::swap(*i, *j);
      }
      std::swap(*i, *t);
      if (i - s > t - i) {
        if (i - s > 16) stack.push_back({s, i - 1, d});
        s = t - i > 16 ? i + 1 : t;
      } else {
        if (t - i > 16) stack.push_back({i + 1, t, d});
        t = i - s > 16 ? i - 1 : s;
      }
    } else {
      if (stack.empty()) {
        ks_detail::insertion_sort(a, a + n, lt);
        return;
      }
      s = stack.back().left;
      t = stack.back().right;
      d = stack.back().depth;
      stack.pop_back();
    }
  }
}

}  // namespace helicase::align
