// mate_sw_launch.hpp -- runs mate_sw_one() over a batch of local alignments on the CPU or a GPU.
//
// MateSwJobs collects (query, target, xtra) items as flat arrays; MateSwRunner runs them on
// the backend chosen at construction. Both launchers give identical results.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "bwa_matesw/mate_sw.hpp"
#include "runtime/backend.hpp"

namespace helicase::kernels {

struct MateSwJobs {
  std::vector<std::uint8_t> query, target;
  std::vector<std::uint64_t> query_offset{0}, target_offset{0}, work_offset{0};
  std::vector<std::int32_t> xtra;
  std::size_t size() const { return xtra.size(); }
  void clear();
  void add(std::span<const std::uint8_t> q, std::span<const std::uint8_t> t, int xtra_flags);
};

void mate_sw_cpu(const MateSwJobs& jobs, const MateSwParams& params, std::vector<MateSwResult>& out, ThreadPool& pool);

struct MateSwGpuState;
struct MateSwGpuStateDeleter { void operator()(MateSwGpuState*) const; };
using MateSwGpuStatePtr = std::unique_ptr<MateSwGpuState, MateSwGpuStateDeleter>;
MateSwGpuStatePtr make_mate_sw_gpu_state(int device);
void mate_sw_gpu(const MateSwJobs& jobs, const MateSwParams& params, std::vector<MateSwResult>& out,
                 MateSwGpuState& state);

class MateSwRunner {
 public:
  explicit MateSwRunner(const Backend& backend);
  void run(const MateSwJobs& jobs, const MateSwParams& params, std::vector<MateSwResult>& out);

 private:
  const Backend& backend_;
  MateSwGpuStatePtr gpu_;
};

}  // namespace helicase::kernels
