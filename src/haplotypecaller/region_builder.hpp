// region_builder.hpp -- one active region from the activity profile to the AssembledRegion the
// back end genotypes (GATK 4.6.2.0 HaplotypeCallerEngine.callRegion up to the likelihoods).
//
// The region's padded span is the active span +- 100 (clamped to the contig); its reads are
// prepared (region_reads.hpp), assembled against the reference of the padded span
// (read_threading.hpp), every haplotype aligned to that reference (haplotype_align.hpp), the
// events of the haplotypes that overlap the active span decide the trimmed spans
// (AssemblyRegionTrimmer: variant span = events' extent within the active span; padded by 20
// per SNP, per indel 75 + its longest tandem repeat within the padded span, or 75 when
// it is no tandem expansion; within the padded span); haplotypes are cut
// to the trimmed padded span, deduplicated and sorted by (length, bases), reads clipped to it
// and marked by filterNonPassingReads. No events (or no reads): no region.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "haplotypecaller/activity_profile.hpp"
#include "haplotypecaller/assembled_region.hpp"
#include "haplotypecaller/read_threading.hpp"
#include "hc_sw/hc_sw_launch.hpp"

namespace helicase::hc {

struct RegionBuildOptions {
  int region_padding = 100;     // --assembly-region-padding
  int snp_padding = 20;         // --snp-padding-for-genotyping
  int indel_padding = 75;       // --indel-padding-for-genotyping
  int str_padding = 75;         // --str-padding-for-genotyping
  AssemblyOptions assembly;
};

struct RegionDebug {
  std::int64_t untrimmed_start = 0, untrimmed_end = 0;  // active span as cut
  std::size_t reads = 0, haplotypes_assembled = 0;
  std::vector<int> kmers;
  std::vector<std::string> untrimmed;  // each aligned haplotype: CIGAR and events
};

struct ContigView {
  std::int32_t tid = -1;                 // reads' header index
  std::string name;
  const std::string* ref = nullptr;      // whole contig
  const std::vector<RegionRead>* reads = nullptr;  // sorted by start
  std::int64_t max_read_span = 0;        // longest record span (clips included)
};

std::optional<AssembledRegion> build_region(const ContigView& contig, const ProfileRegion& active,
                                            kernels::hc_sw::SwRunner& sw, const RegionBuildOptions& opt,
                                            RegionDebug* debug = nullptr);

// Longest tandem repeat of an indel event (TandemRepeat.getNumTandemRepeatUnits ->
// GATKVariantContextUtils): the unit is the shortest repeat making the longer allele (without
// the padding base); ref and alt counts are the unit's leading copies in each allele followed by
// the reference after the padding base up to window_end (exclusive; GATK's ReferenceContext of
// the region is its padded span), less the copies in the reference allele. Returns the larger
// count times the unit length, or 0 when either count is 0 (GATK: null, no STR padding).
// ref holds the reference from ref_start.
int longest_tandem_repeat(const HaplotypeEvent& e, const std::string& ref, std::int64_t ref_start,
                          std::int64_t window_end);

}  // namespace helicase::hc
