// apply_launch.cpp -- picks the CPU or CUDA launcher of the ApplyBQSR kernel.
#include "bqsr/apply_launch.hpp"

namespace helicase::kernels::bqsr {

BqsrApplier::BqsrApplier(const Backend& backend, const ApplyModel& model) : backend_(backend), model_(model) {
  if (backend_.is_gpu()) gpu_ = make_apply_gpu_state(backend_.device(), model_);
}

void BqsrApplier::run(const ApplyBatchView& batch) {
  if (gpu_) apply_gpu(batch, *gpu_);
  else apply_cpu(batch, model_.view(), backend_.pool());
}

}  // namespace helicase::kernels::bqsr
