// read_end_key_gpu_test.cpp -- the read-end key kernel's CUDA launcher equals its CPU launcher.
#include <gtest/gtest.h>

#include "../unit/markdup_test_batch.hpp"
#include "markdup/read_end_key_launch.hpp"

namespace helicase::kernels {
namespace {

void expect_gpu_equals_cpu(const test::FlatRecords& r, DuplicateScoring s, bool names) {
  ThreadPool pool(2);
  ReadEndKeyParams p;
  p.scoring = s;
  p.parse_names = names;
  test::KeyOutputs cpu(r.flag.size()), gpu(r.flag.size());
  read_end_keys_cpu(r.view(), p, cpu.view(), pool);
  auto state = make_read_end_key_gpu_state(0);
  read_end_keys_gpu(r.view(), p, gpu.view(), *state);
  EXPECT_TRUE(cpu == gpu);
  EXPECT_EQ(cpu.score, gpu.score);
  EXPECT_EQ(cpu.coordinate, gpu.coordinate);
  EXPECT_EQ(cpu.x, gpu.x);
}

TEST(ReadEndKeyGpu, AllScoringStrategies) {
  const test::FlatRecords r = test::random_records(200'000, 11);
  expect_gpu_equals_cpu(r, DuplicateScoring::SumOfBaseQualities, true);
  expect_gpu_equals_cpu(r, DuplicateScoring::TotalMappedReferenceLength, true);
  expect_gpu_equals_cpu(r, DuplicateScoring::Random, false);
}

TEST(ReadEndKeyGpu, TinyBatches) {
  expect_gpu_equals_cpu(test::random_records(1, 12), DuplicateScoring::SumOfBaseQualities, true);
  expect_gpu_equals_cpu(test::random_records(3, 13), DuplicateScoring::Random, true);
}

}  // namespace
}  // namespace helicase::kernels
