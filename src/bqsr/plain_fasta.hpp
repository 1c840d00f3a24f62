// plain_fasta.hpp -- whole-contig reads of an uncompressed, regularly wrapped FASTA in one
// sequential read, for Reference::contig.
//
// HTSlib's faidx_fetch_seq64 reads a contig one byte at a time through BGZF (~0.3 s per 60 Mbp
// contig), which dominates a short interval's run time. Here the .fai entry (offset, bases per
// line, bytes per line) gives the byte range; it is read with pread and the line ends are
// dropped. Anything unexpected (compressed FASTA, a line end not where the .fai says, another
// line-ending style) returns false and the caller falls back to HTSlib, which stays the
// reference behaviour. HTSlib also skips bytes that are not graphical: the caller, which reads
// every byte anyway, falls back when it meets one (Reference's normalization pass).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

namespace helicase::bqsr {

class PlainFasta {
 public:
  // Reads `fai_path`; usable() is false when the FASTA is compressed or the .fai unreadable.
  PlainFasta(const std::string& fasta_path, const std::string& fai_path);
  bool usable() const { return usable_; }
  // The raw bases of contig `name` (length `length`), into *out; false -> use HTSlib instead.
  bool fetch(const std::string& name, std::int64_t length, std::string* out) const;

 private:
  struct Entry {
    std::int64_t length, offset, line_bases, line_bytes;
  };
  std::string fasta_path_;
  std::unordered_map<std::string, Entry> entries_;
  bool usable_ = false;
};

}  // namespace helicase::bqsr
