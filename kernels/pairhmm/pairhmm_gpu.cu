// pairhmm_gpu.cu -- CUDA launcher of the PairHMM kernel: one warp per (read, haplotype) pair.
//
// A warp sweeps the pair's DP matrix as a wavefront: lane l owns read row i = 32k + l + 1 of
// stripe k and at step s computes column j = s - l + 1, so the cell above (i-1, j) is what lane
// l-1 computed one step before (a register shuffle), the diagonal (i-1, j-1) is what the lane
// received the step before that, and the left cell (i, j-1) is its own previous result. Lane 0
// reads the row above a stripe from a per-warp buffer that lane 31 wrote during the previous
// stripe (row 0: M = X = 0, Y = initial / haplotype length). Every cell is the same expression,
// in the same order, as pairhmm_diagonal on the CPU (--fmad=false: no contraction; subnormal
// results flushed explicitly), and the lane owning the last row adds M and X in column order as
// the CPU does, so raw sums equal the CPU launcher's bit for bit; log10 is taken on the host.
// GKL's float-then-double rule is applied per pair by the warp (the test is warp-uniform).
#include <cuda_runtime.h>

#include <algorithm>

#include "pairhmm/pairhmm_launch.hpp"
#include "runtime/device_buffer.cuh"
#include "runtime/gpu_runtime.hpp"

namespace helicase::kernels::pairhmm {
namespace {

constexpr unsigned kFullMask = 0xffffffffu;
constexpr unsigned kWarpsPerBlock = 4;
constexpr unsigned kBlocksPerSm = 16;  // 64 resident warps per SM at most

// The raw scaled sum of pair p in precision T, computed by the whole warp (every lane returns it).
// buf: 3 * hap_cap elements of this warp (M, X, Y of the last row of the previous stripe).
template <class T>
__device__ T warp_pair_sum(const PairHmmBatchView& b, const PairHmmTables& tab, std::uint32_t p, T* buf,
                           std::uint32_t hap_cap) {
  using F = PairHmmPrecision<T>;
  const int lane = static_cast<int>(threadIdx.x & 31u);
  const auto [R, H, rs, hs, q, qi, qd, qc] = pairhmm_pair_data(b, p);
  if (R == 0 || H == 0) return T(0);  // warp-uniform
  T* buf_m = buf;
  T* buf_x = buf + hap_cap;
  T* buf_y = buf + 2 * static_cast<std::uint64_t>(hap_cap);
  const T init_y = F::initial(tab) / static_cast<T>(H);
  T sum_m = T(0), sum_x = T(0);
  for (int base = 0; base < R; base += 32) {
    const int i = base + lane + 1;
    const bool active = i <= R;
    // Row i's transition and emission probabilities, as pairhmm_pair_sum prepares them.
    T p_mm = T(0), p_gapm = T(0), p_mx = T(0), p_xx = T(0), p_my = T(0), p_yy = T(0), d_match = T(0), d_mis = T(0);
    int rcode = 0;
    if (active) {
      const PairHmmRowParams<T> rp = pairhmm_row_params<T>(tab, q[i - 1], qi[i - 1], qd[i - 1], qc[i - 1]);
      p_mm = rp.mm;
      p_gapm = rp.gapm;
      p_mx = rp.mx;
      p_xx = rp.xx;
      p_my = rp.my;
      p_yy = rp.yy;
      d_match = rp.dmatch;
      d_mis = rp.dmis;
      rcode = pairhmm_code<int>(rs[i - 1]);
    }
    // (i-1, 0): row 0 holds Y = initial/haplen, column 0 of rows >= 1 is zero. (i, 0): zero.
    T diag_m = T(0), diag_x = T(0), diag_y = i == 1 ? init_y : T(0);
    T left_m = T(0), left_y = T(0);
    T out_m = T(0), out_x = T(0), out_y = T(0);  // this lane's cell of the previous step
    const int steps = H + 31;
    for (int s = 0; s < steps; ++s) {
      // Lane l-1's cell of the previous step is (i-1, j) for this lane's j.
      T up_m = __shfl_up_sync(kFullMask, out_m, 1);
      T up_x = __shfl_up_sync(kFullMask, out_x, 1);
      T up_y = __shfl_up_sync(kFullMask, out_y, 1);
      const int j = s - lane + 1;
      if (active && j >= 1 && j <= H) {
        if (lane == 0) {
          if (base == 0) {
            up_m = T(0);
            up_x = T(0);
            up_y = init_y;
          } else {
            up_m = buf_m[j];
            up_x = buf_x[j];
            up_y = buf_y[j];
          }
        }
        const int hb = pairhmm_code<int>(hs[j - 1]);
        const bool match = (rcode == hb) | (rcode < 0) | (hb < 0);
        const T dist = match ? d_match : d_mis;
        const T m = F::ftz(F::ftz(F::ftz(F::ftz(diag_m * p_mm) + F::ftz(diag_x * p_gapm)) + F::ftz(diag_y * p_gapm)) * dist);
        const T x = F::ftz(F::ftz(up_m * p_mx) + F::ftz(up_x * p_xx));
        const T y = F::ftz(F::ftz(left_m * p_my) + F::ftz(left_y * p_yy));
        diag_m = up_m;
        diag_x = up_x;
        diag_y = up_y;
        left_m = m;
        left_y = y;
        out_m = m;
        out_x = x;
        out_y = y;
        if (i == R) {
          sum_m = sum_m + m;
          sum_x = sum_x + x;
        }
        if (lane == 31) {
          buf_m[j] = m;
          buf_x[j] = x;
          buf_y[j] = y;
        }
      }
      __syncwarp();  // orders lane 31's buffer writes before lane 0's reads of the next stripe
    }
  }
  return __shfl_sync(kFullMask, sum_m + sum_x, (R - 1) & 31);
}

// Warps stride over the pairs; each warp owns 3 * hap_cap floats and doubles of scratch.
__global__ void pairhmm_warp_kernel(PairHmmBatchView b, const PairHmmTables* tables, std::uint32_t hap_cap, float* scratch_f,
                                    double* scratch_d) {
  const std::uint64_t warp = (static_cast<std::uint64_t>(blockIdx.x) * blockDim.x + threadIdx.x) >> 5;
  const std::uint64_t n_warps = (static_cast<std::uint64_t>(gridDim.x) * blockDim.x) >> 5;
  const bool lane0 = (threadIdx.x & 31u) == 0;
  float* buf_f = scratch_f + warp * 3 * hap_cap;
  double* buf_d = scratch_d + warp * 3 * hap_cap;
  for (std::uint64_t p = warp; p < b.n_pairs; p += n_warps) {
    const auto pair = static_cast<std::uint32_t>(p);
    const float f = warp_pair_sum<float>(b, *tables, pair, buf_f, hap_cap);
    if (f < kMinAcceptedFloat) {
      const double d = warp_pair_sum<double>(b, *tables, pair, buf_d, hap_cap);
      if (lane0) {
        b.raw[pair] = d;
        b.used_double[pair] = 1;
      }
    } else if (lane0) {
      b.raw[pair] = static_cast<double>(f);
      b.used_double[pair] = 0;
    }
  }
}

using gpu::to_device;

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
  cudaEvent_t kernel_start = nullptr, kernel_stop = nullptr;
  float kernel_ms = 0.f;
  ~PairHmmGpuState() {
    if (kernel_start) cudaEventDestroy(kernel_start);
    if (kernel_stop) cudaEventDestroy(kernel_stop);
    if (stream) cudaStreamDestroy(stream);
  }
};

void PairHmmGpuStateDeleter::operator()(PairHmmGpuState* s) const { delete s; }

PairHmmGpuStatePtr make_pairhmm_gpu_state(int device, const PairHmmTables& tables) {
  gpu::set_device(device);
  PairHmmGpuStatePtr s(new PairHmmGpuState);
  s->device = device;
  HELICASE_CUDA_CHECK(cudaStreamCreate(&s->stream));
  HELICASE_CUDA_CHECK(cudaEventCreate(&s->kernel_start));
  HELICASE_CUDA_CHECK(cudaEventCreate(&s->kernel_stop));
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
  std::uint32_t hap_cap = 1;
  for (std::uint32_t i = 0; i < n_haps; ++i) hap_cap = std::max(hap_cap, h.hap_length[i] + 1);
  int sms = 0;
  HELICASE_CUDA_CHECK(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, s.device));
  const std::uint64_t blocks =
      std::min<std::uint64_t>((std::uint64_t{n} + kWarpsPerBlock - 1) / kWarpsPerBlock, std::uint64_t(std::max(sms, 1)) * kBlocksPerSm);
  const std::uint64_t scratch = blocks * kWarpsPerBlock * 3 * hap_cap;
  s.scratch_f.reserve(scratch);
  s.scratch_d.reserve(scratch);
  HELICASE_CUDA_CHECK(cudaEventRecord(s.kernel_start, st));
  pairhmm_warp_kernel<<<static_cast<unsigned>(blocks), kWarpsPerBlock * 32, 0, st>>>(d, s.tables.data(), hap_cap, s.scratch_f.data(),
                                                                                     s.scratch_d.data());
  HELICASE_CUDA_CHECK(cudaGetLastError());
  HELICASE_CUDA_CHECK(cudaEventRecord(s.kernel_stop, st));
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(h.raw, d.raw, n * sizeof(double), cudaMemcpyDeviceToHost, st));
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(h.used_double, d.used_double, n, cudaMemcpyDeviceToHost, st));
  HELICASE_CUDA_CHECK(cudaStreamSynchronize(st));
  HELICASE_CUDA_CHECK(cudaEventElapsedTime(&s.kernel_ms, s.kernel_start, s.kernel_stop));
}

double pairhmm_gpu_last_kernel_ms(const PairHmmGpuState& s) { return static_cast<double>(s.kernel_ms); }

}  // namespace helicase::kernels::pairhmm
