// recal_launch.hpp -- the entry stages call to run BaseRecalibrator's per-read kernel.
//
// BqsrRecalRunner runs recal_read over a batch on the backend chosen at construction: CPU
// threads (contiguous parts of the batch, per-thread BAQ scratch) or the GPU (one thread per
// read; reads needing BAQ scratch go in launches sized to fit device memory). Per-base outputs
// are identical on both: the same per-item function, no FMA contraction (the CUDA build
// compiles kernels with --fmad=false), the same math library calls apart from log() in the
// BAQ quality (see docs/compatibility.md).
#pragma once

#include <memory>
#include <vector>

#include "bqsr/recal.hpp"
#include "runtime/backend.hpp"

namespace helicase::kernels::bqsr {

// 10^(-q/10) for q = 0..93 (BAQ's qual2prob, Math.pow(10, -q/10.)).
std::vector<double> baq_qual_to_prob_table();

// Total bases, CIGAR elements and reference bases of a batch (for copies).
std::uint64_t batch_bases(const RecalBatchView& b);

void recal_cpu(const RecalBatchView& batch, const RecalParams& params, ThreadPool& pool);

struct RecalGpuState;
struct RecalGpuStateDeleter { void operator()(RecalGpuState*) const; };
using RecalGpuStatePtr = std::unique_ptr<RecalGpuState, RecalGpuStateDeleter>;
RecalGpuStatePtr make_recal_gpu_state(int device);
// total_cigar / total_ref: element and base counts of the batch's CIGAR and reference arrays.
void recal_gpu(const RecalBatchView& batch, const RecalParams& params, std::uint64_t total_cigar, std::uint64_t total_ref,
               RecalGpuState& state);

class BqsrRecalRunner {
 public:
  explicit BqsrRecalRunner(const Backend& backend);
  void run(const RecalBatchView& batch, const RecalParams& params, std::uint64_t total_cigar, std::uint64_t total_ref);

 private:
  const Backend& backend_;
  RecalGpuStatePtr gpu_;
};

}  // namespace helicase::kernels::bqsr
