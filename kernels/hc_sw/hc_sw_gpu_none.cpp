// hc_sw_gpu_none.cpp -- the haplotype Smith-Waterman CUDA launcher in a CPU-only build: refuses.
#include "common/error.hpp"
#include "hc_sw/hc_sw_launch.hpp"

namespace helicase::kernels::hc_sw {

struct SwGpuState {};
void SwGpuStateDeleter::operator()(SwGpuState* s) const { delete s; }

SwGpuStatePtr make_sw_gpu_state(int) { fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support"); }
void sw_gpu(const SwBatchView&, SwGpuState&) { fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support"); }

}  // namespace helicase::kernels::hc_sw
