// mate_sw_gpu.cu -- CUDA launcher of the mate-rescue kernel: one thread per alignment
// (grid-stride) over device copies of the batch, each with its own workspace slice.
#include <cuda_runtime.h>

#include <algorithm>

#include "bwa_matesw/mate_sw_launch.hpp"
#include "runtime/device_buffer.cuh"

namespace helicase::kernels {
namespace {

__global__ void mate_sw_kernel(MateSwBatch batch, MateSwParams params) {
  for (std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; i < batch.n;
       i += static_cast<std::size_t>(gridDim.x) * blockDim.x) {
    mate_sw_one(batch, i, params);
  }
}

using gpu::to_device;

}  // namespace

struct MateSwGpuState {
  cudaStream_t stream = nullptr;
  gpu::DeviceBuffer<std::uint8_t> query, target;
  gpu::DeviceBuffer<std::uint64_t> query_offset, target_offset, work_offset;
  gpu::DeviceBuffer<std::int32_t> xtra, work;
  gpu::DeviceBuffer<MateSwResult> out;
  ~MateSwGpuState() {
    if (stream) cudaStreamDestroy(stream);
  }
};

void MateSwGpuStateDeleter::operator()(MateSwGpuState* s) const { delete s; }

MateSwGpuStatePtr make_mate_sw_gpu_state(int device) {
  MateSwGpuStatePtr s(new MateSwGpuState);
  HELICASE_CUDA_CHECK(cudaSetDevice(device));
  HELICASE_CUDA_CHECK(cudaStreamCreateWithFlags(&s->stream, cudaStreamNonBlocking));
  return s;
}

void mate_sw_gpu(const MateSwJobs& jobs, const MateSwParams& params, std::vector<MateSwResult>& out, MateSwGpuState& s) {
  const std::size_t n = jobs.size();
  out.assign(n, MateSwResult{});
  if (n == 0) return;
  MateSwBatch b;
  b.n = n;
  b.query = to_device(s.query, jobs.query.data(), jobs.query.size(), s.stream);
  b.query_offset = to_device(s.query_offset, jobs.query_offset.data(), n + 1, s.stream);
  b.target = to_device(s.target, jobs.target.data(), jobs.target.size(), s.stream);
  b.target_offset = to_device(s.target_offset, jobs.target_offset.data(), n + 1, s.stream);
  b.xtra = to_device(s.xtra, jobs.xtra.data(), n, s.stream);
  b.work_offset = to_device(s.work_offset, jobs.work_offset.data(), n + 1, s.stream);
  s.work.reserve(std::max<std::uint64_t>(1, jobs.work_offset[n]));
  b.work = s.work.data();
  s.out.reserve(n);
  b.out = s.out.data();
  const int threads = 64;
  const int blocks = static_cast<int>(std::min<std::size_t>((n + threads - 1) / threads, 65535));
  mate_sw_kernel<<<blocks, threads, 0, s.stream>>>(b, params);
  HELICASE_CUDA_CHECK(cudaGetLastError());
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(out.data(), b.out, n * sizeof(MateSwResult), cudaMemcpyDeviceToHost, s.stream));
  HELICASE_CUDA_CHECK(cudaStreamSynchronize(s.stream));
}

}  // namespace helicase::kernels
