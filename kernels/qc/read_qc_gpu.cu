// read_qc_gpu.cu -- CUDA launcher of the QC kernel.
//
// One thread per read (grid-stride). Per-cycle counts, the hot part, go to a block-private
// 32-bit histogram in shared memory when it fits, and are flushed to the 64-bit global
// arrays with one atomic per non-zero bin; per-read counts go straight to global atomics.
// A batch holds far fewer than 2^32 reads, so the 32-bit block counters cannot overflow.
#include <cuda_runtime.h>

#include <algorithm>

#include "qc/read_qc_launch.hpp"
#include "runtime/device_buffer.cuh"

namespace helicase::kernels {
namespace {

using u64 = unsigned long long;
static_assert(sizeof(u64) == sizeof(std::uint64_t));

__device__ __forceinline__ void add_u64(std::uint64_t* p, std::uint64_t x) {
  atomicAdd(reinterpret_cast<u64*>(p), static_cast<u64>(x));
}

struct GlobalSink {
  QcCountsView v;
  __device__ void cycle(std::uint32_t c, int bin, int q) {
    add_u64(&v.base_by_cycle[static_cast<std::size_t>(c) * kQcBaseBins + bin], 1);
    add_u64(&v.qual_by_cycle[static_cast<std::size_t>(c) * kQcQualBins + q], 1);
  }
  __device__ void read(std::uint32_t len, std::uint32_t gc_pct, std::uint32_t mean_q) {
    add_u64(&v.length_hist[len], 1);
    add_u64(&v.gc_hist[gc_pct], 1);
    add_u64(&v.mean_qual_hist[mean_q], 1);
  }
};

// Per-cycle counts to shared memory; the rest as GlobalSink.
struct SharedSink {
  GlobalSink global;
  unsigned int* base_by_cycle;  // cycles * kQcBaseBins
  unsigned int* qual_by_cycle;  // cycles * kQcQualBins
  __device__ void cycle(std::uint32_t c, int bin, int q) {
    atomicAdd(&base_by_cycle[c * kQcBaseBins + bin], 1u);
    atomicAdd(&qual_by_cycle[c * kQcQualBins + q], 1u);
  }
  __device__ void read(std::uint32_t len, std::uint32_t gc_pct, std::uint32_t mean_q) {
    global.read(len, gc_pct, mean_q);
  }
};

__global__ void qc_kernel_global(QcBatchView batch, QcCountsView counts) {
  GlobalSink sink{counts};
  for (std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; i < batch.n;
       i += static_cast<std::size_t>(gridDim.x) * blockDim.x) {
    qc_count_read(batch, i, sink);
  }
}

__global__ void qc_kernel_shared(QcBatchView batch, QcCountsView counts) {
  extern __shared__ unsigned int smem[];
  const unsigned bins = counts.cycles * (kQcBaseBins + kQcQualBins);
  for (unsigned b = threadIdx.x; b < bins; b += blockDim.x) smem[b] = 0;
  __syncthreads();
  SharedSink sink{GlobalSink{counts}, smem, smem + counts.cycles * kQcBaseBins};
  for (std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; i < batch.n;
       i += static_cast<std::size_t>(gridDim.x) * blockDim.x) {
    qc_count_read(batch, i, sink);
  }
  __syncthreads();
  const unsigned base_bins = counts.cycles * kQcBaseBins;
  for (unsigned b = threadIdx.x; b < bins; b += blockDim.x) {
    const unsigned x = smem[b];
    if (x == 0) continue;
    if (b < base_bins) add_u64(&counts.base_by_cycle[b], x);
    else add_u64(&counts.qual_by_cycle[b - base_bins], x);
  }
}

}  // namespace

struct ReadQcGpuState {
  int device = 0;
  std::size_t shared_limit = 0;
  cudaStream_t stream = nullptr;
  gpu::DeviceBuffer<char> bases, quals;
  gpu::DeviceBuffer<std::uint64_t> offsets, counts;
  ~ReadQcGpuState() {
    if (stream) cudaStreamDestroy(stream);
  }
};

void ReadQcGpuStateDeleter::operator()(ReadQcGpuState* s) const { delete s; }

ReadQcGpuStatePtr make_read_qc_gpu_state(int device) {
  ReadQcGpuStatePtr s(new ReadQcGpuState);
  s->device = device;
  HELICASE_CUDA_CHECK(cudaSetDevice(device));
  int optin = 0;
  HELICASE_CUDA_CHECK(cudaDeviceGetAttribute(&optin, cudaDevAttrMaxSharedMemoryPerBlockOptin, device));
  s->shared_limit = static_cast<std::size_t>(optin);
  HELICASE_CUDA_CHECK(cudaFuncSetAttribute(qc_kernel_shared, cudaFuncAttributeMaxDynamicSharedMemorySize, optin));
  HELICASE_CUDA_CHECK(cudaStreamCreateWithFlags(&s->stream, cudaStreamNonBlocking));
  return s;
}

void read_qc_gpu(const QcBatchView& batch, QcCounts& counts, ReadQcGpuState& s) {
  if (batch.n == 0) return;
  const std::uint32_t cycles = qc_max_length(batch);  // same table shape as the CPU launcher
  const std::size_t nbases = batch.offsets[batch.n];

  // Device copies of the batch.
  s.bases.reserve(std::max<std::size_t>(1, nbases));
  s.quals.reserve(std::max<std::size_t>(1, nbases));
  s.offsets.reserve(batch.n + 1);
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(s.bases.data(), batch.bases, nbases, cudaMemcpyHostToDevice, s.stream));
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(s.quals.data(), batch.quals, nbases, cudaMemcpyHostToDevice, s.stream));
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(s.offsets.data(), batch.offsets, (batch.n + 1) * sizeof(std::uint64_t),
                                      cudaMemcpyHostToDevice, s.stream));

  // Device counts for this batch, laid out like QcCounts; summed into the host counts after.
  QcCounts local;
  local.ensure_cycles(cycles);
  const std::size_t sizes[] = {local.base_by_cycle.size(), local.qual_by_cycle.size(), local.length_hist.size(),
                               local.gc_hist.size(), local.mean_qual_hist.size()};
  std::size_t total_words = 0;
  for (std::size_t z : sizes) total_words += z;
  s.counts.reserve(total_words);
  HELICASE_CUDA_CHECK(cudaMemsetAsync(s.counts.data(), 0, total_words * sizeof(std::uint64_t), s.stream));
  std::uint64_t* p = s.counts.data();
  QcCountsView dv;
  dv.cycles = cycles;
  dv.base_by_cycle = p; p += sizes[0];
  dv.qual_by_cycle = p; p += sizes[1];
  dv.length_hist = p; p += sizes[2];
  dv.gc_hist = p; p += sizes[3];
  dv.mean_qual_hist = p;

  QcBatchView db{s.bases.data(), s.quals.data(), s.offsets.data(), batch.n};
  constexpr int kThreads = 256;
  const int blocks = static_cast<int>(std::min<std::size_t>((batch.n + kThreads - 1) / kThreads, 1024));
  const std::size_t shared_bytes = static_cast<std::size_t>(cycles) * (kQcBaseBins + kQcQualBins) * sizeof(unsigned);
  if (shared_bytes <= s.shared_limit) {
    qc_kernel_shared<<<blocks, kThreads, shared_bytes, s.stream>>>(db, dv);
  } else {
    qc_kernel_global<<<blocks, kThreads, 0, s.stream>>>(db, dv);
  }
  HELICASE_CUDA_CHECK(cudaGetLastError());

  std::vector<std::uint64_t> host(total_words);
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(host.data(), s.counts.data(), total_words * sizeof(std::uint64_t),
                                      cudaMemcpyDeviceToHost, s.stream));
  HELICASE_CUDA_CHECK(cudaStreamSynchronize(s.stream));
  const std::uint64_t* h = host.data();
  for (auto* vec : {&local.base_by_cycle, &local.qual_by_cycle, &local.length_hist, &local.gc_hist,
                    &local.mean_qual_hist}) {
    std::copy(h, h + vec->size(), vec->begin());
    h += vec->size();
  }
  counts.add(local);
}

}  // namespace helicase::kernels
