// apply.hpp -- ApplyBQSR's per-read recalibration (HELICASE_HD), on flat batches.
//
// For each base of quality q >= preserve (GATK's BQSRReadTransformer.apply):
//   y2  = empirical quality of (read group, q) with the read group's as prior (host-computed)
//   new = qmap[clamp(y2 + delta_context + delta_cycle, 1, 93)]
// where the deltas are (empirical quality of the covariate's datum with prior y2) - y2, 0
// when there is no datum; qmap folds in the quantization and the static quantized map.
// Every term is an integer (GATK's empirical qualities are), so the result is exact on any
// backend. Bases below `preserve` (and above 127, negative bytes in Java) are left alone.
// A read group the report lacks (rg < 0) maps every quality through missing_map.
#pragma once

#include <cstdint>

#include "bqsr/covariates.hpp"
#include "hd.hpp"

namespace helicase::kernels::bqsr {

inline constexpr int kApplyQualSlots = 128;  // y2 is defined for qualities 0..127
inline constexpr int kApplyTableQuals = 94;  // covariate deltas exist for qualities 0..93

// Read status codes written by apply_read.
inline constexpr std::int32_t kApplyOk = 0;
inline constexpr std::int32_t kApplyCycleOverflow = 1;   // a cycle above max_cycle
inline constexpr std::int32_t kApplyBadQuality = 2;      // quality > 93 in a read of a missing read group

struct ApplyBatchView {
  std::uint32_t n_reads = 0;
  const std::uint64_t* offset = nullptr;  // first base of each read in bases/quals
  const std::uint32_t* length = nullptr;
  const std::uint8_t* flags = nullptr;    // kFlagReverse | kFlagSecond
  const std::int32_t* rg = nullptr;       // model read group, -1 when the report lacks it
  const char* bases = nullptr;            // ASCII
  std::uint8_t* quals = nullptr;          // in: qualities to recalibrate; out: recalibrated
  std::int32_t* status = nullptr;         // per read
};

struct ApplyModelView {
  int n_rg = 0;
  int context_size = 2;    // mismatches context size k; n_ctx = 4^k
  int n_ctx = 16;
  int max_cycle = 500;
  int n_cyc = 1002;        // cycle keys 0..2*max_cycle+1
  int low_quality_tail = 2;
  int preserve = 6;
  const std::int16_t* y2 = nullptr;        // [n_rg][128]
  const std::int8_t* ctx_delta = nullptr;  // [n_rg][94][n_ctx]
  const std::int8_t* cyc_delta = nullptr;  // [n_rg][94][n_cyc]
  const std::uint8_t* qmap = nullptr;      // [94]: bounded raw quality -> output quality
  const std::uint8_t* missing_map = nullptr;  // [94]: for reads of a read group not in the report
};

HELICASE_HD inline void apply_read(const ApplyBatchView& b, const ApplyModelView& m, std::uint32_t r) {
  const int len = static_cast<int>(b.length[r]);
  std::uint8_t* q = b.quals + b.offset[r];
  const char* bases = b.bases + b.offset[r];
  const std::uint8_t flags = b.flags[r];
  const int rg = b.rg[r];
  std::int32_t status = kApplyOk;
  if (rg < 0) {
    for (int i = 0; i < len; ++i) {
      if (q[i] > 93) {
        status = kApplyBadQuality;
        break;
      }
      q[i] = m.missing_map[q[i]];
    }
    b.status[r] = status;
    return;
  }
  const bool reverse = (flags & kFlagReverse) != 0;
  int first = 0, last = 0;
  low_quality_bounds(q, len, m.low_quality_tail, &first, &last);
  const bool all_masked = first > last;
  ContextRoller roller;
  roller.init(m.context_size);
  bool overflow = false;
  const std::int16_t* y2_rg = m.y2 + static_cast<std::int64_t>(rg) * kApplyQualSlots;
  for (int i = 0; i < len; ++i) {  // stranded position i covers read offset o
    const int o = reverse ? len - 1 - i : i;
    const int ctx = all_masked ? 0 : roller.push(stranded_code(bases, len, reverse, first, last, i), i);
    const int cyc = cycle_key(o, len, flags, false, m.max_cycle, &overflow);
    const int qual = q[o];
    if (qual < m.preserve || qual >= kApplyQualSlots) continue;
    int raw = y2_rg[qual];
    if (qual < kApplyTableQuals) {
      const std::int64_t cell = static_cast<std::int64_t>(rg) * kApplyTableQuals + qual;
      if (ctx > 0) raw += m.ctx_delta[cell * m.n_ctx + (ctx >> 4)];
      if (cyc >= 0) raw += m.cyc_delta[cell * m.n_cyc + cyc];
    }
    raw = raw < 1 ? 1 : (raw > 93 ? 93 : raw);
    q[o] = m.qmap[raw];
  }
  b.status[r] = overflow ? kApplyCycleOverflow : status;
}

}  // namespace helicase::kernels::bqsr
