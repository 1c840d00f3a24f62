// smem_launch.cpp -- host seeding of one read and the CPU launcher over a batch.
#include "bwa_smem/smem_launch.hpp"

#include <algorithm>

namespace helicase::kernels {

void collect_intervals_host(const FmIndexView& v, const SmemParams& p, const std::uint8_t* q, int len,
                            std::vector<SmemInterval>& out, SmemScratch& s) {
  const auto need = static_cast<std::size_t>(len) + 1;
  if (s.mem1.size() < need) {
    s.mem1.resize(need);
    s.buf_a.resize(need);
    s.buf_b.resize(need);
  }
  if (out.size() < need) out.resize(need);
  for (;;) {
    const int n = collect_intervals(v, p, len, q, out.data(), static_cast<int>(out.size()), s.mem1.data(),
                                    s.buf_a.data(), s.buf_b.data());
    if (static_cast<std::size_t>(n) <= out.size()) {
      out.resize(static_cast<std::size_t>(n));
      return;
    }
    out.resize(static_cast<std::size_t>(n));  // too small: run again with room for all
  }
}

void append_smem_results(const std::vector<std::vector<SmemInterval>>& per_read, SmemResult& out) {
  for (const auto& r : per_read) {
    out.intervals.insert(out.intervals.end(), r.begin(), r.end());
    out.offsets.push_back(out.intervals.size());
  }
}

void collect_intervals_batch_cpu(const FmIndexView& v, const SmemParams& p, const SmemBatch& batch, SmemResult& out,
                                 ThreadPool& pool) {
  const std::size_t n = batch.size();
  std::vector<std::vector<SmemInterval>> per_read(n);
  constexpr std::size_t kPart = 256;
  pool.parallel_for((n + kPart - 1) / kPart, [&](std::size_t part) {
    SmemScratch scratch;
    for (std::size_t i = part * kPart; i < std::min(n, (part + 1) * kPart); ++i) {
      const auto len = static_cast<int>(batch.offsets[i + 1] - batch.offsets[i]);
      collect_intervals_host(v, p, batch.bases.data() + batch.offsets[i], len, per_read[i], scratch);
    }
  });
  append_smem_results(per_read, out);
}

}  // namespace helicase::kernels
