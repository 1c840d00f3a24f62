// recal_math.hpp -- the arithmetic of GATK's BQSR model, in GATK's evaluation order.
//
// RecalDatum holds what GATK's RecalDatum holds: observations, mismatches (kept multiplied
// by 100000 as GATK does, so sums round the same way), the reported quality, and derives
// the empirical quality: argmax over q = 0..60 of a Gaussian prior on (int)(q - prior) and
// the commons-math saddle-point binomial log-likelihood of (errors + 0.5 rounded) + 1 errors
// in observations + 2 trials, capped at 93. Qualities and error probabilities convert as
// QualityUtils does (Math.round on -10 log10 p, saturating casts).
#pragma once

#include <cstdint>

namespace helicase::bqsr {

inline constexpr int kMaxQual = 93;            // SAMUtils.MAX_PHRED_SCORE
inline constexpr int kNumQuals = kMaxQual + 1;  // 0..93
inline constexpr int kMaxReasonableQ = 60;      // QualityUtils.MAX_REASONABLE_Q_SCORE
inline constexpr int kMinUsableQ = 6;           // QualityUtils.MIN_USABLE_Q_SCORE

double qual_to_error_prob(double qual);  // 10^(-q/10)
// QualityUtils.errorProbToQual(p, maxQual): Math.round(-10 log10 p), bounded to [1, maxQual].
int error_prob_to_qual(double error_prob, int max_qual = kMaxQual);
// MathUtils.fastRound.
int fast_round(double x);
// QualityUtils.boundQual(q, maxQual): clamps to [1, maxQual].
inline int bound_qual(int q, int max_qual = kMaxQual) { return q < 1 ? 1 : (q > max_qual ? max_qual : q); }

// commons-math 3.5 BinomialDistribution(n, p).logProbability(k) (saddle-point expansion).
double log_binomial_probability(int n, int k, double p);
// RecalDatum.bayesianEstimateOfEmpiricalQuality.
int bayesian_empirical_quality(std::int64_t observations, std::int64_t errors, double prior);

struct RecalDatum {
  std::int64_t observations = 0;
  double mismatches_scaled = 0;  // mismatches * 100000, GATK's internal representation
  double reported_quality = 0;

  static constexpr double kMultiplier = 100000.0;

  double mismatches() const { return mismatches_scaled / kMultiplier; }
  void set_mismatches(double m) { mismatches_scaled = m * kMultiplier; }
  void increment(std::int64_t obs, double mism) {
    observations += obs;
    mismatches_scaled += mism * kMultiplier;
  }
  // RecalDatum.combine: sums counts; the reported quality becomes that of the expected errors.
  void combine(const RecalDatum& other);
  // Empirical quality with the given prior (RecalDatum.calcEmpiricalQuality), capped at 93.
  int empirical_quality(double prior) const;
  int empirical_quality() const { return empirical_quality(reported_quality); }
};

}  // namespace helicase::bqsr
