// metrics.cpp -- DuplicationMetrics arithmetic and htsjdk's metrics file layout.
#include "markdup/metrics.hpp"

#include <set>

#include "markdup/java_format.hpp"
#include "markdup/library_size.hpp"
#include "markdup/read_end_key.hpp"

namespace helicase::markdup {

using kernels::kFlagMateUnmapped;
using kernels::kFlagPaired;
using kernels::kFlagSecondary;
using kernels::kFlagSupplementary;
using kernels::kFlagUnmapped;

const char* const kMetricsColumns =
    "LIBRARY\tUNPAIRED_READS_EXAMINED\tREAD_PAIRS_EXAMINED\tSECONDARY_OR_SUPPLEMENTARY_RDS\tUNMAPPED_READS\t"
    "UNPAIRED_READ_DUPLICATES\tREAD_PAIR_DUPLICATES\tREAD_PAIR_OPTICAL_DUPLICATES\tPERCENT_DUPLICATION\t"
    "ESTIMATED_LIBRARY_SIZE";

void LibraryMetrics::add_read(std::uint16_t flag) {
  if (flag & kFlagUnmapped) ++unmapped_reads;
  else if (flag & (kFlagSecondary | kFlagSupplementary)) ++secondary_or_supplementary_rds;
  else if (!(flag & kFlagPaired) || (flag & kFlagMateUnmapped)) ++unpaired_reads_examined;
  else ++read_pairs_examined;
}

void LibraryMetrics::add_duplicate(std::uint16_t flag) {
  // Only "decider" reads count: primary and mapped.
  if ((flag & (kFlagSecondary | kFlagSupplementary)) || (flag & kFlagUnmapped)) return;
  if (!(flag & kFlagPaired) || (flag & kFlagMateUnmapped)) ++unpaired_read_duplicates;
  else ++read_pair_duplicates;
}

void LibraryMetrics::finalize(std::int64_t optical_duplicates) {
  read_pairs_examined /= 2;
  read_pair_duplicates /= 2;
  derive(optical_duplicates);
}

void LibraryMetrics::derive(std::int64_t optical_duplicates) {
  read_pair_optical_duplicates = optical_duplicates;
  estimated_library_size = estimate_library_size(read_pairs_examined - read_pair_optical_duplicates,
                                                 read_pairs_examined - read_pair_duplicates);
  if (unpaired_reads_examined + read_pairs_examined != 0) {
    percent_duplication = static_cast<double>(unpaired_read_duplicates + read_pair_duplicates * 2) /
                          static_cast<double>(unpaired_reads_examined + read_pairs_examined * 2);
  } else {
    percent_duplication = 0;
  }
}

std::optional<Histogram> roi_histogram(const LibraryMetrics& m) {
  if (!m.estimated_library_size) return std::nullopt;
  const std::int64_t unique_pairs = m.read_pairs_examined - m.read_pair_duplicates;
  Histogram h;
  h.value_label = "CoverageMult";
  for (double x = 1; x <= 100; x += 1) {
    h.increment(x, estimate_roi(*m.estimated_library_size, x, m.read_pairs_examined, unique_pairs));
  }
  return h;
}

std::string format_metrics_row(const LibraryMetrics& m) {
  auto n = [](std::int64_t v) { return std::to_string(v); };
  return m.library + "\t" + n(m.unpaired_reads_examined) + "\t" + n(m.read_pairs_examined) + "\t" +
         n(m.secondary_or_supplementary_rds) + "\t" + n(m.unmapped_reads) + "\t" + n(m.unpaired_read_duplicates) +
         "\t" + n(m.read_pair_duplicates) + "\t" + n(m.read_pair_optical_duplicates) + "\t" +
         java_decimal6(m.percent_duplication) + "\t" +
         (m.estimated_library_size ? n(*m.estimated_library_size) : std::string());
}

std::string render_metrics_file(const std::vector<std::string>& header_lines, const std::vector<LibraryMetrics>& rows,
                                const std::vector<const Histogram*>& histograms) {
  std::string out;
  for (const auto& line : header_lines) out += line + "\n";
  out += "\n";
  if (!rows.empty()) {
    out += "## METRICS CLASS\tpicard.sam.DuplicationMetrics\n";
    out += std::string(kMetricsColumns) + "\n";
    for (const auto& m : rows) out += format_metrics_row(m) + "\n";
  }
  out += "\n";
  std::vector<const Histogram*> shown;
  for (const Histogram* h : histograms) {
    if (h && !h->bins.empty()) shown.push_back(h);
  }
  if (!shown.empty()) {
    std::set<double> keys;
    for (const Histogram* h : shown) {
      for (const auto& [k, v] : h->bins) keys.insert(k);
    }
    out += "## HISTOGRAM\tjava.lang.Double\n";
    out += shown.front()->bin_label;
    for (const Histogram* h : shown) out += "\t" + h->value_label;
    out += "\n";
    for (double k : keys) {
      out += java_double_to_string(k);
      for (const Histogram* h : shown) {
        const auto it = h->bins.find(k);
        out += "\t" + java_decimal6(it == h->bins.end() ? 0.0 : it->second);
      }
      out += "\n";
    }
  }
  out += "\n";
  return out;
}

}  // namespace helicase::markdup
