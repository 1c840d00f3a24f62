// genotype_likelihoods.hpp -- genotypes of any ploidy and their likelihoods, as GATK 4.6.2.0
// enumerates and computes them (GenotypeAlleleCounts, GenotypeLikelihoodCalculator) and as
// htsjdk turns them into PLs and GQ.
//
// Genotype order is the VCF order: multisets a1 <= ... <= aP sorted by aP, then aP-1, ...
// (diploid: 0/0 0/1 1/1 0/2 1/2 2/2). Likelihoods: one allele: sum over reads of L(r,a);
// two alleles: sum over reads of approximateLog10SumLog10(L(r,a1) + log10 c1, L(r,a2) +
// log10 c2) - R log10 P; three or more: linear space with per-read max rescaling.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace helicase::hc {

struct GenotypeCounts {
  std::vector<int> alleles;                  // sorted allele indices, one per chromosome
  std::vector<std::pair<int, int>> counts;   // (allele index, copies), ascending allele index
  double log10_combination_count = 0.0;      // log10(P! / prod(copies!))
};

// Number of genotypes of ploidy P over A alleles: C(P + A - 1, A - 1) (saturates at INT64 max).
std::int64_t genotype_count(int ploidy, int allele_count);
// GenotypeIndexCalculator.computeMaxAcceptableAlleleCount: the most alleles whose genotype
// count stays within max_genotypes.
int max_acceptable_allele_count(int ploidy, int max_genotypes);
// All genotypes in VCF order.
std::vector<GenotypeCounts> enumerate_genotypes(int ploidy, int allele_count);
// Index of a genotype given its sorted alleles.
std::size_t genotype_index(const std::vector<int>& sorted_alleles, int allele_count);

// log10 genotype likelihoods; lk is allele-major: lk[a * n_reads + r].
std::vector<double> genotype_log10_likelihoods(int ploidy, int allele_count, std::size_t n_reads, const std::vector<double>& lk,
                                               const std::vector<GenotypeCounts>& genotypes);

// htsjdk GenotypeLikelihoods.getAsPLs: round(-10 (gl - max)), Java Math.round.
std::vector<int> log10_to_pls(const std::vector<double>& gl);
// htsjdk GenotypeLikelihoods.fromPLs(...).getAsVector(): pl / -10.
std::vector<double> pls_to_log10(const std::vector<int>& pls);
// htsjdk GenotypeLikelihoods.getGQLog10FromLikelihoods.
double gq_log10_from_likelihoods(std::size_t chosen, const std::vector<double>& likelihoods);
// GenotypeBuilder.log10PError -> GQ: Java Math.round(log10 * -10).
int gq_from_log10(double log10_gq);

}  // namespace helicase::hc
