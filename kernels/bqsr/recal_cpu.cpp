// recal_cpu.cpp -- CPU launcher of BaseRecalibrator's per-read kernel.
#include <algorithm>
#include <cmath>

#include "bqsr/recal_launch.hpp"

namespace helicase::kernels::bqsr {

std::vector<double> baq_qual_to_prob_table() {
  std::vector<double> t(94);
  for (int q = 0; q < 94; ++q) t[static_cast<std::size_t>(q)] = std::pow(10, -q / 10.);
  return t;
}

std::uint64_t batch_bases(const RecalBatchView& b) {
  return b.n_reads == 0 ? 0 : b.offset[b.n_reads - 1] + b.length[b.n_reads - 1];
}

void recal_cpu(const RecalBatchView& batch, const RecalParams& params, ThreadPool& pool) {
  const std::size_t n = batch.n_reads;
  if (n == 0) return;
  const std::size_t parts = std::min<std::size_t>(pool.size() * 4, (n + 127) / 128);
  pool.parallel_for(parts, [&](std::size_t p) {
    std::vector<double> hmm;
    std::vector<int> state;
    std::vector<std::uint8_t> bq;
    const std::size_t begin = n * p / parts, end = n * (p + 1) / parts;
    for (std::size_t r = begin; r < end; ++r) {
      RecalScratch s;
      if (params.baq) {
        const int len = static_cast<int>(batch.length[r]);
        const std::size_t need = baq_scratch_doubles(static_cast<int>(batch.ref_length[r]), len);
        if (hmm.size() < need) hmm.resize(need);
        if (state.size() < static_cast<std::size_t>(len)) {
          state.resize(static_cast<std::size_t>(len));
          bq.resize(static_cast<std::size_t>(len));
        }
        s = {hmm.data(), state.data(), bq.data()};
      }
      recal_read(batch, params, static_cast<std::uint32_t>(r), s);
    }
  });
}

}  // namespace helicase::kernels::bqsr
