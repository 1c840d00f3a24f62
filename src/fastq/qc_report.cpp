// qc_report.cpp -- JSON and text renderings of the QC counts.
#include "fastq/qc_report.hpp"

#include <cstdio>
#include <numeric>

#include "common/error.hpp"
#include "common/json_writer.hpp"

namespace helicase::fastq {

using kernels::kQcBaseBins;
using kernels::kQcQualBins;
using kernels::QcCounts;

int quality_quantile(const std::uint64_t* hist, int bins, std::uint64_t num, std::uint64_t den) {
  std::uint64_t total = 0;
  for (int q = 0; q < bins; ++q) total += hist[q];
  if (total == 0) return -1;
  std::uint64_t cum = 0;
  for (int q = 0; q < bins; ++q) {
    cum += hist[q];
    if (cum * den >= total * num) return q;
  }
  return bins - 1;
}

namespace {

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

double ratio(std::uint64_t a, std::uint64_t b) { return b ? static_cast<double>(a) / static_cast<double>(b) : 0.0; }

struct CycleStats {
  std::uint64_t bases = 0, qual_sum = 0;
  int q1 = -1, median = -1, q3 = -1;
};

CycleStats cycle_stats(const QcCounts& c, std::uint32_t cycle) {
  const std::uint64_t* h = &c.qual_by_cycle[static_cast<std::size_t>(cycle) * kQcQualBins];
  CycleStats s;
  for (int q = 0; q < kQcQualBins; ++q) {
    s.bases += h[q];
    s.qual_sum += h[q] * static_cast<std::uint64_t>(q);
  }
  s.q1 = quality_quantile(h, kQcQualBins, 1, 4);
  s.median = quality_quantile(h, kQcQualBins, 1, 2);
  s.q3 = quality_quantile(h, kQcQualBins, 3, 4);
  return s;
}

std::vector<std::uint64_t> overall_quality_hist(const QcCounts& c) {
  std::vector<std::uint64_t> h(kQcQualBins, 0);
  for (std::uint32_t cy = 0; cy < c.cycles; ++cy) {
    for (int q = 0; q < kQcQualBins; ++q) h[q] += c.qual_by_cycle[static_cast<std::size_t>(cy) * kQcQualBins + q];
  }
  return h;
}

struct LengthStats {
  std::uint64_t min = 0, max = 0;
  double mean = 0;
};
LengthStats length_stats(const QcCounts& c) {
  LengthStats s;
  bool any = false;
  for (std::size_t len = 0; len < c.length_hist.size(); ++len) {
    if (!c.length_hist[len]) continue;
    if (!any) s.min = len;
    s.max = len;
    any = true;
  }
  const kernels::QcTotals t = c.totals();
  s.mean = ratio(t.bases, t.reads);
  return s;
}

void write_pairs(JsonWriter& j, const char* key, const std::vector<std::uint64_t>& hist) {
  j.key(key).begin_array();
  for (std::size_t i = 0; i < hist.size(); ++i) {
    if (!hist[i]) continue;
    j.begin_array().value(static_cast<std::uint64_t>(i)).value(hist[i]).end_array();
  }
  j.end_array();
}

void write_mate_json(JsonWriter& j, const MateQc& m) {
  const QcCounts& c = m.counts;
  const kernels::QcTotals t = c.totals();
  const LengthStats ls = length_stats(c);
  j.key(m.label).begin_object();
  j.key("reads").value(t.reads);
  j.key("bases").value(t.bases);
  j.key("gc_bases").value(t.gc);
  j.key("n_bases").value(t.n);
  j.key("q20_bases").value(t.q20);
  j.key("q30_bases").value(t.q30);
  j.key("gc_percent").raw(fixed(100 * ratio(t.gc, t.bases - t.n), 4));
  j.key("n_percent").raw(fixed(100 * ratio(t.n, t.bases), 4));
  j.key("q20_percent").raw(fixed(100 * ratio(t.q20, t.bases), 4));
  j.key("q30_percent").raw(fixed(100 * ratio(t.q30, t.bases), 4));
  j.key("mean_quality").raw(fixed(ratio(t.qual_sum, t.bases), 4));
  j.key("min_length").value(ls.min);
  j.key("max_length").value(ls.max);
  j.key("mean_length").raw(fixed(ls.mean, 4));
  write_pairs(j, "length_histogram", c.length_hist);
  write_pairs(j, "quality_histogram", overall_quality_hist(c));
  write_pairs(j, "read_mean_quality_histogram", c.mean_qual_hist);
  write_pairs(j, "read_gc_percent_histogram", c.gc_hist);

  j.key("per_cycle").begin_object();
  const char* names[] = {"mean_quality", "q1", "median", "q3"};
  for (int k = 0; k < 4; ++k) {
    j.key(names[k]).begin_array();
    for (std::uint32_t cy = 0; cy < c.cycles; ++cy) {
      const CycleStats s = cycle_stats(c, cy);
      if (k == 0) j.raw(fixed(ratio(s.qual_sum, s.bases), 4));
      else j.value(static_cast<std::int64_t>(k == 1 ? s.q1 : k == 2 ? s.median : s.q3));
    }
    j.end_array();
  }
  const char* bases[] = {"A", "C", "G", "T", "N"};
  for (int b = 0; b < kQcBaseBins; ++b) {
    j.key(bases[b]).begin_array();
    for (std::uint32_t cy = 0; cy < c.cycles; ++cy) {
      j.value(c.base_by_cycle[static_cast<std::size_t>(cy) * kQcBaseBins + b]);
    }
    j.end_array();
  }
  j.end_object();
  j.end_object();
}

}  // namespace

void write_qc_json(std::ostream& out, const QcRun& run) {
  JsonWriter j(out);
  j.begin_object();
  j.key("tool").value("helicase-fastq");
  j.key("version").value(run.tool_version);
  j.key("inputs").begin_array();
  for (std::size_t i = 0; i < run.lanes.size(); ++i) {
    j.begin_object();
    j.key("lane").value(static_cast<std::uint64_t>(i + 1));
    j.key("r1").value(run.lanes[i].r1);
    if (run.lanes[i].paired()) j.key("r2").value(run.lanes[i].r2);
    if (i < run.read_groups.size()) j.key("read_group").value(run.read_groups[i]);
    j.end_object();
  }
  j.end_array();
  std::uint64_t reads = 0, bases = 0;
  for (const auto& m : run.mates) {
    const kernels::QcTotals t = m.counts.totals();
    reads += t.reads;
    bases += t.bases;
  }
  j.key("total").begin_object();
  j.key("reads").value(reads);
  j.key("bases").value(bases);
  j.key("batches").value(run.batches);
  j.end_object();
  for (const auto& m : run.mates) write_mate_json(j, m);
  j.end_object();
  out << '\n';
}

void write_qc_text(std::ostream& out, const QcRun& run) {
  using namespace kernels;
  char line[256];
  out << "helicase-fastq summary\n\n";
  std::snprintf(line, sizeof line, "%-22s", "");
  out << line;
  for (const auto& m : run.mates) {
    std::snprintf(line, sizeof line, "%16s", m.label.c_str());
    out << line;
  }
  out << '\n';
  auto row = [&](const char* label, auto cell) {
    std::snprintf(line, sizeof line, "%-22s", label);
    out << line;
    for (const auto& m : run.mates) {
      std::snprintf(line, sizeof line, "%16s", cell(m.counts).c_str());
      out << line;
    }
    out << '\n';
  };
  row("reads", [](const QcCounts& c) { return with_commas(c.totals().reads); });
  row("bases", [](const QcCounts& c) { return with_commas(c.totals().bases); });
  row("length min-max", [](const QcCounts& c) {
    const LengthStats s = length_stats(c);
    return std::to_string(s.min) + "-" + std::to_string(s.max);
  });
  row("mean length", [](const QcCounts& c) { return fixed(length_stats(c).mean, 2); });
  row("GC %", [](const QcCounts& c) {
    return fixed(100 * ratio(c.totals().gc, c.totals().bases - c.totals().n), 2);
  });
  row("N %", [](const QcCounts& c) { return fixed(100 * ratio(c.totals().n, c.totals().bases), 4); });
  row("Q20 %", [](const QcCounts& c) { return fixed(100 * ratio(c.totals().q20, c.totals().bases), 2); });
  row("Q30 %", [](const QcCounts& c) { return fixed(100 * ratio(c.totals().q30, c.totals().bases), 2); });
  row("mean quality", [](const QcCounts& c) { return fixed(ratio(c.totals().qual_sum, c.totals().bases), 2); });

  for (const auto& m : run.mates) {
    const QcCounts& c = m.counts;
    out << "\n" << m.label << ": length distribution (length reads)\n";
    for (std::size_t len = 0; len < c.length_hist.size(); ++len) {
      if (c.length_hist[len]) out << "  " << len << ' ' << c.length_hist[len] << '\n';
    }
    out << m.label << ": quality histogram (Q bases)\n";
    const auto qh = overall_quality_hist(c);
    for (int q = 0; q < kQcQualBins; ++q) {
      if (qh[q]) out << "  " << q << ' ' << qh[q] << '\n';
    }
    out << m.label << ": per cycle\n";
    std::snprintf(line, sizeof line, "  %5s %7s %3s %3s %3s %7s %7s %7s %7s %7s\n", "cycle", "meanQ", "Q1", "med", "Q3",
                  "A%", "C%", "G%", "T%", "N%");
    out << line;
    for (std::uint32_t cy = 0; cy < c.cycles; ++cy) {
      const CycleStats s = cycle_stats(c, cy);
      const std::uint64_t* b = &c.base_by_cycle[static_cast<std::size_t>(cy) * kQcBaseBins];
      std::snprintf(line, sizeof line, "  %5u %7.2f %3d %3d %3d %7.2f %7.2f %7.2f %7.2f %7.2f\n", cy + 1,
                    ratio(s.qual_sum, s.bases), s.q1, s.median, s.q3, 100 * ratio(b[0], s.bases),
                    100 * ratio(b[1], s.bases), 100 * ratio(b[2], s.bases), 100 * ratio(b[3], s.bases),
                    100 * ratio(b[4], s.bases));
      out << line;
    }
  }
}

}  // namespace helicase::fastq
