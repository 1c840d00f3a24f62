// sort_key.hpp -- per-record sort keys and comparisons of samtools sort 1.16 (HELICASE_HD).
//
// Coordinate order (bam_sort.c ks_radixsort / bam1_cmp_core): contig index in header order,
// with tid -1 (no contig) after every contig; then pos+1 (so pos -1 sorts first); then the
// reverse-strand flag; ties keep input order (the sorts are stable). Unmapped reads that
// carry a contig and position (placed with their mate) sort as if mapped there.
// The key is split in two ranks, packed into one 64-bit radix key when they fit:
//   tid_rank = tid < 0 ? n_ref : tid            pos_rank = (pos+1) << 1 | reverse
// Queryname order (strnum_cmp, then flag & 0xc0 so READ1 before READ2 before both;
// ties keep input order). All functions are pure and allocation-free: the same code is
// the CPU reference and the body of the CUDA kernels.
#pragma once

#include <cstddef>
#include <cstdint>

#include "hd.hpp"

namespace helicase::kernels {

inline constexpr std::uint16_t kFlagReverse = 0x10;
inline constexpr std::uint16_t kFlagReadPair = 0xc0;  // READ1 | READ2

HELICASE_HD_INLINE std::uint32_t coord_tid_rank(std::int32_t tid, std::uint32_t n_ref) {
  return tid < 0 ? n_ref : static_cast<std::uint32_t>(tid);
}

// samtools computes (uint64_t)(pos + 1) << 1 | rev; the same wrap-around for absurd positions.
HELICASE_HD_INLINE std::uint64_t coord_pos_rank(std::int64_t pos, std::uint16_t flag) {
  return (static_cast<std::uint64_t>(pos + 1) << 1) | ((flag & kFlagReverse) ? 1u : 0u);
}

// Number of significant bits of x (0 for 0).
HELICASE_HD_INLINE unsigned bit_width64(std::uint64_t x) {
  unsigned n = 0;
  while (x) {
    ++n;
    x >>= 1;
  }
  return n;
}

// Both ranks in one key; valid when bit_width(max tid_rank) + pos_bits <= 64.
HELICASE_HD_INLINE std::uint64_t coord_pack(std::uint32_t tid_rank, std::uint64_t pos_rank, unsigned pos_bits) {
  return pos_bits >= 64 ? pos_rank : (static_cast<std::uint64_t>(tid_rank) << pos_bits) | pos_rank;
}

// <0, 0, >0 as a sorts before, with, after b (ties are broken by input order elsewhere).
HELICASE_HD_INLINE int coord_compare(std::uint32_t tid_a, std::uint64_t pos_a, std::uint32_t tid_b,
                                     std::uint64_t pos_b) {
  if (tid_a != tid_b) return tid_a < tid_b ? -1 : 1;
  if (pos_a != pos_b) return pos_a < pos_b ? -1 : 1;
  return 0;
}

HELICASE_HD_INLINE bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// samtools' natural order of read names (strnum_cmp): runs of digits compare as numbers
// (leading zeros skipped, any length); at equal numbers that end at different offsets
// (different counts of leading zeros) the one ending further into its string sorts first
// and the comparison stops there ("a01" < "a1", "00" < "0"); other bytes compare as
// unsigned chars; a proper prefix sorts first.
HELICASE_HD_INLINE int strnum_compare(const char* a_text, const char* b_text) {
  const auto* a = reinterpret_cast<const unsigned char*>(a_text);
  const auto* b = reinterpret_cast<const unsigned char*>(b_text);
  const unsigned char* pa = a;
  const unsigned char* pb = b;
  while (*pa && *pb) {
    if (is_digit(*pa) && is_digit(*pb)) {
      while (*pa == '0') ++pa;
      while (*pb == '0') ++pb;
      while (is_digit(*pa) && is_digit(*pb) && *pa == *pb) ++pa, ++pb;
      if (is_digit(*pa) && is_digit(*pb)) {
        int i = 0;
        while (is_digit(pa[i]) && is_digit(pb[i])) ++i;
        return is_digit(pa[i]) ? 1 : is_digit(pb[i]) ? -1 : static_cast<int>(*pa) - static_cast<int>(*pb);
      }
      if (is_digit(*pa)) return 1;
      if (is_digit(*pb)) return -1;
      if (pa - a != pb - b) return pa - a < pb - b ? 1 : -1;
    } else {
      if (*pa != *pb) return static_cast<int>(*pa) - static_cast<int>(*pb);
      ++pa;
      ++pb;
    }
  }
  return *pa ? 1 : *pb ? -1 : 0;
}

// Queryname order of two records: names, then READ1/READ2 bits (0 < READ1 < READ2 < both).
HELICASE_HD_INLINE int qname_compare(const char* name_a, std::uint16_t flag_a, const char* name_b,
                                     std::uint16_t flag_b) {
  const int t = strnum_compare(name_a, name_b);
  if (t != 0) return t;
  return static_cast<int>(flag_a & kFlagReadPair) - static_cast<int>(flag_b & kFlagReadPair);
}

// A byte-string key per record whose order (bytewise, a proper prefix first) is queryname
// order: bytes other than digits are copied; each run of digits becomes '0' (as a digit
// compares with any other byte), the count of significant digits, those digits, and
// 255 - the count of leading zeros (more zeros first, deciding at once as strnum_compare
// does); then a 0 terminator and the READ1/READ2 bits (0..3). Names are at most 254 bytes,
// so every count fits a byte; at most 3 * length + 4 bytes are written (a run adds 3).
HELICASE_HD_INLINE std::size_t qname_key_capacity(std::size_t name_length) { return 3 * name_length + 4; }

HELICASE_HD_INLINE std::size_t qname_key_encode(const char* name_text, std::uint16_t flag, unsigned char* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(name_text);
  unsigned char* o = out;
  while (*p) {
    if (!is_digit(*p)) {
      *o++ = *p++;
      continue;
    }
    const unsigned char* run = p;
    while (*p == '0') ++p;
    const unsigned char* significant = p;
    while (is_digit(*p)) ++p;
    *o++ = '0';
    *o++ = static_cast<unsigned char>(p - significant);
    for (const unsigned char* d = significant; d < p; ++d) *o++ = *d;
    *o++ = static_cast<unsigned char>(255 - (significant - run));
  }
  *o++ = 0;
  *o++ = static_cast<unsigned char>((flag & kFlagReadPair) >> 6);
  return static_cast<std::size_t>(o - out);
}

// The length qname_key_encode() writes for this name.
HELICASE_HD_INLINE std::size_t qname_key_length(const char* name_text) {
  const auto* p = reinterpret_cast<const unsigned char*>(name_text);
  std::size_t n = 2;
  while (*p) {
    if (!is_digit(*p)) {
      ++n;
      ++p;
      continue;
    }
    while (*p == '0') ++p;
    n += 3;
    while (is_digit(*p)) ++p, ++n;
  }
  return n;
}

// Bytewise order of two keys, a proper prefix first.
HELICASE_HD_INLINE int byte_key_compare(const unsigned char* a, std::size_t la, const unsigned char* b,
                                        std::size_t lb) {
  const std::size_t n = la < lb ? la : lb;
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return la == lb ? 0 : la < lb ? -1 : 1;
}

// Flat batches the launchers sort: structure of arrays, one entry per record.
struct CoordBatchView {
  const std::int32_t* tid = nullptr;
  const std::int64_t* pos = nullptr;
  const std::uint16_t* flag = nullptr;
  std::size_t n = 0;
  std::uint32_t n_ref = 0;  // contigs in the header: the rank of tid -1
};

// Per-item key extraction (the kernel body of the key pass).
HELICASE_HD_INLINE std::uint32_t coord_tid_rank_of(const CoordBatchView& b, std::size_t i) {
  return coord_tid_rank(b.tid[i], b.n_ref);
}
HELICASE_HD_INLINE std::uint64_t coord_pos_rank_of(const CoordBatchView& b, std::size_t i) {
  return coord_pos_rank(b.pos[i], b.flag[i]);
}

// Names are NUL-terminated; names[i] points at record i's name.
struct QnameBatchView {
  const char* const* names = nullptr;
  const std::uint16_t* flag = nullptr;
  std::size_t n = 0;
};

}  // namespace helicase::kernels
