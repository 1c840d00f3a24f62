// bam_input.cpp -- checked HTSlib input.
#include "markdup/bam_input.hpp"

#include <sys/stat.h>

#include <cerrno>

#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "io/alignment_open.hpp"

namespace helicase::markdup {

HtsThreads::HtsThreads(unsigned threads) {
  pool_ = hts_tpool_init(static_cast<int>(threads < 1 ? 1 : threads));
  if (!pool_) fail_io("cannot start " + std::to_string(threads) + " HTSlib threads");
}

HtsThreads::~HtsThreads() {
  if (pool_) hts_tpool_destroy(pool_);
}

AlignmentInput::AlignmentInput(const std::string& path, hts_tpool* pool, const std::string& reference) : path_(path) {
  require_readable(path);
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    fail_io(path + ": not a regular file (duplicate marking reads its input twice; a pipe cannot be re-read)");
  }
  fp_ = hts_open(path.c_str(), "r");
  if (!fp_) {
    if (errno == ENOENT || errno == EACCES || errno == EISDIR) fail_io(path + ": " + errno_text(errno));
    fail_data(path + ": not a SAM, BAM or CRAM file");
  }
  const htsFormat* format = hts_get_format(fp_);
  if (format->category != sequence_data ||
      (format->format != sam && format->format != bam && format->format != cram)) {
    fail_data(path + ": not a SAM, BAM or CRAM file (found " + std::string(hts_format_description(format)) + ")");
  }
  if (format->format == cram && !reference.empty() && hts_set_fai_filename(fp_, reference.c_str()) != 0) {
    fail_io("cannot use reference " + reference + " to decode " + path);
  }
  require_complete(fp_, path);
  if (pool && decode_threads_safe(fp_)) {
    htsThreadPool shared{pool, 0};
    if (hts_set_opt(fp_, HTS_OPT_THREAD_POOL, &shared) != 0) fail_io("cannot attach threads to " + path);
  }
  header_ = sam_hdr_read(fp_);
  if (!header_) fail_data(path + ": bad or truncated header");
  n_ref_ = sam_hdr_nref(header_);
}

AlignmentInput::~AlignmentInput() {
  if (header_) sam_hdr_destroy(header_);
  if (fp_) hts_close(fp_);
}

std::string AlignmentInput::where(const bam1_t* b) const {
  return path_ + " record " + with_commas(count_) + " (" + bam_get_qname(b) + ")";
}

bool AlignmentInput::next(bam1_t* b) {
  const int rc = sam_read1(fp_, header_, b);
  if (rc == -1) return false;
  if (rc < -1) fail_data(path_ + " record " + with_commas(count_ + 1) + ": truncated or corrupt data");
  ++count_;
  if (b->core.tid < -1 || b->core.tid >= n_ref_ || b->core.mtid < -1 || b->core.mtid >= n_ref_) {
    fail_data(where(b) + ": contig index not in the header (" + std::to_string(n_ref_) + " contigs)");
  }
  return true;
}

}  // namespace helicase::markdup
