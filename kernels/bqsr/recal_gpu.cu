// recal_gpu.cu -- CUDA launcher of BaseRecalibrator's per-read kernel: one thread per read.
//
// The batch's inputs are copied to the device, recal_read (the CPU's per-item function) runs
// once per read, and the per-base outputs come back. With BAQ each read gets its own banded
// HMM scratch (baq_scratch_doubles); reads are launched in groups whose scratch fits a fixed
// budget. The kernels are built with --fmad=false so every product and sum rounds as on the CPU.
#include <cuda_runtime.h>

#include <algorithm>

#include "bqsr/recal_launch.hpp"
#include "runtime/device_buffer.cuh"
#include "runtime/gpu_runtime.hpp"

namespace helicase::kernels::bqsr {
namespace {

constexpr std::size_t kScratchBudgetDoubles = std::size_t{64} << 20;  // 512 MiB of HMM scratch per launch

__global__ void recal_kernel(RecalBatchView b, RecalParams p, std::uint32_t first, std::uint32_t last,
                             const std::uint64_t* hmm_offset, double* hmm, int* state, std::uint8_t* bq) {
  const std::uint32_t r = first + blockIdx.x * blockDim.x + threadIdx.x;
  if (r >= last) return;
  RecalScratch s;
  if (p.baq) {
    s.hmm = hmm + hmm_offset[r - first];
    s.state = state + b.offset[r];
    s.bq = bq + b.offset[r];
  }
  recal_read(b, p, r, s);
}

using gpu::to_device;

using gpu::to_host;

}  // namespace

struct RecalGpuState {
  int device = 0;
  cudaStream_t stream = nullptr;
  gpu::DeviceBuffer<std::uint64_t> offset, ref_offset, hmm_offset;
  gpu::DeviceBuffer<std::uint32_t> length, cigar_offset, cigar_count, ref_length, cigar;
  gpu::DeviceBuffer<std::int32_t> ref_shift, rg, status, ctx_m, ctx_i;
  gpu::DeviceBuffer<std::uint8_t> flags, quals, ins_quals, del_quals, known, skip, bq;
  gpu::DeviceBuffer<char> ref, bases;
  gpu::DeviceBuffer<double> err_m, err_i, err_d, hmm, qual2prob;
  gpu::DeviceBuffer<std::int16_t> cyc_m, cyc_i;
  gpu::DeviceBuffer<int> state;
  ~RecalGpuState() {
    if (stream) cudaStreamDestroy(stream);
  }
};

void RecalGpuStateDeleter::operator()(RecalGpuState* s) const { delete s; }

RecalGpuStatePtr make_recal_gpu_state(int device) {
  gpu::set_device(device);
  RecalGpuStatePtr s(new RecalGpuState);
  s->device = device;
  HELICASE_CUDA_CHECK(cudaStreamCreate(&s->stream));
  return s;
}

void recal_gpu(const RecalBatchView& h, const RecalParams& params, std::uint64_t total_cigar, std::uint64_t total_ref,
               RecalGpuState& s) {
  const std::size_t n = h.n_reads;
  if (n == 0) return;
  gpu::set_device(s.device);
  const std::size_t nb = batch_bases(h);
  cudaStream_t st = s.stream;
  RecalBatchView d = h;
  d.offset = to_device(s.offset, h.offset, n, st);
  d.length = to_device(s.length, h.length, n, st);
  d.cigar_offset = to_device(s.cigar_offset, h.cigar_offset, n, st);
  d.cigar_count = to_device(s.cigar_count, h.cigar_count, n, st);
  d.ref_offset = to_device(s.ref_offset, h.ref_offset, n, st);
  d.ref_length = to_device(s.ref_length, h.ref_length, n, st);
  d.ref_shift = to_device(s.ref_shift, h.ref_shift, n, st);
  d.flags = to_device(s.flags, h.flags, n, st);
  d.rg = to_device(s.rg, h.rg, n, st);
  d.cigar = to_device(s.cigar, h.cigar, total_cigar, st);
  d.ref = to_device(s.ref, h.ref, total_ref, st);
  d.bases = to_device(s.bases, h.bases, nb, st);
  d.quals = to_device(s.quals, h.quals, nb, st);
  d.ins_quals = to_device(s.ins_quals, h.ins_quals, nb, st);
  d.del_quals = to_device(s.del_quals, h.del_quals, nb, st);
  d.known = to_device(s.known, h.known, nb, st);
  for (auto* buf : {&s.skip, &s.bq}) buf->reserve(nb ? nb : 1);
  for (auto* buf : {&s.err_m, &s.err_i, &s.err_d}) buf->reserve(nb ? nb : 1);
  for (auto* buf : {&s.ctx_m, &s.ctx_i}) buf->reserve(nb ? nb : 1);
  for (auto* buf : {&s.cyc_m, &s.cyc_i}) buf->reserve(nb ? nb : 1);
  s.state.reserve(nb ? nb : 1);
  s.status.reserve(n);
  d.skip = s.skip.data();
  d.err_m = s.err_m.data();
  d.err_i = s.err_i.data();
  d.err_d = s.err_d.data();
  d.ctx_m = s.ctx_m.data();
  d.ctx_i = s.ctx_i.data();
  d.cyc_m = s.cyc_m.data();
  d.cyc_i = s.cyc_i.data();
  d.status = s.status.data();
  RecalParams p = params;
  if (params.baq) {
    const std::size_t table = 94;
    p.qual2prob = to_device(s.qual2prob, params.qual2prob, table, st);
  }
  // Launch groups: every read, or with BAQ groups whose HMM scratch fits the budget.
  std::vector<std::uint64_t> hmm_offset;
  std::uint32_t first = 0;
  const unsigned threads = 64;
  while (first < n) {
    std::uint32_t last = static_cast<std::uint32_t>(n);
    std::size_t scratch = 0;
    if (params.baq) {
      hmm_offset.clear();
      last = first;
      while (last < n) {
        const std::size_t need = baq_scratch_doubles(static_cast<int>(h.ref_length[last]), static_cast<int>(h.length[last]));
        if (last > first && scratch + need > kScratchBudgetDoubles) break;
        hmm_offset.push_back(scratch);
        scratch += need;
        ++last;
      }
      to_device(s.hmm_offset, hmm_offset.data(), hmm_offset.size(), st);
      s.hmm.reserve(scratch ? scratch : 1);
    }
    const unsigned blocks = (last - first + threads - 1) / threads;
    recal_kernel<<<blocks, threads, 0, st>>>(d, p, first, last, params.baq ? s.hmm_offset.data() : nullptr,
                                             params.baq ? s.hmm.data() : nullptr, s.state.data(), s.bq.data());
    HELICASE_CUDA_CHECK(cudaGetLastError());
    HELICASE_CUDA_CHECK(cudaStreamSynchronize(st));  // hmm_offset and scratch are reused by the next group
    first = last;
  }
  to_host(h.skip, s.skip, nb, st);
  to_host(h.err_m, s.err_m, nb, st);
  to_host(h.err_i, s.err_i, nb, st);
  to_host(h.err_d, s.err_d, nb, st);
  to_host(h.ctx_m, s.ctx_m, nb, st);
  to_host(h.ctx_i, s.ctx_i, nb, st);
  to_host(h.cyc_m, s.cyc_m, nb, st);
  to_host(h.cyc_i, s.cyc_i, nb, st);
  to_host(h.status, s.status, n, st);
  HELICASE_CUDA_CHECK(cudaStreamSynchronize(st));
}

}  // namespace helicase::kernels::bqsr
