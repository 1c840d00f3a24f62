// pairhmm_gpu.cu -- CUDA launcher of the PairHMM kernel: one thread per (read, haplotype) pair.
//
// The batch is copied to the device and pairhmm_pair (the CPU's per-item function) runs once per
// pair; a launch group's pairs share interleaved float and double scratch (element k of thread
// i at [k * group + i], so warps coalesce), groups sized to a fixed budget. Built with --fmad=false (kernels/CMakeLists.txt) and the kernel flushes subnormal
// results itself, so raw sums equal the CPU's bit for bit; log10 is taken on the host.
#include <cuda_runtime.h>

#include <algorithm>

#include "pairhmm/pairhmm_launch.hpp"
#include "runtime/device_buffer.cuh"
#include "runtime/gpu_runtime.hpp"

namespace helicase::kernels::pairhmm {
namespace {

constexpr std::uint64_t kScratchBudgetBytes = std::uint64_t{512} << 20;

__global__ void pairhmm_kernel(PairHmmBatchView b, const PairHmmTables* tables, std::uint32_t first, std::uint32_t last,
                               PairHmmLayout layout, float* sf, double* sd) {
  const std::uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
  const std::uint32_t p = first + i;
  if (p >= last) return;
  // Interleaved scratch: lane i's element k at [k * group + i], so a warp's accesses coalesce.
  pairhmm_pair<true>(b, *tables, p, sf + i, sd + i, layout);
}

template <class T>
T* to_device(gpu::DeviceBuffer<T>& dst, const T* src, std::size_t n, cudaStream_t stream) {
  dst.reserve(n == 0 ? 1 : n);
  if (n) HELICASE_CUDA_CHECK(cudaMemcpyAsync(dst.data(), src, n * sizeof(T), cudaMemcpyHostToDevice, stream));
  return dst.data();
}

}  // namespace

struct PairHmmGpuState {
  int device = 0;
  cudaStream_t stream = nullptr;
  gpu::DeviceBuffer<PairHmmTables> tables;
  gpu::DeviceBuffer<std::uint32_t> pair_read, pair_hap, read_length, hap_length;
  gpu::DeviceBuffer<std::uint64_t> read_offset, hap_offset;
  gpu::DeviceBuffer<char> read_bases, hap_bases;
  gpu::DeviceBuffer<std::uint8_t> quals, ins, del, gcp, used_double;
  gpu::DeviceBuffer<double> raw, scratch_d;
  gpu::DeviceBuffer<float> scratch_f;
  ~PairHmmGpuState() {
    if (stream) cudaStreamDestroy(stream);
  }
};

void PairHmmGpuStateDeleter::operator()(PairHmmGpuState* s) const { delete s; }

PairHmmGpuStatePtr make_pairhmm_gpu_state(int device, const PairHmmTables& tables) {
  gpu::set_device(device);
  PairHmmGpuStatePtr s(new PairHmmGpuState);
  s->device = device;
  HELICASE_CUDA_CHECK(cudaStreamCreate(&s->stream));
  to_device(s->tables, &tables, 1, s->stream);
  HELICASE_CUDA_CHECK(cudaStreamSynchronize(s->stream));
  return s;
}

void pairhmm_gpu(const PairHmmBatchView& h, std::uint32_t n_reads, std::uint32_t n_haps, PairHmmGpuState& s) {
  const std::uint32_t n = h.n_pairs;
  if (n == 0) return;
  gpu::set_device(s.device);
  cudaStream_t st = s.stream;
  const std::uint64_t read_bases = n_reads ? h.read_offset[n_reads - 1] + h.read_length[n_reads - 1] : 0;
  const std::uint64_t hap_bases = n_haps ? h.hap_offset[n_haps - 1] + h.hap_length[n_haps - 1] : 0;
  PairHmmBatchView d = h;
  d.pair_read = to_device(s.pair_read, h.pair_read, n, st);
  d.pair_hap = to_device(s.pair_hap, h.pair_hap, n, st);
  d.read_offset = to_device(s.read_offset, h.read_offset, n_reads, st);
  d.read_length = to_device(s.read_length, h.read_length, n_reads, st);
  d.read_bases = to_device(s.read_bases, h.read_bases, read_bases, st);
  d.base_quals = to_device(s.quals, h.base_quals, read_bases, st);
  d.ins_quals = to_device(s.ins, h.ins_quals, read_bases, st);
  d.del_quals = to_device(s.del, h.del_quals, read_bases, st);
  d.gcp = to_device(s.gcp, h.gcp, read_bases, st);
  d.hap_offset = to_device(s.hap_offset, h.hap_offset, n_haps, st);
  d.hap_length = to_device(s.hap_length, h.hap_length, n_haps, st);
  d.hap_bases = to_device(s.hap_bases, h.hap_bases, hap_bases, st);
  s.raw.reserve(n);
  s.used_double.reserve(n);
  d.raw = s.raw.data();
  d.used_double = s.used_double.data();
  const PairHmmLayout one = pairhmm_interleaved_layout(h, n_reads, n_haps, 1);
  const std::uint64_t per_pair = pairhmm_interleaved_elems(one) * (sizeof(float) + sizeof(double));
  const std::uint32_t group = static_cast<std::uint32_t>(std::max<std::uint64_t>(1, std::min<std::uint64_t>(n, kScratchBudgetBytes / per_pair)));
  const PairHmmLayout layout = pairhmm_interleaved_layout(h, n_reads, n_haps, group);
  s.scratch_f.reserve(pairhmm_interleaved_elems(layout));
  s.scratch_d.reserve(pairhmm_interleaved_elems(layout));
  const unsigned threads = 64;
  for (std::uint32_t first = 0; first < n; first += group) {
    const std::uint32_t last = std::min(n, first + group);
    const unsigned blocks = (last - first + threads - 1) / threads;
    pairhmm_kernel<<<blocks, threads, 0, st>>>(d, s.tables.data(), first, last, layout, s.scratch_f.data(), s.scratch_d.data());
    HELICASE_CUDA_CHECK(cudaGetLastError());
  }
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(h.raw, d.raw, n * sizeof(double), cudaMemcpyDeviceToHost, st));
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(h.used_double, d.used_double, n, cudaMemcpyDeviceToHost, st));
  HELICASE_CUDA_CHECK(cudaStreamSynchronize(st));
}

}  // namespace helicase::kernels::pairhmm
