// gatk_report_test.cpp -- Java number formatting and GATKReport v1.1 reading/writing.
#include <gtest/gtest.h>

#include <cstring>
#include <sstream>

#include "bqsr/gatk_report.hpp"
#include "bqsr/java_format.hpp"
#include "bqsr_test_util.hpp"
#include "common/error.hpp"
#include "test_util.hpp"

namespace helicase::bqsr {
namespace {

struct FormatCase {
  long long bits;
  const char* to_string;
  const char* f2;
  const char* f4;
  const char* f8;
};

// Produced by OpenJDK 17 (Double.toString and String.format "%.2f" "%.4f" "%.8f").
const FormatCase kJava[] = {
    {4607204936798154260LL, "1.005", "1.01", "1.0050", "1.00500000"},
    {4593671619917905920LL, "0.125", "0.13", "0.1250", "0.12500000"},
    {4613205983301625446LL, "2.675", "2.68", "2.6750", "2.67500000"},
    {4628306960990914950LL, "27.04945", "27.05", "27.0495", "27.04945000"},
    {4602678819172646912LL, "0.5", "0.50", "0.5000", "0.50000000"},
    {4532020583610935537LL, "1.0E-5", "0.00", "0.0000", "0.00001000"},
    {4683220298875283702LL, "123456.785", "123456.79", "123456.7850", "123456.78500000"},
    {0LL, "0.0", "0.00", "0.0000", "0.00000000"},
    {4631530004285489152LL, "45.0", "45.00", "45.0000", "45.00000000"},
    {4566758108544739836LL, "0.002", "0.00", "0.0020", "0.00200000"},
    {4621816302839204413LL, "9.995", "10.00", "9.9950", "9.99500000"},
    {4557750909289998752LL, "4.9999999999999E-4", "0.00", "0.0005", "0.00050000"},
    {4629888066921343659LL, "33.333333333333336", "33.33", "33.3333", "33.33333333"},
    {4632110546424954880LL, "49.125", "49.13", "49.1250", "49.12500000"},
    {4586646004499207946LL, "0.045", "0.05", "0.0450", "0.04500000"},
    {4599676419421066581LL, "0.3333333333333333", "0.33", "0.3333", "0.33333333"},
    {4604180019048437077LL, "0.6666666666666666", "0.67", "0.6667", "0.66666667"},
    {4636736939510915400LL, "99.995", "100.00", "99.9950", "99.99500000"},
    {4698053236609777664LL, "1234567.0", "1234567.00", "1234567.0000", "1234567.00000000"},
    {4711630319722168320LL, "1.0E7", "10000000.00", "10000000.0000", "10000000.00000000"},
    {4712889646492470477LL, "1.23456789E7", "12345678.90", "12345678.9000", "12345678.90000000"},
    {4562254508917369340LL, "0.001", "0.00", "0.0010", "0.00100000"},
    {4562208392057185066LL, "9.9E-4", "0.00", "0.0010", "0.00099000"},
    {4464366475030941260LL, "3.0E-10", "0.00", "0.0000", "0.00000000"},
    {4559595583697369799LL, "7.0E-4", "0.00", "0.0007", "0.00070000"},
    {4639481672025721463LL, "149.99999", "150.00", "150.0000", "149.99999000"},
    {4599976659396224614LL, "0.35", "0.35", "0.3500", "0.35000000"},
    {4594572339843380019LL, "0.15", "0.15", "0.1500", "0.15000000"},
};

double from_bits(long long bits) {
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

TEST(JavaFormat, MatchesJavaOnTiesAndExponents) {
  for (const auto& c : kJava) {
    const double d = from_bits(c.bits);
    EXPECT_EQ(java_double_to_string(d), c.to_string) << c.to_string;
    EXPECT_EQ(java_fixed(d, 2), c.f2) << c.to_string;
    EXPECT_EQ(java_fixed(d, 4), c.f4) << c.to_string;
    EXPECT_EQ(java_fixed(d, 8), c.f8) << c.to_string;
  }
}

// commons-lang3 NumberUtils.isCreatable, as Java answered.
TEST(JavaFormat, IsCreatableMatchesCommonsLang) {
  const std::pair<const char*, bool> cases[] = {
      {"12", true},
      {"-3", true},
      {"0x1F", true},
      {"0x", false},
      {"017", true},
      {"019", false},
      {"1.5e3", true},
      {"1e", false},
      {"1.", true},
      {"1.5f", true},
      {"1L", true},
      {"1.5L", false},
      {".5", true},
      {"-.5e-3", true},
      {"abc", false},
      {"809R9ABXX101220.5", false},
      {"20GAVAAXX100126.8", false},
      {"1e+", false},
      {"+1", true},
      {"--1", false},
      {"1d", true},
      {"null", false},
      {"3.14D", true},
      {"0.0", true},
      {"45", true},
      {" 12", false},
  };
  for (const auto& [s, want] : cases) EXPECT_EQ(java_is_creatable(s), want) << s;
}

TEST(JavaFormat, RoundLikeJava) {
  EXPECT_EQ(java_round(0.49999999999999994), 0);
  EXPECT_EQ(java_round(2.5), 3);
  EXPECT_EQ(java_round(-2.5), -2);
  EXPECT_EQ(java_round(1e300), 9223372036854775807LL);
  EXPECT_DOUBLE_EQ(round_to_decimals(27.04944999, 4), 27.0494);
  EXPECT_DOUBLE_EQ(round_to_decimals(0.125, 2), 0.13);
  EXPECT_DOUBLE_EQ(round_to_decimals(49.134999999, 2), 49.13);
}

std::string render(const Report& r) {
  std::ostringstream out;
  r.write(out);
  return out.str();
}

TEST(GatkReport, RoundTripsGatk4RecalibrationTableByteForByte) {
  const std::string path = test::testdata("gatk/bqsr_chr17/expected.NA12878.chr17_69k_70k.txt");
  const Report r = read_report(path);
  ASSERT_EQ(r.tables().size(), 5u);
  EXPECT_EQ(r.table("Arguments", path).num_rows(), 17u);
  EXPECT_EQ(r.table("Quantized", path).num_rows(), 94u);
  EXPECT_EQ(r.table("RecalTable2", path).num_rows(), 3605u);
  EXPECT_EQ(render(r), test::read_file(path));
  const std::string post = test::testdata("gatk/bqsr_chr17/expected.NA12878.chr17_69k_70k.postRecalibrated.txt");
  EXPECT_EQ(render(read_report(post)), test::read_file(post));
}

TEST(GatkReport, ReadsGatk3GzippedReport) {
  const std::string path = test::testdata("gatk/applybqsr/HiSeq.20mb.1RG.table.gz");
  const Report r = read_report(path);
  const ReportTable& args = r.table("Arguments", path);
  EXPECT_EQ(args.num_rows(), 16u);
  EXPECT_EQ(std::get<std::string>(args.cell(4, "Value")), "6");  // indels_context_size
  const ReportTable& rg = r.table("RecalTable0", path);
  ASSERT_EQ(rg.num_rows(), 3u);
  EXPECT_EQ(std::get<std::string>(rg.cell(0, "ReadGroup")), "20GAVAAXX100126.8");
  EXPECT_DOUBLE_EQ(std::get<double>(rg.cell(0, "Observations")), 74271335.0);
  EXPECT_DOUBLE_EQ(std::get<double>(rg.cell(0, "Errors")), 148412.17);
  EXPECT_DOUBLE_EQ(std::get<double>(rg.cell(0, "EstimatedQReported")), 27.4717);
  EXPECT_EQ(std::get<std::string>(r.table("RecalTable1", path).cell(0, "QualityScore")), "6");
}

TEST(GatkReport, WritesGatkLayout) {
  ReportTable t("T1", "desc", {{"Name", "%s"}, {"Count", "%d"}, {"Value", "%.2f"}, {"Any", ""}});
  t.add_row({std::string("b"), std::int64_t{10}, 1.005, std::string("x y")});
  t.add_row({std::string("a"), std::int64_t{-3}, 0.125, std::string("12")});
  t.add_row({std::string("a"), std::int64_t{-16}, 2.0, std::string("null")});
  Report r;
  r.add_table(t);
  EXPECT_EQ(render(r),
            "#:GATKReport.v1.1:1\n"
            "#:GATKTable:4:3:%s:%d:%.2f:%s:;\n"
            "#:GATKTable:T1:desc\n"
            "Name  Count  Value  Any \n"
            "a       -16   2.00  null\n"
            "a        -3   0.13  12  \n"
            "b        10   1.01  x y \n"
            "\n");
}

TEST(GatkReport, RejectsMalformedFiles) {
  for (const char* bad : {"", "#:GATKReport.v1.0:1\n", "#:GATKReport.v1.1:1\n#:GATKTable:2:5:%s:%d:;\n#:GATKTable:X:\nA  B\na  1\n",
                          "#:GATKReport.v1.1:1\n#:GATKTable:2:1:%s:%d:;\n#:GATKTable:X:\nA  B\na  z\n"}) {
    try {
      parse_report(bad, "t.txt");
      ADD_FAILURE() << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::BadData) << bad;
    }
  }
}

}  // namespace
}  // namespace helicase::bqsr
