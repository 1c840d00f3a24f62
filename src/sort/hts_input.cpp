// hts_input.cpp -- HTSlib thread pool and checked alignment reader.
#include "sort/hts_input.hpp"

#include <cerrno>

#include "common/atomic_file.hpp"
#include "io/alignment_open.hpp"

namespace helicase::sort {

HtsPool::HtsPool(unsigned threads) {
  pool_ = hts_tpool_init(static_cast<int>(threads < 1 ? 1 : threads));
  if (!pool_) fail_io("cannot start " + std::to_string(threads) + " HTSlib threads");
}

HtsPool::~HtsPool() {
  if (pool_) hts_tpool_destroy(pool_);
}

AlignmentReader::AlignmentReader(const std::string& path, hts_tpool* pool, const std::string& reference,
                                 ErrorKind data_error)
    : path_(path), data_error_(data_error) {
  require_readable(path);
  fp_ = hts_open(path.c_str(), "r");
  if (!fp_) {
    if (errno == ENOENT || errno == EACCES || errno == EISDIR) fail_io(path + ": " + errno_text(errno));
    fail(data_error, path + ": not a SAM, BAM or CRAM file");
  }
  const htsFormat* format = hts_get_format(fp_);
  if (format->category != sequence_data ||
      (format->format != sam && format->format != bam && format->format != cram)) {
    fail(data_error, path + ": not a SAM, BAM or CRAM file (found " + std::string(hts_format_description(format)) + ")");
  }
  if (format->format == cram && !reference.empty() && hts_set_fai_filename(fp_, reference.c_str()) != 0) {
    fail_io("cannot use reference " + reference + " to decode " + path);
  }
  require_complete(fp_, path, data_error);
  if (pool && decode_threads_safe(fp_)) {
    htsThreadPool shared{pool, 0};
    if (hts_set_opt(fp_, HTS_OPT_THREAD_POOL, &shared) != 0) fail_io("cannot attach threads to " + path);
  }
  header_ = sam_hdr_read(fp_);
  if (!header_) fail(data_error, path + ": bad or truncated header");
  n_ref_ = sam_hdr_nref(header_);
}

AlignmentReader::~AlignmentReader() {
  if (header_) sam_hdr_destroy(header_);
  if (fp_) hts_close(fp_);
}

bool AlignmentReader::is_cram() const { return hts_get_format(fp_)->format == cram; }

void AlignmentReader::fail_record(const std::string& what) const {
  fail(data_error_, path_ + " record " + with_commas(count_ + 1) + ": " + what);
}

bool AlignmentReader::next(bam1_t* b) {
  const int rc = sam_read1(fp_, header_, b);
  if (rc == -1) return false;
  if (rc < -1) fail_record("truncated or corrupt data");
  if (b->core.tid < -1 || b->core.tid >= n_ref_) {
    fail_record("contig index " + std::to_string(b->core.tid) + " is not in the header (" + std::to_string(n_ref_) +
                " contigs)");
  }
  ++count_;
  return true;
}

}  // namespace helicase::sort
