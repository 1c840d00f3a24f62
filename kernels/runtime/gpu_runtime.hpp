// gpu_runtime.hpp -- what the host code may ask of the CUDA runtime, without CUDA headers.
//
// Implemented by gpu_runtime_cuda.cu in CUDA builds and by gpu_runtime_none.cpp otherwise,
// so src/ and tools/ never include a CUDA header. A binary built with CUDA runs on a
// machine without a driver: probe_gpus() then reports no device and says why.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace helicase::gpu {

struct DeviceInfo {
  int index = 0;
  std::string name;
  int cc_major = 0, cc_minor = 0;
  std::size_t total_memory = 0;
  std::size_t free_memory = 0;
};

struct Probe {
  bool built_with_cuda = false;
  int runtime_version = 0;  // e.g. 13000
  int driver_version = 0;   // 0 when no driver
  std::vector<DeviceInfo> devices;
  std::string unavailable_reason;  // non-empty when no usable device
};

// Queries driver and devices. Never throws; failures end up in unavailable_reason.
Probe probe_gpus();

// Makes `device` current for the calling thread (GPU error, exit 5, on failure).
void set_device(int device);

}  // namespace helicase::gpu
