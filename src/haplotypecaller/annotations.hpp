// annotations.hpp -- GATK 4.6.2.0's default HaplotypeCaller annotations of one called site:
// INFO AC AF AN BaseQRankSum DP ExcessHet FS MLEAC MLEAF MQ MQRankSum QD ReadPosRankSum SOR and
// FORMAT AD DP, from the site's read x allele likelihoods.
//
// Evidence: the genotyping reads kept at the site (likelihoods over the merged alleles), then
// the reads filtered out of genotyping (filterNonPassingReads) that overlap the site, with
// likelihood 0 for every allele (prepareReadAlleleLikelihoodsForAnnotation). A read is
// informative when its best allele beats the second by more than 0.2 (log10). AD/DP count
// informative reads among the call's alleles; FS/SOR and the rank sums take each read's best
// allele among all merged alleles; INFO DP counts all evidence; MQ is the RMS of MAPQs != 255.
#pragma once

#include <cstdint>
#include <vector>

#include "haplotypecaller/assembled_region.hpp"
#include "haplotypecaller/genotyping_engine.hpp"
#include "haplotypecaller/variant_call.hpp"

namespace helicase::hc {

struct SiteEvidence {
  std::size_t n_alleles = 0;                // merged alleles (columns); 0 = ref
  std::vector<std::uint32_t> reads;         // indices into AssembledRegion::reads
  std::vector<double> lk;                   // reads.size() x n_alleles, row-major
};

// The INFO/FORMAT annotations of call (whose alleles are merged alleles call_to_merged[i];
// gt, pl, qual, MLEAC/MLEAF already set). start/end: the call's span (0-based, inclusive end)
// before any reverse trim. alignments: one per region read.
void annotate_call(const AssembledRegion& region, const std::vector<ReadAlignment>& alignments, const SiteEvidence& ev,
                   const std::vector<int>& call_to_merged, std::int64_t start, std::int64_t end, int ploidy,
                   VariantCall& call);

// Index of the informative best column among cols (-1: not informative).
int informative_best(const double* row, const std::vector<int>& cols);

}  // namespace helicase::hc
