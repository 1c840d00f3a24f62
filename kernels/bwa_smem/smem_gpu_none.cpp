// smem_gpu_none.cpp -- the seeding's CUDA launcher in a CPU-only build: refuses.
#include "bwa_smem/smem_launch.hpp"
#include "common/error.hpp"

namespace helicase::kernels {

struct SmemGpuState {};
void SmemGpuStateDeleter::operator()(SmemGpuState* s) const { delete s; }

SmemGpuStatePtr make_smem_gpu_state(int, const FmIndexView&) {
  fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support");
}
void collect_intervals_batch_gpu(SmemGpuState&, const SmemParams&, const SmemBatch&, SmemResult&) {
  fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support");
}

}  // namespace helicase::kernels
