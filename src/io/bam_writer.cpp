// bam_writer.cpp -- HTSlib-backed atomic alignment file writer.
#include "io/bam_writer.hpp"

#include <cerrno>

#include "common/error.hpp"

namespace helicase::io {

AlignmentFormat alignment_format_for(const std::string& path) {
  auto ends_with = [&](const char* ext) {
    const std::string e(ext);
    return path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0;
  };
  if (ends_with(".sam")) return AlignmentFormat::Sam;
  if (ends_with(".cram")) return AlignmentFormat::Cram;
  return AlignmentFormat::Bam;
}

BamWriter::BamWriter(const std::string& path, const sam_hdr_t* header, unsigned threads, const std::string& reference)
    : out_(path) {
  const AlignmentFormat fmt = alignment_format_for(path);
  const char* mode = fmt == AlignmentFormat::Sam ? "w" : fmt == AlignmentFormat::Cram ? "wc" : "wb";
  fp_ = sam_open(out_.temp_path().c_str(), mode);
  if (!fp_) fail_io("cannot open " + path + " for writing: " + errno_text(errno));
  if (fmt == AlignmentFormat::Cram && !reference.empty() && hts_set_fai_filename(fp_, reference.c_str()) != 0) {
    fail_io("cannot use reference " + reference + " for CRAM output");
  }
  if (threads > 1 && hts_set_threads(fp_, static_cast<int>(threads)) != 0) {
    fail_io("cannot start compression threads for " + path);
  }
  header_ = sam_hdr_dup(header);
  if (!header_) fail_io("out of memory copying the header of " + path);
  if (sam_hdr_write(fp_, header_) != 0) fail_io("cannot write the header of " + path + ": " + errno_text(errno));
}

BamWriter::~BamWriter() {
  if (fp_) sam_close(fp_);  // error path: the AtomicOutput then removes the temporary file
  if (header_) sam_hdr_destroy(header_);
}

void BamWriter::write(const bam1_t* record) {
  if (sam_write1(fp_, header_, record) < 0) {
    fail_io("cannot write to " + out_.final_path() + " (disk full?): " + errno_text(errno));
  }
}

void BamWriter::close() {
  if (!fp_) return;
  const int rc = sam_close(fp_);
  fp_ = nullptr;
  if (rc != 0) fail_io("cannot finish writing " + out_.final_path() + " (disk full?)");
  out_.commit();
}

}  // namespace helicase::io
