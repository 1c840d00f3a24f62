// hc_sw_launch.hpp -- running the haplotype Smith-Waterman kernel over a batch of pairs.
//
// SwRunner takes (ref, alt) pairs and returns each pair's CIGAR (BAM encoding, ops as the
// Java aligner lists them) and alignment offset, on the backend chosen at construction: CPU
// threads (per-thread scratch) or the GPU (one thread per pair). Both run sw_align, so the
// results are identical.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "hc_sw/hc_sw.hpp"
#include "runtime/backend.hpp"

namespace helicase::kernels::hc_sw {

struct SwResult {
  std::vector<std::uint32_t> cigar;
  std::int32_t offset = 0;
};

struct SwHostBatch {
  std::vector<std::uint64_t> ref_offset, alt_offset, cigar_offset;
  std::vector<std::uint32_t> ref_length, alt_length;
  std::string ref_bases, alt_bases;
  std::vector<std::uint32_t> cigar;
  std::vector<std::int32_t> n_ops, offset;
  SwBatchView view(SwParams p, int overhang);
};

void sw_cpu(const SwBatchView& b, ThreadPool& pool);

struct SwGpuState;
struct SwGpuStateDeleter { void operator()(SwGpuState*) const; };
using SwGpuStatePtr = std::unique_ptr<SwGpuState, SwGpuStateDeleter>;
SwGpuStatePtr make_sw_gpu_state(int device);
void sw_gpu(const SwBatchView& b, SwGpuState& state);

class SwRunner {
 public:
  explicit SwRunner(const Backend& backend);
  std::vector<SwResult> run(const std::vector<std::pair<std::string, std::string>>& ref_alt, SwParams p, int overhang);

 private:
  const Backend& backend_;
  SwGpuStatePtr gpu_;
};

}  // namespace helicase::kernels::hc_sw
