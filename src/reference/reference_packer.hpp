// reference_packer.hpp -- turns scanned FASTA contigs into bwa's packed reference.
//
// A FastaSink that does what bwa's bns_fasta2bntseq does while reading: every base becomes
// a code 0..3 (bases.hpp); each ambiguous character becomes lrand48() & 3 of a generator
// seeded with 11 (one draw per ambiguous base, in FASTA order), and each run of one
// ambiguous character (case-sensitive, within a contig) is recorded as a hole for P.amb.
// It also keeps what P.dict needs: the MD5 of each contig's upper-cased bases (Picard).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reference/bases.hpp"
#include "reference/bns_files.hpp"
#include "reference/fasta_scanner.hpp"

namespace helicase::reference {

struct PackedReference {
  BnsInfo bns;
  std::vector<std::uint8_t> codes;  // forward strand, one code 0..3 per base (l_pac of them)
  std::vector<std::string> md5;     // per contig, lower-case hex
};

class ReferencePacker : public FastaSink {
 public:
  // expected_bases: a hint for the first allocation (0 when unknown).
  explicit ReferencePacker(std::uint64_t expected_bases = 0);
  ~ReferencePacker() override;
  ReferencePacker(const ReferencePacker&) = delete;
  ReferencePacker& operator=(const ReferencePacker&) = delete;

  void begin_contig(const std::string& name, const std::string& comment) override;
  void bases(const char* p, std::size_t n) override;
  void end_contig() override;

  PackedReference take();

 private:
  PackedReference out_;
  Lrand48 rng_{kBwaSeed};
  char last_ = 0;            // previous character of this contig (kseq's `lasts`)
  std::vector<char> upper_;  // upper-cased copy of a line for the MD5
  void* md5_ = nullptr;      // hts_md5_context
};

}  // namespace helicase::reference
