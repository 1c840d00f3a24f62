// markdup_test_batch.hpp -- builds MarkdupRecordBatch inputs for the read-end key tests.
#pragma once

#include <htslib/sam.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "markdup/read_end_key.hpp"

namespace helicase::test {

struct FlatRecords {
  std::vector<std::uint16_t> flag;
  std::vector<std::int32_t> pos;
  std::vector<std::uint32_t> cigar;
  std::vector<std::uint64_t> cigar_offset{0}, qual_offset{0}, name_offset{0};
  std::vector<std::uint8_t> qual;
  std::string names;

  // cigar as text ("5S10M2D"), quals as values.
  void add(std::uint16_t f, std::int32_t p, const std::string& cigar_text, const std::vector<std::uint8_t>& q,
           const std::string& name) {
    flag.push_back(f);
    pos.push_back(p);
    std::uint32_t n = 0;
    for (char c : cigar_text) {
      if (c >= '0' && c <= '9') {
        n = n * 10 + static_cast<std::uint32_t>(c - '0');
      } else {
        cigar.push_back(n << 4 | static_cast<std::uint32_t>(std::strchr(BAM_CIGAR_STR, c) - BAM_CIGAR_STR));
        n = 0;
      }
    }
    cigar_offset.push_back(cigar.size());
    qual.insert(qual.end(), q.begin(), q.end());
    qual_offset.push_back(qual.size());
    names += name;
    name_offset.push_back(names.size());
  }

  kernels::MarkdupRecordBatch view() const {
    kernels::MarkdupRecordBatch b;
    b.n = flag.size();
    b.flag = flag.data();
    b.pos = pos.data();
    b.cigar = cigar.data();
    b.cigar_offset = cigar_offset.data();
    b.qual = qual.data();
    b.qual_offset = qual_offset.data();
    b.name = names.data();
    b.name_offset = name_offset.data();
    return b;
  }
};

struct KeyOutputs {
  std::vector<std::int32_t> coordinate;
  std::vector<std::uint8_t> reverse, parsed;
  std::vector<std::int16_t> score, tile, x, y;
  explicit KeyOutputs(std::size_t n) : coordinate(n), reverse(n), parsed(n), score(n), tile(n), x(n), y(n) {}
  kernels::ReadEndKeys view() {
    return kernels::ReadEndKeys{coordinate.data(), reverse.data(), score.data(), tile.data(),
                                x.data(),          y.data(),       parsed.data()};
  }
  bool operator==(const KeyOutputs&) const = default;
};

// Random records: CIGARs with clips, long and short reads, odd names, QC failures.
inline FlatRecords random_records(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  FlatRecords r;
  const char* ops = "MIDNSHP=X";
  for (std::size_t i = 0; i < n; ++i) {
    std::string cigar;
    if (rng() % 2) cigar += std::to_string(1 + rng() % 30) + (rng() % 2 ? "S" : "H");
    const int parts = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < parts; ++k) cigar += std::to_string(1 + rng() % 200) + ops[rng() % 9];
    if (rng() % 2) cigar += std::to_string(1 + rng() % 30) + "S";
    std::vector<std::uint8_t> q(rng() % 10 == 0 ? 1000 + rng() % 2000 : rng() % 160);
    for (auto& v : q) v = static_cast<std::uint8_t>(rng() % 10 == 0 ? 200 + rng() % 56 : rng() % 94);
    std::string name = rng() % 2 ? "M0:1:FC:" + std::to_string(rng() % 8) + ":" + std::to_string(rng() % 3000) + ":" +
                                       std::to_string(rng() % 70000) + ":" + std::to_string(rng() % 70000)
                                 : "r" + std::to_string(rng()) + (rng() % 3 ? ":x" : "::1:2");
    const auto flag = static_cast<std::uint16_t>((rng() % 2 ? kernels::kFlagReverse : 0) |
                                                 (rng() % 4 == 0 ? kernels::kFlagQcFail : 0) | kernels::kFlagPaired);
    r.add(flag, static_cast<std::int32_t>(rng() % (1u << 29)), cigar, q, name);
  }
  return r;
}

}  // namespace helicase::test
