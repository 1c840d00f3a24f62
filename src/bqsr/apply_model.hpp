// apply_model.hpp -- ApplyBQSR's lookup tables, computed once from a recalibration report.
//
// For read group g (report key) and reported quality q: y1 = empirical quality of g's
// RecalTable0 mismatch datum with prior = its EstimatedQReported (or --global-qscore-prior),
// y2 = that of (g, q) in RecalTable1 with prior y1 (y1 when absent), and each RecalTable2
// mismatch datum contributes (its empirical quality with prior y2) - y2. The quantization map
// is the report's (--quantize-quals -1 or the report's own level count), the identity for
// qualities 0..92 (the default 0: GATK's noQuantization() leaves entry 93 as reported), or a
// new quantization of the report's counts; the static quantized map is applied after it.
#pragma once

#include <vector>

#include "bqsr/apply_launch.hpp"
#include "bqsr/recal_report.hpp"

namespace helicase::bqsr {

struct ApplyArgs {
  int quantize_levels = 0;
  std::vector<int> static_quals;
  bool round_down = false;
  int preserve = 6;
  double global_prior = -1.0;
};

struct BuiltApplyModel {
  kernels::bqsr::ApplyModel model;
  std::vector<bool> has_rg_datum;  // per report read group: RecalTable0 has its mismatch row
};

BuiltApplyModel build_apply_model(const ParsedRecalReport& report, const ApplyArgs& args);

}  // namespace helicase::bqsr
