// gpu_runtime_none.cpp -- the GPU runtime of a CPU-only build: no devices, ever.
#include "common/error.hpp"
#include "runtime/gpu_runtime.hpp"

namespace helicase::gpu {

Probe probe_gpus() {
  Probe p;
  p.unavailable_reason = "this build of Helicase has no CUDA support (configured with HELICASE_CUDA=OFF or without nvcc)";
  return p;
}

void set_device(int) { fail(ErrorKind::Gpu, "this build of Helicase has no CUDA support"); }

}  // namespace helicase::gpu
