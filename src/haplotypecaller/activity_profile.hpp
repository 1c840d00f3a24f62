// activity_profile.hpp -- GATK 4.6.2.0's BandPassActivityProfile and region cutting
// (ActivityProfile.popReadyAssemblyRegions), state by state as AssemblyRegionIterator feeds it.
//
// add() takes one locus' activity probability (and the HIGH_QUALITY_SOFT_CLIPS spread when
// its mean HQ soft clip count is > 6): a positive probability is spread with a normalised
// Gaussian kernel (sigma 17, half-width 50) centred on the added locus, states off the contig
// dropped, states before the profile's start ignored. pop() cuts the buffered states into
// regions [start, end] (0-based inclusive): nothing unless max + propagation (300 + 100) states
// are buffered or `force`; a region is active when its first state's probability > 0.002,
// extends while states stay on the same side of the threshold up to 300, and an active region
// that reached 300 is cut at the lowest local minimum scanning down to 50 (findBestCutSite).
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

namespace helicase::hc {

struct ProfileRegion {
  std::int64_t start = 0, end = 0;  // 0-based inclusive
  bool active = false;
};

struct ActivityProfileParams {
  double active_prob_threshold = 0.002;
  int min_region = 50, max_region = 300;
  int max_prob_propagation = 50;
  int filter_size = 50;   // max filter size; the adaptive size equals it for sigma 17
  double sigma = 17.0;
};

class BandPassActivityProfile {
 public:
  BandPassActivityProfile(std::int64_t contig_length, const ActivityProfileParams& p = {});
  bool empty() const { return probs_.empty(); }
  std::int64_t end() const { return stop_; }  // last added locus (valid when !empty())
  std::int64_t start() const { return start_; }  // first buffered locus (valid when !empty())
  // Adds the state of locus pos (must follow the last added one). hq_soft_clips < 0: none.
  void add(std::int64_t pos, double prob, double hq_soft_clips_mean = -1.0);
  // Pops every ready region (all of them with force).
  std::vector<ProfileRegion> pop(bool force);
  const std::vector<double>& kernel() const { return kernel_; }

 private:
  void incorporate(std::int64_t pos, double p);
  int find_end(bool active, bool force) const;
  bool is_minimum(int i) const;
  ActivityProfileParams p_;
  std::int64_t contig_length_;
  std::vector<double> kernel_;
  std::deque<double> probs_;
  std::int64_t start_ = 0, stop_ = -1;
};

}  // namespace helicase::hc
