// device_buffer.cuh -- RAII device memory owned by one object, grown on demand.
//
// DeviceBuffer<T> owns cudaMalloc'ed storage; reserve() grows it (contents discarded);
// the destructor frees it. Not copyable. to_device() and to_host() queue copies to and from
// one. Use only from .cu files.
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

// Grows buf to hold n elements (at least one, so the pointer is valid for empty batches),
// queues the copy of src[0, n) on stream, and returns the device pointer.
template <class T>
T* to_device(DeviceBuffer<T>& buf, const T* src, std::size_t n, cudaStream_t stream) {
  buf.reserve(n == 0 ? 1 : n);
  if (n && src) HELICASE_CUDA_CHECK(cudaMemcpyAsync(buf.data(), src, n * sizeof(T), cudaMemcpyHostToDevice, stream));
  return buf.data();
}

// Queues the copy of the first n elements of buf into dst[0, n) on stream.
template <class T>
void to_host(T* dst, const DeviceBuffer<T>& buf, std::size_t n, cudaStream_t stream) {
  if (n) HELICASE_CUDA_CHECK(cudaMemcpyAsync(dst, buf.data(), n * sizeof(T), cudaMemcpyDeviceToHost, stream));
}

}  // namespace helicase::gpu
