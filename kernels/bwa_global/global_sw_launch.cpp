// global_sw_launch.cpp -- host-side batch building and the CPU/GPU choice for global_sw.
#include "bwa_global/global_sw_launch.hpp"

namespace helicase::kernels {

void GlobalSwJobs::clear() {
  query.clear();
  target.clear();
  query_offset.assign(1, 0);
  target_offset.assign(1, 0);
  z_offset.assign(1, 0);
  w.clear();
}

void GlobalSwJobs::add(std::span<const std::uint8_t> q, std::span<const std::uint8_t> t, int band) {
  query.insert(query.end(), q.begin(), q.end());
  target.insert(target.end(), t.begin(), t.end());
  query_offset.push_back(query.size());
  target_offset.push_back(target.size());
  z_offset.push_back(z_offset.back() +
                     global_sw_z_bytes(static_cast<int>(q.size()), static_cast<int>(t.size()), band));
  w.push_back(band);
}

void prepare_global_sw_results(const GlobalSwJobs& jobs, GlobalSwResults& out) {
  const std::size_t n = jobs.size();
  out.score.assign(n, 0);
  out.n_cigar.assign(n, 0);
  out.cigar.assign(jobs.query.size() + jobs.target.size(), 0);
  out.cigar_start.resize(n);
  for (std::size_t i = 0; i < n; ++i) out.cigar_start[i] = jobs.query_offset[i] + jobs.target_offset[i];
}

GlobalSwRunner::GlobalSwRunner(const Backend& backend) : backend_(backend) {
  if (backend_.is_gpu()) gpu_ = make_global_sw_gpu_state(backend_.device());
}

void GlobalSwRunner::run(const GlobalSwJobs& jobs, const GlobalSwParams& params, GlobalSwResults& out) {
  if (gpu_) global_sw_gpu(jobs, params, out, *gpu_);
  else global_sw_cpu(jobs, params, out, backend_.pool());
}

}  // namespace helicase::kernels
