// gpu_main.cpp -- GoogleTest main for GPU tests: exit 77 (ctest "skipped") without a GPU.
#include <gtest/gtest.h>

#include <cstdio>

#include "runtime/backend.hpp"
#include "runtime/gpu_runtime.hpp"

int main(int argc, char** argv) {
  const helicase::gpu::Probe probe = helicase::gpu::probe_gpus();
  if (!probe.unavailable_reason.empty() || probe.devices.empty()) {
    std::printf("skipped: %s\n", probe.unavailable_reason.empty() ? "no CUDA device" : probe.unavailable_reason.c_str());
    return 77;
  }
  std::printf("%s\n", helicase::describe_gpu_support(probe).c_str());
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
