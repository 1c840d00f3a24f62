// smem_gpu.cu -- CUDA launcher of batched seeding: one thread per read, collect_intervals as
// is, with 4 * len + 16 output slots per read in device memory; reads that need more are
// recomputed on the host (collect_intervals_host), so the result never depends on the slots.
#include <cuda_runtime.h>

#include <algorithm>

#include "bwa_smem/smem_launch.hpp"
#include "runtime/device_buffer.cuh"

namespace helicase::kernels {
namespace {

__global__ void smem_kernel(FmIndexView v, SmemParams p, const std::uint8_t* bases, const std::uint64_t* offsets,
                            const std::uint64_t* slot_offsets, const std::uint64_t* scratch_offsets,
                            SmemInterval* slots, SmemInterval* scratch, int* counts, std::size_t n) {
  for (std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<std::size_t>(gridDim.x) * blockDim.x) {
    const int len = static_cast<int>(offsets[i + 1] - offsets[i]);
    const int cap = static_cast<int>(slot_offsets[i + 1] - slot_offsets[i]);
    SmemInterval* s = scratch + scratch_offsets[i];
    counts[i] = collect_intervals(v, p, len, bases + offsets[i], slots + slot_offsets[i], cap, s, s + (len + 1),
                                  s + 2 * (len + 1));
  }
}

}  // namespace

struct SmemGpuState {
  int device = 0;
  FmIndexView host, view;  // view points into bwt below
  gpu::DeviceBuffer<std::uint32_t> bwt;
};

void SmemGpuStateDeleter::operator()(SmemGpuState* s) const { delete s; }

SmemGpuStatePtr make_smem_gpu_state(int device, const FmIndexView& host_index) {
  SmemGpuStatePtr s(new SmemGpuState);
  s->device = device;
  HELICASE_CUDA_CHECK(cudaSetDevice(device));
  s->bwt.reserve(std::max<std::uint64_t>(1, host_index.bwt_words));
  HELICASE_CUDA_CHECK(cudaMemcpy(s->bwt.data(), host_index.bwt, host_index.bwt_words * sizeof(std::uint32_t),
                                 cudaMemcpyHostToDevice));
  s->host = host_index;
  s->view = host_index;
  s->view.bwt = s->bwt.data();
  s->view.sa = nullptr;  // seeding never reads the SA
  return s;
}

void collect_intervals_batch_gpu(SmemGpuState& state, const SmemParams& p, const SmemBatch& batch, SmemResult& out) {
  const std::size_t n = batch.size();
  if (n == 0) return;
  const FmIndexView& device_index = state.view;
  const FmIndexView& host_index = state.host;
  HELICASE_CUDA_CHECK(cudaSetDevice(state.device));
  std::vector<std::uint64_t> slot_offsets(n + 1, 0), scratch_offsets(n, 0);
  std::uint64_t scratch_total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t len = batch.offsets[i + 1] - batch.offsets[i];
    slot_offsets[i + 1] = slot_offsets[i] + 4 * len + 16;
    scratch_offsets[i] = scratch_total;
    scratch_total += 3 * (len + 1);
  }
  gpu::DeviceBuffer<std::uint8_t> d_bases(std::max<std::size_t>(1, batch.bases.size()));
  gpu::DeviceBuffer<std::uint64_t> d_offsets(n + 1), d_slot_offsets(n + 1), d_scratch_offsets(n);
  gpu::DeviceBuffer<SmemInterval> d_slots(std::max<std::uint64_t>(1, slot_offsets[n]));
  gpu::DeviceBuffer<SmemInterval> d_scratch(std::max<std::uint64_t>(1, scratch_total));
  gpu::DeviceBuffer<int> d_counts(n);
  if (!batch.bases.empty())
    HELICASE_CUDA_CHECK(cudaMemcpy(d_bases.data(), batch.bases.data(), batch.bases.size(), cudaMemcpyHostToDevice));
  HELICASE_CUDA_CHECK(cudaMemcpy(d_offsets.data(), batch.offsets.data(), (n + 1) * 8, cudaMemcpyHostToDevice));
  HELICASE_CUDA_CHECK(cudaMemcpy(d_slot_offsets.data(), slot_offsets.data(), (n + 1) * 8, cudaMemcpyHostToDevice));
  HELICASE_CUDA_CHECK(cudaMemcpy(d_scratch_offsets.data(), scratch_offsets.data(), n * 8, cudaMemcpyHostToDevice));
  constexpr int kThreads = 64;
  const int blocks = static_cast<int>(std::min<std::size_t>((n + kThreads - 1) / kThreads, 65535));
  smem_kernel<<<blocks, kThreads>>>(device_index, p, d_bases.data(), d_offsets.data(), d_slot_offsets.data(),
                                    d_scratch_offsets.data(), d_slots.data(), d_scratch.data(), d_counts.data(), n);
  HELICASE_CUDA_CHECK(cudaGetLastError());
  std::vector<SmemInterval> slots(slot_offsets[n]);
  std::vector<int> counts(n);
  HELICASE_CUDA_CHECK(cudaMemcpy(slots.data(), d_slots.data(), slots.size() * sizeof(SmemInterval), cudaMemcpyDeviceToHost));
  HELICASE_CUDA_CHECK(cudaMemcpy(counts.data(), d_counts.data(), n * sizeof(int), cudaMemcpyDeviceToHost));
  std::vector<std::vector<SmemInterval>> per_read(n);
  SmemScratch scratch;
  for (std::size_t i = 0; i < n; ++i) {
    const auto cap = static_cast<int>(slot_offsets[i + 1] - slot_offsets[i]);
    if (counts[i] <= cap) {
      per_read[i].assign(slots.begin() + static_cast<std::ptrdiff_t>(slot_offsets[i]),
                         slots.begin() + static_cast<std::ptrdiff_t>(slot_offsets[i]) + counts[i]);
    } else {
      const auto len = static_cast<int>(batch.offsets[i + 1] - batch.offsets[i]);
      collect_intervals_host(host_index, p, batch.bases.data() + batch.offsets[i], len, per_read[i], scratch);
    }
  }
  append_smem_results(per_read, out);
}

}  // namespace helicase::kernels
