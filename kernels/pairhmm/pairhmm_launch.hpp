// pairhmm_launch.hpp -- the entry stages call to run the PairHMM kernel over a batch.
//
// pairhmm_make_tables() builds GKL's probability tables once (host). PairHmmRunner runs
// every pair of a batch on the backend chosen at construction (CPU threads, contiguous parts of
// the batch, 16 pairs per vector group, see pairhmm_lanes.hpp; or the GPU, one warp per pair
// sweeping the matrix as a wavefront, see pairhmm_gpu.cu) and
// returns log10 likelihoods (pairhmm_finish). Both backends give identical bits: every cell is
// the per-item function's arithmetic in the same order, no FMA contraction, log10 on the host.
#pragma once

#include <memory>
#include <vector>

#include "pairhmm/pairhmm.hpp"
#include "runtime/backend.hpp"

namespace helicase::kernels::pairhmm {

PairHmmTables pairhmm_make_tables();

// log10 likelihood from a pair's raw scaled sum, as GKL's IntelPairHmm.cc converts it.
double pairhmm_finish(double raw, bool used_double);

// CPU launcher: fills b.raw / b.used_double for every pair.
void pairhmm_cpu(const PairHmmBatchView& b, std::uint32_t n_reads, std::uint32_t n_haps, const PairHmmTables& tables,
                 ThreadPool& pool);

struct PairHmmGpuState;
struct PairHmmGpuStateDeleter { void operator()(PairHmmGpuState*) const; };
using PairHmmGpuStatePtr = std::unique_ptr<PairHmmGpuState, PairHmmGpuStateDeleter>;
PairHmmGpuStatePtr make_pairhmm_gpu_state(int device, const PairHmmTables& tables);
// n_reads / n_haps: sizes of the batch's read and haplotype arrays.
void pairhmm_gpu(const PairHmmBatchView& b, std::uint32_t n_reads, std::uint32_t n_haps, PairHmmGpuState& state);
// Milliseconds the last pairhmm_gpu call spent in its kernels (CUDA events around the
// launches: no copies), for the kernel benchmark.
double pairhmm_gpu_last_kernel_ms(const PairHmmGpuState& state);

// An interleaved scratch layout (the former one-thread-per-pair GPU launcher's): groups of
// `group` pairs sharing interleaved scratch.
PairHmmLayout pairhmm_interleaved_layout(const PairHmmBatchView& b, std::uint32_t n_reads, std::uint32_t n_haps,
                                         std::uint64_t group);
// The interleaved scratch layout executed on the CPU (calling thread): a second, scalar-order
// evaluation the CPU tests compare with the vectorised launcher bit for bit.
void pairhmm_cpu_interleaved(const PairHmmBatchView& b, std::uint32_t n_reads, std::uint32_t n_haps, const PairHmmTables& tables,
                             std::uint64_t group);

// CPU launcher on the calling thread only (for callers that already run on pool workers:
// ThreadPool tasks must not wait on other pool tasks).
void pairhmm_cpu_serial(const PairHmmBatchView& b, std::uint32_t n_reads, std::uint32_t n_haps, const PairHmmTables& tables);

class PairHmmRunner {
 public:
  // use_pool = false: the CPU backend computes on the calling thread (regions already spread
  // over the pool by the caller); results are the same bits either way.
  explicit PairHmmRunner(const Backend& backend, bool use_pool = true);
  // Runs every pair of b (b.raw and b.used_double must point to n_pairs elements) and returns
  // the log10 likelihoods in pair order.
  std::vector<double> run(const PairHmmBatchView& b, std::uint32_t n_reads, std::uint32_t n_haps);
  const PairHmmTables& tables() const { return *tables_; }

 private:
  const Backend& backend_;
  bool use_pool_ = true;
  std::unique_ptr<PairHmmTables> tables_;
  PairHmmGpuStatePtr gpu_;
};

}  // namespace helicase::kernels::pairhmm
