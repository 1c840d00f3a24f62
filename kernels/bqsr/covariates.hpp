// covariates.hpp -- GATK's BQSR covariate keys for one read position (HELICASE_HD).
//
// Context (ContextCovariate): the k bases ending at a position in the read's sequencing
// direction (reverse-complemented for reverse-strand reads), after the low-quality tails
// (bases of quality <= low_quality_tail at either end) are masked to N; -1 when a base of
// the window is not ACGT or the window runs off the start. Key = k | code(b_j) << (4 + 2j),
// j = 0 the oldest base, codes A0 C1 G2 T3. A read whose bases are all in the low-quality
// tail gets key 0 everywhere (GATK zeroes the covariate then).
// Cycle (CycleCovariate, every platform treated as Illumina): 1-based machine cycle, negated
// for the second read of a pair; key = |c| << 1 | (c < 0). Indel cycles are -1 within 4 bases
// of either end. A cycle past max_cycle makes cycle_key() report overflow.
#pragma once

#include <cstdint>

#include "hd.hpp"

namespace helicase::kernels::bqsr {

inline constexpr std::uint8_t kFlagReverse = 1;  // read on the reverse strand
inline constexpr std::uint8_t kFlagSecond = 2;   // paired and second of pair

// Branch-free: lower-case the byte; a c g t give ((c >> 1) ^ (c >> 2)) & 3 = 0 1 2 3.
HELICASE_HD_INLINE int base_code(char b) {
  const unsigned c = static_cast<unsigned char>(b) | 0x20u;
  const int code = static_cast<int>(((c >> 1) ^ (c >> 2)) & 3u);
  const bool acgt = (c == 'a') | (c == 'c') | (c == 'g') | (c == 't');
  return acgt ? code : (b == '*' ? 0 : -1);
}

// Code of the complement (BaseUtils.simpleComplement keeps non-ACGT bases, '*' counts as A).
HELICASE_HD_INLINE int complement_code(char b) {
  const int code = base_code(b);
  return (code >= 0 && b != '*') ? 3 - code : code;
}

// The read's low-quality tails: bases outside [*first, *last] are masked; first > last when
// every base is in a tail.
HELICASE_HD_INLINE void low_quality_bounds(const std::uint8_t* quals, int len, int low_qual_tail, int* first, int* last) {
  int right = len - 1;
  while (right >= 0 && static_cast<int>(quals[right]) <= low_qual_tail) --right;
  int left = 0;
  while (left < len && static_cast<int>(quals[left]) <= low_qual_tail) ++left;
  *first = left;
  *last = right;
}

// Rolling context state over stranded positions 0..len-1.
struct ContextRoller {
  int k = 0;
  int mask = 0;
  int key = 0;
  int run = 0;  // consecutive ACGT bases ending here

  HELICASE_HD_INLINE void init(int context_size) {
    k = context_size;
    mask = ((1 << (2 * k)) - 1) << 4;
    key = 0;
    run = 0;
  }
  // Pushes the base code at stranded position i (-1 for a non-ACGT base); returns the key.
  HELICASE_HD_INLINE int push(int code, int i) {
    if (code < 0) {
      run = 0;
      key = 0;
      return -1;
    }
    key = ((key >> 2) & mask) | (code << (4 + 2 * (k - 1)));
    ++run;
    return (i >= k - 1 && run >= k) ? (key | k) : -1;
  }
};

// Base code at stranded position i of a read (masked tails give -1).
HELICASE_HD_INLINE int stranded_code(const char* bases, int len, bool reverse, int first, int last, int i) {
  const int o = reverse ? len - 1 - i : i;
  if (o < first || o > last) return -1;
  return reverse ? complement_code(bases[o]) : base_code(bases[o]);
}

// Cycle key of read offset i, or -1 (indel keys near the ends). *overflow set past max_cycle.
HELICASE_HD_INLINE int cycle_key(int i, int len, std::uint8_t flags, bool indel, int max_cycle, bool* overflow) {
  const int order = (flags & kFlagSecond) ? -1 : 1;
  int cycle;
  if (flags & kFlagReverse) {
    cycle = len * order - i * order;
  } else {
    cycle = order + i * order;
  }
  if (indel && (i < 4 || i > len - 4 - 1)) return -1;
  const int a = cycle < 0 ? -cycle : cycle;
  if (a > max_cycle) {
    *overflow = true;
    return -1;
  }
  return (a << 1) | (cycle < 0 ? 1 : 0);
}

}  // namespace helicase::kernels::bqsr
