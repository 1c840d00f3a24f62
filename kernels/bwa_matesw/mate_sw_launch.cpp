// mate_sw_launch.cpp -- host-side batch building and the CPU/GPU choice for mate_sw.
#include "bwa_matesw/mate_sw_launch.hpp"

namespace helicase::kernels {

void MateSwJobs::clear() {
  query.clear();
  target.clear();
  query_offset.assign(1, 0);
  target_offset.assign(1, 0);
  work_offset.assign(1, 0);
  xtra.clear();
}

void MateSwJobs::add(std::span<const std::uint8_t> q, std::span<const std::uint8_t> t, int xtra_flags) {
  query.insert(query.end(), q.begin(), q.end());
  target.insert(target.end(), t.begin(), t.end());
  query_offset.push_back(query.size());
  target_offset.push_back(target.size());
  work_offset.push_back(work_offset.back() +
                        mate_sw_work_ints(static_cast<int>(q.size()), static_cast<int>(t.size())));
  xtra.push_back(xtra_flags);
}

MateSwRunner::MateSwRunner(const Backend& backend) : backend_(backend) {
  if (backend_.is_gpu()) gpu_ = make_mate_sw_gpu_state(backend_.device());
}

void MateSwRunner::run(const MateSwJobs& jobs, const MateSwParams& params, std::vector<MateSwResult>& out) {
  if (gpu_) mate_sw_gpu(jobs, params, out, *gpu_);
  else mate_sw_cpu(jobs, params, out, backend_.pool());
}

}  // namespace helicase::kernels
