// sort_key_launch.hpp -- stable sort permutations of record batches, on the CPU or a GPU.
//
// A stage gathers a batch's sort fields into flat arrays (CoordBatchView, QnameBatchView)
// and asks RecordSorter for the permutation that sorts it: order[k] is the index of the
// record that goes k-th. Every launcher is stable (ties keep input order), so all give the
// same permutation, the one samtools sort 1.16 produces.
// Coordinate order is a radix sort of (key, index) pairs: the two ranks of sort_key.hpp
// packed into one 64-bit key when they fit (CoordKeyPlan), otherwise two stable passes
// (position rank, then contig rank). Queryname order is a stable merge sort of indices with
// qname_compare(). GPU state (device buffers, stream) lives behind a pointer to an
// incomplete type, so this header needs no CUDA.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "runtime/backend.hpp"
#include "sortkey/sort_key.hpp"

namespace helicase::kernels {

// How the coordinate ranks of a batch become radix keys.
struct CoordKeyPlan {
  unsigned tid_bits = 0;  // significant bits of the largest contig rank
  unsigned pos_bits = 0;  // significant bits of the largest position rank
  bool packed() const { return tid_bits + pos_bits <= 64; }
};
CoordKeyPlan coord_key_plan(const CoordBatchView& batch);

// Stable LSD radix sort of (key, value) pairs on bits [0, end_bit) of the keys; byte
// digits on which every key agrees are skipped. Parts of the array are counted and
// scattered on the pool, in part order, so the result never depends on the thread count.
template <class Key>
void radix_sort_pairs_cpu(std::vector<Key>& keys, std::vector<std::uint32_t>& values, unsigned end_bit,
                          ThreadPool& pool);

// CPU launchers.
void sort_coordinate_cpu(const CoordBatchView& batch, std::vector<std::uint32_t>& order, ThreadPool& pool);
void sort_queryname_cpu(const QnameBatchView& batch, std::vector<std::uint32_t>& order, ThreadPool& pool);

// CUDA launchers (CUDA builds only; exit 5 otherwise): CUB radix sort of pairs for
// coordinate order, CUB stable merge sort for queryname order.
struct SortKeyGpuState;
struct SortKeyGpuStateDeleter {
  void operator()(SortKeyGpuState*) const;
};
using SortKeyGpuStatePtr = std::unique_ptr<SortKeyGpuState, SortKeyGpuStateDeleter>;
SortKeyGpuStatePtr make_sort_key_gpu_state(int device);
void sort_coordinate_gpu(const CoordBatchView& batch, std::vector<std::uint32_t>& order, SortKeyGpuState& state);
void sort_queryname_gpu(const QnameBatchView& batch, std::vector<std::uint32_t>& order, SortKeyGpuState& state);

// The entry point stages call: picks the launcher of the backend given at construction.
class RecordSorter {
 public:
  explicit RecordSorter(const Backend& backend);
  void sort_coordinate(const CoordBatchView& batch, std::vector<std::uint32_t>& order);
  void sort_queryname(const QnameBatchView& batch, std::vector<std::uint32_t>& order);

 private:
  const Backend& backend_;
  SortKeyGpuStatePtr gpu_;
};

}  // namespace helicase::kernels
