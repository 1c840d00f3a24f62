// recal_report.cpp -- building and parsing the GATKReport of a recalibration.
#include "bqsr/recal_report.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "bqsr/quantizer.hpp"
#include "common/error.hpp"

namespace helicase::bqsr {
namespace {

const char* kCovariates = "ReadGroupCovariate,QualityScoreCovariate,ContextCovariate,CycleCovariate";

std::int64_t parse_long(const std::string& s, const std::string& file, const std::string& what) {
  std::int64_t v = 0;
  const char* b = s.data();
  const char* e = s.data() + s.size();
  if (b != e && *b == '+') ++b;
  const auto r = std::from_chars(b, e, v);
  if (b == e || r.ec != std::errc() || r.ptr != e) fail_data(file + ": " + what + " '" + s + "' is not an integer");
  return v;
}

int parse_int_in(const std::string& s, std::int64_t lo, std::int64_t hi, const std::string& file, const std::string& what) {
  const std::int64_t v = parse_long(s, file, what);
  if (v < lo || v > hi) fail_data(file + ": " + what + " '" + s + "' is out of range");
  return static_cast<int>(v);
}

// Byte.parseByte / Integer.parseInt of a cell's text.
int cell_byte(const ReportCell& c, const std::string& file, const std::string& what) {
  if (const auto* i = std::get_if<std::int64_t>(&c)) return static_cast<int>(static_cast<std::int8_t>(*i));
  return parse_int_in(cell_text(c), -128, 127, file, what);
}

std::int64_t cell_long(const ReportCell& c, const std::string& file, const std::string& what) {
  if (const auto* i = std::get_if<std::int64_t>(&c)) return *i;
  if (const auto* d = std::get_if<double>(&c)) {  // Double.longValue(): truncation, saturating
    if (std::isnan(*d)) return 0;
    if (*d >= 9.2233720368547758e18) return std::numeric_limits<std::int64_t>::max();
    if (*d <= -9.2233720368547758e18) return std::numeric_limits<std::int64_t>::min();
    return static_cast<std::int64_t>(*d);
  }
  fail_data(file + ": " + what + " '" + cell_text(c) + "' is not a number");
}

double cell_double(const ReportCell& c, const std::string& file, const std::string& what) {
  if (const auto* d = std::get_if<double>(&c)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&c)) return static_cast<double>(*i);
  fail_data(file + ": " + what + " '" + cell_text(c) + "' is not a number");
}

int event_from(const std::string& s, const std::string& file) {
  if (s == "M") return kMismatch;
  if (s == "I") return kInsertion;
  if (s == "D") return kDeletion;
  fail_data(file + ": unknown event type '" + s + "'");
}

}  // namespace

QuantizationInfo quantization_from_tables(const RecalTables& tables, int levels) {
  QuantizationInfo q;
  q.counts.assign(kNumQuals, 0);
  for (const auto& [key, d] : tables.qual_table) {
    const int emp = fast_round(d.empirical_quality());
    q.counts[static_cast<std::size_t>(emp)] += d.observations;
  }
  q.quantized = quantize_quals(q.counts, levels, kMinUsableQ);
  return q;
}

Report make_recal_report(const RecalArgs& args, const QuantizationInfo& quant, const RecalTables& tables) {
  Report report;
  {
    ReportTable t("Arguments", "Recalibration argument collection values used in this run",
                  {{"Argument", "%s"}, {"Value", ""}});
    auto add = [&t](const char* name, const std::string& value) { t.add_row({std::string(name), value}); };
    add("covariate", kCovariates);
    add("no_standard_covs", "false");
    add("run_without_dbsnp", "false");
    add("solid_recal_mode", "SET_Q_ZERO");
    add("solid_nocall_strategy", "THROW_EXCEPTION");
    add("mismatches_context_size", std::to_string(args.mismatches_context_size));
    add("indels_context_size", std::to_string(args.indels_context_size));
    add("mismatches_default_quality", std::to_string(args.mismatches_default_quality));
    add("deletions_default_quality", std::to_string(args.deletions_default_quality));
    add("insertions_default_quality", std::to_string(args.insertions_default_quality));
    add("maximum_cycle_value", std::to_string(args.maximum_cycle_value));
    add("low_quality_tail", std::to_string(args.low_quality_tail));
    add("default_platform", "null");
    add("force_platform", "null");
    add("quantizing_levels", std::to_string(args.quantizing_levels));
    add("recalibration_report", "null");
    add("binary_tag_name", "null");
    report.add_table(std::move(t));
  }
  {
    ReportTable t("Quantized", "Quality quantization map", {{"QualityScore", "%d"}, {"Count", "%d"}, {"QuantizedScore", "%d"}});
    for (int q = 0; q < kNumQuals; ++q) {
      const auto i = static_cast<std::size_t>(q);
      t.add_row({std::int64_t{q}, quant.counts[i], std::int64_t{quant.quantized[i]}});
    }
    report.add_table(std::move(t));
  }
  const std::string empty;
  {
    ReportTable t("RecalTable0", empty,
                  {{"ReadGroup", "%s"}, {"EventType", "%s"}, {"EmpiricalQuality", "%.4f"}, {"EstimatedQReported", "%.4f"},
                   {"Observations", "%d"}, {"Errors", "%.2f"}});
    for (const auto& [k, d] : tables.rg_table) {
      t.add_row({tables.read_groups[static_cast<std::size_t>(k[0])], std::string(event_letter(k[1])),
                 static_cast<double>(d.empirical_quality()), d.reported_quality, d.observations, d.mismatches()});
    }
    report.add_table(std::move(t));
  }
  {
    ReportTable t("RecalTable1", empty,
                  {{"ReadGroup", "%s"}, {"QualityScore", "%d"}, {"EventType", "%s"}, {"EmpiricalQuality", "%.4f"},
                   {"Observations", "%d"}, {"Errors", "%.2f"}});
    for (const auto& [k, d] : tables.qual_table) {
      t.add_row({tables.read_groups[static_cast<std::size_t>(k[0])], std::int64_t{k[1]}, std::string(event_letter(k[2])),
                 static_cast<double>(d.empirical_quality()), d.observations, d.mismatches()});
    }
    report.add_table(std::move(t));
  }
  {
    ReportTable t("RecalTable2", empty,
                  {{"ReadGroup", "%s"}, {"QualityScore", "%d"}, {"CovariateValue", "%s"}, {"CovariateName", "%s"},
                   {"EventType", "%s"}, {"EmpiricalQuality", "%.4f"}, {"Observations", "%d"}, {"Errors", "%.2f"}});
    auto add = [&](const auto& table, bool context) {
      for (const auto& [k, d] : table) {
        t.add_row({tables.read_groups[static_cast<std::size_t>(k[0])], std::int64_t{k[1]},
                   context ? context_string(k[2]) : std::to_string(cycle_from_key(k[2])),
                   std::string(context ? "Context" : "Cycle"), std::string(event_letter(k[3])),
                   static_cast<double>(d.empirical_quality()), d.observations, d.mismatches()});
      }
    };
    add(tables.context_table, true);
    add(tables.cycle_table, false);
    report.add_table(std::move(t));
  }
  return report;
}

ParsedRecalReport parse_recal_report(const Report& report, const std::string& file) {
  ParsedRecalReport out;
  RecalArgs& a = out.args;
  {
    const ReportTable& t = report.table("Arguments", file);
    for (std::size_t r = 0; r < t.num_rows(); ++r) {
      const std::string name = cell_text(t.cell(r, "Argument"));
      const std::string value = cell_text(t.cell(r, "Value"));
      const bool is_null = value == "null";
      if (name == "covariate" && !is_null) {
        if (value != kCovariates) {
          fail_data(file + ": non-standard covariates are not supported (only " + std::string(kCovariates) + "), got " + value);
        }
      } else if (name == "no_standard_covs") {
        if (value == "true" || value == "TRUE" || value == "True") fail_data(file + ": no_standard_covs=true is not supported");
      } else if (name == "solid_recal_mode") {
        if (value != "SET_Q_ZERO") fail_data(file + ": only solid_recal_mode SET_Q_ZERO is supported");
      } else if (name == "solid_nocall_strategy") {
        if (value != "THROW_EXCEPTION") fail_data(file + ": only solid_nocall_strategy THROW_EXCEPTION is supported");
      } else if (name == "mismatches_context_size") {
        a.mismatches_context_size = parse_int_in(value, 1, 13, file, name);
      } else if (name == "indels_context_size") {
        a.indels_context_size = parse_int_in(value, 1, 13, file, name);
      } else if (name == "maximum_cycle_value") {
        a.maximum_cycle_value = parse_int_in(value, 0, 1 << 29, file, name);
      } else if (name == "low_quality_tail") {
        a.low_quality_tail = parse_int_in(value, -128, 127, file, name);
      } else if (name == "quantizing_levels") {
        a.quantizing_levels = parse_int_in(value, 0, 1 << 30, file, name);
      } else if (name == "mismatches_default_quality") {
        a.mismatches_default_quality = parse_int_in(value, -128, 127, file, name);
      } else if (name == "insertions_default_quality") {
        a.insertions_default_quality = parse_int_in(value, -128, 127, file, name);
      } else if (name == "deletions_default_quality") {
        a.deletions_default_quality = parse_int_in(value, -128, 127, file, name);
      }
    }
  }
  {
    const ReportTable& t = report.table("Quantized", file);
    out.quant.quantized.assign(kNumQuals, 0);
    out.quant.counts.assign(kNumQuals, 0);
    if (t.num_rows() > static_cast<std::size_t>(kNumQuals)) fail_data(file + ": the Quantized table has more than 94 rows");
    for (std::size_t r = 0; r < t.num_rows(); ++r) {
      out.quant.quantized[r] = parse_int_in(cell_text(t.cell(r, "QuantizedScore")), -128, 127, file, "QuantizedScore");
      out.quant.counts[r] = parse_long(cell_text(t.cell(r, "Count")), file, "Count");
    }
    if (t.num_rows() < static_cast<std::size_t>(kNumQuals)) fail_data(file + ": the Quantized table has fewer than 94 rows");
  }
  const ReportTable& rg_table = report.table("RecalTable0", file);
  {
    std::map<std::string, int> names;
    for (std::size_t r = 0; r < rg_table.num_rows(); ++r) names.emplace(cell_text(rg_table.cell(r, "ReadGroup")), 0);
    for (auto& [name, key] : names) {
      key = static_cast<int>(out.tables.read_groups.size());
      out.tables.read_groups.push_back(name);
    }
  }
  auto rg_key = [&](const ReportCell& c) {
    const std::string name = cell_text(c);
    for (std::size_t i = 0; i < out.tables.read_groups.size(); ++i) {
      if (out.tables.read_groups[i] == name) return static_cast<int>(i);
    }
    fail_data(file + ": read group " + name + " is not in RecalTable0");
  };
  auto qual_key = [&](const ReportCell& c) {
    const int q = cell_byte(c, file, "QualityScore");
    if (q < 0 || q > kMaxQual) fail_data(file + ": quality score " + std::to_string(q) + " is out of range");
    return q;
  };
  auto datum = [&](const ReportTable& t, std::size_t r, double reported) {
    RecalDatum d;
    d.observations = cell_long(t.cell(r, "Observations"), file, "Observations");
    const double errors = cell_double(t.cell(r, "Errors"), file, "Errors");
    if (d.observations < 0 || errors < 0) fail_data(file + ": negative observations or errors in " + t.name());
    d.set_mismatches(errors);
    d.reported_quality = reported;
    return d;
  };
  for (std::size_t r = 0; r < rg_table.num_rows(); ++r) {
    const double reported = cell_double(rg_table.cell(r, "EstimatedQReported"), file, "EstimatedQReported");
    out.tables.rg_table[{rg_key(rg_table.cell(r, "ReadGroup")),
                         event_from(cell_text(rg_table.cell(r, "EventType")), file)}] = datum(rg_table, r, reported);
  }
  {
    const ReportTable& t = report.table("RecalTable1", file);
    for (std::size_t r = 0; r < t.num_rows(); ++r) {
      const int q = qual_key(t.cell(r, "QualityScore"));
      out.tables.qual_table[{rg_key(t.cell(r, "ReadGroup")), q, event_from(cell_text(t.cell(r, "EventType")), file)}] =
          datum(t, r, q);
    }
  }
  {
    const ReportTable& t = report.table("RecalTable2", file);
    for (std::size_t r = 0; r < t.num_rows(); ++r) {
      const int rg = rg_key(t.cell(r, "ReadGroup"));
      const int q = qual_key(t.cell(r, "QualityScore"));
      const std::string name = cell_text(t.cell(r, "CovariateName"));
      const std::string value = cell_text(t.cell(r, "CovariateValue"));
      const int ev = event_from(cell_text(t.cell(r, "EventType")), file);
      if (name == "Context") {
        const int key = context_key_from_string(value);
        if (key < 0 || value.size() > 13) fail_data(file + ": bad context '" + value + "' in RecalTable2");
        out.tables.context_table[{rg, q, key, ev}] = datum(t, r, q);
      } else if (name == "Cycle") {
        const int cycle = parse_int_in(value, -(1 << 29), 1 << 29, file, "cycle");
        out.tables.cycle_table[{rg, q, cycle_key_from_value(cycle, a.maximum_cycle_value), ev}] = datum(t, r, q);
      } else {
        fail_data(file + ": unknown covariate '" + name + "' in RecalTable2");
      }
    }
  }
  return out;
}

}  // namespace helicase::bqsr
