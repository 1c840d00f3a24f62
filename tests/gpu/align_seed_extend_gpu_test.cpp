// align_seed_extend_gpu_test.cpp -- batched seed extensions on the GPU equal the CPU
// launcher, job for job, on random jobs (indels, N bases, narrow and wide bands, z-drop on
// and off, empty targets).
#include <gtest/gtest.h>

#include <random>

#include "bwa_extend/extend_launch.hpp"

namespace helicase::kernels {
namespace {

TEST(AlignSeedExtendGpu, GpuEqualsCpu) {
  std::mt19937 rng(41);
  ExtendBatch batch;
  int k = 0;
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 5; ++j) batch.scoring.mat[k++] = static_cast<std::int8_t>(i == j ? 1 : j == 4 ? -1 : -4);
  }
  for (int j = 0; j < 5; ++j) batch.scoring.mat[k++] = -1;
  for (int it = 0; it < 50000; ++it) {
    const int qlen = 1 + static_cast<int>(rng() % 250);
    std::vector<std::uint8_t> q(static_cast<std::size_t>(qlen)), t;
    for (auto& b : q) b = static_cast<std::uint8_t>(rng() % 50 == 0 ? 4 : rng() & 3);
    for (int i = 0; i < qlen; ++i) {
      const auto x = rng() % 100;
      if (x < 3) t.push_back(static_cast<std::uint8_t>(rng() & 3));
      else if (x < 5) i += static_cast<int>(rng() % 10);
      else if (x < 7) t.insert(t.end(), rng() % 10, static_cast<std::uint8_t>(rng() & 3));
      else t.push_back(q[static_cast<std::size_t>(i)] & 3);
    }
    if (it % 101 == 0) t.clear();
    ExtendJob job;
    job.query_offset = batch.query.size();
    job.target_offset = batch.target.size();
    job.qlen = qlen;
    job.tlen = static_cast<int>(t.size());
    job.w = 1 + static_cast<int>(rng() % 200);
    job.zdrop = static_cast<int>(rng() % 150);
    job.h0 = 1 + static_cast<int>(rng() % 100);
    job.end_bonus = 5;
    batch.query.insert(batch.query.end(), q.begin(), q.end());
    batch.target.insert(batch.target.end(), t.begin(), t.end());
    batch.jobs.push_back(job);
  }
  ThreadPool pool(2);
  std::vector<ExtendResult> cpu(batch.jobs.size()), gpu(batch.jobs.size());
  ksw_extend_batch_cpu(batch, cpu.data(), pool);
  ksw_extend_batch_gpu(0, batch, gpu.data());
  for (std::size_t i = 0; i < cpu.size(); ++i) {
    ASSERT_EQ(cpu[i].score, gpu[i].score) << "job " << i;
    ASSERT_EQ(cpu[i].qle, gpu[i].qle) << "job " << i;
    ASSERT_EQ(cpu[i].tle, gpu[i].tle) << "job " << i;
    ASSERT_EQ(cpu[i].gtle, gpu[i].gtle) << "job " << i;
    ASSERT_EQ(cpu[i].gscore, gpu[i].gscore) << "job " << i;
    ASSERT_EQ(cpu[i].max_off, gpu[i].max_off) << "job " << i;
  }
}

}  // namespace
}  // namespace helicase::kernels
