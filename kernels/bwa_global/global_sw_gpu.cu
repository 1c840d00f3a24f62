// global_sw_gpu.cu -- CUDA launcher of the global alignment kernel: one thread per alignment
// (grid-stride) over device copies of the batch, each with its own workspace slice; scores
// and CIGARs are copied back into the caller's arrays, equal to the CPU launcher's.
#include <cuda_runtime.h>

#include <algorithm>

#include "bwa_global/global_sw_launch.hpp"
#include "runtime/device_buffer.cuh"

namespace helicase::kernels {
namespace {

__global__ void global_sw_kernel(GlobalSwBatch batch, GlobalSwParams params) {
  for (std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; i < batch.n;
       i += static_cast<std::size_t>(gridDim.x) * blockDim.x) {
    global_sw_one(batch, i, params);
  }
}

using gpu::to_device;

}  // namespace

struct GlobalSwGpuState {
  cudaStream_t stream = nullptr;
  gpu::DeviceBuffer<std::uint8_t> query, target, z;
  gpu::DeviceBuffer<std::uint64_t> query_offset, target_offset, z_offset;
  gpu::DeviceBuffer<std::int32_t> w, eh, n_cigar, score;
  gpu::DeviceBuffer<std::uint32_t> cigar;
  ~GlobalSwGpuState() {
    if (stream) cudaStreamDestroy(stream);
  }
};

void GlobalSwGpuStateDeleter::operator()(GlobalSwGpuState* s) const { delete s; }

GlobalSwGpuStatePtr make_global_sw_gpu_state(int device) {
  GlobalSwGpuStatePtr s(new GlobalSwGpuState);
  HELICASE_CUDA_CHECK(cudaSetDevice(device));
  HELICASE_CUDA_CHECK(cudaStreamCreateWithFlags(&s->stream, cudaStreamNonBlocking));
  return s;
}

void global_sw_gpu(const GlobalSwJobs& jobs, const GlobalSwParams& params, GlobalSwResults& out, GlobalSwGpuState& s) {
  prepare_global_sw_results(jobs, out);
  const std::size_t n = jobs.size();
  if (n == 0) return;
  GlobalSwBatch b;
  b.n = n;
  b.query = to_device(s.query, jobs.query.data(), jobs.query.size(), s.stream);
  b.query_offset = to_device(s.query_offset, jobs.query_offset.data(), n + 1, s.stream);
  b.target = to_device(s.target, jobs.target.data(), jobs.target.size(), s.stream);
  b.target_offset = to_device(s.target_offset, jobs.target_offset.data(), n + 1, s.stream);
  b.w = to_device(s.w, jobs.w.data(), n, s.stream);
  b.z_offset = to_device(s.z_offset, jobs.z_offset.data(), n + 1, s.stream);
  s.z.reserve(std::max<std::uint64_t>(1, jobs.z_offset[n]));
  b.z = s.z.data();
  s.eh.reserve(2 * (jobs.query.size() + n) + 2);
  b.eh = s.eh.data();
  s.cigar.reserve(std::max<std::size_t>(1, out.cigar.size()));
  b.cigar = s.cigar.data();
  s.n_cigar.reserve(n);
  b.n_cigar = s.n_cigar.data();
  s.score.reserve(n);
  b.score = s.score.data();
  const int threads = 128;
  const int blocks = static_cast<int>(std::min<std::size_t>((n + threads - 1) / threads, 65535));
  global_sw_kernel<<<blocks, threads, 0, s.stream>>>(b, params);
  HELICASE_CUDA_CHECK(cudaGetLastError());
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(out.score.data(), b.score, n * sizeof(std::int32_t), cudaMemcpyDeviceToHost, s.stream));
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(out.n_cigar.data(), b.n_cigar, n * sizeof(std::int32_t), cudaMemcpyDeviceToHost, s.stream));
  if (!out.cigar.empty()) {
    HELICASE_CUDA_CHECK(cudaMemcpyAsync(out.cigar.data(), b.cigar, out.cigar.size() * sizeof(std::uint32_t),
                                        cudaMemcpyDeviceToHost, s.stream));
  }
  HELICASE_CUDA_CHECK(cudaStreamSynchronize(s.stream));
}

}  // namespace helicase::kernels
