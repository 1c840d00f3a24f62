// reference_packer.cpp -- 2-bit codes, ambiguous runs and contig MD5s while the FASTA streams by.
#include "reference/reference_packer.hpp"

#include <htslib/hts.h>

#include "common/error.hpp"

namespace helicase::reference {

namespace {
hts_md5_context* ctx(void* p) { return static_cast<hts_md5_context*>(p); }
}  // namespace

ReferencePacker::ReferencePacker(std::uint64_t expected_bases) {
  if (expected_bases > 0) out_.codes.reserve(expected_bases);
  md5_ = hts_md5_init();
  if (!md5_) fail_io("out of memory (MD5 context)");
}

ReferencePacker::~ReferencePacker() { hts_md5_destroy(ctx(md5_)); }

void ReferencePacker::begin_contig(const std::string& name, const std::string& comment) {
  ContigAnn c;
  c.name = name;
  c.anno = comment.empty() ? "(null)" : comment;
  c.offset = out_.codes.size();
  out_.bns.contigs.push_back(std::move(c));
  last_ = 0;
  hts_md5_reset(ctx(md5_));
}

void ReferencePacker::bases(const char* p, std::size_t n) {
  ContigAnn& contig = out_.bns.contigs.back();
  const std::size_t start = out_.codes.size();
  out_.codes.resize(start + n);
  std::uint8_t* dst = out_.codes.data() + start;
  upper_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const char ch = p[i];
    std::uint8_t code = kBaseCode[static_cast<unsigned char>(ch)];
    if (code >= 4) {
      if (last_ == ch) {
        ++out_.bns.holes.back().length;
      } else {
        out_.bns.holes.push_back(AmbiguousRun{start + i, 1, ch});
        ++contig.n_ambs;
      }
      code = static_cast<std::uint8_t>(rng_.next() & 3u);
    }
    last_ = ch;
    dst[i] = code;
    upper_[i] = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
  }
  hts_md5_update(ctx(md5_), upper_.data(), static_cast<unsigned long>(n));
}

void ReferencePacker::end_contig() {
  ContigAnn& contig = out_.bns.contigs.back();
  contig.length = static_cast<std::uint32_t>(out_.codes.size() - contig.offset);
  unsigned char digest[16];
  char hex[33];
  hts_md5_final(digest, ctx(md5_));
  hts_md5_hex(hex, digest);
  out_.md5.emplace_back(hex);
}

PackedReference ReferencePacker::take() {
  out_.bns.l_pac = out_.codes.size();
  out_.bns.seed = kBwaSeed;
  return std::move(out_);
}

}  // namespace helicase::reference
