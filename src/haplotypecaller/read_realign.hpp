// read_realign.hpp -- GATK 4.6.2.0 AssemblyBasedCallerUtils.realignReadsToTheirBestHaplotype /
// AlignmentUtils.createReadAlignedToRef: each scored read is aligned (Smith-Waterman, 10/-15/
// -30/-5, SOFTCLIP) to its best haplotype, and that alignment is carried through the
// haplotype's CIGAR onto the reference (indels left-aligned, leading deletions moving the
// start). Reads the likelihoods dropped keep their own alignment. The result is in
// AssembledRegion::reads order, for genotype_region(..., realigned).
#pragma once

#include <vector>

#include "haplotypecaller/genotyping_engine.hpp"
#include "hc_sw/hc_sw_launch.hpp"

namespace helicase::hc {

std::vector<ReadAlignment> realign_reads_to_best_haplotypes(const AssembledRegion& region, const ReadLikelihoods& lk,
                                                            kernels::hc_sw::SwRunner& sw);

}  // namespace helicase::hc
