// extend_launch.cpp -- CPU launcher of batched seed extensions.
#include "bwa_extend/extend_launch.hpp"

#include <algorithm>
#include <string>

#include "common/error.hpp"

namespace helicase::kernels {

void ksw_extend_batch_cpu(const ExtendBatch& batch, ExtendResult* out, ThreadPool& pool) {
  for (std::size_t i = 0; i < batch.jobs.size(); ++i) {
    const ExtendJob& j = batch.jobs[i];
    if (j.qlen < 0 || j.tlen < 0 || j.h0 <= 0 || j.query_offset + static_cast<std::uint64_t>(j.qlen) > batch.query.size() ||
        j.target_offset + static_cast<std::uint64_t>(j.tlen) > batch.target.size()) {
      fail_internal("extension job " + std::to_string(i) + " is outside its batch");
    }
  }
  constexpr std::size_t kPart = 256;
  const std::size_t n = batch.jobs.size();
  const std::size_t parts = (n + kPart - 1) / kPart;
  pool.parallel_for(parts, [&](std::size_t p) {
    std::vector<ExtendCell> eh;
    const std::size_t end = std::min(n, (p + 1) * kPart);
    for (std::size_t i = p * kPart; i < end; ++i) {
      const ExtendJob& j = batch.jobs[i];
      eh.resize(static_cast<std::size_t>(j.qlen) + 1);
      out[i] = ksw_extend_one(j.qlen, batch.query.data() + j.query_offset, j.tlen, batch.target.data() + j.target_offset,
                              batch.scoring, j.w, j.end_bonus, j.zdrop, j.h0, eh.data());
    }
  });
}

}  // namespace helicase::kernels
