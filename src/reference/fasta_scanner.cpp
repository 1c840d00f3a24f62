// fasta_scanner.cpp -- the validating FASTA reader (see fasta_scanner.hpp for the rules).
#include "reference/fasta_scanner.hpp"

#include <cstring>
#include <limits>
#include <unordered_set>
#include <vector>

#include "common/error.hpp"
#include "reference/bases.hpp"

namespace helicase::reference {
namespace {

bool c_isspace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

std::string describe_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  static const char* hex = "0123456789ABCDEF";
  std::string code = std::string("0x") + hex[u >> 4] + hex[u & 15];
  if (u >= 32 && u < 127) return "'" + std::string(1, c) + "' (" + code + ")";
  return "byte " + code;
}

// Longest header line accepted: a guard against binary input without newlines.
constexpr std::size_t kMaxHeader = 1u << 20;
// bwa stores contig lengths as int (.ann), Picard as int.
constexpr std::uint64_t kMaxContig = static_cast<std::uint64_t>(std::numeric_limits<std::int32_t>::max());

class Scanner {
 public:
  Scanner(std::string display, FastaSink& sink) : display_(std::move(display)), sink_(sink) {}

  void feed(const char* p, std::size_t n) {
    const char* end = p + n;
    while (p < end) {
      if (pending_cr_) {
        if (*p != '\n') bad("carriage return inside a line");
        pending_cr_ = false;
        cr_ = true;
      }
      switch (kind_) {
        case Kind::LineStart:
          if (*p == '>') {
            kind_ = Kind::Header;
            header_.clear();
            ++p;
          } else if (*p == '\n') {
            end_line();
            ++p;
          } else if (state_ == State::BeforeFirst && *p != '\r') {
            if (*p == '@') bad("not a FASTA file: the first record starts with '@' (FASTQ?)");
            bad("not a FASTA file: expected a '>' header line, found " + describe_char(*p));
          } else {
            kind_ = Kind::Sequence;
            line_bases_ = 0;
          }
          break;
        case Kind::Header: {
          const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
          const char* stop = nl ? nl : end;
          header_.append(p, static_cast<std::size_t>(stop - p));
          if (header_.size() > kMaxHeader) bad("header line longer than 1 MiB (not a FASTA file?)");
          p = stop;
          if (nl) {
            end_line();
            ++p;
          }
          break;
        }
        case Kind::Sequence: {
          const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
          const char* stop = nl ? nl : end;
          const char* last = stop;
          if (last > p && last[-1] == '\r') {
            --last;
            if (nl) cr_ = true;
            else pending_cr_ = true;
          }
          if (last > p) take_bases(p, static_cast<std::size_t>(last - p));
          p = stop;
          if (nl) {
            end_line();
            ++p;
          }
          break;
        }
      }
    }
  }

  FastaScanSummary finish() {
    if (pending_cr_) {
      pending_cr_ = false;
      cr_ = true;
    }
    if (kind_ != Kind::LineStart) end_line();
    if (state_ == State::BeforeFirst) bad_file("not a FASTA file: no '>' header line");
    end_contig();
    summary_.lines = line_no_ - 1;
    return summary_;
  }

 private:
  enum class Kind { LineStart, Header, Sequence };
  enum class State { BeforeFirst, InContig };

  [[noreturn]] void bad(const std::string& what) const {
    std::string where = display_ + " line " + with_commas(line_no_);
    if (state_ == State::InContig && kind_ != Kind::Header) where += " (contig " + name_ + ")";
    fail_data(where + ": " + what);
  }
  [[noreturn]] void bad_file(const std::string& what) const { fail_data(display_ + ": " + what); }

  void take_bases(const char* p, std::size_t n) {
    bool ok = true;
    for (std::size_t i = 0; i < n; ++i) ok &= kBaseCode[static_cast<unsigned char>(p[i])] != kNotABase;
    if (!ok) {
      std::size_t i = 0;
      while (kBaseCode[static_cast<unsigned char>(p[i])] != kNotABase) ++i;
      if (p[i] == '\r') bad("carriage return inside a line");
      bad(describe_char(p[i]) + " is not a nucleotide (IUPAC) code");
    }
    if (line_bases_ == 0) check_line_may_start();
    line_bases_ += n;
    contig_bases_ += n;
    if (contig_bases_ > kMaxContig) bad("contig longer than 2,147,483,647 bases (bwa and Picard store 32-bit lengths)");
    sink_.bases(p, n);
  }

  // Rules that a new sequence line breaks regardless of its length.
  void check_line_may_start() {
    if (blank_seen_) bad("sequence after a blank line inside the contig (samtools faidx cannot index this)");
    if (short_seen_) {
      bad("line follows a shorter line; every line of a contig but the last must be as long as its first (" +
          with_commas(first_len_) + " characters; samtools faidx cannot index this)");
    }
  }

  void end_line() {
    if (kind_ == Kind::Header) {
      begin_contig();
    } else if (kind_ == Kind::Sequence && line_bases_ > 0) {
      const std::uint64_t raw = line_bases_ + (cr_ ? 1 : 0);
      if (first_len_ == 0) {
        first_len_ = raw;
      } else if (raw > first_len_) {
        bad("line is longer than the contig's first line (" + with_commas(raw) + " vs " + with_commas(first_len_) +
            " characters; samtools faidx cannot index this)");
      } else if (raw < first_len_) {
        short_seen_ = true;
      }
    } else if (state_ == State::InContig) {
      blank_seen_ = true;  // a blank line (LF or CRLF)
    }
    kind_ = Kind::LineStart;
    cr_ = false;
    line_bases_ = 0;
    ++line_no_;
  }

  void begin_contig() {
    if (state_ == State::InContig) end_contig();
    // kseq: the name runs to the first white space; the comment is the rest of the line,
    // without a trailing CR (unless the comment is that CR alone).
    std::size_t i = 0;
    while (i < header_.size() && !c_isspace(header_[i])) ++i;
    std::string name = header_.substr(0, i);
    std::string comment = i < header_.size() ? header_.substr(i + 1) : std::string();
    if (comment.size() > 1 && comment.back() == '\r') comment.pop_back();
    if (name.empty()) bad("header line without a sequence name right after '>'");
    if (!is_valid_reference_name(name)) {
      bad("contig name '" + name + "' is not a valid reference name (SAM/Picard allow [0-9A-Za-z!#$%&+./:;?@^_|~-] "
          "then also * and =)");
    }
    if (!names_.insert(name).second) bad("duplicate contig name '" + name + "'");
    state_ = State::InContig;
    name_ = std::move(name);
    header_line_ = line_no_;
    contig_bases_ = 0;
    first_len_ = 0;
    short_seen_ = blank_seen_ = false;
    sink_.begin_contig(name_, comment);
  }

  void end_contig() {
    if (state_ != State::InContig) return;
    if (contig_bases_ == 0) {
      fail_data(display_ + " line " + with_commas(header_line_) + ": contig " + name_ + " has no sequence");
    }
    sink_.end_contig();
    ++summary_.contigs;
    summary_.bases += contig_bases_;
  }

  std::string display_;
  FastaSink& sink_;
  FastaScanSummary summary_;
  Kind kind_ = Kind::LineStart;
  State state_ = State::BeforeFirst;
  std::uint64_t line_no_ = 1;
  std::string header_;
  std::string name_;
  std::unordered_set<std::string> names_;
  std::uint64_t header_line_ = 0;
  std::uint64_t contig_bases_ = 0;
  std::uint64_t line_bases_ = 0;
  std::uint64_t first_len_ = 0;
  bool short_seen_ = false, blank_seen_ = false;
  bool cr_ = false, pending_cr_ = false;
};

}  // namespace

bool is_valid_reference_name(const std::string& name) {
  if (name.empty()) return false;
  auto allowed = [](char c, bool first) {
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
    if (std::strchr("!#$%&+./:;?@^_|~-", c) != nullptr && c != '\0') return true;
    return !first && (c == '*' || c == '=');
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (!allowed(name[i], i == 0)) return false;
  }
  return true;
}

FastaScanSummary scan_fasta(const std::string& path, ThreadPool& pool, FastaSink& sink) {
  auto source = io::open_byte_source(path, pool);
  Scanner scanner(path, sink);
  std::vector<char> buf(4u << 20);
  for (;;) {
    const std::size_t n = source->read(buf.data(), buf.size());
    if (n == 0) break;
    scanner.feed(buf.data(), n);
  }
  FastaScanSummary s = scanner.finish();
  s.compression = source->compression();
  return s;
}

FastaScanSummary scan_fasta_bytes(const std::string& bytes, const std::string& display_name, FastaSink& sink) {
  Scanner scanner(display_name, sink);
  scanner.feed(bytes.data(), bytes.size());
  return scanner.finish();
}

}  // namespace helicase::reference
