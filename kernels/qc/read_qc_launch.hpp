// read_qc_launch.hpp -- the entry point stages call to count QC statistics of a batch.
//
// QcCounts owns host count arrays that grow with the longest read seen. ReadQcCounter
// adds a batch to them on the backend chosen at construction (CPU threads or the GPU);
// both give identical counts. GPU state (device buffers) lives behind a pointer to an
// incomplete type, so this header needs no CUDA.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "qc/read_qc.hpp"
#include "runtime/backend.hpp"

namespace helicase::kernels {

// Run totals, derived from the count tables.
struct QcTotals {
  std::uint64_t reads = 0, bases = 0, gc = 0, n = 0, q20 = 0, q30 = 0, qual_sum = 0;
};

struct QcCounts {
  std::uint32_t cycles = 0;
  std::vector<std::uint64_t> base_by_cycle, qual_by_cycle;
  std::vector<std::uint64_t> length_hist = std::vector<std::uint64_t>(1, 0);  // cycles + 1
  std::vector<std::uint64_t> gc_hist = std::vector<std::uint64_t>(kQcGcBins, 0);
  std::vector<std::uint64_t> mean_qual_hist = std::vector<std::uint64_t>(kQcQualBins, 0);

  void ensure_cycles(std::uint32_t cycles);  // grows, keeping counts
  void add(const QcCounts& other);           // element-wise sum
  QcCountsView view();
  QcTotals totals() const;
  bool operator==(const QcCounts&) const = default;
};

// Longest read of a batch.
std::uint32_t qc_max_length(const QcBatchView& batch);

// CPU launcher: threads over reads, per-thread counts merged in thread-index order.
void read_qc_cpu(const QcBatchView& batch, QcCounts& counts, ThreadPool& pool);

// CUDA launcher (CUDA builds only; exit 5 otherwise). State holds device buffers.
struct ReadQcGpuState;
struct ReadQcGpuStateDeleter { void operator()(ReadQcGpuState*) const; };
using ReadQcGpuStatePtr = std::unique_ptr<ReadQcGpuState, ReadQcGpuStateDeleter>;
ReadQcGpuStatePtr make_read_qc_gpu_state(int device);
void read_qc_gpu(const QcBatchView& batch, QcCounts& counts, ReadQcGpuState& state);

class ReadQcCounter {
 public:
  explicit ReadQcCounter(const Backend& backend);
  void add_batch(const QcBatchView& batch, QcCounts& counts);

 private:
  const Backend& backend_;
  ReadQcGpuStatePtr gpu_;
};

}  // namespace helicase::kernels
