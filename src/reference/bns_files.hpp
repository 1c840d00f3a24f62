// bns_files.hpp -- the annotation and packed-sequence files of a BWA index: P.ann, P.amb, P.pac.
//
// Formats (bwa 0.7.17 bntseq.c, written byte for byte the same):
//   P.ann  "<l_pac> <n_seqs> <seed>\n", then per contig "<gi> <name> <comment or (null)>\n"
//          and "<offset> <length> <n_ambs>\n" (gi is 0; offsets count forward-strand bases).
//   P.amb  "<l_pac> <n_seqs> <n_holes>\n", then per run of one ambiguous character
//          "<offset> <length> <character>\n".
//   P.pac  the forward strand, 2 bits per base (A0 C1 G2 T3), first base in the top bits;
//          ceil(l_pac/4) bytes, one 0 byte more when l_pac % 4 == 0, then a byte l_pac % 4.
// read_bns() parses P.ann and P.amb as bwa's bns_restore does and checks that they agree
// with each other (exit 3 naming the file and line otherwise).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace helicase::reference {

struct ContigAnn {
  std::int32_t gi = 0;
  std::string name;
  std::string anno;  // kseq's comment, "(null)" when there is none
  std::uint64_t offset = 0;
  std::uint32_t length = 0;
  std::uint32_t n_ambs = 0;  // runs of ambiguous characters in this contig
};

struct AmbiguousRun {
  std::uint64_t offset = 0;
  std::uint32_t length = 0;
  char base = 'N';
};

struct BnsInfo {
  std::uint64_t l_pac = 0;
  std::uint32_t seed = 11;
  std::vector<ContigAnn> contigs;
  std::vector<AmbiguousRun> holes;
};

std::string format_ann(const BnsInfo& bns);
std::string format_amb(const BnsInfo& bns);
// Parses the texts (names used in messages); exit 3 on malformed or inconsistent content.
BnsInfo parse_bns(const std::string& ann_text, const std::string& ann_name, const std::string& amb_text,
                  const std::string& amb_name);

// Size in bytes of P.pac for l_pac bases.
std::uint64_t pac_file_size(std::uint64_t l_pac);
// Packs base codes 0..3 into the P.pac layout (including the two trailing bytes).
std::vector<std::uint8_t> pack_pac(const std::uint8_t* codes, std::uint64_t l_pac);

}  // namespace helicase::reference
