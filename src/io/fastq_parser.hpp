// fastq_parser.hpp -- validating parser of 4-line FASTQ records from a ByteSource.
//
// Each record is "@name[ comment]", sequence, "+[name[ comment]]", quality, as Illumina
// writes them and Picard's FastqReader requires (no line wrapping). CRLF line ends are
// accepted. Sequence letters may be any IUPAC code in either case ('.' reads as N) and
// are returned upper-case; qualities must be Phred+33 ('!'..'~') and as long as the
// sequence; names at most 254 characters (SAM/BAM's limit). Trailing empty lines at the end
// of the file are ignored. Any violation throws exit 3 as "<path> record <n>: <what>" (n
// counts from 1); on gzip input a decompression error found later in the file wins, since
// gzip's CRC can only catch corrupt data at the end of a member.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "io/byte_source.hpp"

namespace helicase::io {

struct FastqRecord {
  std::string name;     // up to the first space or tab, without '@'
  std::string comment;  // after the first space/tab, may be empty
  std::string seq;      // upper-case IUPAC
  std::string qual;     // Phred+33 text
};

class FastqParser {
 public:
  FastqParser(std::unique_ptr<ByteSource> source, std::string display_name);

  // Reads the next record into rec; false at the end of the file.
  bool next(FastqRecord& rec);

  std::uint64_t records() const { return record_no_; }
  const std::string& display_name() const { return name_; }
  const ByteSource& source() const { return *source_; }

  // Longest line accepted (a guard against binary input without newlines).
  static constexpr std::size_t kMaxLine = 64u << 20;
  // Longest read name SAM/BAM can store.
  static constexpr std::size_t kMaxNameLength = 254;

 private:
  // Returns the next line without its terminator; false at end of data.
  bool next_line(const char*& begin, std::size_t& len);
  bool refill();
  [[noreturn]] void bad(const std::string& what);

  std::unique_ptr<ByteSource> source_;
  std::string name_;
  std::vector<char> buf_;
  std::size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  bool ended_without_newline_ = false;  // the file's last line had no terminator (cut short?)
  std::uint64_t record_no_ = 0;
};

// Upper-cases IUPAC letters (and '.' -> 'N'); returns 0 for characters that are not bases.
char normalize_base(char c);

}  // namespace helicase::io
