// pairhmm_gpu_none.cpp -- the PairHMM kernel's CUDA launcher in a CPU-only build: refuses.
#include "common/error.hpp"
#include "pairhmm/pairhmm_launch.hpp"

namespace helicase::kernels::pairhmm {

struct PairHmmGpuState {};
void PairHmmGpuStateDeleter::operator()(PairHmmGpuState* s) const { delete s; }

PairHmmGpuStatePtr make_pairhmm_gpu_state(int, const PairHmmTables&) {
  fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support");
}
void pairhmm_gpu(const PairHmmBatchView&, std::uint32_t, std::uint32_t, PairHmmGpuState&) {
  fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support");
}

double pairhmm_gpu_last_kernel_ms(const PairHmmGpuState&) { return 0.0; }

}  // namespace helicase::kernels::pairhmm
