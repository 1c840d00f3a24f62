// global_sw_gpu_none.cpp -- the global alignment kernel's CUDA launcher in a CPU-only build: refuses.
#include "bwa_global/global_sw_launch.hpp"
#include "common/error.hpp"

namespace helicase::kernels {

struct GlobalSwGpuState {};
void GlobalSwGpuStateDeleter::operator()(GlobalSwGpuState* s) const { delete s; }

GlobalSwGpuStatePtr make_global_sw_gpu_state(int) { fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support"); }
void global_sw_gpu(const GlobalSwJobs&, const GlobalSwParams&, GlobalSwResults&, GlobalSwGpuState&) {
  fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support");
}

}  // namespace helicase::kernels
