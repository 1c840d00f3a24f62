// sort_key_gpu_none.cpp -- the sort-key kernel's CUDA launchers in a CPU-only build: refuse.
#include "common/error.hpp"
#include "sortkey/sort_key_launch.hpp"

namespace helicase::kernels {

struct SortKeyGpuState {};
void SortKeyGpuStateDeleter::operator()(SortKeyGpuState* s) const { delete s; }

SortKeyGpuStatePtr make_sort_key_gpu_state(int) {
  fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support");
}
void sort_coordinate_gpu(const CoordBatchView&, std::vector<std::uint32_t>&, SortKeyGpuState&) {
  fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support");
}
void sort_queryname_gpu(const QnameBatchView&, std::vector<std::uint32_t>&, SortKeyGpuState&) {
  fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support");
}

}  // namespace helicase::kernels
