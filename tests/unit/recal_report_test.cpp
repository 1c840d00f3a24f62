// recal_report_test.cpp -- the recalibration model against GATK's own report files: parsing
// a report and rebuilding it (empirical qualities recomputed by the Bayesian estimate, the
// quantization recomputed from the counts) must give the file back byte for byte.
#include <gtest/gtest.h>

#include <sstream>

#include "bqsr/quantizer.hpp"
#include "bqsr/recal_report.hpp"
#include "bqsr_test_util.hpp"
#include "common/error.hpp"
#include "test_util.hpp"

namespace helicase::bqsr {
namespace {

std::string rebuild(const std::string& path) {
  const ParsedRecalReport p = parse_recal_report(read_report(path), path);
  const QuantizationInfo q = quantization_from_tables(p.tables, p.args.quantizing_levels);
  EXPECT_EQ(q.counts, p.quant.counts) << path;
  EXPECT_EQ(q.quantized, p.quant.quantized) << path;
  std::ostringstream out;
  make_recal_report(p.args, q, p.tables).write(out);
  return out.str();
}

TEST(RecalReport, RebuildsGatkReportsFromTheirCounts) {
  for (const char* rel : {"gatk/bqsr_chr17/expected.NA12878.chr17_69k_70k.txt",
                          "gatk/bqsr_chr17/expected.NA12878.chr17_69k_70k.postRecalibrated.txt"}) {
    const std::string path = test::testdata(rel);
    EXPECT_EQ(rebuild(path), test::read_file(path)) << rel;
  }
}

// An older GATK wrote this one (16 read groups, 12,099 RecalTable2 rows): its table headers
// declare "%s" where GATK 4.6 declares "%d"; every row must still come back identical.
TEST(RecalReport, RebuildsOlderReportRows) {
  const std::string path =
      test::testdata("gatk/pipeline_chr20/expected.CEUTrio.HiSeq.WGS.b37.ch20.1m-1m1k.NA12878.postRecalibrated.txt");
  auto without_format_lines = [](const std::string& text) {
    std::istringstream in(text);
    std::string line, out;
    while (std::getline(in, line)) {
      if (line.rfind("#:GATKTable:", 0) == 0 && line.find('%') != std::string::npos) continue;
      out += line + "\n";
    }
    return out;
  };
  const std::string want = without_format_lines(test::read_file(path));
  EXPECT_GT(want.size(), 1000000u);
  EXPECT_EQ(without_format_lines(rebuild(path)), want);
}

TEST(RecalReport, ParsesGatk3Report) {
  const std::string path = test::testdata("gatk/applybqsr/HiSeq.20mb.1RG.table.gz");
  const ParsedRecalReport p = parse_recal_report(read_report(path), path);
  EXPECT_EQ(p.args.indels_context_size, 6);
  EXPECT_EQ(p.args.maximum_cycle_value, 500);  // not in GATK 3's 16-row table: the default
  ASSERT_EQ(p.tables.read_groups.size(), 1u);
  const RecalDatum& rg = p.tables.rg_table.at({0, kMismatch});
  EXPECT_EQ(rg.observations, 74271335);
  EXPECT_DOUBLE_EQ(rg.mismatches(), 148412.17);
  EXPECT_DOUBLE_EQ(rg.reported_quality, 27.4717);
  EXPECT_EQ(p.quant.quantized[8], 10);
  EXPECT_EQ(p.quant.counts[8], 63187);
  EXPECT_EQ(count_levels(p.quant.quantized), 16);
}

TEST(RecalMath, EmpiricalQualityFollowsTheBayesianModel) {
  RecalDatum d;
  d.observations = 23471;
  d.set_mismatches(49.13);
  d.reported_quality = 27.0494;
  EXPECT_EQ(d.empirical_quality(), 27);  // expected.NA12878.chr17_69k_70k.txt, RecalTable0 M
  RecalDatum none;
  none.observations = 0;
  none.reported_quality = 30;
  EXPECT_EQ(none.empirical_quality(), 30);  // no data: the prior wins
}

TEST(Quantizer, StaticMapRoundsToNearestOrDown) {
  const auto m = static_quantized_map({10, 20, 30}, false);
  EXPECT_EQ(m[5], 5);
  EXPECT_EQ(m[6], 6);
  EXPECT_EQ(m[8], 10);
  EXPECT_EQ(m[19], 20);
  EXPECT_EQ(m[25], 30);
  EXPECT_EQ(m[60], 30);
  const auto d = static_quantized_map({10, 20, 30}, true);
  EXPECT_EQ(d[9], 6);
  EXPECT_EQ(d[19], 10);
  EXPECT_EQ(d[29], 20);
  EXPECT_EQ(static_quantized_map({25}, false)[7], 25);
}

}  // namespace
}  // namespace helicase::bqsr
