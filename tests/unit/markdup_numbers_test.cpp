// markdup_numbers_test.cpp -- Java number formatting, the library size estimate and the ROI
// curve, against values Picard 2.27.5 printed (its metrics files and Java itself).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "markdup/java_format.hpp"
#include "markdup/library_size.hpp"
#include "markdup/metrics.hpp"
#include "markdup/read_end_key.hpp"

namespace helicase::markdup {
namespace {

TEST(JavaFormat, DecimalFormatSixDigitsHalfDown) {
  EXPECT_EQ(java_decimal6(0), "0");
  EXPECT_EQ(java_decimal6(-0.0), "-0");
  EXPECT_EQ(java_decimal6(0.5), "0.5");
  EXPECT_EQ(java_decimal6(4.0 / 21), "0.190476");
  EXPECT_EQ(java_decimal6(2.0 / 15), "0.133333");
  EXPECT_EQ(java_decimal6(2.0 / 3), "0.666667");
  EXPECT_EQ(java_decimal6(0.0078125), "0.007812");   // exact tie: towards zero
  EXPECT_EQ(java_decimal6(0.0234375), "0.023437");
  EXPECT_EQ(java_decimal6(0.1234565), "0.123456");   // the double lies below the tie
  EXPECT_EQ(java_decimal6(0.0000015), "0.000002");   // the double lies above the tie
  EXPECT_EQ(java_decimal6(5e-7), "0.000001");        // DigitList quirk (Java prints this)
  EXPECT_EQ(java_decimal6(std::nextafter(5e-7, 0)), "0");
  EXPECT_EQ(java_decimal6(2.5e-7), "0");
  EXPECT_EQ(java_decimal6(0.9999995), "1");
  EXPECT_EQ(java_decimal6(999999.99999951), "1000000");
  EXPECT_EQ(java_decimal6(17), "17");
  EXPECT_EQ(java_decimal6(2.428063), "2.428063");
  EXPECT_EQ(java_decimal6(-1.5), "-1.5");
  EXPECT_EQ(java_decimal6(std::numeric_limits<double>::quiet_NaN()), "?");
  EXPECT_EQ(java_decimal6(std::numeric_limits<double>::infinity()), "?");
  EXPECT_EQ(java_decimal6(-std::numeric_limits<double>::infinity()), "-?");
}

TEST(JavaFormat, DoubleToStringForHistogramBins) {
  EXPECT_EQ(java_double_to_string(1), "1.0");
  EXPECT_EQ(java_double_to_string(100), "100.0");
  EXPECT_EQ(java_double_to_string(9999999), "9999999.0");
  EXPECT_EQ(java_double_to_string(1e7), "1.0E7");
  EXPECT_EQ(java_double_to_string(12345678), "1.2345678E7");
  EXPECT_EQ(java_double_to_string(0.5), "0.5");
  EXPECT_EQ(java_double_to_string(0.00012), "1.2E-4");
}

TEST(JavaFormat, LongCastOfDouble) {
  EXPECT_EQ(java_d2l(2.9), 2);
  EXPECT_EQ(java_d2l(-2.9), -2);
  EXPECT_EQ(java_d2l(std::nan("")), 0);
  EXPECT_EQ(java_d2l(1e30), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(java_d2l(-1e30), std::numeric_limits<std::int64_t>::min());
}

TEST(LibrarySize, PicardsEstimates) {
  // Expected metrics files (Picard 2.15 and 2.27.5 agree) and Picard 2.27.5 on NA12878.
  EXPECT_EQ(estimate_library_size(9, 7), 17);
  EXPECT_EQ(estimate_library_size(6, 5), 15);
  EXPECT_EQ(estimate_library_size(25855 - 4, 25855 - 96), 3623302);
  EXPECT_FALSE(estimate_library_size(2 - 1, 2 - 1));  // no non-optical duplicates: null
  EXPECT_FALSE(estimate_library_size(0, 0));
  EXPECT_FALSE(estimate_library_size(10, 10));
  EXPECT_EQ(estimate_library_size(10, 0), 0);  // NaN bisection, as in Java
}

TEST(LibraryMetrics, DerivedFieldsAndRoi) {
  LibraryMetrics m;
  m.library = "Solexa-16404";
  m.unpaired_reads_examined = 3;
  m.read_pairs_examined = 18;  // reads: halved by finalize()
  m.unmapped_reads = 3;
  m.read_pair_duplicates = 4;
  m.finalize(0);
  EXPECT_EQ(format_metrics_row(m), "Solexa-16404\t3\t9\t0\t3\t0\t2\t0\t0.190476\t17");
  const auto roi = roi_histogram(m);
  ASSERT_TRUE(roi);
  ASSERT_EQ(roi->bins.size(), 100u);
  EXPECT_EQ(java_decimal6(roi->bins.at(1.0)), "0.998261");
  EXPECT_EQ(java_decimal6(roi->bins.at(2.0)), "1.586188");
  EXPECT_EQ(java_decimal6(roi->bins.at(19.0)), "2.428467");
  LibraryMetrics empty;
  empty.library = "x";
  empty.finalize(0);
  EXPECT_EQ(format_metrics_row(empty), "x\t0\t0\t0\t0\t0\t0\t0\t0\t");
  EXPECT_FALSE(roi_histogram(empty));
}

TEST(LibraryMetrics, CountsLikePicard) {
  using kernels::kFlagMateUnmapped, kernels::kFlagPaired, kernels::kFlagSecondary, kernels::kFlagUnmapped,
      kernels::kFlagSupplementary;
  LibraryMetrics m;
  m.add_read(kFlagUnmapped | kFlagSecondary);       // unmapped wins
  m.add_read(kFlagSupplementary);                   // secondary or supplementary
  m.add_read(kFlagPaired | kFlagMateUnmapped);      // mate unmapped: unpaired
  m.add_read(0);                                    // unpaired
  m.add_read(kFlagPaired);                          // pair read
  m.add_duplicate(kFlagSecondary);                  // not a decider: ignored
  m.add_duplicate(kFlagUnmapped);
  m.add_duplicate(kFlagPaired | kFlagMateUnmapped);
  m.add_duplicate(kFlagPaired);
  EXPECT_EQ(m.unmapped_reads, 1);
  EXPECT_EQ(m.secondary_or_supplementary_rds, 1);
  EXPECT_EQ(m.unpaired_reads_examined, 2);
  EXPECT_EQ(m.read_pairs_examined, 1);
  EXPECT_EQ(m.unpaired_read_duplicates, 1);
  EXPECT_EQ(m.read_pair_duplicates, 1);
}

TEST(MetricsFile, LayoutAndSideBySideHistograms) {
  LibraryMetrics m;
  m.library = "mylib";
  m.read_pairs_examined = 4;
  m.read_pair_duplicates = 2;
  m.finalize(1);
  Histogram all{"set_size", "all_sets", {}}, optical{"set_size", "optical_sets", {}},
      non{"set_size", "non_optical_sets", {}};
  all.increment(2.0);
  optical.increment(2.0);
  non.increment(1.0);
  const std::string text = render_metrics_file({"## h", "# c"}, {m}, {nullptr, &all, &optical, &non});
  EXPECT_EQ(text,
            "## h\n# c\n\n## METRICS CLASS\tpicard.sam.DuplicationMetrics\n" + std::string(kMetricsColumns) +
                "\nmylib\t0\t2\t0\t0\t0\t1\t1\t0.5\t\n\n## HISTOGRAM\tjava.lang.Double\n"
                "set_size\tall_sets\toptical_sets\tnon_optical_sets\n1.0\t0\t0\t1\n2.0\t1\t1\t0\n\n");
  // Empty histograms are left out; with none, no HISTOGRAM section.
  Histogram empty;
  EXPECT_EQ(render_metrics_file({}, {}, {&empty}), "\n\n\n");
}

}  // namespace
}  // namespace helicase::markdup
