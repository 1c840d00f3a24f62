// apply_model.cpp -- precomputing ApplyBQSR's hierarchical model into dense tables.
#include "bqsr/apply_model.hpp"

#include "bqsr/quantizer.hpp"
#include "common/error.hpp"

namespace helicase::bqsr {

using kernels::bqsr::kApplyQualSlots;
using kernels::bqsr::kApplyTableQuals;

BuiltApplyModel build_apply_model(const ParsedRecalReport& report, const ApplyArgs& args) {
  BuiltApplyModel out;
  auto& m = out.model;
  const int n_rg = static_cast<int>(report.tables.read_groups.size());
  const int k = report.args.mismatches_context_size;
  if (k > 8) {
    fail_data("mismatches_context_size " + std::to_string(k) + " in the recalibration report is larger than the 8 "
              "helicase-applybqsr supports");
  }
  m.allocate(n_rg, k, report.args.maximum_cycle_value);
  m.low_quality_tail = report.args.low_quality_tail;
  m.preserve = args.preserve;

  // Quantization (BQSRReadTransformer's constructor) and the static map.
  std::vector<int> quant = report.quant.quantized;
  if (args.quantize_levels == 0) {
    for (int q = 0; q < kMaxQual; ++q) quant[static_cast<std::size_t>(q)] = q;
  } else if (args.quantize_levels > 0 && args.quantize_levels != count_levels(quant)) {
    quant = quantize_quals(report.quant.counts, args.quantize_levels, kMinUsableQ);
  }
  std::vector<int> smap;
  if (!args.static_quals.empty()) smap = static_quantized_map(args.static_quals, args.round_down);
  auto final_qual = [&](int q) {
    const int v = quant[static_cast<std::size_t>(q)];
    const int f = smap.empty() ? v : smap[static_cast<std::size_t>(v < 0 ? 0 : v)];
    if (f < 0 || f > 255) fail_data("the quantization map gives a quality out of range: " + std::to_string(f));
    return static_cast<std::uint8_t>(f);
  };
  for (int q = 0; q < kApplyTableQuals; ++q) {
    m.qmap[static_cast<std::size_t>(q)] = final_qual(q);
    m.missing_map[static_cast<std::size_t>(q)] = final_qual(q);
  }

  // Hierarchical model.
  out.has_rg_datum.assign(static_cast<std::size_t>(n_rg), false);
  std::vector<int> y2(static_cast<std::size_t>(n_rg) * kApplyQualSlots, 0);
  for (int g = 0; g < n_rg; ++g) {
    auto it = report.tables.rg_table.find({g, kMismatch});
    if (it == report.tables.rg_table.end()) continue;
    out.has_rg_datum[static_cast<std::size_t>(g)] = true;
    const double prior = args.global_prior > 0.0 ? args.global_prior : it->second.reported_quality;
    const int y1 = it->second.empirical_quality(prior);
    for (int q = 0; q < kApplyQualSlots; ++q) {
      int v = y1;
      if (q < kApplyTableQuals) {
        auto qd = report.tables.qual_table.find({g, q, kMismatch});
        if (qd != report.tables.qual_table.end()) v = qd->second.empirical_quality(y1);
      }
      y2[static_cast<std::size_t>(g) * kApplyQualSlots + static_cast<std::size_t>(q)] = v;
      m.y2[static_cast<std::size_t>(g) * kApplyQualSlots + static_cast<std::size_t>(q)] = static_cast<std::int16_t>(v);
    }
  }
  const auto n_ctx = static_cast<std::size_t>(m.n_ctx());
  const auto n_cyc = static_cast<std::size_t>(m.n_cyc());
  for (const auto& [key, d] : report.tables.context_table) {
    const int g = key[0], q = key[1], ctx = key[2];
    if (key[3] != kMismatch || !out.has_rg_datum[static_cast<std::size_t>(g)]) continue;
    if ((ctx & 15) != k) continue;  // a context of another length never matches a read's key
    const int prior = y2[static_cast<std::size_t>(g) * kApplyQualSlots + static_cast<std::size_t>(q)];
    const std::size_t cell = static_cast<std::size_t>(g) * kApplyTableQuals + static_cast<std::size_t>(q);
    m.ctx_delta[cell * n_ctx + static_cast<std::size_t>(ctx >> 4)] = static_cast<std::int8_t>(d.empirical_quality(prior) - prior);
  }
  for (const auto& [key, d] : report.tables.cycle_table) {
    const int g = key[0], q = key[1], cyc = key[2];
    if (key[3] != kMismatch || !out.has_rg_datum[static_cast<std::size_t>(g)]) continue;
    const int prior = y2[static_cast<std::size_t>(g) * kApplyQualSlots + static_cast<std::size_t>(q)];
    const std::size_t cell = static_cast<std::size_t>(g) * kApplyTableQuals + static_cast<std::size_t>(q);
    m.cyc_delta[cell * n_cyc + static_cast<std::size_t>(cyc)] = static_cast<std::int8_t>(d.empirical_quality(prior) - prior);
  }
  return out;
}

}  // namespace helicase::bqsr
