// bam_input.hpp -- reading SAM/BAM/CRAM records in batches, and what GATK asks of a record.
//
// BamInput opens a file through HTSlib (decompression on `threads` threads; CRAM is decoded
// with `reference`, exit 2 without one), checks it is an alignment file (exit 3 otherwise,
// exit 4 when unreadable) and fills a reusable batch of records in file order; a corrupt
// record is exit 3 naming the record number. The helpers reproduce GATK's read predicates:
// isUnmapped (flag, or no contig/position), the WellformedReadFilter, and BaseRecalibrator's
// extra filters. HeaderReadGroups maps @RG IDs to GATK's read-group identifier (PU when
// present, else ID) and platform.
#pragma once

#include <htslib/sam.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "bqsr/intervals.hpp"

namespace helicase::bqsr {

class BamInput {
 public:
  BamInput(const std::string& path, unsigned threads, const std::string& reference);
  ~BamInput();
  BamInput(const BamInput&) = delete;
  BamInput& operator=(const BamInput&) = delete;

  const sam_hdr_t* header() const { return header_; }
  const std::string& path() const { return path_; }
  // Reads up to `max` records into batch (grown as needed); returns how many (0 at the end).
  std::size_t read_batch(std::vector<bam1_t*>& batch, std::size_t max);
  std::uint64_t records_read() const { return n_read_; }
  ContigDict contigs() const;

 private:
  std::string path_;
  samFile* fp_ = nullptr;
  sam_hdr_t* header_ = nullptr;
  std::uint64_t n_read_ = 0;
};

void free_batch(std::vector<bam1_t*>& batch);

struct HeaderReadGroup {
  std::string identifier;  // PU if present, else ID
  std::string platform;    // PL, empty when absent
};
class HeaderReadGroups {
 public:
  explicit HeaderReadGroups(const sam_hdr_t* header);
  // Identifiers in header order, duplicates removed (ReadGroupCovariate's key order).
  const std::vector<std::string>& identifiers() const { return identifiers_; }
  const HeaderReadGroup* find(const std::string& id) const;
  const std::vector<std::string>& ids() const { return ids_; }

 private:
  std::vector<std::string> ids_;
  std::vector<std::string> identifiers_;
  std::unordered_map<std::string, HeaderReadGroup> by_id_;
};

// The record's RG:Z value, or nullptr.
const char* read_group_of(const bam1_t* b);
std::string read_name(const bam1_t* b);

// GATK's GATKRead.isUnmapped().
inline bool gatk_unmapped(const bam1_t* b) { return (b->core.flag & BAM_FUNMAP) || b->core.tid < 0 || b->core.pos < 0; }

// WellformedReadFilter: alignment within its contig, RG present, bases and qualities of equal
// (non-zero) length, CIGAR read length equal to the sequence length, no N operator.
bool wellformed(const bam1_t* b, const sam_hdr_t* header);

// BaseRecalibrator's own filters (before WellformedReadFilter): MAPQ not 0 and not 255, mapped,
// not secondary, not duplicate, not QC-failed.
bool passes_bqsr_filters(const bam1_t* b);

// The record's alignment end, 1-based inclusive (start - 1 when the CIGAR consumes no reference).
std::int64_t alignment_end(const bam1_t* b);

// Adds "@PG\t..." (ID made unique, PP chained by HTSlib) to a header.
void add_pg_line(sam_hdr_t* header, const std::string& pg_line);

}  // namespace helicase::bqsr
