// apply_launch.hpp -- the entry stages call to recalibrate a batch of reads (ApplyBQSR).
//
// ApplyModel owns the host lookup tables of apply.hpp. BqsrApplier runs apply_read over a
// batch on the backend chosen at construction: CPU threads (reads split into contiguous
// parts) or the GPU (one thread per read; the model is copied to the device once). Both give
// identical qualities: the arithmetic is integer. GPU state hides behind an incomplete type.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "bqsr/apply.hpp"
#include "runtime/backend.hpp"

namespace helicase::kernels::bqsr {

struct ApplyModel {
  int n_rg = 0;
  int context_size = 2;
  int max_cycle = 500;
  int low_quality_tail = 2;
  int preserve = 6;
  std::vector<std::int16_t> y2;
  std::vector<std::int8_t> ctx_delta;
  std::vector<std::int8_t> cyc_delta;
  std::vector<std::uint8_t> qmap;
  std::vector<std::uint8_t> missing_map;

  // Sizes the tables (zeroed) for n_rg read groups.
  void allocate(int read_groups, int ctx_size, int max_cycle_value);
  int n_ctx() const { return 1 << (2 * context_size); }
  int n_cyc() const { return 2 * max_cycle + 2; }
  ApplyModelView view() const;
};

// CPU launcher: reads split into contiguous parts over the pool.
void apply_cpu(const ApplyBatchView& batch, const ApplyModelView& model, ThreadPool& pool);

// CUDA launcher (CUDA builds only; exit 5 otherwise).
struct ApplyGpuState;
struct ApplyGpuStateDeleter { void operator()(ApplyGpuState*) const; };
using ApplyGpuStatePtr = std::unique_ptr<ApplyGpuState, ApplyGpuStateDeleter>;
ApplyGpuStatePtr make_apply_gpu_state(int device, const ApplyModel& model);
void apply_gpu(const ApplyBatchView& batch, ApplyGpuState& state);

class BqsrApplier {
 public:
  BqsrApplier(const Backend& backend, const ApplyModel& model);
  void run(const ApplyBatchView& batch);

 private:
  const Backend& backend_;
  const ApplyModel& model_;
  ApplyGpuStatePtr gpu_;
};

}  // namespace helicase::kernels::bqsr
