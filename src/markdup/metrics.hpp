// metrics.hpp -- Picard's DuplicationMetrics per library and the metrics file htsjdk writes.
//
// LibraryMetrics counts records as DuplicationMetrics.addReadToLibraryMetrics() and
// addDuplicateReadToMetrics() do; finalize() halves the pair counts, adds the optical count
// and derives PERCENT_DUPLICATION and ESTIMATED_LIBRARY_SIZE. write_metrics_file() renders
// htsjdk's MetricsFile layout: the given header lines, the METRICS CLASS section (libraries
// in the order given), then the non-empty histograms side by side over the union of their
// bins (Picard: the CoverageMult ROI curve when there is exactly one library, then the
// duplicate-set size histograms all_sets, optical_sets, non_optical_sets).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace helicase::markdup {

struct LibraryMetrics {
  std::string library;
  std::int64_t unpaired_reads_examined = 0;
  std::int64_t read_pairs_examined = 0;  // reads until finalize(), then pairs
  std::int64_t secondary_or_supplementary_rds = 0;
  std::int64_t unmapped_reads = 0;
  std::int64_t unpaired_read_duplicates = 0;
  std::int64_t read_pair_duplicates = 0;  // reads until finalize(), then pairs
  std::int64_t read_pair_optical_duplicates = 0;
  double percent_duplication = 0;
  std::optional<std::int64_t> estimated_library_size;

  void add_read(std::uint16_t flag);
  void add_duplicate(std::uint16_t flag);
  // Halves the pair counts (reads -> pairs), then derive().
  void finalize(std::int64_t optical_duplicates);
  // Sets the optical count and calculateDerivedFields(): PERCENT_DUPLICATION, library size.
  void derive(std::int64_t optical_duplicates);
};

struct Histogram {
  std::string bin_label = "BIN";
  std::string value_label = "VALUE";
  std::map<double, double> bins;
  void increment(double key, double by = 1.0) { bins[key] += by; }
};

// DuplicationMetrics.calculateRoiHistogram() of a finalized library; empty when it has no
// library size estimate (Picard then writes no ROI histogram).
std::optional<Histogram> roi_histogram(const LibraryMetrics& m);

// One row of the METRICS section, tab-separated, without the newline.
std::string format_metrics_row(const LibraryMetrics& m);
extern const char* const kMetricsColumns;

// header_lines: "## class" / "# text" pairs as htsjdk writes them (without newlines).
std::string render_metrics_file(const std::vector<std::string>& header_lines, const std::vector<LibraryMetrics>& rows,
                                const std::vector<const Histogram*>& histograms);

}  // namespace helicase::markdup
