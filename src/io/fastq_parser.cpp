// fastq_parser.cpp -- FASTQ record parsing and validation.
#include "io/fastq_parser.hpp"

#include <array>
#include <cstring>

#include "common/error.hpp"

namespace helicase::io {
namespace {

constexpr std::array<char, 256> make_base_table() {
  std::array<char, 256> t{};
  const char* iupac = "ACGTUNRYSWKMBDHV";
  for (const char* p = iupac; *p; ++p) {
    t[static_cast<unsigned char>(*p)] = *p;
    t[static_cast<unsigned char>(*p - 'A' + 'a')] = *p;
  }
  t[static_cast<unsigned char>('.')] = 'N';
  return t;
}
constexpr std::array<char, 256> kBaseTable = make_base_table();

std::string show_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 33 && u < 127) return std::string("'") + c + "'";
  return "byte " + std::to_string(u);
}

}  // namespace

char normalize_base(char c) { return kBaseTable[static_cast<unsigned char>(c)]; }

FastqParser::FastqParser(std::unique_ptr<ByteSource> source, std::string display_name)
    : source_(std::move(source)), name_(std::move(display_name)), buf_(1u << 20) {}

void FastqParser::bad(const std::string& what) {
  // Plain gzip checks its CRC only at the end of a member, so corrupt data can reach the
  // parser first: look for a decompression error before blaming the FASTQ text.
  if (source_->compression() == Compression::Gzip) {
    std::vector<char> sink(1u << 20);
    while (source_->read(sink.data(), sink.size()) > 0) {
    }
  }
  fail_data(name_ + " record " + with_commas(record_no_) + ": " + what);
}

bool FastqParser::refill() {
  if (eof_) return false;
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (end_ == buf_.size()) {
    if (buf_.size() >= kMaxLine) bad("line longer than 64 MiB (not a FASTQ file?)");
    buf_.resize(buf_.size() * 2);
  }
  const std::size_t got = source_->read(buf_.data() + end_, buf_.size() - end_);
  if (got == 0) {
    eof_ = true;
    return false;
  }
  end_ += got;
  return true;
}

bool FastqParser::next_line(const char*& begin, std::size_t& len) {
  std::size_t scan = pos_;
  for (;;) {
    const void* nl = std::memchr(buf_.data() + scan, '\n', end_ - scan);
    if (nl) {
      const std::size_t at = static_cast<const char*>(nl) - buf_.data();
      begin = buf_.data() + pos_;
      len = at - pos_;
      pos_ = at + 1;
      break;
    }
    const std::size_t scanned = end_ - pos_;
    if (!refill()) {
      if (pos_ == end_) return false;
      begin = buf_.data() + pos_;  // last line without a newline
      len = end_ - pos_;
      pos_ = end_;
      ended_without_newline_ = true;
      break;
    }
    scan = pos_ + scanned;
  }
  if (len > 0 && begin[len - 1] == '\r') --len;
  return true;
}

bool FastqParser::next(FastqRecord& rec) {
  const char* line;
  std::size_t len;
  // Header, skipping empty lines only when nothing follows them.
  for (;;) {
    if (!next_line(line, len)) return false;
    if (len > 0) break;
    std::uint64_t blank_lines = 1;
    while (next_line(line, len) && len == 0) ++blank_lines;
    if (len == 0) return false;  // trailing empty lines at end of file
    ++record_no_;
    bad("empty line where a record was expected (" + std::to_string(blank_lines) + " blank line" +
        (blank_lines > 1 ? "s" : "") + " inside the file)");
  }
  ++record_no_;
  if (line[0] != '@') {
    const bool bam = record_no_ == 1 && len >= 4 && std::memcmp(line, "BAM\1", 4) == 0;
    bad("expected a header line starting with '@', found " + show_char(line[0]) +
        (line[0] == '>' ? " (FASTA, not FASTQ?)" : bam ? " (a BAM file, not FASTQ?)" : ""));
  }
  std::size_t name_end = 1;
  while (name_end < len && line[name_end] != ' ' && line[name_end] != '\t') ++name_end;
  if (name_end == 1) bad("empty read name");
  if (name_end - 1 > kMaxNameLength) {
    bad("read name of " + std::to_string(name_end - 1) + " characters, more than SAM/BAM's limit of 254: '" +
        std::string(line + 1, 40) + "...'");
  }
  rec.name.assign(line + 1, name_end - 1);
  rec.comment.clear();
  if (name_end < len) rec.comment.assign(line + name_end + 1, len - name_end - 1);

  if (!next_line(line, len)) bad("truncated record: the file ends after the header line");
  rec.seq.resize(len);
  bool all_bases = true;  // branch-free loop; the error path looks for the culprit afterwards
  for (std::size_t i = 0; i < len; ++i) {
    const char b = kBaseTable[static_cast<unsigned char>(line[i])];
    all_bases &= b != 0;
    rec.seq[i] = b;
  }
  if (!all_bases) {
    std::size_t i = 0;
    while (kBaseTable[static_cast<unsigned char>(line[i])] != 0) ++i;
    bad("invalid base " + show_char(line[i]) + " at position " + std::to_string(i + 1) + " of the sequence");
  }

  if (!next_line(line, len)) bad("truncated record: the file ends after the sequence line");
  if (len == 0 || line[0] != '+') {
    bad(std::string("expected the '+' separator line, found ") + (len == 0 ? "an empty line" : show_char(line[0])) +
        " (wrapped or malformed FASTQ?)");
  }
  if (len > 1) {
    const std::size_t title = rec.name.size() + (rec.comment.empty() ? 0 : rec.comment.size() + 1);
    const std::size_t n = rec.name.size();
    const bool name_matches = len - 1 >= n && std::memcmp(line + 1, rec.name.data(), n) == 0;
    const bool same_name =
        name_matches && (len - 1 == n || (len - 1 == title && (line[1 + n] == ' ' || line[1 + n] == '\t') &&
                                          std::memcmp(line + 2 + n, rec.comment.data(), rec.comment.size()) == 0));
    if (!same_name) bad("the '+' line repeats a different name than the header");
  }

  if (!next_line(line, len)) bad("truncated record: the file ends before the quality line");
  if (len < rec.seq.size() && ended_without_newline_) {
    bad("truncated record: the file ends inside the quality line (" + std::to_string(len) + " of " +
        std::to_string(rec.seq.size()) + " qualities)");
  }
  if (len != rec.seq.size()) {
    bad("sequence and quality lengths differ (" + std::to_string(rec.seq.size()) + " vs " + std::to_string(len) + ")");
  }
  rec.qual.assign(line, len);
  unsigned out_of_range = 0;  // vectorisable: '!'..'~' is 33..126, i.e. (q - 33) <= 93
  for (std::size_t i = 0; i < len; ++i) {
    out_of_range |= static_cast<unsigned char>(static_cast<unsigned char>(line[i]) - 33u) > 93u;
  }
  if (out_of_range) {
    std::size_t i = 0;
    while (static_cast<unsigned char>(static_cast<unsigned char>(line[i]) - 33u) <= 93u) ++i;
    bad("quality " + show_char(line[i]) + " at position " + std::to_string(i + 1) +
        " is outside the Phred+33 range ('!'..'~')");
  }
  return true;
}

}  // namespace helicase::io
