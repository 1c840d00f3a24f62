// global_sw_cpu.cpp -- CPU launcher of the global alignment kernel: contiguous parts of the
// batch over the thread pool, each part with its own workspace.
#include <algorithm>

#include "bwa_global/global_sw_launch.hpp"

namespace helicase::kernels {

void global_sw_cpu(const GlobalSwJobs& jobs, const GlobalSwParams& params, GlobalSwResults& out, ThreadPool& pool) {
  prepare_global_sw_results(jobs, out);
  const std::size_t n = jobs.size();
  if (n == 0) return;
  const std::size_t parts = std::min<std::size_t>(n, std::max<unsigned>(1, pool.size()) * 4);
  pool.parallel_for(parts, [&](std::size_t part) {
    const std::size_t lo = n * part / parts, hi = n * (part + 1) / parts;
    std::vector<std::int32_t> eh;
    std::vector<std::uint8_t> z;
    for (std::size_t i = lo; i < hi; ++i) {
      const int qlen = static_cast<int>(jobs.query_offset[i + 1] - jobs.query_offset[i]);
      eh.resize(2 * static_cast<std::size_t>(qlen + 1) + 2);
      z.resize(jobs.z_offset[i + 1] - jobs.z_offset[i] + 1);
      int n_cigar = 0;
      out.score[i] = global_sw_align(qlen, jobs.query.data() + jobs.query_offset[i],
                                     static_cast<int>(jobs.target_offset[i + 1] - jobs.target_offset[i]),
                                     jobs.target.data() + jobs.target_offset[i], params, jobs.w[i], eh.data(),
                                     z.data(), out.cigar.data() + out.cigar_start[i], &n_cigar);
      out.n_cigar[i] = n_cigar;
    }
  });
}

}  // namespace helicase::kernels
