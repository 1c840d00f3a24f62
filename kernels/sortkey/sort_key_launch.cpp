// sort_key_launch.cpp -- picks the CPU or CUDA launcher of the sort-key kernel.
#include "sortkey/sort_key_launch.hpp"

namespace helicase::kernels {

RecordSorter::RecordSorter(const Backend& backend) : backend_(backend) {
  if (backend_.is_gpu()) gpu_ = make_sort_key_gpu_state(backend_.device());
}

void RecordSorter::sort_coordinate(const CoordBatchView& batch, std::vector<std::uint32_t>& order) {
  if (gpu_) sort_coordinate_gpu(batch, order, *gpu_);
  else sort_coordinate_cpu(batch, order, backend_.pool());
}

void RecordSorter::sort_queryname(const QnameBatchView& batch, std::vector<std::uint32_t>& order) {
  if (gpu_) sort_queryname_gpu(batch, order, *gpu_);
  else sort_queryname_cpu(batch, order, backend_.pool());
}

}  // namespace helicase::kernels
