// read_ends.cpp -- read-end arrays and their deterministic sort.
#include "markdup/read_ends.hpp"

#include <algorithm>
#include <array>

namespace helicase::markdup {

void ReadEndStore::push(const ReadEnd& e) {
  library_.push_back(e.library);
  orientation_.push_back(e.orientation);
  optical_orientation_.push_back(e.optical_orientation);
  ref1_.push_back(e.ref1);
  coord1_.push_back(e.coord1);
  ref2_.push_back(e.ref2);
  coord2_.push_back(e.coord2);
  read_group_.push_back(e.read_group);
  tile_.push_back(e.tile);
  x_.push_back(e.x);
  y_.push_back(e.y);
  score_.push_back(e.score);
  index1_.push_back(e.index1);
  index2_.push_back(e.index2);
}

ReadEnd ReadEndStore::get(std::size_t i) const {
  ReadEnd e;
  e.library = library_[i];
  e.orientation = orientation_[i];
  e.optical_orientation = optical_orientation_[i];
  e.ref1 = ref1_[i];
  e.coord1 = coord1_[i];
  e.ref2 = ref2_[i];
  e.coord2 = coord2_[i];
  e.read_group = read_group_[i];
  e.tile = tile_[i];
  e.x = x_[i];
  e.y = y_[i];
  e.score = score_[i];
  e.index1 = index1_[i];
  e.index2 = index2_[i];
  return e;
}

std::size_t ReadEndStore::bytes() const {
  return library_.capacity() * 2 + read_group_.capacity() * 2 + tile_.capacity() * 2 + x_.capacity() * 2 +
         y_.capacity() * 2 + score_.capacity() * 2 + orientation_.capacity() + optical_orientation_.capacity() +
         (ref1_.capacity() + coord1_.capacity() + ref2_.capacity() + coord2_.capacity()) * 4 +
         (index1_.capacity() + index2_.capacity()) * 8;
}

void ReadEndStore::clear() { *this = ReadEndStore{}; }

namespace {

// The comparator's fields packed into unsigned words whose lexicographic order is the
// comparator's: signed values are biased, the 200 key bits fill four words, the two file
// indexes two more. Java compares differences of ints (no overflow for these ranges) and of
// (int)-truncated index differences (equal to exact comparison below 2^31 records apart).
struct PackedKey {
  std::array<std::uint64_t, 6> w;
  std::uint32_t id;
  bool operator<(const PackedKey& o) const { return w != o.w ? w < o.w : id < o.id; }
};

inline std::uint64_t bias16(std::int16_t v) { return static_cast<std::uint16_t>(v) ^ 0x8000u; }
inline std::uint64_t bias32(std::int32_t v) { return static_cast<std::uint32_t>(v) ^ 0x80000000u; }
inline std::uint64_t bias64(std::int64_t v) { return static_cast<std::uint64_t>(v) ^ 0x8000000000000000ull; }

PackedKey pack(const ReadEndStore& s, std::size_t i) {
  PackedKey k;
  k.w[0] = bias16(s.library_[i]) << 48 | bias32(s.ref1_[i]) << 16 | bias32(s.coord1_[i]) >> 16;
  k.w[1] = (bias32(s.coord1_[i]) & 0xffffu) << 48 | static_cast<std::uint64_t>(static_cast<std::uint8_t>(s.orientation_[i])) << 40 |
           bias32(s.ref2_[i]) << 8 | bias32(s.coord2_[i]) >> 24;
  k.w[2] = (bias32(s.coord2_[i]) & 0xffffffu) << 40 | bias16(s.tile_[i]) << 24 | bias16(s.x_[i]) << 8 |
           bias16(s.y_[i]) >> 8;
  k.w[3] = (bias16(s.y_[i]) & 0xffu) << 56;
  k.w[4] = bias64(s.index1_[i]);
  k.w[5] = bias64(s.index2_[i]);
  k.id = static_cast<std::uint32_t>(i);
  return k;
}

}  // namespace

std::vector<std::uint32_t> sorted_order(const ReadEndStore& s, ThreadPool& pool) {
  const std::size_t n = s.size();
  std::vector<PackedKey> keys(n);
  const std::size_t parts = std::max<std::size_t>(1, std::min<std::size_t>(pool.size(), n / 65536));
  pool.parallel_for(parts, [&](std::size_t p) {
    const std::size_t begin = n * p / parts, end = n * (p + 1) / parts;
    for (std::size_t i = begin; i < end; ++i) keys[i] = pack(s, i);
    std::sort(keys.begin() + static_cast<std::ptrdiff_t>(begin), keys.begin() + static_cast<std::ptrdiff_t>(end));
  });
  // Merge the sorted parts pairwise. Ties on every field fall back to insertion order (a
  // stable sort, as Java's), so the result does not depend on the number of parts.
  for (std::size_t width = 1; width < parts; width *= 2) {
    for (std::size_t p = 0; p + width < parts; p += 2 * width) {
      const std::size_t begin = n * p / parts, mid = n * (p + width) / parts,
                        end = n * std::min(parts, p + 2 * width) / parts;
      std::inplace_merge(keys.begin() + static_cast<std::ptrdiff_t>(begin), keys.begin() + static_cast<std::ptrdiff_t>(mid),
                         keys.begin() + static_cast<std::ptrdiff_t>(end));
    }
  }
  std::vector<std::uint32_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = keys[i].id;
  return order;
}

bool same_duplicate_key(const ReadEndStore& s, std::size_t a, std::size_t b, bool compare_read2) {
  if (s.library_[a] != s.library_[b] || s.ref1_[a] != s.ref1_[b] || s.coord1_[a] != s.coord1_[b] ||
      s.orientation_[a] != s.orientation_[b]) {
    return false;
  }
  return !compare_read2 || (s.ref2_[a] == s.ref2_[b] && s.coord2_[a] == s.coord2_[b]);
}

}  // namespace helicase::markdup
