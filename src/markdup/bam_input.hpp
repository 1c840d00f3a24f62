// bam_input.hpp -- the input alignment file, read record by record through HTSlib.
//
// HtsThreads owns one HTSlib thread pool shared by the input and output files of a run.
// AlignmentInput opens SAM/BAM/CRAM (exit 4 when it cannot be opened, 3 when it is not an
// alignment file, is truncated, or a record is corrupt or names a contig the header lacks)
// and counts records so that errors can name them. MarkDuplicates reads its input twice,
// so the input must be a file, not a pipe.
#pragma once

#include <htslib/sam.h>
#include <htslib/thread_pool.h>

#include <cstdint>
#include <string>

namespace helicase::markdup {

class HtsThreads {
 public:
  explicit HtsThreads(unsigned threads);
  ~HtsThreads();
  HtsThreads(const HtsThreads&) = delete;
  HtsThreads& operator=(const HtsThreads&) = delete;
  hts_tpool* get() const { return pool_; }

 private:
  hts_tpool* pool_ = nullptr;
};

class AlignmentInput {
 public:
  // reference: FASTA for CRAM input ("" = the one named in the CRAM header).
  AlignmentInput(const std::string& path, hts_tpool* pool, const std::string& reference = "");
  ~AlignmentInput();
  AlignmentInput(const AlignmentInput&) = delete;
  AlignmentInput& operator=(const AlignmentInput&) = delete;

  const sam_hdr_t* header() const { return header_; }
  const std::string& path() const { return path_; }
  // Reads the next record into b; false at the end.
  bool next(bam1_t* b);
  std::uint64_t records_read() const { return count_; }
  // "<path> record 1,234 (name)" for messages about the record just read.
  std::string where(const bam1_t* b) const;

 private:
  std::string path_;
  samFile* fp_ = nullptr;
  sam_hdr_t* header_ = nullptr;
  std::int32_t n_ref_ = 0;
  std::uint64_t count_ = 0;
};

}  // namespace helicase::markdup
