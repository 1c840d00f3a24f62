// region_reads.hpp -- read preparation of one assembly region (GATK 4.6.2.0
// AssemblyBasedCallerUtils.finalizeRegion, cleanOverlappingReadPairs, filterNonPassingReads).
//
// Per read, in GATK 4.6's order: soft clips reverted to aligned bases when the record has a
// well-defined fragment size (hard clipped otherwise; a reverted start before the contig start
// is hard clipped); low-quality tails (quality <= 9) hard clipped; adaptor sequence hard
// clipped (boundary from the read as clipped so far); clipped to the padded span; kept when
// bases remain and the adaptor-clipped read overlapped the span. Reads are then sorted as ReadCoordinateComparator
// sorts them, and overlapping mates get min(q, 20) where their bases agree and 0 where they
// differ. After trimming, reads shorter than 10 bases are dropped and filterNonPassingReads marks
// (for_genotyping = false) reads with MQ < 20 or with a mate mapped to another contig (a mate
// counts as unmapped, as GATKRead.mateIsUnmapped has it, when flagged so or when RNEXT is * or
// PNEXT 0).
// Clipping follows ReadClipper's hard-clip rules: clipped deletions at the new ends are
// dropped (the start moves past them); clipping by reference position starts at
// getReadIndexForReferenceCoordinate's read index.
#pragma once

#include <cstdint>
#include <vector>

#include "haplotypecaller/assembled_region.hpp"

namespace helicase::hc {

// Hard clips the first n (from_left) or last n read bases; empty bases when all are clipped.
void hard_clip_bases(RegionRead& r, std::size_t n, bool from_left);
// Hard clips the bases aligned before ref position `start` and after `end` (0-based inclusive).
void hard_clip_to_span(RegionRead& r, std::int64_t start, std::int64_t end);
std::int64_t read_end(const RegionRead& r);  // exclusive alignment end

// Reads of a region: from `reads` (sorted by start; record alignments) those overlapping the
// padded span [padded_start, padded_end), prepared as described above.
std::vector<RegionRead> finalize_region_reads(const std::vector<RegionRead>& reads, std::int64_t padded_start,
                                              std::int64_t padded_end, std::int64_t max_read_span);

// Reads trimmed to a new padded span (AssemblyRegion.trim), read stubs (< 10 bases) removed
// (HaplotypeCallerEngine.callRegion), then filterNonPassingReads.
std::vector<RegionRead> trim_region_reads(const std::vector<RegionRead>& reads, std::int64_t padded_start,
                                          std::int64_t padded_end);

}  // namespace helicase::hc
