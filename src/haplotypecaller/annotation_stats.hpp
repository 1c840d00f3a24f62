// annotation_stats.hpp -- the statistics behind GATK 4.6.2.0's standard annotations:
// Mann-Whitney U z-score (MannWhitneyU, FIRST_DOMINATES, as the rank sum tests call it),
// Fisher's exact test on a 2x2 strand table (FisherStrand, table scaled to <= 200 when the sum
// exceeds 400, p floored at 1e-320), the strand odds ratio (StrandOddsRatio), and ExcessHet's
// exact test.
#pragma once

#include <array>
#include <optional>
#include <vector>

namespace helicase::hc {

// MannWhitneyU.test(series1, series2, FIRST_DOMINATES).getZ(); nullopt when either is empty
// (GATK then omits the annotation). Both below 10 values: the exact permutation p-value turned
// into z with the inverse normal CDF; otherwise the normal approximation with tie correction.
std::optional<double> mann_whitney_z(std::vector<double> series1, std::vector<double> series2);

using StrandTable = std::array<std::array<int, 2>, 2>;  // [ref, alt][forward, reverse]
// FisherStrand's phred-scaled p-value (the FS value).
double fisher_strand_phred(const StrandTable& table);
// StrandOddsRatio.calculateSOR.
double strand_odds_ratio(const StrandTable& table);
// ExcessHet.exactTest(het, ref, hom) -> p-value; excess_het_phred: the annotation value.
double excess_het_p(int het, int ref, int hom);
double excess_het_phred(int het, int ref, int hom);

// Inverse of the standard normal CDF (commons-math NormalDistribution.inverseCumulativeProbability).
double inverse_normal_cdf(double p);

}  // namespace helicase::hc
