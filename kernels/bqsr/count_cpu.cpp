// count_cpu.cpp -- ordered, quality-partitioned accumulation of BaseRecalibrator's counts.
#include "bqsr/count.hpp"

#include <algorithm>

namespace helicase::kernels::bqsr {

RecalCounts::RecalCounts(int n_rg, int context_keys, int cycle_keys, bool indels)
    : n_rg_(n_rg), ctx_keys_(context_keys), cyc_keys_(cycle_keys), n_events_(indels ? 3 : 1) {
  const std::size_t slots = static_cast<std::size_t>(n_rg) * 94 * static_cast<std::size_t>(n_events_);
  qual_.assign(slots, CountCell{});
  ctx_.resize(slots);
  cyc_.resize(slots);
}

const CountCell* RecalCounts::qual_cell(int rg, int qual, int event) const {
  const CountCell& c = qual_[slot(rg, qual, event)];
  return c.observations > 0 ? &c : nullptr;
}
const CountCell* RecalCounts::context_block(int rg, int qual, int event) const { return ctx_[slot(rg, qual, event)].get(); }
const CountCell* RecalCounts::cycle_block(int rg, int qual, int event) const { return cyc_[slot(rg, qual, event)].get(); }

void RecalCounts::count(const RecalBatchView& b, std::uint32_t lo, std::uint32_t hi, int part, int parts) {
  auto add = [](CountCell& c, double err) {
    ++c.observations;
    c.mismatches_scaled += err * 100000.0;
  };
  auto block = [](std::unique_ptr<CountCell[]>& p, int n) -> CountCell* {
    if (!p) p.reset(new CountCell[static_cast<std::size_t>(n)]());
    return p.get();
  };
  for (std::uint32_t r = lo; r < hi; ++r) {
    if (b.status[r] != kRecalOk) continue;
    const int rg = b.rg[r];
    const std::uint64_t o = b.offset[r];
    const int len = static_cast<int>(b.length[r]);
    for (int i = 0; i < len; ++i) {
      const std::uint64_t k = o + static_cast<std::uint64_t>(i);
      if (b.skip[k]) continue;
      for (int e = 0; e < n_events_; ++e) {
        const int q = e == 0 ? b.quals[k] : e == 1 ? b.ins_quals[k] : b.del_quals[k];
        if (q % parts != part) continue;
        const double err = e == 0 ? b.err_m[k] : e == 1 ? b.err_i[k] : b.err_d[k];
        const std::size_t s = slot(rg, q, e);
        add(qual_[s], err);
        const int ctx = e == 0 ? b.ctx_m[k] : b.ctx_i[k];
        if (ctx >= 0) add(block(ctx_[s], ctx_keys_)[ctx], err);
        const int cyc = e == 0 ? b.cyc_m[k] : b.cyc_i[k];
        if (cyc >= 0) add(block(cyc_[s], cyc_keys_)[cyc], err);
      }
    }
  }
}

void RecalCounts::add_batch_ordered(const RecalBatchView& b, ThreadPool& pool) {
  const int parts = static_cast<int>(std::min<unsigned>(pool.size(), 8));
  pool.parallel_for(static_cast<std::size_t>(parts),
                    [&](std::size_t p) { count(b, 0, b.n_reads, static_cast<int>(p), parts); });
}

void RecalCounts::add_batch(const RecalBatchView& b, std::vector<RecalCounts>& parts, ThreadPool& pool) {
  const std::size_t n = parts.size();
  pool.parallel_for(n, [&](std::size_t p) {
    const auto lo = static_cast<std::uint32_t>(b.n_reads * p / n), hi = static_cast<std::uint32_t>(b.n_reads * (p + 1) / n);
    parts[p].count(b, lo, hi, 0, 1);
  });
}

void RecalCounts::merge_from(const RecalCounts& o) {
  auto add = [](CountCell& a, const CountCell& c) {
    a.observations += c.observations;
    a.mismatches_scaled += c.mismatches_scaled;
  };
  auto add_block = [&](std::unique_ptr<CountCell[]>& dst, const std::unique_ptr<CountCell[]>& src, int n) {
    if (!src) return;
    if (!dst) dst.reset(new CountCell[static_cast<std::size_t>(n)]());
    for (int k = 0; k < n; ++k) add(dst[k], src[k]);
  };
  for (std::size_t s = 0; s < qual_.size(); ++s) {
    add(qual_[s], o.qual_[s]);
    add_block(ctx_[s], o.ctx_[s], ctx_keys_);
    add_block(cyc_[s], o.cyc_[s], cyc_keys_);
  }
}

}  // namespace helicase::kernels::bqsr
