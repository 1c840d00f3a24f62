// bam_writer.hpp -- SAM/BAM/CRAM output through HTSlib, written atomically.
//
// The format follows the file name: .sam, .cram, else BAM. Records go to a temporary file
// beside the target (AtomicOutput); close() flushes, checks every HTSlib status and
// renames. A writer destroyed without close() (an error unwound the stack) removes its
// temporary file. Compression uses HTSlib's own thread pool (libdeflate inside HTSlib).
#pragma once

#include <htslib/sam.h>

#include <string>

#include "common/atomic_file.hpp"

namespace helicase::io {

enum class AlignmentFormat { Sam, Bam, Cram };
AlignmentFormat alignment_format_for(const std::string& path);

class BamWriter {
 public:
  // Takes ownership of nothing: the header is copied. threads >= 1.
  BamWriter(const std::string& path, const sam_hdr_t* header, unsigned threads, const std::string& reference = "");
  ~BamWriter();
  BamWriter(const BamWriter&) = delete;
  BamWriter& operator=(const BamWriter&) = delete;

  void write(const bam1_t* record);
  void close();  // flush, close and rename into place
  const std::string& path() const { return out_.final_path(); }

 private:
  AtomicOutput out_;
  samFile* fp_ = nullptr;
  sam_hdr_t* header_ = nullptr;
};

// RAII holders for HTSlib objects.
struct BamRecordDeleter { void operator()(bam1_t* b) const { bam_destroy1(b); } };
struct SamHeaderDeleter { void operator()(sam_hdr_t* h) const { sam_hdr_destroy(h); } };

}  // namespace helicase::io
