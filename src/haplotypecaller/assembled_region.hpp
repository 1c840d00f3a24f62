// assembled_region.hpp -- what the two halves of helicase-haplotypecaller hand each other.
//
// Front end (reads in, filters, downsampling, activity profile, region cutting, read
// preparation, assembly, haplotype alignment to the reference, event extraction, trimming):
// produces one AssembledRegion per active region, as GATK 4.6.2.0's HaplotypeCallerEngine
// has it just before it computes read likelihoods (after AssemblyRegionTrimmer and
// finalizeRegion). Back end (PairHMM read x haplotype likelihoods, marginalisation to
// alleles, genotyping, annotations, VCF): consumes it. Coordinates are 0-based, half-open.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace helicase::hc {

// One variant event of a haplotype against the reference (GATK EventMap, maxMnpDistance 0:
// SNPs are separate events). pos is the first base of `ref` (for indels the padding base
// before the event, as in VCF).
struct HaplotypeEvent {
  std::int64_t pos = 0;
  std::string ref, alt;
};

struct Haplotype {
  std::string bases;
  bool is_ref = false;
  std::int64_t ref_start = 0;            // reference position of the haplotype's first base
  std::vector<std::uint32_t> cigar;      // haplotype vs reference, BAM encoding
  double score = 0.0;                    // k-best path score (GATK Haplotype.getScore)
  std::vector<HaplotypeEvent> events;    // in position order
};

// A read ready for likelihoods: after finalizeRegion (soft clips reverted or hard clipped,
// low-quality tails clipped, clipped to the padded span, IUPAC bases as N) and the
// overlapping-mate quality adjustment.
struct RegionRead {
  std::string name;
  std::string bases;
  std::vector<std::uint8_t> quals;
  std::vector<std::uint8_t> ins_quals, del_quals;  // BI/BD tags; empty when absent (45 is used)
  std::int64_t pos = 0;                  // alignment start after clipping
  std::vector<std::uint32_t> cigar;      // alignment after clipping, BAM encoding
  int mapq = 0;
  std::uint16_t flag = 0;                // BAM flag of the original record
  std::int32_t tid = -1, mate_tid = -1;
  std::int64_t mate_pos = -1, isize = 0;
  std::int64_t original_start = 0, original_end = 0;  // unclipped record's alignment span
  bool for_genotyping = true;            // false: removed by filterNonPassingReads
};

struct AssembledRegion {
  std::int32_t tid = -1;
  std::string contig;
  std::int64_t active_start = 0, active_end = 0;  // the active span (variant calling window)
  std::int64_t padded_start = 0, padded_end = 0;  // the padded span (reads clipped to it)
  std::int64_t ref_start = 0;            // reference window: position of ref_bases[0]
  std::string ref_bases;                 // covers every haplotype's alignment
  std::vector<Haplotype> haplotypes;     // GATK's order; the reference haplotype included
  std::vector<RegionRead> reads;         // coordinate order
};

}  // namespace helicase::hc
