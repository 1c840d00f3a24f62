// fm_sa_launch.cpp -- CPU launcher of batched SA lookups and the backend dispatcher.
#include "fmindex/fm_sa_launch.hpp"

#include <algorithm>

#include "common/error.hpp"

namespace helicase::kernels {

void fm_sa_lookup_cpu(const FmIndexView& index, const std::uint64_t* rows, std::uint64_t* out, std::size_t n,
                      ThreadPool& pool) {
  for (std::size_t i = 0; i < n; ++i) {
    if (rows[i] > index.seq_len) fail_internal("SA lookup of row " + std::to_string(rows[i]) + " past the index");
  }
  constexpr std::size_t kPart = 4096;
  const std::size_t parts = (n + kPart - 1) / kPart;
  pool.parallel_for(parts, [&](std::size_t p) {
    const std::size_t end = std::min(n, (p + 1) * kPart);
    for (std::size_t i = p * kPart; i < end; ++i) out[i] = fm_sa(index, rows[i]);
  });
}

FmSaLookup::FmSaLookup(const Backend& backend, const FmIndexView& index) : backend_(backend), index_(index) {
  if (backend_.is_gpu()) gpu_ = make_fm_index_gpu_state(backend_.device(), index_);
}

void FmSaLookup::lookup(const std::uint64_t* rows, std::uint64_t* out, std::size_t n) {
  if (gpu_) {
    for (std::size_t i = 0; i < n; ++i) {
      if (rows[i] > index_.seq_len) fail_internal("SA lookup of row " + std::to_string(rows[i]) + " past the index");
    }
    fm_sa_lookup_gpu(*gpu_, rows, out, n);
  } else {
    fm_sa_lookup_cpu(index_, rows, out, n, backend_.pool());
  }
}

}  // namespace helicase::kernels
