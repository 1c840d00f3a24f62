// hc_front_sw_gpu_test.cpp -- the haplotype Smith-Waterman kernel's CUDA launcher gives the
// same CIGARs and offsets as its CPU launcher on random haplotype/reference pairs (every
// overhang strategy).
#include <gtest/gtest.h>

#include <random>
#include <thread>
#include <vector>

#include "common/thread_pool.hpp"
#include "hc_sw/hc_sw_launch.hpp"

namespace helicase::kernels::hc_sw {
namespace {

TEST(HcFrontSwGpu, GpuEqualsCpu) {
  std::mt19937 rng(21);
  const char* acgt = "ACGTN";
  for (int overhang : {kSoftclip, kIndel, kLeadingIndel, kIgnore}) {
    SwHostBatch cpu;
    std::uint64_t cig = 0;
    for (int p = 0; p < 500; ++p) {
      const int n = 10 + static_cast<int>(rng() % 400), m = 5 + static_cast<int>(rng() % 400);
      std::string ref, alt;
      for (int i = 0; i < n; ++i) ref.push_back(acgt[rng() % 5]);
      for (int i = 0; i < m; ++i) alt.push_back(rng() % 4 ? ref[static_cast<std::size_t>(i % n)] : acgt[rng() % 4]);
      cpu.ref_offset.push_back(cpu.ref_bases.size());
      cpu.ref_length.push_back(static_cast<std::uint32_t>(n));
      cpu.ref_bases += ref;
      cpu.alt_offset.push_back(cpu.alt_bases.size());
      cpu.alt_length.push_back(static_cast<std::uint32_t>(m));
      cpu.alt_bases += alt;
      cpu.cigar_offset.push_back(cig);
      cig += static_cast<std::uint64_t>(n + m + 2);
    }
    cpu.cigar.assign(cig, 0);
    cpu.n_ops.assign(cpu.ref_length.size(), 0);
    cpu.offset.assign(cpu.ref_length.size(), 0);
    SwHostBatch gpu = cpu;
    ThreadPool pool(2);
    sw_cpu(cpu.view(SwParams{}, overhang), pool);
    auto state = make_sw_gpu_state(0);
    sw_gpu(gpu.view(SwParams{}, overhang), *state);
    EXPECT_EQ(cpu.n_ops, gpu.n_ops) << "overhang " << overhang;
    EXPECT_EQ(cpu.offset, gpu.offset) << "overhang " << overhang;
    EXPECT_EQ(cpu.cigar, gpu.cigar) << "overhang " << overhang;
  }
}

// One SwRunner per CPU worker (helicase-haplotypecaller on a GPU): runners used from several
// threads at once give the CPU's CIGARs.
TEST(HcFrontSwGpu, ConcurrentRunnersFromSeveralThreadsEqualCpu) {
  std::mt19937 rng(5);
  const char* acgt = "ACGT";
  std::vector<std::pair<std::string, std::string>> pairs;
  for (int p = 0; p < 300; ++p) {
    std::string ref;
    for (int i = 0; i < 300 + static_cast<int>(rng() % 200); ++i) ref.push_back(acgt[rng() % 4]);
    std::string alt = ref.substr(rng() % 50, 150);
    alt[rng() % alt.size()] = acgt[rng() % 4];
    pairs.emplace_back(ref, alt);
  }
  ThreadPool pool(2);
  const Backend cpu = Backend::cpu(pool);
  SwRunner cpu_runner(cpu);
  const auto want = cpu_runner.run(pairs, SwParams{}, kSoftclip);
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      ThreadPool unused(1);
      const Backend gpu = Backend::gpu(0, "GPU 0", unused);
      SwRunner runner(gpu);
      for (int round = 0; round < 5; ++round) {
        const auto got = runner.run(pairs, SwParams{}, kSoftclip);
        for (std::size_t k = 0; k < got.size(); ++k) {
          mismatches[static_cast<std::size_t>(t)] += got[k].cigar != want[k].cigar || got[k].offset != want[k].offset;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(mismatches[static_cast<std::size_t>(t)], 0) << "thread " << t;
}

}  // namespace
}  // namespace helicase::kernels::hc_sw
