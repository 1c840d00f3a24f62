// fasta_scanner.hpp -- streaming, validating reader of a reference FASTA (plain, gzip, BGZF).
//
// scan_fasta() reads the file once and hands each contig to a FastaSink: its name and
// comment exactly as bwa's kseq splits the header (name up to the first white space, the
// comment after it, a trailing CR removed), then its sequence characters line by line
// (without line ends). It accepts only what bwa index, samtools faidx and Picard all read
// the same way, and fails with exit 3 naming the line and contig otherwise:
//   - the first non-blank line must be a '>' header (else "not a FASTA file");
//   - a name must be non-empty, a valid SAM reference name (Picard's rule) and unique;
//   - sequence characters must be IUPAC nucleotide codes (bases.hpp), either case;
//   - a contig must have at least one base;
//   - samtools faidx's layout rule: every line of a contig but the last has the length of
//     its first line, the last is not longer, and no blank line sits inside a contig.
// Lines may end in LF or CRLF; a missing newline at the end of the file is fine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/thread_pool.hpp"
#include "io/byte_source.hpp"

namespace helicase::reference {

class FastaSink {
 public:
  virtual ~FastaSink() = default;
  virtual void begin_contig(const std::string& name, const std::string& comment) = 0;
  // Validated sequence characters of one line, or of part of one (a line may arrive in pieces).
  virtual void bases(const char* p, std::size_t n) = 0;
  virtual void end_contig() = 0;
};

struct FastaScanSummary {
  io::Compression compression = io::Compression::Plain;
  std::uint64_t contigs = 0;
  std::uint64_t bases = 0;
  std::uint64_t lines = 0;
};

FastaScanSummary scan_fasta(const std::string& path, ThreadPool& pool, FastaSink& sink);

// The same over bytes already in memory (tests; display_name is used in messages).
FastaScanSummary scan_fasta_bytes(const std::string& bytes, const std::string& display_name, FastaSink& sink);

// Picard's (htsjdk's) rule for a reference name: [0-9A-Za-z!#$%&+./:;?@^_|~-][0-9A-Za-z!#$%&*+./:;=?@^_|~-]*
bool is_valid_reference_name(const std::string& name);

}  // namespace helicase::reference
