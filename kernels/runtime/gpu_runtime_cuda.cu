// gpu_runtime_cuda.cu -- device discovery through the CUDA runtime.
#include <cuda_runtime.h>

#include "runtime/cuda_check.cuh"
#include "runtime/gpu_runtime.hpp"

namespace helicase::gpu {

Probe probe_gpus() {
  Probe p;
  p.built_with_cuda = true;
  cudaRuntimeGetVersion(&p.runtime_version);
  if (cudaDriverGetVersion(&p.driver_version) != cudaSuccess || p.driver_version == 0) {
    p.driver_version = 0;
    p.unavailable_reason = "no NVIDIA driver found";
    return p;
  }
  int count = 0;
  const cudaError_t err = cudaGetDeviceCount(&count);
  if (err != cudaSuccess) {
    p.unavailable_reason = std::string("no usable CUDA device: ") + cudaGetErrorString(err);
    cudaGetLastError();  // clear the sticky-free error so later calls start clean
    return p;
  }
  if (count == 0) {
    p.unavailable_reason = "no CUDA device found";
    return p;
  }
  for (int d = 0; d < count; ++d) {
    cudaDeviceProp prop{};
    if (cudaGetDeviceProperties(&prop, d) != cudaSuccess) continue;
    DeviceInfo info;
    info.index = d;
    info.name = prop.name;
    info.cc_major = prop.major;
    info.cc_minor = prop.minor;
    info.total_memory = prop.totalGlobalMem;
    if (cudaSetDevice(d) == cudaSuccess) {
      std::size_t free_b = 0, total_b = 0;
      if (cudaMemGetInfo(&free_b, &total_b) == cudaSuccess) info.free_memory = free_b;
    }
    p.devices.push_back(info);
  }
  if (p.devices.empty()) p.unavailable_reason = "CUDA devices could not be queried";
  return p;
}

void set_device(int device) { HELICASE_CUDA_CHECK(cudaSetDevice(device)); }

}  // namespace helicase::gpu
