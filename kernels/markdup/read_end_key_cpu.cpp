// read_end_key_cpu.cpp -- CPU launcher of the read-end key kernel.
#include <algorithm>

#include "markdup/read_end_key_launch.hpp"

namespace helicase::kernels {

void read_end_keys_cpu(const MarkdupRecordBatch& batch, const ReadEndKeyParams& params, const ReadEndKeys& out,
                       ThreadPool& pool) {
  if (batch.n == 0) return;
  // Every output slot is written by exactly one item: any split gives the same bytes.
  const std::size_t parts = std::min<std::size_t>(pool.size(), (batch.n + 4095) / 4096);
  pool.parallel_for(parts, [&](std::size_t p) {
    const std::size_t begin = batch.n * p / parts, end = batch.n * (p + 1) / parts;
    for (std::size_t i = begin; i < end; ++i) read_end_key_one(batch, i, params, out);
  });
}

}  // namespace helicase::kernels
