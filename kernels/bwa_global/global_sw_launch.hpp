// global_sw_launch.hpp -- runs global_sw_one() over a batch of alignments on the CPU or a GPU.
//
// GlobalSwJobs collects the (query, target, band) items on the host as flat arrays;
// GlobalSwRunner runs them on the backend chosen at construction and fills GlobalSwResults
// (score, CIGAR per item). Both launchers give identical results: each item is computed by
// the same per-item function, with its own workspace and output slots.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "bwa_global/global_sw.hpp"
#include "runtime/backend.hpp"

namespace helicase::kernels {

struct GlobalSwJobs {
  std::vector<std::uint8_t> query, target;
  std::vector<std::uint64_t> query_offset{0}, target_offset{0}, z_offset{0};
  std::vector<std::int32_t> w;
  std::size_t size() const { return w.size(); }
  void clear();
  void add(std::span<const std::uint8_t> q, std::span<const std::uint8_t> t, int band);
};

struct GlobalSwResults {
  std::vector<std::int32_t> score, n_cigar;
  std::vector<std::uint32_t> cigar;  // item i's ops start at query_offset[i] + target_offset[i]
  std::vector<std::uint64_t> cigar_start;
  std::span<const std::uint32_t> ops(std::size_t i) const {
    return {cigar.data() + cigar_start[i], static_cast<std::size_t>(n_cigar[i])};
  }
};

void global_sw_cpu(const GlobalSwJobs& jobs, const GlobalSwParams& params, GlobalSwResults& out, ThreadPool& pool);

struct GlobalSwGpuState;
struct GlobalSwGpuStateDeleter { void operator()(GlobalSwGpuState*) const; };
using GlobalSwGpuStatePtr = std::unique_ptr<GlobalSwGpuState, GlobalSwGpuStateDeleter>;
GlobalSwGpuStatePtr make_global_sw_gpu_state(int device);
void global_sw_gpu(const GlobalSwJobs& jobs, const GlobalSwParams& params, GlobalSwResults& out, GlobalSwGpuState& state);

class GlobalSwRunner {
 public:
  explicit GlobalSwRunner(const Backend& backend);
  void run(const GlobalSwJobs& jobs, const GlobalSwParams& params, GlobalSwResults& out);

 private:
  const Backend& backend_;
  GlobalSwGpuStatePtr gpu_;
};

// Sizes the result arrays for jobs (shared by both launchers).
void prepare_global_sw_results(const GlobalSwJobs& jobs, GlobalSwResults& out);

}  // namespace helicase::kernels
