// read_end_key_launch.cpp -- picks the CPU or CUDA launcher for the read-end key kernel.
#include "markdup/read_end_key_launch.hpp"

namespace helicase::kernels {

ReadEndKeyComputer::ReadEndKeyComputer(const Backend& backend) : backend_(backend) {
  if (backend_.is_gpu()) gpu_ = make_read_end_key_gpu_state(backend_.device());
}

void ReadEndKeyComputer::compute(const MarkdupRecordBatch& batch, const ReadEndKeyParams& params,
                                 const ReadEndKeys& out) {
  if (gpu_) read_end_keys_gpu(batch, params, out, *gpu_);
  else read_end_keys_cpu(batch, params, out, backend_.pool());
}

}  // namespace helicase::kernels
