// hts_input.hpp -- an HTSlib thread pool and a checked SAM/BAM/CRAM record reader.
//
// HtsPool owns one hts_tpool shared by every HTSlib file of a job (input decompression,
// run files, output compression). AlignmentReader opens a file, checks that it is
// SAM/BAM/CRAM with a readable header and, when compressed, that it ends with its
// end-of-file marker (a file cut at a block boundary would otherwise read as complete),
// then hands out records, checking each contig index against the header. Failures name
// the file and the record number: bad data exits 3 for user input; for our own temporary
// files the kind is given by the caller (I/O, exit 4).
#pragma once

#include <htslib/sam.h>
#include <htslib/thread_pool.h>

#include <cstdint>
#include <string>

#include "common/error.hpp"

namespace helicase::sort {

class HtsPool {
 public:
  explicit HtsPool(unsigned threads);  // threads >= 1
  ~HtsPool();
  HtsPool(const HtsPool&) = delete;
  HtsPool& operator=(const HtsPool&) = delete;
  hts_tpool* get() const { return pool_; }

 private:
  hts_tpool* pool_ = nullptr;
};

class AlignmentReader {
 public:
  // pool may be null (decompress on the calling thread). reference: FASTA for CRAM.
  AlignmentReader(const std::string& path, hts_tpool* pool, const std::string& reference,
                  ErrorKind data_error = ErrorKind::BadData);
  ~AlignmentReader();
  AlignmentReader(const AlignmentReader&) = delete;
  AlignmentReader& operator=(const AlignmentReader&) = delete;

  const sam_hdr_t* header() const { return header_; }
  const std::string& path() const { return path_; }
  bool is_cram() const;
  // Reads the next record into b; false at the end of the file.
  bool next(bam1_t* b);
  std::uint64_t records_read() const { return count_; }

 private:
  [[noreturn]] void fail_record(const std::string& what) const;
  std::string path_;
  ErrorKind data_error_;
  samFile* fp_ = nullptr;
  sam_hdr_t* header_ = nullptr;
  std::int32_t n_ref_ = 0;
  std::uint64_t count_ = 0;
};

}  // namespace helicase::sort
