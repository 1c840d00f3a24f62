// optical.hpp -- Picard's OpticalDuplicateFinder.findOpticalDuplicates() (2.27.5).
//
// Given the reads of one duplicate set (their read group, tile, x, y) and which of them is
// the keeper, flags the reads that are optical duplicates of another read of the set:
// same read group and tile, |dx| <= distance and |dy| <= distance. Reads without location
// (tile -1) are never flagged. Sets smaller than 4 (3 when no keeper is given) use Picard's
// pairwise fast path; larger ones cluster the "close enough" graph (connected components)
// and keep the keeper, else the read with the smallest (x, y) first met, in each cluster.
// Sets larger than max_set_size, or smaller than 2, get no flags.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace helicase::markdup {

struct OpticalPoint {
  std::int16_t read_group = -1;
  std::int16_t tile = -1;
  std::int16_t x = -1;
  std::int16_t y = -1;
  bool has_location() const { return tile != -1; }
};

struct OpticalParams {
  int pixel_distance = 100;
  std::size_t max_set_size = 300000;
};

// keeper: index of the keeper within points, or -1 when the keeper is not among them.
// keeper_given: whether the caller had a keeper at all (Picard's `keeper != null`), which
// chooses between the fast path and the graph path.
std::vector<bool> find_optical_duplicates(const std::vector<OpticalPoint>& points, int keeper, bool keeper_given,
                                          const OpticalParams& params);

}  // namespace helicase::markdup
