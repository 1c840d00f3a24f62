// reference_fasta_test.cpp -- the reference FASTA scanner (kseq's header split, faidx's layout
// rule, errors naming line and contig), the packer (bwa's ambiguous-base handling and glibc's
// lrand48), and the .ann/.amb/.pac/.dict formats.
#include <gtest/gtest.h>

#include <cstdlib>

#include "common/error.hpp"
#include "reference/bases.hpp"
#include "reference/bns_files.hpp"
#include "reference/fai_dict.hpp"
#include "reference/fasta_scanner.hpp"
#include "reference/reference_packer.hpp"

namespace helicase::reference {
namespace {

using namespace std::string_literals;

struct Recorded {
  std::string name, comment, seq;
};

class RecordingSink : public FastaSink {
 public:
  std::vector<Recorded> contigs;
  void begin_contig(const std::string& name, const std::string& comment) override {
    contigs.push_back({name, comment, ""});
  }
  void bases(const char* p, std::size_t n) override { contigs.back().seq.append(p, n); }
  void end_contig() override {}
};

std::vector<Recorded> scan(const std::string& text) {
  RecordingSink sink;
  scan_fasta_bytes(text, "t.fa", sink);
  return sink.contigs;
}

// The exit-3 message for text, or "" when it is accepted.
std::string error_of(const std::string& text) {
  try {
    scan(text);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadData);
    return e.what();
  }
  return "";
}

TEST(ReferenceFasta, HeadersSplitLikeKseq) {
  const auto c = scan(">chr1 Homo sapiens\tx\nACGT\n>chr2\tAS:GRCh38  \nGG\n>chr3\r\nTT\r\n>chr4 c\r\nAA\n>chr5 \nC\n");
  ASSERT_EQ(c.size(), 5u);
  EXPECT_EQ(c[0].name, "chr1");
  EXPECT_EQ(c[0].comment, "Homo sapiens\tx");
  EXPECT_EQ(c[1].name, "chr2");
  EXPECT_EQ(c[1].comment, "AS:GRCh38  ");
  EXPECT_EQ(c[2].name, "chr3");
  EXPECT_EQ(c[2].comment, "");
  EXPECT_EQ(c[2].seq, "TT");
  EXPECT_EQ(c[3].comment, "c");
  EXPECT_EQ(c[4].comment, "");
}

TEST(ReferenceFasta, LinesCaseIupacAndCrlf) {
  const auto c = scan("\n\n>a\nACGTN\nacgtn\nRYKM\n\n>b\r\nswbd\r\nhvU\r\n\r\n>c\nA");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].seq, "ACGTNacgtnRYKM");
  EXPECT_EQ(c[1].seq, "swbdhvU");
  EXPECT_EQ(c[2].seq, "A");
}

TEST(ReferenceFasta, OneLineContigsAndLongLines) {
  const std::string big(3'000'000, 'C');
  const auto c = scan(">x\n" + big + "\n>y\n" + big.substr(0, 10) + "\n");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].seq.size(), big.size());
  EXPECT_EQ(c[1].seq, "CCCCCCCCCC");
}

TEST(ReferenceFasta, ErrorsNameTheLineAndContig) {
  EXPECT_NE(error_of("ACGT\n").find("t.fa line 1: not a FASTA file"), std::string::npos);
  EXPECT_NE(error_of("@r1\nACGT\n+\nIIII\n").find("FASTQ"), std::string::npos);
  EXPECT_NE(error_of("").find("not a FASTA file"), std::string::npos);
  EXPECT_NE(error_of(">a\nAC\n>a\nGT\n").find("t.fa line 3: duplicate contig name 'a'"), std::string::npos);
  EXPECT_NE(error_of(">a\n>b\nAC\n").find("t.fa line 1: contig a has no sequence"), std::string::npos);
  EXPECT_NE(error_of(">a\nAC\n>b\n").find("contig b has no sequence"), std::string::npos);
  EXPECT_NE(error_of(">a\nACGT\nAXGT\n").find("t.fa line 3 (contig a): 'X' (0x58) is not a nucleotide"),
            std::string::npos);
  EXPECT_NE(error_of(">a\nAC-GT\n").find("'-'"), std::string::npos);
  EXPECT_NE(error_of(">a\nAC GT\n").find("' ' (0x20)"), std::string::npos);
  EXPECT_NE(error_of(">a\nAC\rGT\n").find("carriage return"), std::string::npos);
  EXPECT_NE(error_of(">a\nA\0C\n"s).find("byte 0x00"), std::string::npos);
  EXPECT_NE(error_of("> a\nAC\n").find("line 1: header line without a sequence name"), std::string::npos);
  EXPECT_NE(error_of(">a,b\nAC\n").find("'a,b' is not a valid reference name"), std::string::npos);
  EXPECT_NE(error_of(">*a\nAC\n").find("not a valid reference name"), std::string::npos);
  EXPECT_EQ(error_of(">a*=b\nAC\n"), "");
}

TEST(ReferenceFasta, FaidxLayoutRule) {
  EXPECT_EQ(error_of(">a\nACGT\nACGT\nAC\n>b\nA\n"), "");
  EXPECT_NE(error_of(">a\nACGT\nACGTA\n").find("line 3 (contig a): line is longer"), std::string::npos);
  EXPECT_NE(error_of(">a\nACGT\nAC\nACGT\n").find("line 4 (contig a): line follows a shorter line"),
            std::string::npos);
  EXPECT_NE(error_of(">a\nACGT\n\nACGT\n").find("line 4 (contig a): sequence after a blank line"),
            std::string::npos);
  // Mixed line ends change the raw line length, which samtools faidx cannot index either.
  EXPECT_NE(error_of(">a\nACGT\r\nACGT\nAC\n").find("line follows a shorter line"), std::string::npos);
}

TEST(ReferenceFasta, Lrand48MatchesGlibc) {
  for (long seed : {11L, 0L, 1L, 12345L, 0x7fffffffL}) {
    ::srand48(seed);
    Lrand48 ours(static_cast<std::uint32_t>(seed));
    for (int i = 0; i < 1000; ++i) ASSERT_EQ(static_cast<long>(ours.next()), ::lrand48()) << seed << " " << i;
  }
}

TEST(ReferenceFasta, PackerReplacesAmbiguousBasesAndRecordsRuns) {
  ReferencePacker packer;
  scan_fasta_bytes(">a x\nACNNnNRT\nacgtNN\n>b\nNNNN\nGGKK\n", "t.fa", packer);
  const PackedReference ref = packer.take();
  ASSERT_EQ(ref.bns.l_pac, 22u);
  ASSERT_EQ(ref.bns.contigs.size(), 2u);
  EXPECT_EQ(ref.bns.contigs[0].anno, "x");
  EXPECT_EQ(ref.bns.contigs[1].anno, "(null)");
  EXPECT_EQ(ref.bns.contigs[1].offset, 14u);
  // Runs of one character, case-sensitive, not crossing contigs: NN, n, N, R, NN | NNNN, KK.
  EXPECT_EQ(ref.bns.contigs[0].n_ambs, 5u);
  EXPECT_EQ(ref.bns.contigs[1].n_ambs, 2u);
  EXPECT_EQ(format_amb(ref.bns), "22 2 7\n2 2 N\n4 1 n\n5 1 N\n6 1 R\n12 2 N\n14 4 N\n20 2 K\n");
  EXPECT_EQ(format_ann(ref.bns), "22 2 11\n0 a x\n0 14 5\n0 b (null)\n14 8 2\n");
  // Ambiguous bases take lrand48() & 3 after srand48(11), one draw each in FASTA order.
  ::srand48(11);
  const std::string text = "ACNNnNRTacgtNNNNNNGGKK";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::uint8_t code = kBaseCode[static_cast<unsigned char>(text[i])];
    const std::uint8_t want = code < 4 ? code : static_cast<std::uint8_t>(::lrand48() & 3);
    ASSERT_EQ(ref.codes[i], want) << i;
  }
  EXPECT_EQ(ref.md5[1], "90d46340fa84dd3ad6f2564b7e888a0e");  // md5("NNNNGGKK")
}

TEST(ReferenceFasta, PacLayout) {
  const std::uint8_t codes[] = {0, 1, 2, 3, 3, 2, 1, 0, 1};
  EXPECT_EQ(pack_pac(codes, 9), (std::vector<std::uint8_t>{0x1B, 0xE4, 0x40, 1}));
  EXPECT_EQ(pack_pac(codes, 8), (std::vector<std::uint8_t>{0x1B, 0xE4, 0, 0}));
  EXPECT_EQ(pack_pac(codes, 1), (std::vector<std::uint8_t>{0x00, 1}));
  EXPECT_EQ(pac_file_size(4), 3u);
  EXPECT_EQ(pac_file_size(5), 3u);
}

TEST(ReferenceFasta, AnnAmbRoundTripAndInconsistency) {
  const std::string ann = "30 2 11\n0 chr1 some comment\n0 20 1\n0 chr2 (null)\n20 10 0\n";
  const std::string amb = "30 2 1\n3 4 N\n";
  const BnsInfo b = parse_bns(ann, "p.ann", amb, "p.amb");
  EXPECT_EQ(format_ann(b), ann);
  EXPECT_EQ(format_amb(b), amb);
  EXPECT_THROW(parse_bns(ann, "p.ann", "31 2 1\n3 4 N\n", "p.amb"), Error);
  EXPECT_THROW(parse_bns(ann, "p.ann", "30 2 0\n", "p.amb"), Error);
  EXPECT_THROW(parse_bns("30 2 11\n0 chr1 x\n0 20 1\n0 chr2 x\n21 9 0\n", "p.ann", amb, "p.amb"), Error);
  EXPECT_THROW(parse_bns("30 2 11\n0 chr1 x\n0 20 1\n", "p.ann", amb, "p.amb"), Error);
  try {
    parse_bns("30 x 11\n", "p.ann", amb, "p.amb");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadData);
    EXPECT_NE(std::string(e.what()).find("p.ann line 1"), std::string::npos);
  }
}

TEST(ReferenceFasta, DictPathAndUri) {
  EXPECT_EQ(dict_path_for("/r/hg38.fa"), "/r/hg38.dict");
  EXPECT_EQ(dict_path_for("/r/hg38.fasta.gz"), "/r/hg38.dict");
  EXPECT_EQ(dict_path_for("/r/hg38.fna"), "/r/hg38.dict");
  EXPECT_EQ(dict_path_for("/r/idx/hg38"), "/r/idx/hg38.dict");
  EXPECT_EQ(dict_path_for("/r.fa/hg38"), "/r.fa/hg38.dict");
  EXPECT_EQ(java_file_uri("/a//b/c.fa"), "file:/a/b/c.fa");
  EXPECT_EQ(java_file_uri("x/./c.fa").rfind("/x/./c.fa"), java_file_uri("x/./c.fa").size() - 9);
  BnsInfo b;
  b.contigs.push_back(ContigAnn{0, "c1", "(null)", 0, 12, 0});
  EXPECT_EQ(format_dict(b, {"0123"}, "file:/r.fa"), "@HD\tVN:1.6\n@SQ\tSN:c1\tLN:12\tM5:0123\tUR:file:/r.fa\n");
}

}  // namespace
}  // namespace helicase::reference
