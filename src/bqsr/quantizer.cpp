// quantizer.cpp -- GATK's greedy quality quantization and the static quantized mapping.
#include "bqsr/quantizer.hpp"

#include <algorithm>
#include <cmath>

#include "bqsr/recal_math.hpp"
#include "common/error.hpp"

namespace helicase::bqsr {
namespace {

struct Interval {
  int q_start, q_end;
  std::int64_t n_obs, n_err;
  int fixed_qual;  // -1 for merged intervals
  int left = -1, right = -1;  // sub-intervals (indices into the arena) of a merged interval
};

class Quantizer {
 public:
  Quantizer(const std::vector<std::int64_t>& counts, int min_interesting) : min_interesting_(min_interesting) {
    for (int q = 0; q < static_cast<int>(counts.size()); ++q) {
      const std::int64_t n = counts[static_cast<std::size_t>(q)];
      const double errors = static_cast<double>(n) * qual_to_error_prob(q);
      const double fl = std::floor(errors);
      const std::int64_t e = fl >= 2147483647.0 ? 2147483647 : static_cast<std::int64_t>(fl);
      arena_.push_back({q, q, n, e, q});
      current_.push_back(q);
    }
  }

  void reduce_to(int levels) {
    while (static_cast<int>(current_.size()) > levels && current_.size() > 1) merge_lowest();
  }

  std::vector<int> mapping(std::size_t n) const {
    std::vector<int> map(n, -1);
    for (int idx : current_) {
      const Interval& iv = arena_[static_cast<std::size_t>(idx)];
      for (int q = iv.q_start; q <= iv.q_end; ++q) map[static_cast<std::size_t>(q)] = qual(iv);
    }
    return map;
  }

 private:
  double error_rate(const Interval& iv) const {
    if (iv.fixed_qual != -1) return qual_to_error_prob(iv.fixed_qual);
    if (iv.n_obs == 0) return 0.0;
    return static_cast<double>(iv.n_err + 1) / (1.0 * static_cast<double>(iv.n_obs + 1));
  }
  int qual(const Interval& iv) const { return iv.fixed_qual != -1 ? iv.fixed_qual : error_prob_to_qual(error_rate(iv)); }

  double penalty(const Interval& iv, double global) const {
    if (global == 0.0) return 0.0;
    if (iv.left < 0) {
      if (iv.q_end <= min_interesting_) return 0;
      return std::fabs(std::log10(error_rate(iv)) - std::log10(global)) * static_cast<double>(iv.n_obs);
    }
    double sum = 0;
    sum += penalty(arena_[static_cast<std::size_t>(iv.left)], global);
    sum += penalty(arena_[static_cast<std::size_t>(iv.right)], global);
    return sum;
  }

  void merge_lowest() {
    int best_pos = -1;
    double best_penalty = 0;
    Interval best{};
    for (std::size_t i = 0; i + 1 < current_.size(); ++i) {
      const Interval& l = arena_[static_cast<std::size_t>(current_[i])];
      const Interval& r = arena_[static_cast<std::size_t>(current_[i + 1])];
      Interval m{l.q_start, r.q_end, l.n_obs + r.n_obs, l.n_err + r.n_err, -1, current_[i], current_[i + 1]};
      const double p = penalty(m, error_rate(m));
      if (best_pos < 0 || p < best_penalty) {
        best_pos = static_cast<int>(i);
        best_penalty = p;
        best = m;
      }
    }
    arena_.push_back(best);
    const auto pos = static_cast<std::size_t>(best_pos);
    current_[pos] = static_cast<int>(arena_.size() - 1);
    current_.erase(current_.begin() + static_cast<std::ptrdiff_t>(pos + 1));
  }

  int min_interesting_;
  std::vector<Interval> arena_;
  std::vector<int> current_;  // indices of the current intervals, by q_start
};

}  // namespace

std::vector<int> quantize_quals(const std::vector<std::int64_t>& counts, int levels, int min_interesting_qual) {
  for (auto c : counts) {
    if (c < 0) fail_internal("quality histogram has a negative count");
  }
  if (levels < 0) fail_usage("the number of quantization levels must be >= 0");
  Quantizer q(counts, min_interesting_qual);
  q.reduce_to(levels);
  return q.mapping(counts.size());
}

std::vector<int> static_quantized_map(std::vector<int> quals, bool round_down) {
  constexpr int kMaxQ = 254;  // QualityUtils.MAX_QUAL
  std::vector<int> map(kMaxQ);
  if (quals.empty()) {
    for (int i = 0; i < kMaxQ; ++i) map[static_cast<std::size_t>(i)] = i;
    return map;
  }
  std::sort(quals.begin(), quals.end());
  for (int i = 0; i < kMinUsableQ; ++i) map[static_cast<std::size_t>(i)] = i;
  if (quals.size() == 1) {
    for (int i = kMinUsableQ; i < kMaxQ; ++i) map[static_cast<std::size_t>(i)] = quals[0];
    return map;
  }
  auto qual_to_prob = [](int q) { return 1.0 - qual_to_error_prob(q); };
  int previous = kMinUsableQ;
  double previous_prob = qual_to_prob(previous);
  for (const int next : quals) {
    const double next_prob = qual_to_prob(next);
    for (int i = previous; i < next; ++i) {
      if (round_down) {
        map[static_cast<std::size_t>(i)] = previous;
      } else {
        const double p = qual_to_prob(i);
        map[static_cast<std::size_t>(i)] = (p - previous_prob > next_prob - p) ? next : previous;
      }
    }
    previous = next;
    previous_prob = next_prob;
  }
  for (int i = previous; i < kMaxQ; ++i) map[static_cast<std::size_t>(i)] = previous;
  return map;
}

int count_levels(const std::vector<int>& quantized) {
  int last = -1, levels = 0;
  for (int q : quantized) {
    if (q != last) {
      ++levels;
      last = q;
    }
  }
  return levels;
}

}  // namespace helicase::bqsr
