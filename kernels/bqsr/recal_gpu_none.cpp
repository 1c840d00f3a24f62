// recal_gpu_none.cpp -- the BQSR kernel's CUDA launcher in a CPU-only build: refuses.
#include "bqsr/recal_launch.hpp"
#include "common/error.hpp"

namespace helicase::kernels::bqsr {

struct RecalGpuState {};
void RecalGpuStateDeleter::operator()(RecalGpuState* s) const { delete s; }

RecalGpuStatePtr make_recal_gpu_state(int) { fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support"); }
void recal_gpu(const RecalBatchView&, const RecalParams&, std::uint64_t, std::uint64_t, RecalGpuState&) {
  fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support");
}

}  // namespace helicase::kernels::bqsr
