// align_out_kernels_gpu_test.cpp -- the CUDA launchers of the global (CIGAR) and mate-rescue
// Smith-Waterman kernels equal their CPU launchers, item by item.
#include <gtest/gtest.h>

#include <random>

#include "../unit/align_out_inputs.hpp"
#include "bwa_global/global_sw_launch.hpp"
#include "bwa_matesw/mate_sw_launch.hpp"

namespace helicase::kernels {
namespace {

TEST(AlignOutGpu, GlobalSwEqualsCpu) {
  std::mt19937 rng(21);
  GlobalSwParams p;
  test::bwa_matrix(p.mat);
  GlobalSwJobs jobs;
  for (int i = 0; i < 20000; ++i) {
    const auto sp = test::random_seq_pair(rng, 1, 300, i % 9 != 0, i % 3 == 0, i % 4 == 0 ? 0.03 : 0.0);
    jobs.add(sp.query, sp.target, 3 + static_cast<int>(rng() % 120));
  }
  ThreadPool pool(2);
  GlobalSwResults cpu, gpu;
  global_sw_cpu(jobs, p, cpu, pool);
  auto state = make_global_sw_gpu_state(0);
  global_sw_gpu(jobs, p, gpu, *state);
  EXPECT_EQ(cpu.score, gpu.score);
  EXPECT_EQ(cpu.n_cigar, gpu.n_cigar);
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const auto a = cpu.ops(i), b = gpu.ops(i);
    ASSERT_TRUE(std::equal(a.begin(), a.end(), b.begin(), b.end())) << "item " << i;
  }
}

TEST(AlignOutGpu, MateSwEqualsCpu) {
  std::mt19937 rng(22);
  MateSwParams p;
  test::bwa_matrix(p.mat);
  MateSwJobs jobs;
  for (int i = 0; i < 4000; ++i) {
    auto sp = test::random_seq_pair(rng, 20, 300, i % 5 != 0, i % 2 == 0, i % 6 == 0 ? 0.03 : 0.0);
    std::vector<std::uint8_t> window;
    for (int k = 0; k < 200; ++k) window.push_back(static_cast<std::uint8_t>(rng() % 4));
    window.insert(window.end(), sp.target.begin(), sp.target.end());
    for (int k = 0; k < 300; ++k) window.push_back(static_cast<std::uint8_t>(rng() % 4));
    const int xtra = kKswXSubo | kKswXStart | (sp.query.size() < 250 ? kKswXByte : 0) | 19;
    jobs.add(sp.query, window, xtra);
  }
  ThreadPool pool(2);
  std::vector<MateSwResult> cpu, gpu;
  mate_sw_cpu(jobs, p, cpu, pool);
  auto state = make_mate_sw_gpu_state(0);
  mate_sw_gpu(jobs, p, gpu, *state);
  ASSERT_EQ(cpu.size(), gpu.size());
  for (std::size_t i = 0; i < cpu.size(); ++i) {
    ASSERT_EQ(cpu[i].score, gpu[i].score) << "item " << i;
    ASSERT_EQ(cpu[i].te, gpu[i].te) << "item " << i;
    ASSERT_EQ(cpu[i].qe, gpu[i].qe) << "item " << i;
    ASSERT_EQ(cpu[i].score2, gpu[i].score2) << "item " << i;
    ASSERT_EQ(cpu[i].te2, gpu[i].te2) << "item " << i;
    ASSERT_EQ(cpu[i].tb, gpu[i].tb) << "item " << i;
    ASSERT_EQ(cpu[i].qb, gpu[i].qb) << "item " << i;
  }
}

}  // namespace
}  // namespace helicase::kernels
