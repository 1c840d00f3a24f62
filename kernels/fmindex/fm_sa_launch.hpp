// fm_sa_launch.hpp -- batched suffix-array lookups (the aligner's "SAL" step) on CPU or GPU.
//
// out[i] = SA[rows[i]] for a batch of rows, each by fm_sa() (LF steps to a sampled row).
// FmSaLookup holds the backend chosen at construction; on a GPU it owns a device copy of
// the index arrays (uploaded once: 0.75 bytes per reference base pair for a bwa index).
// Both backends give identical results. GPU state hides behind an incomplete type, so this
// header needs no CUDA. The view's arrays must outlive the FmSaLookup (CPU backend).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "fmindex/fm_index.hpp"
#include "runtime/backend.hpp"

namespace helicase::kernels {

// CPU launcher: contiguous parts of the batch over the thread pool.
void fm_sa_lookup_cpu(const FmIndexView& index, const std::uint64_t* rows, std::uint64_t* out, std::size_t n,
                      ThreadPool& pool);

// CUDA launcher (CUDA builds only; exit 5 otherwise).
struct FmIndexGpuState;
struct FmIndexGpuStateDeleter { void operator()(FmIndexGpuState*) const; };
using FmIndexGpuStatePtr = std::unique_ptr<FmIndexGpuState, FmIndexGpuStateDeleter>;
FmIndexGpuStatePtr make_fm_index_gpu_state(int device, const FmIndexView& index);
void fm_sa_lookup_gpu(FmIndexGpuState& state, const std::uint64_t* rows, std::uint64_t* out, std::size_t n);

class FmSaLookup {
 public:
  FmSaLookup(const Backend& backend, const FmIndexView& index);
  void lookup(const std::uint64_t* rows, std::uint64_t* out, std::size_t n);

 private:
  const Backend& backend_;
  FmIndexView index_;
  FmIndexGpuStatePtr gpu_;
};

}  // namespace helicase::kernels
