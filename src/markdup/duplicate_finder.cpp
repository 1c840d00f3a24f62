// duplicate_finder.cpp -- duplicate sets from sorted read ends, as MarkDuplicates finds them.
#include "markdup/duplicate_finder.hpp"

#include <algorithm>

#include "common/error.hpp"

namespace helicase::markdup {
namespace {

// markDuplicatePairs / markDuplicateFragments: the first end with a strictly greater
// score than every earlier one (Picard starts from maxScore 0 but always takes the first).
std::size_t best_of(const ReadEndStore& s, const std::vector<std::uint32_t>& run) {
  std::size_t best = 0;
  for (std::size_t k = 1; k < run.size(); ++k) {
    if (s.score_[run[k]] > s.score_[run[best]]) best = k;
  }
  return best;
}

OpticalPoint point_of(const ReadEndStore& s, std::uint32_t i) {
  return OpticalPoint{s.read_group_[i], s.tile_[i], s.x_[i], s.y_[i]};
}

// AbstractMarkDuplicatesCommandLineProgram.trackOpticalDuplicates() for one subset.
int count_optical(const ReadEndStore& s, const std::vector<std::uint32_t>& members, std::uint32_t keeper,
                  const DuplicateFinderOptions& options, DuplicateResult& result) {
  std::vector<OpticalPoint> points;
  points.reserve(members.size());
  int keeper_pos = -1;
  for (std::size_t k = 0; k < members.size(); ++k) {
    points.push_back(point_of(s, members[k]));
    if (members[k] == keeper) keeper_pos = static_cast<int>(k);
  }
  const std::vector<bool> flags = find_optical_duplicates(points, keeper_pos, true, options.optical_params);
  const int n = static_cast<int>(std::count(flags.begin(), flags.end(), true));
  if (n > 0) result.optical_by_library[s.library_[members.front()]] += n;
  return n;
}

void handle_pair_run(const ReadEndStore& s, const std::vector<std::uint32_t>& run,
                     const DuplicateFinderOptions& options, DuplicateResult& result) {
  if (run.size() == 1) {
    result.all_sets.increment(1.0);
    result.non_optical_sets.increment(1.0);
    return;
  }
  ++result.pair_sets;
  const std::uint32_t best = run[best_of(s, run)];
  if (options.optical) {
    bool has_fr = false, has_rf = false;
    for (std::uint32_t i : run) {
      has_fr |= s.optical_orientation_[i] == kFR;
      has_rf |= s.optical_orientation_[i] == kRF;
    }
    int optical = 0;
    if (has_fr && has_rf) {
      std::vector<std::uint32_t> fr, rf;
      for (std::uint32_t i : run) {
        if (s.optical_orientation_[i] == kFR) fr.push_back(i);
        else if (s.optical_orientation_[i] == kRF) rf.push_back(i);
        else fail_internal("unexpected pair orientation in a duplicate set with FR and RF pairs");
      }
      optical = count_optical(s, fr, best, options, result) + count_optical(s, rf, best, options, result);
    } else {
      optical = count_optical(s, run, best, options, result);
    }
    const auto size = static_cast<double>(run.size());
    result.all_sets.increment(size);
    if (static_cast<int>(run.size()) - optical > 0) result.non_optical_sets.increment(size - optical);
    if (optical > 0) result.optical_sets.increment(optical + 1.0);
  }
  for (std::uint32_t i : run) {
    if (i == best) continue;
    result.duplicate_indexes.push_back(s.index1_[i]);
    if (s.index2_[i] != s.index1_[i]) result.duplicate_indexes.push_back(s.index2_[i]);
  }
}

void handle_fragment_run(const ReadEndStore& s, const std::vector<std::uint32_t>& run, bool contains_pairs,
                         DuplicateResult& result) {
  if (contains_pairs) {
    for (std::uint32_t i : run) {
      if (!(s.ref2_[i] != -1)) result.duplicate_indexes.push_back(s.index1_[i]);
    }
    return;
  }
  const std::size_t best = best_of(s, run);
  for (std::size_t k = 0; k < run.size(); ++k) {
    if (k != best) result.duplicate_indexes.push_back(s.index1_[run[k]]);
  }
}

}  // namespace

DuplicateResult find_duplicates(const ReadEndStore& pairs, const ReadEndStore& fragments,
                                const DuplicateFinderOptions& options, ThreadPool& pool) {
  DuplicateResult result;
  std::vector<std::uint32_t> run;
  run.reserve(256);

  const std::vector<std::uint32_t> pair_order = sorted_order(pairs, pool);
  for (std::size_t k = 0; k < pair_order.size(); ++k) {
    const std::uint32_t i = pair_order[k];
    if (!run.empty() && same_duplicate_key(pairs, run.front(), i, true)) {
      run.push_back(i);
    } else {
      if (!run.empty()) handle_pair_run(pairs, run, options, result);
      run.assign(1, i);
    }
  }
  if (!run.empty()) handle_pair_run(pairs, run, options, result);

  // Fragments: Picard only acts on runs of two or more that hold an unpaired end.
  const std::vector<std::uint32_t> frag_order = sorted_order(fragments, pool);
  run.clear();
  bool contains_pairs = false, contains_frags = false;
  auto flush = [&] {
    if (run.size() > 1 && contains_frags) {
      ++result.fragment_sets;
      handle_fragment_run(fragments, run, contains_pairs, result);
    }
  };
  for (std::size_t k = 0; k < frag_order.size(); ++k) {
    const std::uint32_t i = frag_order[k];
    const bool paired = fragments.ref2_[i] != -1;
    if (!run.empty() && same_duplicate_key(fragments, run.front(), i, false)) {
      run.push_back(i);
      contains_pairs |= paired;
      contains_frags |= !paired;
    } else {
      flush();
      run.assign(1, i);
      contains_pairs = paired;
      contains_frags = !paired;
    }
  }
  flush();

  std::sort(result.duplicate_indexes.begin(), result.duplicate_indexes.end());
  return result;
}

}  // namespace helicase::markdup
