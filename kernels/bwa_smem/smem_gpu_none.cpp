// smem_gpu_none.cpp -- the seeding's CUDA launcher in a CPU-only build: refuses.
#include "bwa_smem/smem_launch.hpp"
#include "common/error.hpp"

namespace helicase::kernels {

void collect_intervals_batch_gpu(int, const FmIndexView&, const FmIndexView&, const SmemParams&, const SmemBatch&,
                                 SmemResult&) {
  fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support");
}

}  // namespace helicase::kernels
