// extend_gpu.cu -- CUDA launcher of batched seed extensions: one thread per job,
// ksw_extend_one as is, its eh scratch in device memory (qlen + 1 cells per job).
#include <cuda_runtime.h>

#include <algorithm>

#include "bwa_extend/extend_launch.hpp"
#include "runtime/device_buffer.cuh"

namespace helicase::kernels {
namespace {

__global__ void extend_kernel(ExtendScoring scoring, const std::uint8_t* query, const std::uint8_t* target,
                              const ExtendJob* jobs, const std::uint64_t* eh_offsets, ExtendCell* eh, ExtendResult* out,
                              std::size_t n) {
  for (std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<std::size_t>(gridDim.x) * blockDim.x) {
    const ExtendJob j = jobs[i];
    out[i] = ksw_extend_one(j.qlen, query + j.query_offset, j.tlen, target + j.target_offset, scoring, j.w, j.end_bonus,
                            j.zdrop, j.h0, eh + eh_offsets[i]);
  }
}

}  // namespace

void ksw_extend_batch_gpu(int device, const ExtendBatch& batch, ExtendResult* out) {
  const std::size_t n = batch.jobs.size();
  if (n == 0) return;
  HELICASE_CUDA_CHECK(cudaSetDevice(device));
  std::vector<std::uint64_t> eh_offsets(n);
  std::uint64_t cells = 0;
  for (std::size_t i = 0; i < n; ++i) {
    eh_offsets[i] = cells;
    cells += static_cast<std::uint64_t>(batch.jobs[i].qlen) + 1;
  }
  gpu::DeviceBuffer<std::uint8_t> d_query, d_target;
  gpu::DeviceBuffer<ExtendJob> d_jobs;
  gpu::DeviceBuffer<std::uint64_t> d_offsets;
  gpu::DeviceBuffer<ExtendCell> d_eh;
  gpu::DeviceBuffer<ExtendResult> d_out;
  d_query.reserve(std::max<std::size_t>(1, batch.query.size()));
  d_target.reserve(std::max<std::size_t>(1, batch.target.size()));
  d_jobs.reserve(n);
  d_offsets.reserve(n);
  d_eh.reserve(std::max<std::uint64_t>(1, cells));
  d_out.reserve(n);
  if (!batch.query.empty())
    HELICASE_CUDA_CHECK(cudaMemcpy(d_query.data(), batch.query.data(), batch.query.size(), cudaMemcpyHostToDevice));
  if (!batch.target.empty())
    HELICASE_CUDA_CHECK(cudaMemcpy(d_target.data(), batch.target.data(), batch.target.size(), cudaMemcpyHostToDevice));
  HELICASE_CUDA_CHECK(cudaMemcpy(d_jobs.data(), batch.jobs.data(), n * sizeof(ExtendJob), cudaMemcpyHostToDevice));
  HELICASE_CUDA_CHECK(cudaMemcpy(d_offsets.data(), eh_offsets.data(), n * sizeof(std::uint64_t), cudaMemcpyHostToDevice));
  constexpr int kThreads = 128;
  const int blocks = static_cast<int>(std::min<std::size_t>((n + kThreads - 1) / kThreads, 65535));
  extend_kernel<<<blocks, kThreads>>>(batch.scoring, d_query.data(), d_target.data(), d_jobs.data(), d_offsets.data(),
                                      d_eh.data(), d_out.data(), n);
  HELICASE_CUDA_CHECK(cudaGetLastError());
  HELICASE_CUDA_CHECK(cudaMemcpy(out, d_out.data(), n * sizeof(ExtendResult), cudaMemcpyDeviceToHost));
}

}  // namespace helicase::kernels
