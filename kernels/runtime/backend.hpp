// backend.hpp -- which backend runs the kernels: CPU threads or one CUDA device.
//
// select_backend() applies the rule of architecture.md: --device auto takes the GPU when
// one is usable and otherwise the CPU, logging why; --device gpu fails with exit 5 when no
// GPU is usable (a CPU-only build refuses it clearly); --device cpu never touches CUDA.
// A Backend is created once per run by the tool and passed by reference to every kernel
// dispatcher; it does not own the thread pool.
#pragma once

#include <string>

#include "common/log.hpp"
#include "common/thread_pool.hpp"
#include "runtime/gpu_runtime.hpp"

namespace helicase {

enum class BackendKind { Cpu, Gpu };

class Backend {
 public:
  static Backend cpu(ThreadPool& pool) { return Backend(BackendKind::Cpu, -1, "CPU", pool); }
  static Backend gpu(int device, std::string name, ThreadPool& pool) {
    return Backend(BackendKind::Gpu, device, std::move(name), pool);
  }

  BackendKind kind() const { return kind_; }
  bool is_gpu() const { return kind_ == BackendKind::Gpu; }
  int device() const { return device_; }
  ThreadPool& pool() const { return *pool_; }
  // "CPU (2 threads)" or "GPU 0: NVIDIA H100 80GB HBM3".
  std::string describe() const;

 private:
  Backend(BackendKind kind, int device, std::string name, ThreadPool& pool)
      : kind_(kind), device_(device), name_(std::move(name)), pool_(&pool) {}
  BackendKind kind_;
  int device_;
  std::string name_;
  ThreadPool* pool_;
};

// Smallest free device memory for a GPU to count as usable at start.
inline constexpr std::size_t kMinFreeGpuMemory = 256u << 20;

// choice is "auto", "cpu" or "gpu" (validated by the option parser).
Backend select_backend(const std::string& choice, const gpu::Probe& probe, Logger& log, ThreadPool& pool);

// One line for --version: "CUDA: yes (runtime 13.0); GPU: NVIDIA H100 (sm_90, 79.1 GiB)".
std::string describe_gpu_support(const gpu::Probe& probe);

}  // namespace helicase
