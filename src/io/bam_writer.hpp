// bam_writer.hpp -- SAM/BAM/CRAM output through HTSlib, written atomically.
//
// The format follows the file name: .sam, .cram, else BAM. Records go to a temporary file
// beside the target (AtomicOutput); close() flushes, checks every HTSlib status and
// renames. A writer destroyed without close() (an error unwound the stack) removes its
// temporary file. Compression uses HTSlib's own thread pool (libdeflate inside HTSlib),
// or a pool shared with other HTSlib files. With write_index, the index is built while
// records are written (records must then come in coordinate order) and committed after
// the main file: <out>.bai, or <out>.csi when a contig is longer than BAI can address
// (2^29 - 1), or <out>.crai for CRAM; SAM and non-regular outputs (pipes) get none. A
// stale index of the other kind (.csi beside a new .bai, or the reverse) is removed.
#pragma once

#include <htslib/sam.h>
#include <htslib/thread_pool.h>

#include <memory>
#include <string>

#include "common/atomic_file.hpp"

namespace helicase::io {

enum class AlignmentFormat { Sam, Bam, Cram };
AlignmentFormat alignment_format_for(const std::string& path);

struct BamWriterOptions {
  unsigned threads = 1;            // compression threads, when no pool is given
  hts_tpool* pool = nullptr;       // share this HTSlib pool (not owned; must outlive the writer)
  std::string reference;           // FASTA, for CRAM
  int compression_level = -1;      // 0..9 for BAM; -1 is HTSlib's default
  bool write_index = false;        // see above
};

class BamWriter {
 public:
  // Takes ownership of nothing: the header is copied. threads >= 1.
  BamWriter(const std::string& path, const sam_hdr_t* header, unsigned threads, const std::string& reference = "");
  BamWriter(const std::string& path, const sam_hdr_t* header, const BamWriterOptions& options);
  ~BamWriter();
  BamWriter(const BamWriter&) = delete;
  BamWriter& operator=(const BamWriter&) = delete;

  void write(const bam1_t* record);
  void close();  // flush, save the index, close and rename into place
  const std::string& path() const { return out_.final_path(); }
  // The index file written by close(); empty when none is written.
  std::string index_path() const { return index_ ? index_->final_path() : std::string(); }

 private:
  AtomicOutput out_;
  std::unique_ptr<AtomicOutput> index_;
  std::string stale_index_;
  samFile* fp_ = nullptr;
  sam_hdr_t* header_ = nullptr;
};

// RAII holders for HTSlib objects.
struct BamRecordDeleter { void operator()(bam1_t* b) const { bam_destroy1(b); } };
struct SamHeaderDeleter { void operator()(sam_hdr_t* h) const { sam_hdr_destroy(h); } };

}  // namespace helicase::io
