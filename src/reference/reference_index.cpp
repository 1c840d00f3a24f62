// reference_index.cpp -- mapping, cross-checking and querying a BWA index.
#include "reference/reference_index.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "reference/bases.hpp"
#include "reference/fasta_scanner.hpp"

namespace helicase::reference {
namespace {

std::string read_whole(const std::string& path) {
  require_readable(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) fail_io("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) fail_io("cannot read " + path);
  return s.str();
}

std::uint64_t u64_at(const MappedFile& f, std::size_t offset) {
  std::uint64_t v;
  std::memcpy(&v, f.data() + offset, 8);
  return v;
}

[[noreturn]] void mismatch(const std::string& what) {
  fail_data(what + " (files of different indexes, or a damaged index: rebuild it with helicase-index)");
}

std::string n(std::uint64_t x) { return with_commas(x); }

}  // namespace

ReferenceIndex ReferenceIndex::load(const std::string& prefix, const IndexLoadOptions& options) {
  ReferenceIndex ix;
  ix.prefix_ = prefix;
  const std::string ann = prefix + ".ann", amb = prefix + ".amb", pac = prefix + ".pac", bwt = prefix + ".bwt",
                    sa = prefix + ".sa";
  // Every file must exist before any is read: the message names the first missing one.
  for (const std::string* p : {&ann, &amb, &pac, &bwt, &sa}) require_readable(*p);
  ix.bns_ = parse_bns(read_whole(ann), ann, read_whole(amb), amb);
  const std::uint64_t l_pac = ix.bns_.l_pac;
  if (l_pac == 0) fail_data(ann + ": the index holds no bases");

  ix.pac_ = MappedFile(pac, options.populate);
  if (ix.pac_.size() != pac_file_size(l_pac) || ix.pac_.data()[ix.pac_.size() - 1] != l_pac % 4) {
    mismatch(pac + " has " + n(ix.pac_.size()) + " bytes, but " + ann + " describes " + n(l_pac) + " bases (" +
             n(pac_file_size(l_pac)) + " bytes)");
  }

  ix.bwt_ = MappedFile(bwt, options.populate);
  const MappedFile& b = ix.bwt_;
  if (b.size() < 40 || (b.size() - 40) % 4 != 0) mismatch(bwt + " is too short or not a .bwt file");
  kernels::FmIndexView& v = ix.fm_;
  v.primary = u64_at(b, 0);
  for (int c = 0; c < 4; ++c) v.L2[c + 1] = u64_at(b, 8 + 8 * static_cast<std::size_t>(c));
  v.seq_len = v.L2[4];
  if (v.seq_len != 2 * l_pac) {
    mismatch(bwt + " indexes " + n(v.seq_len) + " bases (both strands), but " + ann + " describes " + n(l_pac) +
             " per strand");
  }
  for (int c = 0; c < 4; ++c) {
    if (v.L2[c + 1] < v.L2[c]) mismatch(bwt + ": base counts are not cumulative");
  }
  // Both strands: as many A as T and as many C as G.
  if (v.L2[1] != v.L2[4] - v.L2[3] || v.L2[2] - v.L2[1] != v.L2[3] - v.L2[2]) {
    mismatch(bwt + ": base counts are not those of a sequence and its reverse complement");
  }
  if (v.primary == 0 || v.primary > v.seq_len) mismatch(bwt + ": primary row " + n(v.primary) + " out of range");
  const std::uint64_t words = (v.seq_len + 15) / 16 + ((v.seq_len + 127) / 128 + 1) * 8;
  if ((b.size() - 40) / 4 != words) {
    mismatch(bwt + " has " + n(b.size()) + " bytes, expected " + n(40 + 4 * words) + " for " + n(v.seq_len) +
             " bases");
  }
  v.bwt = reinterpret_cast<const std::uint32_t*>(b.data() + 40);
  v.bwt_words = words;
  for (int c = 0; c < 4; ++c) {  // the final count block holds the totals
    if (kernels::fm_load_u64(v.bwt + words - 8 + 2 * c) != v.L2[c + 1] - v.L2[c]) {
      mismatch(bwt + ": final occurrence counts differ from the header's");
    }
  }

  ix.sa_ = MappedFile(sa, options.populate);
  const MappedFile& s = ix.sa_;
  if (s.size() < 56) mismatch(sa + " is too short to be a .sa file");
  if (u64_at(s, 0) != v.primary) mismatch(sa + " and " + bwt + " have different primary rows");
  for (int c = 0; c < 4; ++c) {
    if (u64_at(s, 8 + 8 * static_cast<std::size_t>(c)) != v.L2[c + 1]) mismatch(sa + " and " + bwt + " count different bases");
  }
  v.sa_intv = u64_at(s, 40);
  if (v.sa_intv == 0 || (v.sa_intv & (v.sa_intv - 1)) != 0 || v.sa_intv > v.seq_len + 1) {
    mismatch(sa + ": sampling interval " + n(v.sa_intv) + " is not a power of two");
  }
  if (u64_at(s, 48) != v.seq_len) mismatch(sa + " and " + bwt + " are for different sequence lengths");
  v.n_sa = (v.seq_len + v.sa_intv) / v.sa_intv - 1;
  if (s.size() != 56 + 8 * v.n_sa) {
    mismatch(sa + " has " + n(s.size()) + " bytes, expected " + n(56 + 8 * v.n_sa));
  }
  v.sa = reinterpret_cast<const std::uint64_t*>(s.data() + 56);
  return ix;
}

int ReferenceIndex::text_base(std::uint64_t pos) const {
  const std::uint64_t l = bns_.l_pac;
  return pos < l ? kernels::fm_pac_base(pac(), pos) : 3 - kernels::fm_pac_base(pac(), 2 * l - 1 - pos);
}

namespace {

class ContigCollector : public FastaSink {
 public:
  std::vector<FastaContig> contigs;
  void begin_contig(const std::string& name, const std::string&) override { contigs.push_back({name, 0}); }
  void bases(const char*, std::size_t k) override { contigs.back().length += k; }
  void end_contig() override {}
};

bool newer_or_same(const std::string& a, const std::string& b) {
  struct stat sa {}, sb {};
  if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
  return sa.st_mtim.tv_sec > sb.st_mtim.tv_sec ||
         (sa.st_mtim.tv_sec == sb.st_mtim.tv_sec && sa.st_mtim.tv_nsec >= sb.st_mtim.tv_nsec);
}

}  // namespace

std::vector<FastaContig> read_fasta_contigs(const std::string& fasta, ThreadPool& pool) {
  require_readable(fasta);
  const std::string fai = fasta + ".fai";
  if (::access(fai.c_str(), R_OK) == 0 && newer_or_same(fai, fasta)) {
    std::vector<FastaContig> out;
    std::istringstream in(read_whole(fai));
    std::string line;
    std::uint64_t line_no = 0;
    while (std::getline(in, line)) {
      ++line_no;
      const std::size_t t1 = line.find('\t');
      if (t1 == std::string::npos || t1 == 0) fail_data(fai + " line " + n(line_no) + ": not a FASTA index line");
      const std::size_t t2 = line.find('\t', t1 + 1);
      const std::string len = line.substr(t1 + 1, t2 == std::string::npos ? std::string::npos : t2 - t1 - 1);
      if (len.empty() || len.find_first_not_of("0123456789") != std::string::npos || len.size() > 18) {
        fail_data(fai + " line " + n(line_no) + ": length '" + len + "' is not a number");
      }
      out.push_back({line.substr(0, t1), std::stoull(len)});
    }
    return out;
  }
  ContigCollector collector;
  scan_fasta(fasta, pool, collector);
  return std::move(collector.contigs);
}

void check_index_matches_fasta(const ReferenceIndex& index, const std::string& fasta, ThreadPool& pool) {
  const std::vector<FastaContig> fa = read_fasta_contigs(fasta, pool);
  const std::vector<ContigAnn>& ix = index.bns().contigs;
  const std::string ann = index.prefix() + ".ann";
  const std::size_t common = std::min(fa.size(), ix.size());
  for (std::size_t i = 0; i < common; ++i) {
    if (fa[i].name != ix[i].name || fa[i].length != ix[i].length) {
      fail_data("index " + index.prefix() + " does not belong to " + fasta + ": contig " + n(i + 1) + " is " +
                fa[i].name + " (" + n(fa[i].length) + " bp) in the FASTA but " + ix[i].name + " (" +
                n(ix[i].length) + " bp) in " + ann);
    }
  }
  if (fa.size() != ix.size()) {
    fail_data("index " + index.prefix() + " does not belong to " + fasta + ": the FASTA has " + n(fa.size()) +
              " contigs, " + ann + " " + n(ix.size()));
  }
}

std::uint64_t verify_index_queries(const ReferenceIndex& index, std::uint64_t samples, ThreadPool& pool) {
  const kernels::FmIndexView& v = index.fm();
  const std::uint64_t l_pac = index.l_pac();
  const int len = static_cast<int>(std::min<std::uint64_t>(24, l_pac));
  samples = std::min<std::uint64_t>(samples, l_pac - static_cast<std::uint64_t>(len) + 1);
  const std::uint64_t span = l_pac - static_cast<std::uint64_t>(len) + 1;
  pool.parallel_for(static_cast<std::size_t>(samples), [&](std::size_t s) {
    Lrand48 rng(static_cast<std::uint32_t>(s));
    const std::uint64_t p = ((static_cast<std::uint64_t>(rng.next()) << 31) | rng.next()) % span;
    std::uint64_t k = 0, l = v.seq_len;
    for (int i = len - 1; i >= 0; --i) {
      if (!kernels::fm_backward_step(v, index.text_base(p + static_cast<std::uint64_t>(i)), k, l) || l > v.seq_len) {
        fail_data(index.prefix() + ": the " + std::to_string(len) + "-mer at position " + n(p) +
                  " of " + index.prefix() + ".pac is not in " + index.prefix() + ".bwt (damaged index?)");
      }
    }
    bool found = l - k + 1 > 256;  // too repetitive to look for p among the rows; still check one row below
    for (std::uint64_t r = k; r <= l && !found; ++r) found = kernels::fm_sa(v, r) == p;
    const std::uint64_t q = kernels::fm_sa(v, k);
    bool same = q + static_cast<std::uint64_t>(len) <= v.seq_len;
    for (int i = 0; same && i < len; ++i) {
      same = index.text_base(q + static_cast<std::uint64_t>(i)) == index.text_base(p + static_cast<std::uint64_t>(i));
    }
    if (!found || !same) {
      fail_data(index.prefix() + ": suffix-array lookups do not lead back to position " + n(p) + " of " +
                index.prefix() + ".pac (.sa and .bwt disagree: damaged index?)");
    }
  });
  return samples;
}

}  // namespace helicase::reference
