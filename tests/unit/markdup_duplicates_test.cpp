// markdup_duplicates_test.cpp -- read-end sort order and duplicate sets as Picard finds them.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>

#include "markdup/duplicate_finder.hpp"

namespace helicase::markdup {
namespace {

ReadEnd frag(std::int32_t coord, std::int16_t score, std::int64_t index, bool reverse = false) {
  ReadEnd e;
  e.library = 1;
  e.ref1 = 0;
  e.coord1 = coord;
  e.orientation = reverse ? kR : kF;
  e.score = score;
  e.index1 = index;
  return e;
}

ReadEnd pair(std::int32_t c1, std::int32_t c2, std::int16_t score, std::int64_t i1, std::int64_t i2, int x = -1) {
  ReadEnd e = frag(c1, score, i1);
  e.ref2 = 0;
  e.coord2 = c2;
  e.index2 = i2;
  e.orientation = kFR;
  e.optical_orientation = kFR;
  if (x >= 0) {
    e.read_group = 0;
    e.tile = 1101;
    e.x = static_cast<std::int16_t>(x);
    e.y = 10;
  }
  return e;
}

TEST(ReadEndOrder, EqualsComparatorForAnyThreadCount) {
  std::mt19937 rng(3);
  ReadEndStore s;
  for (int i = 0; i < 300'000; ++i) {
    ReadEnd e;
    e.library = static_cast<std::int16_t>(1 + rng() % 3);
    e.ref1 = static_cast<std::int32_t>(rng() % 3) - 1;
    e.coord1 = static_cast<std::int32_t>(rng() % 50) - 10;
    e.orientation = static_cast<std::int8_t>(rng() % 6);
    e.ref2 = static_cast<std::int32_t>(rng() % 3) - 1;
    e.coord2 = static_cast<std::int32_t>(rng() % 50) - 1;
    e.tile = static_cast<std::int16_t>(static_cast<int>(rng() % 5) - 1);
    e.x = static_cast<std::int16_t>(rng());
    e.y = static_cast<std::int16_t>(rng() % 3);
    e.index1 = rng() % 100000;
    e.index2 = static_cast<std::int64_t>(rng() % 100000) - 1;
    s.push(e);
  }
  auto key = [&](std::uint32_t i) {
    return std::make_tuple(s.library_[i], s.ref1_[i], s.coord1_[i], s.orientation_[i], s.ref2_[i], s.coord2_[i],
                           s.tile_[i], s.x_[i], s.y_[i], s.index1_[i], s.index2_[i], i);
  };
  std::vector<std::uint32_t> expect(s.size());
  for (std::uint32_t i = 0; i < expect.size(); ++i) expect[i] = i;
  std::sort(expect.begin(), expect.end(), [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    ThreadPool pool(threads);
    EXPECT_EQ(sorted_order(s, pool), expect) << threads << " threads";
  }
}

DuplicateResult run(const std::vector<ReadEnd>& pairs, const std::vector<ReadEnd>& frags, bool optical = true) {
  ReadEndStore p, f;
  for (const auto& e : pairs) p.push(e);
  for (const auto& e : frags) f.push(e);
  ThreadPool pool(2);
  DuplicateFinderOptions o;
  o.optical = optical;
  return find_duplicates(p, f, o, pool);
}

TEST(DuplicateSets, PairsKeepTheHighestScoreFirstInSortOrderOnTies) {
  // Three pairs at one position: scores 50, 70, 70 -> the first 70 (lower x) is kept.
  const auto r = run({pair(100, 300, 50, 0, 10, 5000), pair(100, 300, 70, 1, 11, 900), pair(100, 300, 70, 2, 12, 3000),
                      pair(100, 301, 10, 3, 13)},
                     {});
  EXPECT_EQ(r.duplicate_indexes, (std::vector<std::int64_t>{0, 2, 10, 12}));
  EXPECT_EQ(r.all_sets.bins.at(3.0), 1);
  EXPECT_EQ(r.all_sets.bins.at(1.0), 1);  // the singleton pair
  EXPECT_TRUE(r.optical_by_library.empty());
}

TEST(DuplicateSets, OpticalCountsAndHistograms) {
  const auto r = run({pair(100, 300, 70, 0, 10, 1000), pair(100, 300, 50, 1, 11, 1050), pair(100, 300, 40, 2, 12, 9000)},
                     {});
  EXPECT_EQ(r.optical_by_library.at(1), 1);
  EXPECT_EQ(r.all_sets.bins.at(3.0), 1);
  EXPECT_EQ(r.optical_sets.bins.at(2.0), 1);
  EXPECT_EQ(r.non_optical_sets.bins.at(2.0), 1);
  // Optical detection off: no set-size counts for sets of two or more (Picard's quirk).
  const auto off = run({pair(100, 300, 70, 0, 10, 1000), pair(100, 300, 50, 1, 11, 1050)}, {}, false);
  EXPECT_TRUE(off.all_sets.bins.empty());
  EXPECT_EQ(off.duplicate_indexes, (std::vector<std::int64_t>{1, 11}));
}

TEST(DuplicateSets, FragmentsAloneAndNextToPairs) {
  // Fragments only: the best (score 30, first) kept.
  auto r = run({}, {frag(100, 20, 0), frag(100, 30, 1), frag(100, 30, 2), frag(100, 5, 3, true)});
  EXPECT_EQ(r.duplicate_indexes, (std::vector<std::int64_t>{0, 2}));
  // A paired end at the position marks every unpaired fragment there, never the paired one.
  ReadEnd paired_end = frag(100, 1, 5);
  paired_end.ref2 = 0;
  r = run({}, {frag(100, 90, 0), paired_end, frag(100, 80, 1)});
  EXPECT_EQ(r.duplicate_indexes, (std::vector<std::int64_t>{0, 1}));
  // Different libraries never form a set.
  ReadEnd other = frag(100, 10, 7);
  other.library = 2;
  r = run({}, {frag(100, 20, 6), other});
  EXPECT_TRUE(r.duplicate_indexes.empty());
}

}  // namespace
}  // namespace helicase::markdup
