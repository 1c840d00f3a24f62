// recal_launch.cpp -- picks the CPU or CUDA launcher of BaseRecalibrator's per-read kernel.
#include "bqsr/recal_launch.hpp"

namespace helicase::kernels::bqsr {

BqsrRecalRunner::BqsrRecalRunner(const Backend& backend) : backend_(backend) {
  if (backend_.is_gpu()) gpu_ = make_recal_gpu_state(backend_.device());
}

void BqsrRecalRunner::run(const RecalBatchView& batch, const RecalParams& params, std::uint64_t total_cigar,
                          std::uint64_t total_ref) {
  if (gpu_) recal_gpu(batch, params, total_cigar, total_ref, *gpu_);
  else recal_cpu(batch, params, backend_.pool());
}

}  // namespace helicase::kernels::bqsr
