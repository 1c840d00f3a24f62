// apply_gpu_none.cpp -- the ApplyBQSR kernel's CUDA launcher in a CPU-only build: refuses.
#include "bqsr/apply_launch.hpp"
#include "common/error.hpp"

namespace helicase::kernels::bqsr {

struct ApplyGpuState {};
void ApplyGpuStateDeleter::operator()(ApplyGpuState* s) const { delete s; }

ApplyGpuStatePtr make_apply_gpu_state(int, const ApplyModel&) {
  fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support");
}
void apply_gpu(const ApplyBatchView&, ApplyGpuState&) { fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support"); }

}  // namespace helicase::kernels::bqsr
