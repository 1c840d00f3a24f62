// device_buffer.cuh -- RAII device memory owned by one object, grown on demand.
//
// DeviceBuffer<T> owns cudaMalloc'ed storage; reserve() grows it (contents discarded);
// the destructor frees it. Not copyable. Use only from .cu files.
#pragma once

#include <cstddef>
#include <utility>

#include "runtime/cuda_check.cuh"

namespace helicase::gpu {

template <class T>
class DeviceBuffer {
 public:
  DeviceBuffer() = default;
  explicit DeviceBuffer(std::size_t n) { reserve(n); }
  ~DeviceBuffer() { release(); }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  DeviceBuffer(DeviceBuffer&& o) noexcept : ptr_(std::exchange(o.ptr_, nullptr)), cap_(std::exchange(o.cap_, 0)) {}

  void reserve(std::size_t n) {
    if (n <= cap_) return;
    release();
    HELICASE_CUDA_CHECK(cudaMalloc(reinterpret_cast<void**>(&ptr_), n * sizeof(T)));
    cap_ = n;
  }
  T* data() { return ptr_; }
  const T* data() const { return ptr_; }
  std::size_t capacity() const { return cap_; }

 private:
  void release() {
    if (ptr_) cudaFree(ptr_);
    ptr_ = nullptr;
    cap_ = 0;
  }
  T* ptr_ = nullptr;
  std::size_t cap_ = 0;
};

}  // namespace helicase::gpu
