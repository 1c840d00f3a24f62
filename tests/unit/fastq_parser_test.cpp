// fastq_parser_test.cpp -- record parsing and every validation error.
#include <gtest/gtest.h>

#include "common/error.hpp"
#include "io/fastq_parser.hpp"
#include "test_util.hpp"

namespace helicase::io {
namespace {

struct Parsed {
  std::vector<FastqRecord> records;
  std::string error;  // "" when parsing succeeded
  ErrorKind kind = ErrorKind::Internal;
};

Parsed parse(const std::string& text, bool gzip = false) {
  test::TempDir dir;
  const std::string path = dir.file("in.fq");
  test::write_file(path, gzip ? test::gzip_member(text) : text);
  ThreadPool pool(1);
  Parsed p;
  try {
    FastqParser parser(open_byte_source(path, pool), "in.fq");
    FastqRecord rec;
    while (parser.next(rec)) p.records.push_back(rec);
  } catch (const Error& e) {
    p.error = e.what();
    p.kind = e.kind();
  }
  return p;
}

const std::string kGood = "@r1 1:N:0:ACGT\nACGT\n+\nIIII\n@r2\nAC\n+r2\n#I\n";

TEST(FastqParser, ParsesRecords) {
  const Parsed p = parse(kGood);
  ASSERT_EQ(p.error, "");
  ASSERT_EQ(p.records.size(), 2u);
  EXPECT_EQ(p.records[0].name, "r1");
  EXPECT_EQ(p.records[0].comment, "1:N:0:ACGT");
  EXPECT_EQ(p.records[0].seq, "ACGT");
  EXPECT_EQ(p.records[0].qual, "IIII");
  EXPECT_EQ(p.records[1].name, "r2");
  EXPECT_EQ(p.records[1].comment, "");
}

TEST(FastqParser, GzipEqualsPlain) {
  const Parsed p = parse(kGood, true);
  ASSERT_EQ(p.error, "");
  EXPECT_EQ(p.records.size(), 2u);
}

TEST(FastqParser, CrlfNoFinalNewlineAndTrailingBlankLines) {
  Parsed p = parse("@r1\r\nACGT\r\n+\r\nIIII\r\n@r2\r\nA\r\n+\r\nI");
  ASSERT_EQ(p.error, "");
  ASSERT_EQ(p.records.size(), 2u);
  EXPECT_EQ(p.records[0].seq, "ACGT");
  EXPECT_EQ(p.records[0].qual, "IIII");
  p = parse(kGood + "\n\n\r\n");
  EXPECT_EQ(p.error, "");
  EXPECT_EQ(p.records.size(), 2u);
}

TEST(FastqParser, UpperCasesIupacAndDots) {
  const Parsed p = parse("@r\nacgtnRYkm.\n+\nIIIIIIIIII\n");
  ASSERT_EQ(p.error, "");
  EXPECT_EQ(p.records[0].seq, "ACGTNRYKMN");
}

TEST(FastqParser, EmptyReadAndEmptyFile) {
  Parsed p = parse("@r\n\n+\n\n");
  ASSERT_EQ(p.error, "");
  EXPECT_EQ(p.records[0].seq, "");
  p = parse("");
  EXPECT_EQ(p.error, "");
  EXPECT_TRUE(p.records.empty());
}

struct BadCase {
  const char* text;
  const char* message;
};

TEST(FastqParser, ErrorsNameRecordAndProblem) {
  const BadCase cases[] = {
      {"@r1\nACGT\n+\nIIII\n@r2\nACG\n+\nIIII\n", "in.fq record 2: sequence and quality lengths differ (3 vs 4)"},
      {"@r1\nACXT\n+\nIIII\n", "in.fq record 1: invalid base 'X' at position 3 of the sequence"},
      {"@r1\nACGT\n+\nII I\n", "in.fq record 1: quality byte 32 at position 3 is outside the Phred+33 range"},
      {"@r1\nACGT\n+\nIII\x7f\n", "in.fq record 1: quality byte 127 at position 4"},
      {"@r1\nACGT\nIIII\n", "in.fq record 1: expected the '+' separator line, found 'I'"},
      {"@r1\nACGT\n+r2\nIIII\n", "in.fq record 1: the '+' line repeats a different name"},
      {">r1\nACGT\n", "in.fq record 1: expected a header line starting with '@', found '>' (FASTA, not FASTQ?)"},
      {"@r1\nACGT\n+\nIIII\n@r2\nACGT\n", "in.fq record 2: truncated record: the file ends after the sequence line"},
      {"@r1\nACGT\n+\nIIII\n@r2\n", "in.fq record 2: truncated record: the file ends after the header line"},
      {"@r1\nACGT\n+\n", "in.fq record 1: truncated record: the file ends before the quality line"},
      {"@r1\nACGT\n+\nIIII\n\n@r2\nA\n+\nI\n", "in.fq record 2: empty line where a record was expected"},
      {"@ comment\nACGT\n+\nIIII\n", "in.fq record 1: empty read name"},
      {"@r1\nACGT\n+\nIIII\n@r2\nACGT\n+\nII", "in.fq record 2: truncated record: the file ends inside the quality line (2 of 4"},
      {"BAM\1\0\0", "in.fq record 1: expected a header line starting with '@', found 'B' (a BAM file, not FASTQ?)"},
  };
  for (const auto& c : cases) {
    const Parsed p = parse(c.text);
    EXPECT_EQ(p.kind, ErrorKind::BadData) << c.text;
    EXPECT_NE(p.error.find(c.message), std::string::npos) << "got: " << p.error << "\nwant: " << c.message;
  }
}

TEST(FastqParser, NamesUpToBamLimit) {
  EXPECT_EQ(parse("@" + std::string(254, 'n') + "\nA\n+\nI\n").error, "");
  const Parsed p = parse("@" + std::string(255, 'n') + "\nA\n+\nI\n");
  EXPECT_NE(p.error.find("in.fq record 1: read name of 255 characters, more than SAM/BAM's limit of 254"),
            std::string::npos) << p.error;
}

TEST(FastqParser, CorruptGzipBlamesGzipNotText) {
  // Flip bytes early in a large gzip member: inflate may emit garbage before the CRC check
  // at the member's end, but the error must name the gzip corruption.
  std::string text;
  for (int i = 0; i < 40000; ++i) text += "@r" + std::to_string(i) + "\nACGTACGTACGTAACCGGTT\n+\nIIIIIIIIIIIIIIIIIIII\n";
  std::string gz = test::gzip_member(text);
  test::TempDir dir;
  for (std::size_t at : {gz.size() / 3, gz.size() / 5}) {
    std::string bad_gz = gz;
    for (std::size_t k = 0; k < 8; ++k) bad_gz[at + k] = static_cast<char>(bad_gz[at + k] ^ 0x21);
    test::write_file(dir.file("c.gz"), bad_gz);
    ThreadPool pool(1);
    try {
      FastqParser parser(open_byte_source(dir.file("c.gz"), pool), "c.gz");
      FastqRecord rec;
      while (parser.next(rec)) {
      }
      ADD_FAILURE() << "corruption not detected";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::BadData);
      EXPECT_NE(std::string(e.what()).find("gzip"), std::string::npos) << e.what();
    }
  }
}

TEST(FastqParser, PlusLineMayRepeatTitle) {
  EXPECT_EQ(parse("@r1 c\nA\n+r1 c\nI\n").error, "");
  EXPECT_EQ(parse("@r1 c\nA\n+r1\nI\n").error, "");
  EXPECT_NE(parse("@r1 c\nA\n+r1 d\nI\n").error, "");
}

TEST(FastqParser, NormalizeBase) {
  EXPECT_EQ(normalize_base('a'), 'A');
  EXPECT_EQ(normalize_base('.'), 'N');
  EXPECT_EQ(normalize_base('u'), 'U');
  EXPECT_EQ(normalize_base('-'), 0);
  EXPECT_EQ(normalize_base('X'), 0);
  EXPECT_EQ(normalize_base('\0'), 0);
}

}  // namespace
}  // namespace helicase::io
