// reference.cpp -- faidx-backed, GATK-normalized reference contigs.
#include "bqsr/reference.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>

#include "common/atomic_file.hpp"
#include "common/error.hpp"

namespace helicase::bqsr {
namespace {

// Upper-case; IUPAC ambiguity codes -> N; anything else -> kBadRefBase.
const std::array<char, 256> kNormalize = [] {
  std::array<char, 256> t{};
  t.fill(kBadRefBase);
  for (char c : std::string("ACGT")) {
    t[static_cast<unsigned char>(c)] = c;
    t[static_cast<unsigned char>(c - 'A' + 'a')] = c;
  }
  for (char c : std::string("NRYMKWSBDHV")) {
    t[static_cast<unsigned char>(c)] = 'N';
    t[static_cast<unsigned char>(c - 'A' + 'a')] = 'N';
  }
  return t;
}();

// In place through kNormalize; 64-byte blocks of upper-case A/C/G/T/N (nearly all of a
// reference) are recognised by a vectorizable test and left as they are. False (s partly
// mapped) at a byte HTSlib would skip (whitespace, control, '>'): the FASTA is irregular.
bool normalize(std::string& s) {
  auto* p = reinterpret_cast<unsigned char*>(s.data());
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n; i += 64) {
    const std::size_t end = std::min(n, i + 64);
    unsigned char plain = end - i == 64;
    if (plain) {
      for (std::size_t k = i; k < end; ++k) {
        const unsigned char c = p[k];
        plain &= static_cast<unsigned char>((c == 'A') | (c == 'C') | (c == 'G') | (c == 'T') | (c == 'N'));
      }
    }
    if (plain) continue;
    for (std::size_t k = i; k < end; ++k) {
      if (p[k] <= ' ' || p[k] > '~' || p[k] == '>') return false;
      p[k] = static_cast<unsigned char>(kNormalize[p[k]]);
    }
  }
  return true;
}

}  // namespace

Reference::Reference(const std::string& path) : path_(path) {
  require_readable(path);
  fai_ = fai_load3(path.c_str(), nullptr, nullptr, FAI_CREATE);
  if (!fai_) fail_io("cannot open or index the reference " + path + " (a .fai is needed beside it)");
  const int n = faidx_nseq(fai_);
  for (int i = 0; i < n; ++i) {
    const char* name = faidx_iseq(fai_, i);
    dict_.names.emplace_back(name);
    dict_.lengths.push_back(static_cast<std::int64_t>(faidx_seq_len(fai_, name)));
  }
  if (n == 0) fail_data(path + ": the reference has no sequences");
  plain_ = std::make_unique<PlainFasta>(path, path + ".fai");
}

Reference::~Reference() {
  if (fai_) fai_destroy(fai_);
}

std::shared_ptr<const std::string> Reference::contig(int tid) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (std::size_t i = 0; i < cache_.size(); ++i) {
    if (cache_[i].first == tid) {
      auto hit = cache_[i];
      cache_.erase(cache_.begin() + static_cast<std::ptrdiff_t>(i));
      cache_.push_back(hit);
      return hit.second;
    }
  }
  const std::string& name = dict_.names[static_cast<std::size_t>(tid)];
  const std::int64_t want = dict_.lengths[static_cast<std::size_t>(tid)];
  auto s = std::make_shared<std::string>();
  // One pass reads and checks every byte: an irregular byte sends the contig to HTSlib.
  if (!plain_->fetch(name, want, s.get()) || !normalize(*s)) {
    hts_pos_t len = 0;
    char* seq = faidx_fetch_seq64(fai_, name.c_str(), 0, want - 1, &len);
    if (!seq || len != want) {
      std::free(seq);
      fail_data(path_ + ": cannot read contig " + name + " (truncated FASTA or stale .fai?)");
    }
    s->assign(seq, static_cast<std::size_t>(len));
    std::free(seq);
    normalize(*s);  // HTSlib returns graphical bytes only
  }
  if (cache_.size() >= 2) cache_.erase(cache_.begin());
  cache_.emplace_back(tid, s);
  return s;
}

void check_compatible(const ContigDict& ref, const ContigDict& other, const std::string& what, bool require_shared) {
  int shared = 0;
  for (std::size_t i = 0; i < other.names.size(); ++i) {
    const int t = ref.find(other.names[i]);
    if (t < 0) continue;
    ++shared;
    const std::int64_t want = ref.lengths[static_cast<std::size_t>(t)];
    if (other.lengths[i] >= 0 && other.lengths[i] != want) {
      fail_data("contig " + other.names[i] + " has length " + std::to_string(other.lengths[i]) + " in " + what +
                " but " + std::to_string(want) + " in the reference");
    }
  }
  if (require_shared && shared == 0) fail_data(what + " shares no contig with the reference");
}

}  // namespace helicase::bqsr
