// haplotype_align.hpp -- haplotypes against the reference: CIGARs, events and trimming
// (GATK 4.6.2.0 CigarUtils.calculateCigar, EventMap, Haplotype.trim).
//
// haplotype_cigars() aligns each haplotype to the reference haplotype with the Smith-Waterman
// kernel (NEW_SW_PARAMETERS 200/-150/-260/-11, SOFTCLIP overhang) on both sequences padded
// with 10 N's, cuts the padding off the CIGAR (leading/trailing deletions moved outside),
// and left-aligns the indels; a failed alignment (offset > 0 or a soft clip) gives an empty
// CIGAR. haplotype_events() lists the variants of a haplotype (SNPs separately; indels
// with their padding base; an indel at the haplotype's first base is not an event).
// trim_haplotype() cuts a haplotype to the reference span [start, end] (false when a span
// boundary falls inside an indel).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "haplotypecaller/assembled_region.hpp"
#include "hc_sw/hc_sw_launch.hpp"

namespace helicase::hc {

std::vector<std::vector<std::uint32_t>> haplotype_cigars(const std::string& ref, const std::vector<std::string>& haps,
                                                         kernels::hc_sw::SwRunner& sw);

// Left-aligns every indel of cigar (alignment of hap starting at ref[0]).
std::vector<std::uint32_t> left_align_indels(std::vector<std::uint32_t> cigar, const std::string& ref, const std::string& hap);

// Events of hap aligned at ref position ref_start (ref_bases starts at ref_bases_start).
std::vector<HaplotypeEvent> haplotype_events(const std::string& hap, const std::vector<std::uint32_t>& cigar,
                                             std::int64_t hap_ref_start, const std::string& ref_bases,
                                             std::int64_t ref_bases_start);

bool trim_haplotype(const Haplotype& h, std::int64_t start, std::int64_t end, Haplotype& out);

}  // namespace helicase::hc
