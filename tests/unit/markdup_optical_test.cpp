// markdup_optical_test.cpp -- Picard's optical duplicate rules: distance, read group and tile,
// the keeper, the pairwise fast path for small sets and the clustering path for larger ones.
#include <gtest/gtest.h>

#include "markdup/optical.hpp"

namespace helicase::markdup {
namespace {

OpticalPoint pt(int rg, int tile, int x, int y) {
  return OpticalPoint{static_cast<std::int16_t>(rg), static_cast<std::int16_t>(tile), static_cast<std::int16_t>(x),
                      static_cast<std::int16_t>(y)};
}
std::vector<bool> flags(const std::vector<OpticalPoint>& p, int keeper, bool keeper_given = true, int d = 100) {
  return find_optical_duplicates(p, keeper, keeper_given, OpticalParams{d, 300000});
}

TEST(Optical, PairWithinDistance) {
  EXPECT_EQ(flags({pt(0, 1, 100, 100), pt(0, 1, 200, 200)}, 0), (std::vector<bool>{false, true}));
  EXPECT_EQ(flags({pt(0, 1, 100, 100), pt(0, 1, 201, 200)}, 0), (std::vector<bool>{false, false}));
  EXPECT_EQ(flags({pt(0, 1, 100, 100), pt(0, 2, 100, 100)}, 0), (std::vector<bool>{false, false}));  // tile
  EXPECT_EQ(flags({pt(0, 1, 100, 100), pt(1, 1, 100, 100)}, 0), (std::vector<bool>{false, false}));  // read group
  EXPECT_EQ(flags({pt(0, -1, 100, 100), pt(0, -1, 100, 100)}, 0), (std::vector<bool>{false, false}));  // no location
  EXPECT_EQ(flags({pt(0, 1, 100, 100), pt(0, 1, 2000, 2000)}, 0, true, 2500), (std::vector<bool>{false, true}));
  // The keeper is never flagged, whichever position it has.
  EXPECT_EQ(flags({pt(0, 1, 100, 100), pt(0, 1, 150, 150)}, 1), (std::vector<bool>{true, false}));
}

TEST(Optical, FastPathThreeReads) {
  // Without a keeper in the list, the later read of a close pair is flagged.
  EXPECT_EQ(flags({pt(0, 1, 0, 0), pt(0, 1, 50, 0), pt(0, 1, 5000, 0)}, -1), (std::vector<bool>{false, true, false}));
  // Chain a-b-c with keeper a: b is close to a, c only to b: the fast path flags c through b.
  EXPECT_EQ(flags({pt(0, 1, 0, 0), pt(0, 1, 90, 0), pt(0, 1, 180, 0)}, 0), (std::vector<bool>{false, true, true}));
}

TEST(Optical, GraphPathClustersAndKeepers) {
  // Four reads: cluster {0,1} with the keeper 1, cluster {2,3} keeps the smaller (x, y).
  const std::vector<OpticalPoint> p = {pt(0, 1, 0, 0), pt(0, 1, 50, 50), pt(0, 1, 5000, 10), pt(0, 1, 4950, 20)};
  EXPECT_EQ(flags(p, 1), (std::vector<bool>{true, false, true, false}));
  // A transitive chain is one cluster: all but the keeper flagged.
  const std::vector<OpticalPoint> chain = {pt(0, 1, 0, 0), pt(0, 1, 90, 0), pt(0, 1, 180, 0), pt(0, 1, 270, 0)};
  EXPECT_EQ(flags(chain, 3), (std::vector<bool>{true, true, true, false}));
  // Keeper without location: each cluster keeps its smallest read.
  const std::vector<OpticalPoint> nk = {pt(0, -1, 0, 0), pt(0, 1, 300, 5), pt(0, 1, 250, 9), pt(0, 1, 250, 4)};
  EXPECT_EQ(flags(nk, 0), (std::vector<bool>{false, true, true, false}));
  // The keeper given but not in the list (an FR/RF subset) still selects the graph path at 4.
  EXPECT_EQ(flags(chain, -1, true), (std::vector<bool>{false, true, true, true}));
}

TEST(Optical, TooLargeOrTooSmall) {
  std::vector<OpticalPoint> many(10, pt(0, 1, 0, 0));
  EXPECT_EQ(find_optical_duplicates(many, 0, true, OpticalParams{100, 9}), std::vector<bool>(10, false));
  EXPECT_EQ(flags({pt(0, 1, 0, 0)}, 0), std::vector<bool>{false});
  EXPECT_TRUE(flags({}, -1).empty());
}

}  // namespace
}  // namespace helicase::markdup
