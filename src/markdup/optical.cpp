// optical.cpp -- optical duplicate flags within one duplicate set, as Picard computes them.
#include "markdup/optical.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <numeric>

namespace helicase::markdup {
namespace {

bool close_xy(const OpticalPoint& a, const OpticalPoint& b, int d) {
  return std::abs(static_cast<int>(a.x) - static_cast<int>(b.x)) <= d &&
         std::abs(static_cast<int>(a.y) - static_cast<int>(b.y)) <= d;
}

// OpticalDuplicateFinder.closeEnough() for two distinct reads.
bool close_enough(const OpticalPoint& a, const OpticalPoint& b, int d) {
  return a.has_location() && b.has_location() && a.read_group == b.read_group && a.tile == b.tile &&
         close_xy(a, b, d);
}

std::vector<bool> fast_path(const std::vector<OpticalPoint>& p, int keeper, int d) {
  const int n = static_cast<int>(p.size());
  std::vector<bool> flag(p.size(), false);
  if (keeper >= 0) {
    for (int i = 0; i < n; ++i) flag[i] = i != keeper && close_enough(p[keeper], p[i], d);
  }
  for (int i = 0; i < n; ++i) {
    if (i == keeper) continue;
    for (int j = i + 1; j < n; ++j) {
      if (j == keeper) continue;
      if (flag[i] && flag[j]) continue;
      if (close_enough(p[i], p[j], d)) flag[flag[j] ? i : j] = true;
    }
  }
  return flag;
}

int find_root(std::vector<int>& parent, int v) {
  int root = v;
  while (parent[root] != root) root = parent[root];
  while (parent[v] != root) {
    const int next = parent[v];
    parent[v] = root;
    v = next;
  }
  return root;
}

std::vector<bool> graph_path(const std::vector<OpticalPoint>& p, int keeper, int d) {
  const int n = static_cast<int>(p.size());
  std::vector<bool> flag(p.size(), false);
  std::vector<int> parent(p.size());
  std::iota(parent.begin(), parent.end(), 0);
  // Edges only join reads of one read group and tile; the clusters (connected components)
  // are all that matters, so sweep each group in x order instead of comparing every pair.
  std::map<std::int32_t, std::vector<int>> groups;
  for (int i = 0; i < n; ++i) {
    if (p[i].has_location()) groups[(static_cast<std::int32_t>(p[i].read_group) << 16) + p[i].tile].push_back(i);
  }
  for (auto& [key, members] : groups) {
    std::stable_sort(members.begin(), members.end(), [&](int a, int b) { return p[a].x < p[b].x; });
    for (std::size_t a = 0; a < members.size(); ++a) {
      for (std::size_t b = a + 1; b < members.size(); ++b) {
        if (static_cast<int>(p[members[b]].x) - static_cast<int>(p[members[a]].x) > d) break;
        if (close_xy(p[members[a]], p[members[b]], d)) {
          const int ra = find_root(parent, members[a]), rb = find_root(parent, members[b]);
          if (ra != rb) parent[ra] = rb;
        }
      }
    }
  }
  std::vector<int> cluster(p.size());
  for (int i = 0; i < n; ++i) cluster[i] = find_root(parent, i);
  // Walk reads in index order: the keeper's cluster keeps the keeper; any other cluster keeps
  // the smallest (x, then y) read, the earlier one on ties.
  std::vector<int> representative(p.size(), -1);
  const int keeper_cluster = keeper >= 0 ? cluster[keeper] : -1;
  if (keeper >= 0) representative[keeper_cluster] = keeper;
  for (int i = 0; i < n; ++i) {
    const int c = cluster[i];
    if (representative[c] >= 0 && i != keeper) {
      const OpticalPoint& rep = p[representative[c]];
      const bool smaller = p[i].x < rep.x || (p[i].x == rep.x && p[i].y < rep.y);
      if (c != keeper_cluster && smaller) {
        flag[representative[c]] = true;
        representative[c] = i;
      } else {
        flag[i] = true;
      }
    } else {
      representative[c] = i;
    }
  }
  return flag;
}

}  // namespace

std::vector<bool> find_optical_duplicates(const std::vector<OpticalPoint>& points, int keeper, bool keeper_given,
                                          const OpticalParams& params) {
  const std::size_t n = points.size();
  if (n < 2 || n > params.max_set_size) return std::vector<bool>(n, false);
  // Picard only uses a keeper that is in the list and has a location.
  const int actual_keeper = keeper >= 0 && points[static_cast<std::size_t>(keeper)].has_location() ? keeper : -1;
  if (n >= (keeper_given ? 4u : 3u)) return graph_path(points, actual_keeper, params.pixel_distance);
  return fast_path(points, actual_keeper, params.pixel_distance);
}

}  // namespace helicase::markdup
