// activity_profile.cpp -- BandPassActivityProfile and region cutting, as GATK computes them.
#include "haplotypecaller/activity_profile.hpp"

#include <cfloat>
#include <cmath>

#include "common/error.hpp"

namespace helicase::hc {
namespace {

// BandPassActivityProfile.makeKernel: MathUtils.normalDistribution then normalizeSumToOne.
std::vector<double> make_kernel(int filter_size, double sigma) {
  const double root_two_pi = std::sqrt(2.0 * M_PI);
  std::vector<double> k(static_cast<std::size_t>(2 * filter_size + 1));
  for (std::size_t i = 0; i < k.size(); ++i) {
    const double x = static_cast<double>(i) - filter_size;
    k[i] = std::exp(-x * x / (2.0 * sigma * sigma)) / (sigma * root_two_pi);
  }
  double sum = 0.0;
  for (double v : k) sum += v;
  for (double& v : k) v = v / sum;
  return k;
}

}  // namespace

BandPassActivityProfile::BandPassActivityProfile(std::int64_t contig_length, const ActivityProfileParams& p)
    : p_(p), contig_length_(contig_length) {
  // determineFilterSize: the kernel of max size trimmed where it falls below 1e-5 on both sides.
  const std::vector<double> full = make_kernel(p.filter_size, p.sigma);
  int first = 0, last = static_cast<int>(full.size()) - 1;
  while (first < last && full[static_cast<std::size_t>(first)] < 1e-5) ++first;
  while (last > first && full[static_cast<std::size_t>(last)] < 1e-5) --last;
  p_.filter_size = (last - first) / 2;
  kernel_ = make_kernel(p_.filter_size, p.sigma);
}

void BandPassActivityProfile::incorporate(std::int64_t pos, double p) {
  const std::int64_t offset = pos - start_;
  if (offset < 0) return;
  const auto size = static_cast<std::int64_t>(probs_.size());
  if (offset < size) {
    probs_[static_cast<std::size_t>(offset)] += p;
  } else if (offset == size) {
    probs_.push_back(p);
  } else {
    fail_internal("activity profile: state not contiguous");
  }
}

void BandPassActivityProfile::add(std::int64_t pos, double prob, double hq) {
  if (probs_.empty()) {
    start_ = pos;
  } else if (pos != stop_ + 1) {
    fail_internal("activity profile: locus not immediately after the last one");
  }
  stop_ = pos;
  // ActivityProfile.processState: HQ soft clips spread the raw probability over +- n loci.
  int copies = 1;
  if (hq > 6.0) {
    const int n = std::min(static_cast<int>(hq), p_.max_prob_propagation);
    copies = 0;
    for (int i = -n; i <= n; ++i) {
      if (pos + i >= 0 && pos + i < contig_length_) ++copies;
    }
  }
  const int fs = p_.filter_size;
  for (int c = 0; c < copies; ++c) {
    if (prob > 0.0) {
      // Band pass: centred on the just-added locus for every copy (as GATK does).
      for (int i = -fs; i <= fs; ++i) {
        const std::int64_t loc = pos + i;
        if (loc < 0 || loc >= contig_length_) continue;
        incorporate(loc, prob * kernel_[static_cast<std::size_t>(i + fs)]);
      }
    } else {
      incorporate(pos, prob);
    }
  }
}

bool BandPassActivityProfile::is_minimum(int i) const {
  const int size = static_cast<int>(probs_.size());
  if (i == size - 1 || i < 1) return false;
  const double v = probs_[static_cast<std::size_t>(i)];
  return v <= probs_[static_cast<std::size_t>(i + 1)] && v < probs_[static_cast<std::size_t>(i - 1)];
}

int BandPassActivityProfile::find_end(bool active, bool force) const {
  const int size = static_cast<int>(probs_.size());
  if (!force && size < p_.max_region + p_.max_prob_propagation + p_.filter_size) return -1;
  int end = 0;
  while (end < size && end < p_.max_region) {
    if ((probs_[static_cast<std::size_t>(end)] > p_.active_prob_threshold) != active) break;
    ++end;
  }
  if (active && end == p_.max_region) {
    int min_i = end - 1;
    double min_p = DBL_MAX;
    for (int i = min_i; i >= p_.min_region - 1; --i) {
      const double cur = probs_[static_cast<std::size_t>(i)];
      if (cur < min_p && is_minimum(i)) {
        min_p = cur;
        min_i = i;
      }
    }
    end = min_i + 1;
  }
  return end - 1;
}

std::vector<ProfileRegion> BandPassActivityProfile::pop(bool force) {
  std::vector<ProfileRegion> out;
  while (!probs_.empty()) {
    if (force) {
      const auto span = static_cast<std::size_t>(stop_ - start_ + 1);
      if (probs_.size() > span) probs_.resize(span);
    }
    const bool active = probs_.front() > p_.active_prob_threshold;
    const int end = find_end(active, force);
    if (end < 0) break;
    out.push_back({start_, start_ + end, active});
    probs_.erase(probs_.begin(), probs_.begin() + end + 1);
    start_ += end + 1;
  }
  return out;
}

}  // namespace helicase::hc
