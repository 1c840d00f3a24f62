// read_qc_gpu_test.cpp -- the QC kernel's CUDA launcher equals its CPU launcher, exactly.
#include <gtest/gtest.h>

#include "kernel_inputs.hpp"

#include <random>

#include "qc/read_qc_launch.hpp"

namespace helicase::kernels {
namespace {

using test::FlatReads;
using test::random_reads;

void expect_gpu_equals_cpu(const FlatReads& reads) {
  ThreadPool pool(2);
  QcCounts cpu, gpu;
  read_qc_cpu(reads.view(), cpu, pool);
  auto state = make_read_qc_gpu_state(0);
  read_qc_gpu(reads.view(), gpu, *state);
  EXPECT_TRUE(cpu == gpu);
  EXPECT_EQ(cpu.length_hist, gpu.length_hist);
  EXPECT_EQ(cpu.qual_by_cycle, gpu.qual_by_cycle);
}

TEST(ReadQcGpu, ShortReadsSharedMemoryPath) { expect_gpu_equals_cpu(random_reads(200'000, 1, 100, 151)); }

TEST(ReadQcGpu, LongReadsGlobalAtomicsPath) { expect_gpu_equals_cpu(random_reads(2'000, 2, 500, 5'000)); }

TEST(ReadQcGpu, EmptyReadsAndTinyBatches) {
  expect_gpu_equals_cpu(random_reads(3, 3, 0, 2));
  expect_gpu_equals_cpu(random_reads(1, 4, 0, 0));
}

TEST(ReadQcGpu, AccumulatesAcrossBatchesLikeCpu) {
  ThreadPool pool(2);
  auto state = make_read_qc_gpu_state(0);
  QcCounts cpu, gpu;
  for (unsigned seed = 10; seed < 14; ++seed) {
    const FlatReads r = random_reads(10'000, seed, 50, 60 + seed * 20);
    read_qc_cpu(r.view(), cpu, pool);
    read_qc_gpu(r.view(), gpu, *state);
  }
  EXPECT_TRUE(cpu == gpu);
}

}  // namespace
}  // namespace helicase::kernels
