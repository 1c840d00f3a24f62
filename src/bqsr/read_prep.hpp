// read_prep.hpp -- BaseRecalibrator's per-read transform, on CIGARs and base ranges.
//
// GATK (BaseRecalibrationEngine.makeReadTransform) rewrites each read before counting:
//   1. the CIGAR is consolidated by CigarBuilder (merges repeats, drops zero-length elements,
//      deletions next to clips or at the ends, moves a deletion before an adjacent insertion);
//   2. with paired reads on opposite strands, bases past the adaptor boundary are hard-clipped
//      (reverse strand: up to the mate's start - 1; forward: from start + |TLEN|);
//   3. soft-clipped bases are hard-clipped.
// Hard clipping only removes a prefix or suffix of the bases, so the result is described by
// the kept range [lo, hi) of the record's bases, a new CIGAR (H elements included, as GATK's
// clipCigar builds it) and a new alignment start. A read clipped away entirely is `empty`.
// Malformed CIGARs that GATK rejects (clips in the middle, all soft clips) are exit 3.
#pragma once

#include <htslib/sam.h>

#include <cstdint>
#include <vector>

namespace helicase::bqsr {

struct CigarEl {
  int op;   // BAM_CMATCH ... BAM_CDIFF
  int len;
  bool operator==(const CigarEl&) const = default;
};
using Cigar = std::vector<CigarEl>;

// GATK's CigarBuilder (removeDeletionsAtEnds = true): the consolidated form of `in`.
// Returns false when GATK would reject the CIGAR (clip order, all soft-clipped, empty).
bool consolidate_cigar(const Cigar& in, Cigar& out);

struct PreparedRead {
  bool empty = false;
  std::int64_t start = 0;  // 1-based
  Cigar cigar;
  int lo = 0, hi = 0;      // kept bases of the record
};

// `reason` is set when the read cannot be prepared (malformed CIGAR): exit 3 for the caller.
PreparedRead prepare_read(const bam1_t* b, const char** reason);

// Reference span of a CIGAR (M, D, N, =, X).
std::int64_t reference_length(const Cigar& c);

// ReadUtils.getReadIndexForReferenceCoordinate on (soft start, CIGAR): the read offset at
// ref_coord and the operator there; offset -1 when not found.
struct ReadIndex {
  int offset;
  int op;  // -1 when not found
};
ReadIndex read_index_for_reference(std::int64_t soft_start, const Cigar& cigar, std::int64_t ref_coord);

}  // namespace helicase::bqsr
