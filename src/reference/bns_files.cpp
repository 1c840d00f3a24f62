// bns_files.cpp -- P.ann / P.amb text and the P.pac layout.
#include "reference/bns_files.hpp"

#include <cctype>
#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "common/error.hpp"

namespace helicase::reference {

std::string format_ann(const BnsInfo& bns) {
  std::string out;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%" PRIu64 " %zu %u\n", bns.l_pac, bns.contigs.size(), bns.seed);
  out += buf;
  for (const ContigAnn& c : bns.contigs) {
    out += std::to_string(c.gi) + " " + c.name;
    if (!c.anno.empty()) out += " " + c.anno;
    out += "\n";
    std::snprintf(buf, sizeof buf, "%" PRIu64 " %u %u\n", c.offset, c.length, c.n_ambs);
    out += buf;
  }
  return out;
}

std::string format_amb(const BnsInfo& bns) {
  std::string out;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%" PRIu64 " %zu %zu\n", bns.l_pac, bns.contigs.size(), bns.holes.size());
  out += buf;
  for (const AmbiguousRun& h : bns.holes) {
    std::snprintf(buf, sizeof buf, "%" PRIu64 " %u %c\n", h.offset, h.length, h.base);
    out += buf;
  }
  return out;
}

namespace {

// Whitespace-separated tokens with line numbers, the way fscanf("%lld%d%s") walks the text.
class Tokens {
 public:
  Tokens(const std::string& text, std::string name) : t_(text), name_(std::move(name)) {}

  std::string word(const char* what) {
    skip_space();
    const std::size_t b = pos_;
    while (pos_ < t_.size() && !std::isspace(static_cast<unsigned char>(t_[pos_]))) ++pos_;
    if (b == pos_) bad(std::string("missing ") + what);
    return t_.substr(b, pos_ - b);
  }
  std::uint64_t number(const char* what, std::uint64_t max) {
    const std::string w = word(what);
    std::uint64_t v = 0;
    for (char c : w) {
      if (c < '0' || c > '9') bad(std::string(what) + " '" + w + "' is not a number");
      if (v > (max - static_cast<std::uint64_t>(c - '0')) / 10) bad(std::string(what) + " '" + w + "' is too large");
      v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v;
  }
  // The rest of the current line (bwa: the comment after the name), without the newline.
  std::string rest_of_line() {
    const std::size_t b = pos_;
    while (pos_ < t_.size() && t_[pos_] != '\n') ++pos_;
    if (pos_ >= t_.size()) bad("unexpected end of file");
    std::string r = t_.substr(b, pos_ - b);
    return r;
  }
  bool at_end() {
    skip_space();
    return pos_ >= t_.size();
  }
  [[noreturn]] void bad(const std::string& what) const {
    std::uint64_t line = 1;
    for (std::size_t i = 0; i < pos_ && i < t_.size(); ++i) line += t_[i] == '\n';
    fail_data(name_ + " line " + with_commas(line) + ": " + what + " (not a BWA index file, or a damaged one)");
  }

 private:
  void skip_space() {
    while (pos_ < t_.size() && std::isspace(static_cast<unsigned char>(t_[pos_]))) ++pos_;
  }
  const std::string& t_;
  std::string name_;
  std::size_t pos_ = 0;
};

constexpr std::uint64_t kU32 = 0xFFFFFFFFu;
constexpr std::uint64_t kI32 = 0x7FFFFFFFu;
constexpr std::uint64_t kI64 = 0x7FFFFFFFFFFFFFFFull;

}  // namespace

BnsInfo parse_bns(const std::string& ann_text, const std::string& ann_name, const std::string& amb_text,
                  const std::string& amb_name) {
  BnsInfo bns;
  Tokens a(ann_text, ann_name);
  bns.l_pac = a.number("reference length", kI64);
  const std::uint64_t n_seqs = a.number("number of sequences", kI32);
  bns.seed = static_cast<std::uint32_t>(a.number("seed", kU32));
  std::uint64_t expect_offset = 0, ambs = 0;
  for (std::uint64_t i = 0; i < n_seqs; ++i) {
    ContigAnn c;
    c.gi = static_cast<std::int32_t>(a.number("gi", kI32));
    c.name = a.word("sequence name");
    std::string rest = a.rest_of_line();
    c.anno = rest.size() > 1 ? rest.substr(1) : std::string();  // bwa skips the one space after the name
    c.offset = a.number("offset", kI64);
    c.length = static_cast<std::uint32_t>(a.number("length", kI32));
    c.n_ambs = static_cast<std::uint32_t>(a.number("number of ambiguous runs", kI32));
    if (c.offset != expect_offset) {
      a.bad("sequence " + c.name + " starts at " + std::to_string(c.offset) + ", expected " +
            std::to_string(expect_offset));
    }
    expect_offset += c.length;
    ambs += c.n_ambs;
    bns.contigs.push_back(std::move(c));
  }
  if (!a.at_end()) a.bad("text after the last sequence");
  if (expect_offset != bns.l_pac) {
    a.bad("sequence lengths add up to " + std::to_string(expect_offset) + ", not the " + std::to_string(bns.l_pac) +
          " of the first line");
  }

  Tokens m(amb_text, amb_name);
  const std::uint64_t l_pac = m.number("reference length", kI64);
  const std::uint64_t amb_seqs = m.number("number of sequences", kI32);
  const std::uint64_t n_holes = m.number("number of ambiguous runs", kI32);
  if (l_pac != bns.l_pac || amb_seqs != n_seqs) {
    m.bad("describes " + std::to_string(amb_seqs) + " sequences of " + std::to_string(l_pac) + " bases but " +
          ann_name + " " + std::to_string(n_seqs) + " of " + std::to_string(bns.l_pac) + ": files of different indexes");
  }
  if (n_holes != ambs) {
    m.bad("lists " + std::to_string(n_holes) + " ambiguous runs but " + ann_name + " counts " + std::to_string(ambs));
  }
  std::uint64_t last_end = 0;
  for (std::uint64_t i = 0; i < n_holes; ++i) {
    AmbiguousRun h;
    h.offset = m.number("offset", kI64);
    h.length = static_cast<std::uint32_t>(m.number("length", kI32));
    const std::string ch = m.word("character");
    h.base = ch[0];
    if (h.offset < last_end || h.offset + h.length > bns.l_pac) m.bad("ambiguous run out of order or out of range");
    last_end = h.offset + h.length;
    bns.holes.push_back(h);
  }
  if (!m.at_end()) m.bad("text after the last ambiguous run");
  return bns;
}

std::uint64_t pac_file_size(std::uint64_t l_pac) { return (l_pac + 3) / 4 + (l_pac % 4 == 0 ? 1 : 0) + 1; }

std::vector<std::uint8_t> pack_pac(const std::uint8_t* codes, std::uint64_t l_pac) {
  std::vector<std::uint8_t> pac(pac_file_size(l_pac), 0);
  const std::uint64_t full = l_pac / 4;
  for (std::uint64_t b = 0; b < full; ++b) {
    const std::uint8_t* c = codes + 4 * b;
    pac[b] = static_cast<std::uint8_t>(c[0] << 6 | c[1] << 4 | c[2] << 2 | c[3]);
  }
  for (std::uint64_t l = full * 4; l < l_pac; ++l) {
    pac[l >> 2] = static_cast<std::uint8_t>(pac[l >> 2] | codes[l] << ((~l & 3u) << 1));
  }
  pac.back() = static_cast<std::uint8_t>(l_pac % 4);
  return pac;
}

}  // namespace helicase::reference
