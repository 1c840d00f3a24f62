// read_end_key_gpu_none.cpp -- the read-end key kernel's CUDA launcher in a CPU-only build: refuses.
#include "common/error.hpp"
#include "markdup/read_end_key_launch.hpp"

namespace helicase::kernels {

struct ReadEndKeyGpuState {};
void ReadEndKeyGpuStateDeleter::operator()(ReadEndKeyGpuState* s) const { delete s; }

ReadEndKeyGpuStatePtr make_read_end_key_gpu_state(int) {
  fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support");
}
void read_end_keys_gpu(const MarkdupRecordBatch&, const ReadEndKeyParams&, const ReadEndKeys&, ReadEndKeyGpuState&) {
  fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support");
}

}  // namespace helicase::kernels
