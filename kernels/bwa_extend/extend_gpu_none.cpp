// extend_gpu_none.cpp -- the extension's CUDA launcher in a CPU-only build: refuses.
#include "bwa_extend/extend_launch.hpp"
#include "common/error.hpp"

namespace helicase::kernels {

void ksw_extend_batch_gpu(int, const ExtendBatch&, ExtendResult*) {
  fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support");
}

}  // namespace helicase::kernels
