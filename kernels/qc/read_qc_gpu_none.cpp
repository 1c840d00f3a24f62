// read_qc_gpu_none.cpp -- the QC kernel's CUDA launcher in a CPU-only build: refuses.
#include "common/error.hpp"
#include "qc/read_qc_launch.hpp"

namespace helicase::kernels {

struct ReadQcGpuState {};
void ReadQcGpuStateDeleter::operator()(ReadQcGpuState* s) const { delete s; }

ReadQcGpuStatePtr make_read_qc_gpu_state(int) {
  fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support");
}
void read_qc_gpu(const QcBatchView&, QcCounts&, ReadQcGpuState&) {
  fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support");
}

}  // namespace helicase::kernels
