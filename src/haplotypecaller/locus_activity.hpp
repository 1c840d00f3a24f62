// locus_activity.hpp -- HaplotypeCallerEngine.isActive for one sample, locus by locus, and the
// active regions the activity profile cuts from it (GATK 4.6.2.0).
//
// Each locus' pileup (reads covering it with an aligned base or a deletion, in read order) gives
// ReferenceConfidenceModel.calcGenotypeLikelihoodsOfRefVsAny(ploidy max(2, P), minBaseQual 10,
// not realigned): bases with quality <= 10 skipped, deletions at quality 30, an element is
// "alt" when its base differs from the reference or it is a deletion or sits next to an
// indel or a soft clip; alt elements next to a soft clip add the read's count of soft-clipped
// bases with quality > 28 to a running average. The locus probability is the single-sample
// bi-allelic non-ref posterior (hc_math.hpp). The states of each interval feed one
// BandPassActivityProfile exactly as AssemblyRegionIterator does (pop before each add, forced
// at the end); only active regions are returned.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "haplotypecaller/activity_profile.hpp"
#include "haplotypecaller/assembled_region.hpp"

namespace helicase::hc {

struct LocusState {
  double prob = 0.0;
  double hq_soft_clips = 0.0;  // mean; the profile spreads when > 6
};

// States of loci [begin, end) from reads sorted by start (RegionRead::pos/cigar: the record's
// alignment). ref is the whole contig sequence (upper case).
std::vector<LocusState> locus_states(const std::vector<RegionRead>& reads, const std::string& ref, std::int64_t begin,
                                     std::int64_t end, int ploidy);

// The active regions of one traversal interval [begin, end) (0-based).
std::vector<ProfileRegion> active_regions(const std::vector<RegionRead>& reads, const std::string& ref,
                                          std::int64_t begin, std::int64_t end, int ploidy,
                                          const ActivityProfileParams& params = {});

}  // namespace helicase::hc
