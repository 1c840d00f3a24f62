// read_end_key.hpp -- per-record duplicate-marking keys (Picard MarkDuplicates 2.27.5), host and device.
//
// Input is a flat batch of alignment records (structure of arrays: flags, 0-based positions,
// BAM CIGAR words, qualities and names concatenated with n+1 offsets). For record i,
// read_end_key_one() computes what Picard's buildReadEnds() derives from one SAMRecord:
//   - the unclipped 5' coordinate (1-based; S and H clips count), and the strand;
//   - the duplicate score of htsjdk's DuplicateScoringStrategy (capped at 16383, QC-failed
//     reads penalised by -16384, Java short arithmetic);
//   - with the default read-name parsing, tile, x and y from the last three ':' fields
//     (ReadNameParser's fast path: 5 or 7 fields, digits up to the first non-digit), stored
//     as Java shorts as PhysicalLocationShort does.
// Integer arithmetic only, with Java's wrap-around where Java wraps: the CPU and CUDA
// launchers give identical results. Values are meaningful for mapped records only.
#pragma once

#include <cstddef>
#include <cstdint>

#include "hd.hpp"

namespace helicase::kernels {

enum class DuplicateScoring : std::uint8_t { SumOfBaseQualities = 0, TotalMappedReferenceLength = 1, Random = 2 };

struct MarkdupRecordBatch {
  std::size_t n = 0;
  const std::uint16_t* flag = nullptr;
  const std::int32_t* pos = nullptr;            // 0-based leftmost position (BAM pos)
  const std::uint32_t* cigar = nullptr;         // BAM CIGAR words, concatenated
  const std::uint64_t* cigar_offset = nullptr;  // n + 1
  const std::uint8_t* qual = nullptr;           // Phred values, concatenated (SumOfBaseQualities only)
  const std::uint64_t* qual_offset = nullptr;   // n + 1
  const char* name = nullptr;                   // read names without NUL, concatenated
  const std::uint64_t* name_offset = nullptr;   // n + 1
};

struct ReadEndKeyParams {
  DuplicateScoring scoring = DuplicateScoring::SumOfBaseQualities;
  bool parse_names = true;  // default READ_NAME_REGEX fast path; false leaves tile/x/y at -1
};

// Outputs, n entries each.
struct ReadEndKeys {
  std::int32_t* coordinate = nullptr;  // unclipped 5' end, 1-based
  std::uint8_t* reverse = nullptr;     // 1 when on the reverse strand
  std::int16_t* score = nullptr;
  std::int16_t* tile = nullptr;
  std::int16_t* x = nullptr;
  std::int16_t* y = nullptr;
  std::uint8_t* name_parsed = nullptr;  // ReadNameParser.addLocationInformation() returned true
};

inline constexpr std::uint16_t kFlagPaired = 0x1, kFlagUnmapped = 0x4, kFlagMateUnmapped = 0x8,
                               kFlagReverse = 0x10, kFlagFirstOfPair = 0x40, kFlagSecondary = 0x100,
                               kFlagQcFail = 0x200, kFlagDuplicate = 0x400, kFlagSupplementary = 0x800;

// (short) cast of a Java int.
HELICASE_HD_INLINE std::int16_t java_short(std::int32_t v) {
  return static_cast<std::int16_t>(static_cast<std::uint16_t>(static_cast<std::uint32_t>(v) & 0xffffu));
}

HELICASE_HD_INLINE std::int32_t java_int_add(std::int32_t a, std::int32_t b) {
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(a) + static_cast<std::uint32_t>(b));
}

HELICASE_HD_INLINE std::int32_t java_int_mul(std::int32_t a, std::int32_t b) {
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(a) * static_cast<std::uint32_t>(b));
}

// BAM CIGAR: op in the low 4 bits (MIDNSHP=X -> 0..8), length above.
HELICASE_HD_INLINE bool cigar_consumes_reference(std::uint32_t op) {
  return op == 0 || op == 2 || op == 3 || op == 7 || op == 8;
}
HELICASE_HD_INLINE bool cigar_is_clip(std::uint32_t op) { return op == 4 || op == 5; }

// htsjdk Cigar.getReferenceLength() (int arithmetic).
HELICASE_HD_INLINE std::int32_t cigar_reference_length(const std::uint32_t* cigar, std::uint64_t n) {
  std::int32_t len = 0;
  for (std::uint64_t k = 0; k < n; ++k) {
    if (cigar_consumes_reference(cigar[k] & 0xfu)) len = java_int_add(len, static_cast<std::int32_t>(cigar[k] >> 4));
  }
  return len;
}

// SAMRecord.getUnclippedStart() / getUnclippedEnd() for a mapped record (1-based).
HELICASE_HD_INLINE std::int32_t unclipped_five_prime(std::int32_t pos0, bool reverse, const std::uint32_t* cigar,
                                                     std::uint64_t n) {
  const std::int32_t start = java_int_add(pos0, 1);
  if (!reverse) {
    std::int32_t s = start;
    for (std::uint64_t k = 0; k < n && cigar_is_clip(cigar[k] & 0xfu); ++k) {
      s = java_int_add(s, -static_cast<std::int32_t>(cigar[k] >> 4));
    }
    return s;
  }
  std::int32_t e = java_int_add(java_int_add(start, cigar_reference_length(cigar, n)), -1);
  for (std::uint64_t k = n; k > 0 && cigar_is_clip(cigar[k - 1] & 0xfu); --k) {
    e = java_int_add(e, static_cast<std::int32_t>(cigar[k - 1] >> 4));
  }
  return e;
}

// htsjdk Murmur3(seed 1).hashUnencodedChars(): read-name bytes are Java chars 0..255.
HELICASE_HD_INLINE std::uint32_t murmur3_rotl(std::uint32_t v, int r) { return (v << r) | (v >> (32 - r)); }
HELICASE_HD_INLINE std::uint32_t murmur3_mix_k1(std::uint32_t k1) {
  k1 *= 0xcc9e2d51u;
  k1 = murmur3_rotl(k1, 15);
  return k1 * 0x1b873593u;
}
HELICASE_HD_INLINE std::uint32_t murmur3_mix_h1(std::uint32_t h1, std::uint32_t k1) {
  h1 ^= k1;
  h1 = murmur3_rotl(h1, 13);
  return h1 * 5u + 0xe6546b64u;
}
HELICASE_HD_INLINE std::int32_t murmur3_chars(const char* s, std::uint64_t len) {
  std::uint32_t h1 = 1;
  for (std::uint64_t i = 1; i < len; i += 2) {
    const std::uint32_t k1 = static_cast<std::uint8_t>(s[i - 1]) | (static_cast<std::uint32_t>(static_cast<std::uint8_t>(s[i])) << 16);
    h1 = murmur3_mix_h1(h1, murmur3_mix_k1(k1));
  }
  if (len & 1u) h1 ^= murmur3_mix_k1(static_cast<std::uint8_t>(s[len - 1]));
  h1 ^= static_cast<std::uint32_t>(2 * len);
  h1 ^= h1 >> 16;
  h1 *= 0x85ebca6bu;
  h1 ^= h1 >> 13;
  h1 *= 0xc2b2ae35u;
  h1 ^= h1 >> 16;
  return static_cast<std::int32_t>(h1);
}

// DuplicateScoringStrategy.computeDuplicateScore() for one record.
HELICASE_HD_INLINE std::int16_t duplicate_score(const MarkdupRecordBatch& b, std::size_t i, DuplicateScoring scoring) {
  constexpr std::int32_t kCap = 16383;  // Short.MAX_VALUE / 2
  const std::uint16_t flag = b.flag[i];
  std::int16_t score = 0;
  switch (scoring) {
    case DuplicateScoring::SumOfBaseQualities: {
      std::int32_t sum = 0;
      for (std::uint64_t k = b.qual_offset[i]; k < b.qual_offset[i + 1]; ++k) {
        const auto q = static_cast<std::int8_t>(b.qual[k]);  // Java bytes are signed
        if (q >= 15) sum = java_int_add(sum, q);
      }
      score = java_short(java_int_add(score, java_short(sum < kCap ? sum : kCap)));
      break;
    }
    case DuplicateScoring::TotalMappedReferenceLength:
      if (!(flag & kFlagUnmapped)) {
        const std::int32_t len =
            cigar_reference_length(b.cigar + b.cigar_offset[i], b.cigar_offset[i + 1] - b.cigar_offset[i]);
        score = java_short(len < kCap ? len : kCap);
      }
      break;
    case DuplicateScoring::Random: {
      const std::int32_t h = murmur3_chars(b.name + b.name_offset[i], b.name_offset[i + 1] - b.name_offset[i]);
      score = java_short(java_int_add(score, java_short(h & 0x3fff)));
      score = java_short(java_int_add(score, 8192));  // score -= Short.MIN_VALUE / 4
      break;
    }
  }
  if (flag & kFlagQcFail) score = java_short(java_int_add(score, -16384));
  return score;
}

// ReadNameParser.rapidParseInt(): optional '-', then digits up to the first non-digit
// (int overflow wraps as in Java). ok = false where Java throws NumberFormatException.
HELICASE_HD_INLINE std::int32_t rapid_parse_int(const char* s, std::uint64_t len, bool& ok) {
  std::uint64_t i = 0;
  bool negative = false;
  if (len > 0 && s[0] == '-') {
    i = 1;
    negative = true;
  }
  std::int32_t val = 0;
  bool digits = false;
  for (; i < len; ++i) {
    const char c = s[i];
    if (c < '0' || c > '9') break;
    val = java_int_add(java_int_mul(val, 10), c - '0');
    digits = true;
  }
  ok = digits;
  return negative ? static_cast<std::int32_t>(0u - static_cast<std::uint32_t>(val)) : val;
}

// ReadNameParser.getLastThreeFields(name, ':'): the number of fields (-1 when fewer than
// three), the last three parsed into tokens. ok = false where Java throws.
HELICASE_HD_INLINE int last_three_fields(const char* s, std::uint64_t len, std::int32_t tokens[3], bool& ok) {
  ok = true;
  int idx = 2, fields = 0;
  std::int64_t i = static_cast<std::int64_t>(len) - 1;
  std::int64_t end = static_cast<std::int64_t>(len);
  for (; i >= 0 && idx >= 0; --i) {
    if (s[i] == ':' || i == 0) {
      ++fields;
      const std::int64_t begin = i == 0 ? 0 : i + 1;
      tokens[idx] = rapid_parse_int(s + begin, static_cast<std::uint64_t>(end - begin), ok);
      if (!ok) return -1;
      --idx;
      end = i;
    }
  }
  for (; i >= 0; --i) {
    if (s[i] == ':' || i == 0) ++fields;
  }
  if (fields < 3) {
    tokens[0] = tokens[1] = tokens[2] = -1;
    return -1;
  }
  return fields;
}

HELICASE_HD_INLINE void read_end_key_one(const MarkdupRecordBatch& b, std::size_t i, const ReadEndKeyParams& p,
                                         const ReadEndKeys& out) {
  const bool reverse = (b.flag[i] & kFlagReverse) != 0;
  out.coordinate[i] =
      unclipped_five_prime(b.pos[i], reverse, b.cigar + b.cigar_offset[i], b.cigar_offset[i + 1] - b.cigar_offset[i]);
  out.reverse[i] = reverse ? 1 : 0;
  out.score[i] = duplicate_score(b, i, p.scoring);
  std::int16_t tile = -1, x = -1, y = -1;
  std::uint8_t parsed = 0;
  if (p.parse_names) {
    std::int32_t tokens[3] = {-1, -1, -1};
    bool ok = true;
    const int fields = last_three_fields(b.name + b.name_offset[i], b.name_offset[i + 1] - b.name_offset[i], tokens, ok);
    if (ok && (fields == 5 || fields == 7)) {
      tile = java_short(tokens[0]);
      x = java_short(tokens[1]);
      y = java_short(tokens[2]);
      parsed = 1;
    }
  }
  out.tile[i] = tile;
  out.x[i] = x;
  out.y[i] = y;
  out.name_parsed[i] = parsed;
}

}  // namespace helicase::kernels
