// pairhmm_launch.cpp -- picks the CPU or CUDA launcher of the PairHMM kernel.
#include "pairhmm/pairhmm_launch.hpp"

namespace helicase::kernels::pairhmm {

PairHmmRunner::PairHmmRunner(const Backend& backend, bool use_pool)
    : backend_(backend), use_pool_(use_pool), tables_(std::make_unique<PairHmmTables>(pairhmm_make_tables())) {
  if (backend_.is_gpu()) gpu_ = make_pairhmm_gpu_state(backend_.device(), *tables_);
}

std::vector<double> PairHmmRunner::run(const PairHmmBatchView& b, std::uint32_t n_reads, std::uint32_t n_haps) {
  if (gpu_) pairhmm_gpu(b, n_reads, n_haps, *gpu_);
  else if (use_pool_) pairhmm_cpu(b, n_reads, n_haps, *tables_, backend_.pool());
  else pairhmm_cpu_serial(b, n_reads, n_haps, *tables_);
  std::vector<double> out(b.n_pairs);
  for (std::uint32_t p = 0; p < b.n_pairs; ++p) out[p] = pairhmm_finish(b.raw[p], b.used_double[p] != 0);
  return out;
}

}  // namespace helicase::kernels::pairhmm
