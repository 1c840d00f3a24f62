// apply_cpu.cpp -- CPU launcher of the ApplyBQSR kernel and the model container.
#include <algorithm>

#include "bqsr/apply_launch.hpp"

namespace helicase::kernels::bqsr {

void ApplyModel::allocate(int read_groups, int ctx_size, int max_cycle_value) {
  n_rg = read_groups;
  context_size = ctx_size;
  max_cycle = max_cycle_value;
  const auto rg = static_cast<std::size_t>(read_groups);
  y2.assign(rg * kApplyQualSlots, 0);
  ctx_delta.assign(rg * kApplyTableQuals * static_cast<std::size_t>(n_ctx()), 0);
  cyc_delta.assign(rg * kApplyTableQuals * static_cast<std::size_t>(n_cyc()), 0);
  qmap.assign(kApplyTableQuals, 0);
  missing_map.assign(kApplyTableQuals, 0);
}

ApplyModelView ApplyModel::view() const {
  ApplyModelView v;
  v.n_rg = n_rg;
  v.context_size = context_size;
  v.n_ctx = n_ctx();
  v.max_cycle = max_cycle;
  v.n_cyc = n_cyc();
  v.low_quality_tail = low_quality_tail;
  v.preserve = preserve;
  v.y2 = y2.data();
  v.ctx_delta = ctx_delta.data();
  v.cyc_delta = cyc_delta.data();
  v.qmap = qmap.data();
  v.missing_map = missing_map.data();
  return v;
}

void apply_cpu(const ApplyBatchView& batch, const ApplyModelView& model, ThreadPool& pool) {
  if (batch.n_reads == 0) return;
  const std::size_t n = batch.n_reads;
  const std::size_t parts = std::min<std::size_t>(pool.size() * 4, (n + 255) / 256);
  pool.parallel_for(parts, [&](std::size_t p) {
    const std::size_t begin = n * p / parts, end = n * (p + 1) / parts;
    for (std::size_t r = begin; r < end; ++r) apply_read(batch, model, static_cast<std::uint32_t>(r));
  });
}

}  // namespace helicase::kernels::bqsr
