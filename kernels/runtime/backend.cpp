// backend.cpp -- backend selection rule.
#include "runtime/backend.hpp"

#include <cstdio>

#include "common/error.hpp"

namespace helicase {
namespace {

std::string gib(std::size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f GiB", static_cast<double>(bytes) / (1024.0 * 1024 * 1024));
  return buf;
}

// Returns the index into probe.devices of the first usable device, or -1 with a reason.
int first_usable(const gpu::Probe& probe, std::string& why) {
  if (!probe.unavailable_reason.empty()) {
    why = probe.unavailable_reason;
    return -1;
  }
  for (std::size_t i = 0; i < probe.devices.size(); ++i) {
    if (probe.devices[i].free_memory >= kMinFreeGpuMemory) return static_cast<int>(i);
  }
  why = "no CUDA device has " + gib(kMinFreeGpuMemory) + " of free memory";
  return -1;
}

}  // namespace

std::string Backend::describe() const {
  if (kind_ == BackendKind::Cpu) return "CPU (" + std::to_string(pool_->size()) + " threads)";
  return "GPU " + std::to_string(device_) + ": " + name_;
}

Backend select_backend(const std::string& choice, const gpu::Probe& probe, Logger& log, ThreadPool& pool) {
  if (choice == "cpu") return Backend::cpu(pool);
  std::string why;
  const int usable = first_usable(probe, why);
  if (usable < 0) {
    if (choice == "gpu") fail(ErrorKind::Gpu, "--device gpu: " + why);
    log.info("using the CPU backend: " + why);
    return Backend::cpu(pool);
  }
  const auto& dev = probe.devices[static_cast<std::size_t>(usable)];
  gpu::set_device(dev.index);
  return Backend::gpu(dev.index, dev.name, pool);
}

std::string describe_gpu_support(const gpu::Probe& probe) {
  std::string s = "CUDA: ";
  if (!probe.built_with_cuda) return s + "no (CPU-only build)";
  char rt[32];
  std::snprintf(rt, sizeof rt, "%d.%d", probe.runtime_version / 1000, (probe.runtime_version % 1000) / 10);
  s += std::string("yes (runtime ") + rt + ")";
  if (!probe.unavailable_reason.empty()) return s + "; GPU: none (" + probe.unavailable_reason + ")";
  for (const auto& d : probe.devices) {
    s += "; GPU " + std::to_string(d.index) + ": " + d.name + " (sm_" + std::to_string(d.cc_major) +
         std::to_string(d.cc_minor) + ", " + gib(d.total_memory) + ")";
  }
  return s;
}

}  // namespace helicase
