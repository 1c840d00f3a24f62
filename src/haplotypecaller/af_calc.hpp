// af_calc.hpp -- GATK 4.6.2.0's AlleleFrequencyCalculator for one sample of any ploidy.
//
// Inputs are the sample's genotype log10 likelihoods as the genotyping engine has them after
// rounding to PLs (pl / -10). Dirichlet pseudocounts: ref 10, SNP 0.01, indel 0.00125 (an alt
// allele counts as SNP when as long as the ref allele). Effective allele counts are iterated
// from a flat start until they move by <= 0.1; then log10 P(no variant) is the posterior of
// hom-ref (of genotypes made only of ref and '*' when a spanning deletion is present) and,
// with more than one alt allele or a '*', each allele's log10 P(absent).
#pragma once

#include <vector>

#include "haplotypecaller/hc_math.hpp"

namespace helicase::hc {

struct AfResult {
  double log10_p_no_variant = 0.0;           // log10ProbOnlyRefAlleleExists
  std::vector<double> log10_p_absent;        // per allele (index 0 unused)
  std::vector<int> mle_counts;               // per allele, rounded effective counts (index 0 = ref)
  // log10ProbVariantPresent = log10(1 - 10^log10_p_no_variant).
  double log10_p_variant() const;
  // AFCalculationResult.passesThreshold: log10 P(absent) + 1e-10 < -conf / 10.
  bool passes(int allele, double conf) const;
};

// allele_is_snp[a]: alt allele a has the ref allele's length (index 0 is the ref, ignored);
// span_del: index of '*' among the alleles, -1 if none.
AfResult calculate_af(int ploidy, const std::vector<double>& log10_gl, const std::vector<bool>& allele_is_snp, int span_del,
                      const AfPseudocounts& pc = AfPseudocounts::from_heterozygosity());

}  // namespace helicase::hc
