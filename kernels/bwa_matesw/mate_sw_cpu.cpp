// mate_sw_cpu.cpp -- CPU launcher of the mate-rescue kernel: contiguous parts of the batch over
// the thread pool, each part with its own workspace.
#include <algorithm>

#include "bwa_matesw/mate_sw_launch.hpp"

namespace helicase::kernels {

void mate_sw_cpu(const MateSwJobs& jobs, const MateSwParams& params, std::vector<MateSwResult>& out, ThreadPool& pool) {
  const std::size_t n = jobs.size();
  out.assign(n, MateSwResult{});
  if (n == 0) return;
  const std::size_t parts = std::min<std::size_t>(n, std::max<unsigned>(1, pool.size()) * 4);
  pool.parallel_for(parts, [&](std::size_t part) {
    const std::size_t lo = n * part / parts, hi = n * (part + 1) / parts;
    std::vector<std::int32_t> work;
    for (std::size_t i = lo; i < hi; ++i) {
      work.resize(jobs.work_offset[i + 1] - jobs.work_offset[i]);
      out[i] = mate_sw_align(static_cast<int>(jobs.query_offset[i + 1] - jobs.query_offset[i]),
                             jobs.query.data() + jobs.query_offset[i],
                             static_cast<int>(jobs.target_offset[i + 1] - jobs.target_offset[i]),
                             jobs.target.data() + jobs.target_offset[i], params, jobs.xtra[i], work.data());
    }
  });
}

}  // namespace helicase::kernels
