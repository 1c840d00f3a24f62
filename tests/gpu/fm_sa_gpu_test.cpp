// fm_sa_gpu_test.cpp -- batched SA lookups on the GPU equal the CPU's, row for row, on a
// random and a repetitive text, through the launcher and through FmSaLookup.
#include <gtest/gtest.h>

#include <random>

#include "fmindex/fm_sa_launch.hpp"
#include "reference/bwt_builder.hpp"

namespace helicase::kernels {
namespace {

std::vector<std::uint8_t> text(std::size_t l, unsigned seed, bool repeats) {
  std::mt19937 rng(seed);
  std::vector<std::uint8_t> v;
  while (v.size() < l) {
    if (repeats && v.size() > 1000 && rng() % 4 == 0) {
      const std::size_t from = rng() % (v.size() - 500);
      for (std::size_t i = 0; i < 500; ++i) v.push_back(v[from + i]);
    } else {
      v.push_back(static_cast<std::uint8_t>(rng() & 3));
    }
  }
  v.resize(l);
  for (std::size_t i = 0; i < l; ++i) v.push_back(static_cast<std::uint8_t>(3 - v[l - 1 - i]));
  return v;
}

void expect_gpu_equals_cpu(bool repeats) {
  ThreadPool pool(2);
  const reference::FmArrays fm = reference::build_fm_arrays(text(1'000'000, 5, repeats), pool);
  const FmIndexView v = fm.view();
  std::mt19937_64 rng(9);
  std::vector<std::uint64_t> rows(300'000);
  for (auto& r : rows) r = rng() % (v.seq_len + 1);
  rows[0] = 0;
  rows[1] = v.primary;
  rows[2] = v.seq_len;
  std::vector<std::uint64_t> cpu(rows.size()), gpu(rows.size()), via(rows.size());
  fm_sa_lookup_cpu(v, rows.data(), cpu.data(), rows.size(), pool);
  auto state = make_fm_index_gpu_state(0, v);
  fm_sa_lookup_gpu(*state, rows.data(), gpu.data(), rows.size());
  EXPECT_EQ(cpu, gpu);
  const Backend backend = Backend::gpu(0, "test GPU", pool);
  FmSaLookup lookup(backend, v);
  lookup.lookup(rows.data(), via.data(), rows.size());
  EXPECT_EQ(cpu, via);
}

TEST(FmSaGpu, RandomText) { expect_gpu_equals_cpu(false); }
TEST(FmSaGpu, RepetitiveText) { expect_gpu_equals_cpu(true); }

}  // namespace
}  // namespace helicase::kernels
