// read_qc_cpu.cpp -- CPU launcher of the QC kernel and the QcCounts container.
#include <algorithm>

#include "qc/read_qc_launch.hpp"

namespace helicase::kernels {

void QcCounts::ensure_cycles(std::uint32_t want) {
  if (want <= cycles) return;
  // Per-cycle arrays are cycle-major, so growing appends zeros at the end.
  base_by_cycle.resize(static_cast<std::size_t>(want) * kQcBaseBins, 0);
  qual_by_cycle.resize(static_cast<std::size_t>(want) * kQcQualBins, 0);
  length_hist.resize(static_cast<std::size_t>(want) + 1, 0);
  cycles = want;
}

void QcCounts::add(const QcCounts& o) {
  ensure_cycles(o.cycles);
  auto sum = [](std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
    for (std::size_t i = 0; i < b.size(); ++i) a[i] += b[i];
  };
  sum(base_by_cycle, o.base_by_cycle);
  sum(qual_by_cycle, o.qual_by_cycle);
  sum(length_hist, o.length_hist);
  sum(gc_hist, o.gc_hist);
  sum(mean_qual_hist, o.mean_qual_hist);
}

QcCountsView QcCounts::view() {
  return QcCountsView{base_by_cycle.data(), qual_by_cycle.data(), length_hist.data(),
                      gc_hist.data(),       mean_qual_hist.data(), cycles};
}

QcTotals QcCounts::totals() const {
  QcTotals t;
  for (std::size_t len = 0; len < length_hist.size(); ++len) {
    t.reads += length_hist[len];
    t.bases += length_hist[len] * len;
  }
  for (std::uint32_t c = 0; c < cycles; ++c) {
    const std::uint64_t* b = &base_by_cycle[static_cast<std::size_t>(c) * kQcBaseBins];
    t.gc += b[1] + b[2];
    t.n += b[4];
    const std::uint64_t* q = &qual_by_cycle[static_cast<std::size_t>(c) * kQcQualBins];
    for (int v = 0; v < kQcQualBins; ++v) {
      t.q20 += v >= 20 ? q[v] : 0;
      t.q30 += v >= 30 ? q[v] : 0;
      t.qual_sum += q[v] * static_cast<std::uint64_t>(v);
    }
  }
  return t;
}

std::uint32_t qc_max_length(const QcBatchView& batch) {
  std::uint64_t longest = 0;
  for (std::size_t i = 0; i < batch.n; ++i) longest = std::max(longest, batch.offsets[i + 1] - batch.offsets[i]);
  return static_cast<std::uint32_t>(longest);
}

void read_qc_cpu(const QcBatchView& batch, QcCounts& counts, ThreadPool& pool) {
  if (batch.n == 0) return;
  const std::uint32_t cycles = std::max(counts.cycles, qc_max_length(batch));
  counts.ensure_cycles(cycles);
  // Fixed split by read index; integer sums make the merge order irrelevant anyway.
  const std::size_t parts = std::min<std::size_t>(pool.size(), (batch.n + 1023) / 1024);
  std::vector<QcCounts> partial(parts);
  pool.parallel_for(parts, [&](std::size_t p) {
    QcCounts& local = partial[p];
    local.ensure_cycles(cycles);
    QcPlainSink sink{local.view()};
    const std::size_t begin = batch.n * p / parts, end = batch.n * (p + 1) / parts;
    for (std::size_t i = begin; i < end; ++i) qc_count_read(batch, i, sink);
  });
  for (const auto& part : partial) counts.add(part);
}

}  // namespace helicase::kernels
