// bam_input.cpp -- HTSlib input, read-group table and GATK's read predicates.
#include "bqsr/bam_input.hpp"

#include <cerrno>
#include <sstream>

#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "io/alignment_open.hpp"

namespace helicase::bqsr {

BamInput::BamInput(const std::string& path, unsigned threads, const std::string& reference) : path_(path) {
  require_readable(path);
  fp_ = sam_open(path.c_str(), "r");
  if (!fp_) fail_io("cannot open " + path + ": " + errno_text(errno));
  const htsFormat* fmt = hts_get_format(fp_);
  if (fmt->category != sequence_data || (fmt->format != sam && fmt->format != bam && fmt->format != cram)) {
    sam_close(fp_);
    fp_ = nullptr;
    fail_data(path + " is not a SAM, BAM or CRAM file");
  }
  if (fmt->format == cram && reference.empty()) {
    sam_close(fp_);
    fp_ = nullptr;
    fail_usage(path + " is CRAM: give its reference with --ref");
  }
  if (!reference.empty() && hts_set_fai_filename(fp_, reference.c_str()) != 0) {
    fail_io("cannot use reference " + reference + " to read " + path);
  }
  require_complete(fp_, path);
  if (threads > 1 && decode_threads_safe(fp_) && hts_set_threads(fp_, static_cast<int>(threads)) != 0) {
    fail_io("cannot start decompression threads for " + path);
  }
  header_ = sam_hdr_read(fp_);
  if (!header_) fail_data(path + ": cannot read the SAM/BAM header");
}

BamInput::~BamInput() {
  if (header_) sam_hdr_destroy(header_);
  if (fp_) sam_close(fp_);
}

std::size_t BamInput::read_batch(std::vector<bam1_t*>& batch, std::size_t max) {
  if (batch.size() < max) {
    const std::size_t old = batch.size();
    batch.resize(max);
    for (std::size_t i = old; i < max; ++i) {
      batch[i] = bam_init1();
      if (!batch[i]) throw std::bad_alloc();
    }
  }
  std::size_t n = 0;
  while (n < max) {
    const int rc = sam_read1(fp_, header_, batch[n]);
    if (rc == -1) break;
    if (rc < -1) fail_data(path_ + ": record " + with_commas(n_read_ + 1) + " is corrupt or truncated");
    ++n;
    ++n_read_;
  }
  return n;
}

ContigDict BamInput::contigs() const {
  ContigDict d;
  for (int i = 0; i < sam_hdr_nref(header_); ++i) {
    d.names.emplace_back(sam_hdr_tid2name(header_, i));
    d.lengths.push_back(static_cast<std::int64_t>(sam_hdr_tid2len(header_, i)));
  }
  return d;
}

void free_batch(std::vector<bam1_t*>& batch) {
  for (auto* b : batch) bam_destroy1(b);
  batch.clear();
}

HeaderReadGroups::HeaderReadGroups(const sam_hdr_t* header) {
  auto* h = const_cast<sam_hdr_t*>(header);
  const int n = sam_hdr_count_lines(h, "RG");
  kstring_t ks = KS_INITIALIZE;
  for (int i = 0; i < n; ++i) {
    const char* id = sam_hdr_line_name(h, "RG", i);
    if (!id) continue;
    HeaderReadGroup rg;
    rg.identifier = id;
    if (sam_hdr_find_tag_id(h, "RG", "ID", id, "PU", &ks) == 0) rg.identifier = ks.s;
    if (sam_hdr_find_tag_id(h, "RG", "ID", id, "PL", &ks) == 0) rg.platform = ks.s;
    ids_.emplace_back(id);
    bool seen = false;
    for (const auto& x : identifiers_) seen = seen || x == rg.identifier;
    if (!seen) identifiers_.push_back(rg.identifier);
    by_id_.emplace(id, rg);
  }
  ks_free(&ks);
}

const HeaderReadGroup* HeaderReadGroups::find(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

const char* read_group_of(const bam1_t* b) {
  const std::uint8_t* rg = bam_aux_get(b, "RG");
  if (!rg || *rg != 'Z') return nullptr;
  return reinterpret_cast<const char*>(rg + 1);
}

std::string read_name(const bam1_t* b) { return bam_get_qname(b); }

std::int64_t alignment_end(const bam1_t* b) {
  return static_cast<std::int64_t>(b->core.pos) + bam_cigar2rlen(static_cast<int>(b->core.n_cigar), bam_get_cigar(b));
}

bool wellformed(const bam1_t* b, const sam_hdr_t* header) {
  const bool unmapped = gatk_unmapped(b);
  if (!unmapped) {
    if (b->core.tid >= sam_hdr_nref(header)) return false;
    if (static_cast<std::int64_t>(b->core.pos) + 1 > static_cast<std::int64_t>(sam_hdr_tid2len(header, b->core.tid))) return false;
  }
  if (!read_group_of(b)) return false;
  const int len = b->core.l_qseq;
  const int nquals = (len > 0 && bam_get_qual(b)[0] == 0xff) ? 0 : len;
  if (len != nquals) return false;
  const std::uint32_t* cigar = bam_get_cigar(b);
  if (!unmapped && bam_cigar2qlen(static_cast<int>(b->core.n_cigar), cigar) != len) return false;
  if (len <= 0) return false;
  for (std::uint32_t i = 0; i < b->core.n_cigar; ++i) {
    if (bam_cigar_op(cigar[i]) == BAM_CREF_SKIP) return false;
  }
  return true;
}

bool passes_bqsr_filters(const bam1_t* b) {
  const auto& c = b->core;
  return c.qual != 0 && c.qual != 255 && !gatk_unmapped(b) && !(c.flag & BAM_FSECONDARY) && !(c.flag & BAM_FDUP) &&
         !(c.flag & BAM_FQCFAIL);
}

void add_pg_line(sam_hdr_t* header, const std::string& pg_line) {
  std::istringstream in(pg_line);
  std::string field, id, pn, vn, cl;
  while (std::getline(in, field, '\t')) {
    if (field.rfind("ID:", 0) == 0) id = field.substr(3);
    else if (field.rfind("PN:", 0) == 0) pn = field.substr(3);
    else if (field.rfind("VN:", 0) == 0) vn = field.substr(3);
    else if (field.rfind("CL:", 0) == 0) cl = field.substr(3);
  }
  if (id.empty()) return;
  if (sam_hdr_add_pg(header, id.c_str(), "PN", pn.c_str(), "VN", vn.c_str(), "CL", cl.c_str(), NULL) != 0) {
    fail_internal("cannot add the @PG line to the output header");
  }
}

}  // namespace helicase::bqsr
