// fm_sa_gpu_none.cpp -- the SA lookup's CUDA launcher in a CPU-only build: refuses.
#include "common/error.hpp"
#include "fmindex/fm_sa_launch.hpp"

namespace helicase::kernels {

struct FmIndexGpuState {};
void FmIndexGpuStateDeleter::operator()(FmIndexGpuState* s) const { delete s; }

FmIndexGpuStatePtr make_fm_index_gpu_state(int, const FmIndexView&) {
  fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support");
}
void fm_sa_lookup_gpu(FmIndexGpuState&, const std::uint64_t*, std::uint64_t*, std::size_t) {
  fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support");
}

}  // namespace helicase::kernels
