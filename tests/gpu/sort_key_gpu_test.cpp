// sort_key_gpu_test.cpp -- the sort-key kernel's CUDA launchers give the CPU launchers' permutation.
#include <gtest/gtest.h>

#include "kernel_inputs.hpp"

#include <random>
#include <string>
#include <vector>

#include "sortkey/sort_key_launch.hpp"

namespace helicase::kernels {
namespace {

using test::CoordRecords;

void expect_coordinate_gpu_equals_cpu(const CoordRecords& r) {
  ThreadPool pool(2);
  std::vector<std::uint32_t> cpu, gpu;
  sort_coordinate_cpu(r.view(), cpu, pool);
  auto state = make_sort_key_gpu_state(0);
  sort_coordinate_gpu(r.view(), gpu, *state);
  EXPECT_EQ(cpu, gpu);
}

TEST(SortKeyGpu, CoordinatePackedKeys) {
  const CoordRecords r = test::random_coords(1'000'000, 1, 86, 250'000'000, 1000);
  ASSERT_TRUE(coord_key_plan(r.view()).packed());
  expect_coordinate_gpu_equals_cpu(r);
}

TEST(SortKeyGpu, CoordinateTwoPasses) {
  const CoordRecords r = test::random_coords(200'000, 2, 1u << 30, std::int64_t{1} << 40, 1000);
  ASSERT_FALSE(coord_key_plan(r.view()).packed());
  expect_coordinate_gpu_equals_cpu(r);
}

TEST(SortKeyGpu, CoordinateTinyBatches) {
  expect_coordinate_gpu_equals_cpu(test::random_coords(0, 3, 2, 100, 1000));
  expect_coordinate_gpu_equals_cpu(test::random_coords(1, 4, 2, 100, 1000));
  expect_coordinate_gpu_equals_cpu(test::random_coords(17, 5, 1, 2, 1000));
}

TEST(SortKeyGpu, QuerynameNaturalOrderStable) {
  std::mt19937 rng(7);
  std::vector<std::string> names;
  std::vector<std::uint16_t> flags;
  for (int i = 0; i < 300'000; ++i) {
    names.push_back("HS:" + std::string(rng() % 3, '0') + std::to_string(rng() % 8) + ":" +
                    std::to_string(rng() % 30000) + (rng() % 4 == 0 ? "x" : ""));
    flags.push_back(static_cast<std::uint16_t>(rng() & 0xfff));
  }
  std::vector<const char*> ptrs;
  for (const auto& s : names) ptrs.push_back(s.c_str());
  const QnameBatchView v{ptrs.data(), flags.data(), names.size()};
  ThreadPool pool(2);
  std::vector<std::uint32_t> cpu, gpu;
  sort_queryname_cpu(v, cpu, pool);
  auto state = make_sort_key_gpu_state(0);
  sort_queryname_gpu(v, gpu, *state);
  EXPECT_EQ(cpu, gpu);
  // The state is reusable across batches of other sizes.
  const QnameBatchView small{ptrs.data(), flags.data(), 1000};
  sort_queryname_cpu(small, cpu, pool);
  sort_queryname_gpu(small, gpu, *state);
  EXPECT_EQ(cpu, gpu);
}

}  // namespace
}  // namespace helicase::kernels
