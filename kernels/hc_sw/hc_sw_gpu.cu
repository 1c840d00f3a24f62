// hc_sw_gpu.cu -- CUDA launcher of the haplotype Smith-Waterman kernel: one thread per pair,
// each with its own slice of a global scratch area (pairs run in groups bounded by memory).
#include <cuda_runtime.h>

#include <algorithm>
#include <vector>

#include "hc_sw/hc_sw_launch.hpp"
#include "runtime/device_buffer.cuh"
#include "runtime/gpu_runtime.hpp"

namespace helicase::kernels::hc_sw {
namespace {

constexpr std::uint64_t kScratchBudgetInts = std::uint64_t{128} << 20;

__global__ void sw_kernel(SwBatchView b, std::uint32_t first, std::uint32_t last, const std::uint64_t* scratch_offset,
                          std::int32_t* scratch) {
  const std::uint32_t k = first + blockIdx.x * blockDim.x + threadIdx.x;
  if (k >= last) return;
  sw_pair(b, k, scratch + scratch_offset[k - first]);
}

using gpu::to_device;

}  // namespace

struct SwGpuState {
  int device = 0;
  cudaStream_t stream = nullptr;
  gpu::DeviceBuffer<std::uint64_t> ref_offset, alt_offset, cigar_offset, scratch_offset;
  gpu::DeviceBuffer<std::uint32_t> ref_length, alt_length, cigar;
  gpu::DeviceBuffer<char> ref_bases, alt_bases;
  gpu::DeviceBuffer<std::int32_t> n_ops, offset, scratch;
  ~SwGpuState() {
    if (stream) cudaStreamDestroy(stream);
  }
};

void SwGpuStateDeleter::operator()(SwGpuState* s) const { delete s; }

SwGpuStatePtr make_sw_gpu_state(int device) {
  gpu::set_device(device);
  SwGpuStatePtr s(new SwGpuState);
  s->device = device;
  HELICASE_CUDA_CHECK(cudaStreamCreate(&s->stream));
  return s;
}

void sw_gpu(const SwBatchView& h, SwGpuState& s) {
  const std::uint32_t n = h.n_pairs;
  if (n == 0) return;
  gpu::set_device(s.device);
  cudaStream_t st = s.stream;
  const std::uint64_t ref_total = h.ref_offset[n - 1] + h.ref_length[n - 1];
  const std::uint64_t alt_total = h.alt_offset[n - 1] + h.alt_length[n - 1];
  const std::uint64_t cig_total = h.cigar_offset[n - 1] + h.ref_length[n - 1] + h.alt_length[n - 1] + 2;
  SwBatchView d = h;
  d.ref_offset = to_device(s.ref_offset, h.ref_offset, n, st);
  d.ref_length = to_device(s.ref_length, h.ref_length, n, st);
  d.alt_offset = to_device(s.alt_offset, h.alt_offset, n, st);
  d.alt_length = to_device(s.alt_length, h.alt_length, n, st);
  d.ref_bases = to_device(s.ref_bases, h.ref_bases, ref_total, st);
  d.alt_bases = to_device(s.alt_bases, h.alt_bases, alt_total, st);
  d.cigar_offset = to_device(s.cigar_offset, h.cigar_offset, n, st);
  s.cigar.reserve(cig_total);
  s.n_ops.reserve(n);
  s.offset.reserve(n);
  d.cigar = s.cigar.data();
  d.n_ops = s.n_ops.data();
  d.offset = s.offset.data();
  const unsigned threads = 32;
  for (std::uint32_t first = 0; first < n;) {
    std::vector<std::uint64_t> offs;
    std::uint64_t total = 0;
    std::uint32_t last = first;
    while (last < n) {
      const std::uint64_t need = sw_scratch_ints(h.ref_length[last], h.alt_length[last]);
      if (last > first && total + need > kScratchBudgetInts) break;
      offs.push_back(total);
      total += need;
      ++last;
    }
    const std::uint64_t* d_offs = to_device(s.scratch_offset, offs.data(), offs.size(), st);
    s.scratch.reserve(total);
    const unsigned blocks = (last - first + threads - 1) / threads;
    sw_kernel<<<blocks, threads, 0, st>>>(d, first, last, d_offs, s.scratch.data());
    HELICASE_CUDA_CHECK(cudaGetLastError());
    HELICASE_CUDA_CHECK(cudaStreamSynchronize(st));
    first = last;
  }
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(h.cigar, d.cigar, cig_total * sizeof(std::uint32_t), cudaMemcpyDeviceToHost, st));
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(h.n_ops, d.n_ops, n * sizeof(std::int32_t), cudaMemcpyDeviceToHost, st));
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(h.offset, d.offset, n * sizeof(std::int32_t), cudaMemcpyDeviceToHost, st));
  HELICASE_CUDA_CHECK(cudaStreamSynchronize(st));
}

}  // namespace helicase::kernels::hc_sw
