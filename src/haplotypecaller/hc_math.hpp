// hc_math.hpp -- the pieces of GATK 4.6.2.0's MathUtils / QualityUtils / AlleleFrequencyCalculator
// that both halves of helicase-haplotypecaller need, computed as GATK computes them.
//
// approximate_log10_sum_log10 is GATK's table-driven Jacobian log sum (table step 1e-4, values
// more than 8 apart ignored): GATK uses it for het genotype likelihoods, ref-vs-any likelihoods
// and PairHMM's matchToMatch; do not substitute an exact log-sum-exp there. log10_sum_log10 is
// the exact version (max + log10(sum of 10^(x - max))). Java's Math.log10/pow/log are within
// 1 ulp of the correctly rounded result, as glibc's are; commons-math's logGamma (Lanczos)
// is replaced by std::lgamma (docs/compatibility.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace helicase::hc {

inline constexpr double kLog10E = 0.4342944819032518;      // Math.log10(Math.E)
inline constexpr double kLn10 = 2.302585092994046;         // Math.log(10)
inline constexpr double kLog10OneThird = -0.47712125471966244;  // -Math.log10(3.0)

// MathUtils.fastRound: (int)(d + 0.5) for d > 0, (int)(d - 0.5) otherwise.
inline int fast_round(double d) { return d > 0.0 ? static_cast<int>(d + 0.5) : static_cast<int>(d - 0.5); }

// Index of the first maximum (MathUtils.maxElementIndex: strict '>').
std::size_t max_element_index(std::span<const double> v);

// MathUtils.approximateLog10SumLog10(a, b) and (a, b, c) = (a, (b, c)).
double approximate_log10_sum_log10(double a, double b);
double approximate_log10_sum_log10(double a, double b, double c);
// MathUtils.approximateLog10SumLog10(double[]): start from the first maximum, add the others in
// index order (each through the table). Empty -> -infinity.
double approximate_log10_sum_log10(std::span<const double> v);

// MathUtils.log10SumLog10 (exact, max-shifted), two and three argument forms as GATK writes them.
double log10_sum_log10(std::span<const double> v);
double log10_sum_log10(double a, double b);
double log10_sum_log10(double a, double b, double c);

// MathUtils.normalizeLog10(array, takeLog10OfOutput): subtract log10SumLog10; optionally 10^x.
std::vector<double> normalize_log10(std::vector<double> v, bool take_log10 = true);

// MathUtils.log10OneMinusPow10: log10(1 - 10^a) without losing precision (NaN for a > 0).
double log10_one_minus_pow10(double a);

// commons-math CombinatoricsUtils.factorialLog(n) (natural log; exact table below 21) and
// binomialCoefficientLog(n, k); their log10 forms; MathUtils.log10Gamma.
double log_factorial(int n);
double log10_factorial(int n);
double log_binomial_coefficient(int n, int k);
double log10_binomial_coefficient(int n, int k);
double log_gamma(double x);
double log10_gamma(double x);

// QualityUtils: qualToErrorProb(q) = 10^(q / -10); cached byte forms for q = 0..254
// (qualToErrorProb(byte), qualToProbLog10(byte) = log10(1 - err)); qualToErrorProbLog10 = -q/10.
double qual_to_error_prob(double qual);
double qual_to_error_prob(std::uint8_t qual);
double qual_to_prob_log10(std::uint8_t qual);
inline double qual_to_error_prob_log10(double qual) { return qual * -0.1; }

// Genotyping priors (GenotypeCalculationArgumentCollection defaults: heterozygosity 0.001,
// indel heterozygosity 1.25e-4, standard deviation 0.01) as AlleleFrequencyCalculator.makeCalculator
// derives its pseudocounts: ref = het / sd^2, snp = het * ref, indel = indelHet * ref.
struct AfPseudocounts {
  double ref = 0.0, snp = 0.0, indel = 0.0;
  static AfPseudocounts from_heterozygosity(double snp_het = 0.001, double indel_het = 1.25e-4, double sd = 0.01);
};

// AlleleFrequencyCalculator.calculateSingleSampleBiallelicNonRefPosterior: the posterior
// probability that a sample with genotype likelihoods gl[n] (n = alt copies, 0..ploidy) is not
// hom-ref, with a Dirichlet-multinomial prior from the pseudocounts. With return_zero_if_ref_is_max
// the result is 0 when gl (or the unnormalised posterior) peaks at hom-ref.
double single_sample_biallelic_non_ref_posterior(std::span<const double> log10_gl, bool return_zero_if_ref_is_max,
                                                 const AfPseudocounts& pc = AfPseudocounts::from_heterozygosity());

}  // namespace helicase::hc
