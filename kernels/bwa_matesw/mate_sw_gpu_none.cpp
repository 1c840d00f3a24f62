// mate_sw_gpu_none.cpp -- the mate-rescue kernel's CUDA launcher in a CPU-only build: refuses.
#include "bwa_matesw/mate_sw_launch.hpp"
#include "common/error.hpp"

namespace helicase::kernels {

struct MateSwGpuState {};
void MateSwGpuStateDeleter::operator()(MateSwGpuState* s) const { delete s; }

MateSwGpuStatePtr make_mate_sw_gpu_state(int) { fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support"); }
void mate_sw_gpu(const MateSwJobs&, const MateSwParams&, std::vector<MateSwResult>&, MateSwGpuState&) {
  fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support");
}

}  // namespace helicase::kernels
