// smem_launch.hpp -- batched seeding (collect_intervals per read) on CPU or GPU.
//
// A batch is flat: the reads' base codes back to back with offsets. The result lists each
// read's intervals (sorted by qbeg, qend) back to back, with offsets. Both backends give
// identical results: the GPU gives each read a fixed number of output slots and the host
// recomputes, on the CPU, the rare reads that needed more.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "bwa_smem/smem.hpp"
#include "common/thread_pool.hpp"

namespace helicase::kernels {

struct SmemBatch {
  std::vector<std::uint8_t> bases;
  std::vector<std::uint64_t> offsets{0};  // read i is bases[offsets[i], offsets[i+1])
  void add(const std::uint8_t* b, std::size_t n) {
    bases.insert(bases.end(), b, b + n);
    offsets.push_back(bases.size());
  }
  std::size_t size() const { return offsets.size() - 1; }
};

struct SmemResult {
  std::vector<SmemInterval> intervals;
  std::vector<std::uint64_t> offsets{0};  // read i's intervals are [offsets[i], offsets[i+1])
};

// One read on the host, growing `out` as needed; scratch is reused between calls.
struct SmemScratch {
  std::vector<SmemInterval> mem1, buf_a, buf_b;
};
void collect_intervals_host(const FmIndexView& v, const SmemParams& p, const std::uint8_t* q, int len,
                            std::vector<SmemInterval>& out, SmemScratch& scratch);

void collect_intervals_batch_cpu(const FmIndexView& v, const SmemParams& p, const SmemBatch& batch, SmemResult& out,
                                 ThreadPool& pool);

// CUDA launcher. The state holds a device copy of the BWT (uploaded once) and the host view
// for the reads that need more output slots than the GPU gives them. Exit 5 in a CPU-only
// build.
struct SmemGpuState;
struct SmemGpuStateDeleter { void operator()(SmemGpuState*) const; };
using SmemGpuStatePtr = std::unique_ptr<SmemGpuState, SmemGpuStateDeleter>;
SmemGpuStatePtr make_smem_gpu_state(int device, const FmIndexView& host_index);
void collect_intervals_batch_gpu(SmemGpuState& state, const SmemParams& p, const SmemBatch& batch, SmemResult& out);

// Appends per-read results to `out` in read order (used by both launchers).
void append_smem_results(const std::vector<std::vector<SmemInterval>>& per_read, SmemResult& out);

}  // namespace helicase::kernels
