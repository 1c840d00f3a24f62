// apply_gpu.cu -- CUDA launcher of the ApplyBQSR kernel: one thread per read.
//
// The model's lookup tables are copied to the device once; each batch copies bases,
// qualities and per-read fields in, runs apply_read (the same per-item function as the CPU),
// and copies the qualities and statuses back. Integer arithmetic only: identical to the CPU.
#include <cuda_runtime.h>

#include "bqsr/apply_launch.hpp"
#include "runtime/device_buffer.cuh"
#include "runtime/gpu_runtime.hpp"

namespace helicase::kernels::bqsr {
namespace {

__global__ void apply_kernel(ApplyBatchView batch, ApplyModelView model) {
  for (std::uint32_t r = blockIdx.x * blockDim.x + threadIdx.x; r < batch.n_reads; r += gridDim.x * blockDim.x) {
    apply_read(batch, model, r);
  }
}

template <class T>
void upload(gpu::DeviceBuffer<T>& dst, const T* src, std::size_t n, cudaStream_t stream) {
  dst.reserve(n == 0 ? 1 : n);
  if (n) HELICASE_CUDA_CHECK(cudaMemcpyAsync(dst.data(), src, n * sizeof(T), cudaMemcpyHostToDevice, stream));
}

}  // namespace

struct ApplyGpuState {
  int device = 0;
  cudaStream_t stream = nullptr;
  ApplyModelView model;
  gpu::DeviceBuffer<std::int16_t> y2;
  gpu::DeviceBuffer<std::int8_t> ctx, cyc;
  gpu::DeviceBuffer<std::uint8_t> qmap, missing;
  gpu::DeviceBuffer<std::uint64_t> offset;
  gpu::DeviceBuffer<std::uint32_t> length;
  gpu::DeviceBuffer<std::uint8_t> flags;
  gpu::DeviceBuffer<std::int32_t> rg, status;
  gpu::DeviceBuffer<char> bases;
  gpu::DeviceBuffer<std::uint8_t> quals;
  ~ApplyGpuState() {
    if (stream) cudaStreamDestroy(stream);
  }
};

void ApplyGpuStateDeleter::operator()(ApplyGpuState* s) const { delete s; }

ApplyGpuStatePtr make_apply_gpu_state(int device, const ApplyModel& model) {
  gpu::set_device(device);
  ApplyGpuStatePtr s(new ApplyGpuState);
  s->device = device;
  HELICASE_CUDA_CHECK(cudaStreamCreate(&s->stream));
  upload(s->y2, model.y2.data(), model.y2.size(), s->stream);
  upload(s->ctx, model.ctx_delta.data(), model.ctx_delta.size(), s->stream);
  upload(s->cyc, model.cyc_delta.data(), model.cyc_delta.size(), s->stream);
  upload(s->qmap, model.qmap.data(), model.qmap.size(), s->stream);
  upload(s->missing, model.missing_map.data(), model.missing_map.size(), s->stream);
  s->model = model.view();
  s->model.y2 = s->y2.data();
  s->model.ctx_delta = s->ctx.data();
  s->model.cyc_delta = s->cyc.data();
  s->model.qmap = s->qmap.data();
  s->model.missing_map = s->missing.data();
  HELICASE_CUDA_CHECK(cudaStreamSynchronize(s->stream));
  return s;
}

void apply_gpu(const ApplyBatchView& batch, ApplyGpuState& s) {
  if (batch.n_reads == 0) return;
  gpu::set_device(s.device);
  const std::size_t n = batch.n_reads;
  const std::size_t nbases = batch.offset[n - 1] + batch.length[n - 1];
  upload(s.offset, batch.offset, n, s.stream);
  upload(s.length, batch.length, n, s.stream);
  upload(s.flags, batch.flags, n, s.stream);
  upload(s.rg, batch.rg, n, s.stream);
  upload(s.bases, batch.bases, nbases, s.stream);
  upload(s.quals, const_cast<const std::uint8_t*>(batch.quals), nbases, s.stream);
  s.status.reserve(n);
  ApplyBatchView d = batch;
  d.offset = s.offset.data();
  d.length = s.length.data();
  d.flags = s.flags.data();
  d.rg = s.rg.data();
  d.bases = s.bases.data();
  d.quals = s.quals.data();
  d.status = s.status.data();
  const unsigned threads = 128;
  const unsigned blocks = static_cast<unsigned>((n + threads - 1) / threads);
  apply_kernel<<<blocks, threads, 0, s.stream>>>(d, s.model);
  HELICASE_CUDA_CHECK(cudaGetLastError());
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(batch.quals, s.quals.data(), nbases, cudaMemcpyDeviceToHost, s.stream));
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(batch.status, s.status.data(), n * sizeof(std::int32_t), cudaMemcpyDeviceToHost, s.stream));
  HELICASE_CUDA_CHECK(cudaStreamSynchronize(s.stream));
}

}  // namespace helicase::kernels::bqsr
