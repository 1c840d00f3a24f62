// chain_sort.hpp -- bwa's ks_introsort (klib ksort.h) re-implemented, for the sorts whose
// tie order decides bwa-identical output (chains by weight, regions by end and by score):
// that introsort is not stable, so std::sort would order equal keys differently. Same
// algorithm and comparison sequence: median-of-three pivot (s, middle+1, t), partition that
// skips the first element, explicit stack with 16-element cut-off, comb sort when the depth
// budget runs out, one insertion sort over the whole array at the end.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace helicase::align {

template <class T, class Less>
void bwa_insertsort(T* s, T* t, Less lt) {
  for (T* i = s + 1; i < t; ++i) {
    for (T* j = i; j > s && lt(*j, *(j - 1)); --j) std::swap(*j, *(j - 1));
  }
}

template <class T, class Less>
void bwa_combsort(std::size_t n, T* a, Less lt) {
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
  if (gap != 1) bwa_insertsort(a, a + n, lt);
}

template <class T, class Less>
void bwa_introsort(T* a, std::size_t n, Less lt) {
  if (n < 1) return;
  if (n == 2) {
    if (lt(a[1], a[0])) std::swap(a[0], a[1]);
    return;
  }
  struct Range {
    T* left;
    T* right;
    int depth;
  };
  int d = 2;
  while ((1ul << d) < n) ++d;
  std::vector<Range> stack;
  stack.reserve(sizeof(std::size_t) * static_cast<std::size_t>(d) + 2);
  T* s = a;
  T* t = a + (n - 1);
  d <<= 1;
  for (;;) {
    if (s < t) {
      if (--d == 0) {
        bwa_combsort(static_cast<std::size_t>(t - s + 1), s, lt);
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
        do ++i;
        while (lt(*i, rp));
        do --j;
        while (i <= j && lt(rp, *j));
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
        bwa_insertsort(a, a + n, lt);
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
