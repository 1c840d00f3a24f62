// bam_writer.cpp -- HTSlib-backed atomic alignment file writer.
#include "io/bam_writer.hpp"

#include <cerrno>
#include <cstdio>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>

#include "common/error.hpp"

namespace helicase::io {
namespace {

// BAI addresses positions below 2^29 (five bin levels of 2^14-base windows).
constexpr std::int64_t kBaiMaxLength = (std::int64_t{1} << 29) - 1;

bool needs_csi(const sam_hdr_t* header) {
  for (int i = 0; i < sam_hdr_nref(header); ++i) {
    if (sam_hdr_tid2len(header, i) > kBaiMaxLength) return true;
  }
  return false;
}

bool is_regular_target(const std::string& path) {
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);
  return ec || !std::filesystem::exists(st) || std::filesystem::is_regular_file(st);
}

}  // namespace

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
    : BamWriter(path, header, BamWriterOptions{threads, nullptr, reference, -1, false}) {}

BamWriter::BamWriter(const std::string& path, const sam_hdr_t* header, const BamWriterOptions& options)
    : out_(path) {
  const AlignmentFormat fmt = alignment_format_for(path);
  std::string mode = fmt == AlignmentFormat::Sam ? "w" : fmt == AlignmentFormat::Cram ? "wc" : "wb";
  if (fmt == AlignmentFormat::Bam && options.compression_level >= 0 && options.compression_level <= 9) {
    mode += static_cast<char>('0' + options.compression_level);
  }
  fp_ = sam_open(out_.temp_path().c_str(), mode.c_str());
  if (!fp_) fail_io("cannot open " + path + " for writing: " + errno_text(errno));
  if (fmt == AlignmentFormat::Cram && !options.reference.empty() &&
      hts_set_fai_filename(fp_, options.reference.c_str()) != 0) {
    fail_io("cannot use reference " + options.reference + " for CRAM output");
  }
  if (options.pool) {
    htsThreadPool shared{options.pool, 0};
    if (hts_set_opt(fp_, HTS_OPT_THREAD_POOL, &shared) != 0) fail_io("cannot attach compression threads to " + path);
  } else if (options.threads > 1 && hts_set_threads(fp_, static_cast<int>(options.threads)) != 0) {
    fail_io("cannot start compression threads for " + path);
  }
  header_ = sam_hdr_dup(header);
  if (!header_) fail_io("out of memory copying the header of " + path);
  if (sam_hdr_write(fp_, header_) != 0) fail_io("cannot write the header of " + path + ": " + errno_text(errno));
  if (options.write_index && fmt != AlignmentFormat::Sam && is_regular_target(path)) {
    const bool csi = fmt == AlignmentFormat::Bam && needs_csi(header_);
    const std::string suffix = fmt == AlignmentFormat::Cram ? ".crai" : csi ? ".csi" : ".bai";
    if (fmt == AlignmentFormat::Bam) stale_index_ = out_.final_path() + (csi ? ".bai" : ".csi");
    index_ = std::make_unique<AtomicOutput>(out_.final_path() + suffix);
    if (sam_idx_init(fp_, header_, csi ? 14 : 0, index_->temp_path().c_str()) != 0) {
      fail_io("cannot start the index " + index_->final_path());
    }
  }
}

BamWriter::~BamWriter() {
  if (fp_) sam_close(fp_);  // error path: the AtomicOutputs then remove the temporary files
  if (header_) sam_hdr_destroy(header_);
}

void BamWriter::write(const bam1_t* record) {
  if (sam_write1(fp_, header_, record) < 0) {
    if (index_) {
      fail_io("cannot write to " + out_.final_path() + " (disk full, or records out of coordinate order for the index): " +
              errno_text(errno));
    }
    fail_io("cannot write to " + out_.final_path() + " (disk full?): " + errno_text(errno));
  }
}

void BamWriter::close() {
  if (!fp_) return;
  if (index_ && sam_idx_save(fp_) != 0) {
    sam_close(fp_);
    fp_ = nullptr;
    fail_io("cannot write the index " + index_->final_path() + " (disk full?)");
  }
  const int rc = sam_close(fp_);
  fp_ = nullptr;
  if (rc != 0) fail_io("cannot finish writing " + out_.final_path() + " (disk full?)");
  out_.commit();
  if (index_) {
    // HTSlib saves the index before closing the BAM, whose last block and EOF marker come
    // after: give the index the later time stamp, or HTSlib readers (samtools) warn that the
    // index file is older than the data file.
    ::utimensat(AT_FDCWD, index_->temp_path().c_str(), nullptr, 0);
    index_->commit();
    if (!stale_index_.empty()) std::remove(stale_index_.c_str());
  }
}

}  // namespace helicase::io
