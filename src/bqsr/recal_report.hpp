// recal_report.hpp -- recalibration tables <-> GATKReport (BaseRecalibrator's output file).
//
// make_recal_report(): the five tables GATK writes (Arguments, Quantized, RecalTable0..2)
// with GATK's columns, formats and row order. parse_recal_report(): what GATK 4's
// RecalibrationReport reads back: the arguments that matter (context sizes, cycle limit,
// low-quality tail, quantization levels), the quantization map and counts (row i = quality
// i), and every datum with its observations (GATK 3's "%.2f" observations truncated to an
// integer), errors and reported quality (EstimatedQReported for read groups, the quality
// column elsewhere). Empirical qualities in the file are ignored: they are recomputed.
// Read-group keys are the sorted read-group names of RecalTable0.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bqsr/gatk_report.hpp"
#include "bqsr/recal_tables.hpp"

namespace helicase::bqsr {

struct QuantizationInfo {
  std::vector<int> quantized;             // 94 entries: quality -> quantized quality
  std::vector<std::int64_t> counts;       // 94 entries: observations per empirical quality
};

// QuantizationInfo(RecalibrationTables, levels): histogram of RecalTable1's empirical
// qualities weighted by observations, quantized with minimum interesting quality 6.
QuantizationInfo quantization_from_tables(const RecalTables& tables, int levels);

Report make_recal_report(const RecalArgs& args, const QuantizationInfo& quant, const RecalTables& tables);

struct ParsedRecalReport {
  RecalArgs args;
  QuantizationInfo quant;
  RecalTables tables;
};
ParsedRecalReport parse_recal_report(const Report& report, const std::string& file);

}  // namespace helicase::bqsr
