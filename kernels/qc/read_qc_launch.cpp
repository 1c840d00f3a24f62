// read_qc_launch.cpp -- picks the CPU or CUDA launcher for the QC kernel.
#include "qc/read_qc_launch.hpp"

namespace helicase::kernels {

ReadQcCounter::ReadQcCounter(const Backend& backend) : backend_(backend) {
  if (backend_.is_gpu()) gpu_ = make_read_qc_gpu_state(backend_.device());
}

void ReadQcCounter::add_batch(const QcBatchView& batch, QcCounts& counts) {
  if (gpu_) read_qc_gpu(batch, counts, *gpu_);
  else read_qc_cpu(batch, counts, backend_.pool());
}

}  // namespace helicase::kernels
