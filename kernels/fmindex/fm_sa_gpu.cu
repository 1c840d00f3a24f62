// fm_sa_gpu.cu -- CUDA launcher of batched SA lookups: one thread per row, fm_sa() as is.
//
// The index arrays (interleaved BWT and SA samples) are copied to the device once, when the
// state is made; a batch copies its rows in and the positions out on the state's stream.
#include <cuda_runtime.h>

#include <algorithm>

#include "fmindex/fm_sa_launch.hpp"
#include "runtime/device_buffer.cuh"

namespace helicase::kernels {
namespace {

__global__ void fm_sa_kernel(FmIndexView index, const std::uint64_t* rows, std::uint64_t* out, std::size_t n) {
  for (std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<std::size_t>(gridDim.x) * blockDim.x) {
    out[i] = fm_sa(index, rows[i]);
  }
}

}  // namespace

struct FmIndexGpuState {
  int device = 0;
  cudaStream_t stream = nullptr;
  FmIndexView view;  // pointers into the device buffers below
  gpu::DeviceBuffer<std::uint32_t> bwt;
  gpu::DeviceBuffer<std::uint64_t> sa, rows, out;
  ~FmIndexGpuState() {
    if (stream) cudaStreamDestroy(stream);
  }
};

void FmIndexGpuStateDeleter::operator()(FmIndexGpuState* s) const { delete s; }

FmIndexGpuStatePtr make_fm_index_gpu_state(int device, const FmIndexView& index) {
  FmIndexGpuStatePtr s(new FmIndexGpuState);
  s->device = device;
  HELICASE_CUDA_CHECK(cudaSetDevice(device));
  HELICASE_CUDA_CHECK(cudaStreamCreateWithFlags(&s->stream, cudaStreamNonBlocking));
  s->bwt.reserve(std::max<std::uint64_t>(1, index.bwt_words));
  s->sa.reserve(std::max<std::uint64_t>(1, index.n_sa));
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(s->bwt.data(), index.bwt, index.bwt_words * sizeof(std::uint32_t),
                                      cudaMemcpyHostToDevice, s->stream));
  if (index.n_sa > 0) {
    HELICASE_CUDA_CHECK(cudaMemcpyAsync(s->sa.data(), index.sa, index.n_sa * sizeof(std::uint64_t),
                                        cudaMemcpyHostToDevice, s->stream));
  }
  HELICASE_CUDA_CHECK(cudaStreamSynchronize(s->stream));
  s->view = index;
  s->view.bwt = s->bwt.data();
  s->view.sa = s->sa.data();
  return s;
}

void fm_sa_lookup_gpu(FmIndexGpuState& s, const std::uint64_t* rows, std::uint64_t* out, std::size_t n) {
  if (n == 0) return;
  HELICASE_CUDA_CHECK(cudaSetDevice(s.device));
  s.rows.reserve(n);
  s.out.reserve(n);
  HELICASE_CUDA_CHECK(
      cudaMemcpyAsync(s.rows.data(), rows, n * sizeof(std::uint64_t), cudaMemcpyHostToDevice, s.stream));
  constexpr int kThreads = 256;
  const int blocks = static_cast<int>(std::min<std::size_t>((n + kThreads - 1) / kThreads, 65535));
  fm_sa_kernel<<<blocks, kThreads, 0, s.stream>>>(s.view, s.rows.data(), s.out.data(), n);
  HELICASE_CUDA_CHECK(cudaGetLastError());
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(out, s.out.data(), n * sizeof(std::uint64_t), cudaMemcpyDeviceToHost, s.stream));
  HELICASE_CUDA_CHECK(cudaStreamSynchronize(s.stream));
}

}  // namespace helicase::kernels
