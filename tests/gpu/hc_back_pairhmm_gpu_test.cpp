// hc_back_pairhmm_gpu_test.cpp -- the PairHMM kernel's CUDA launcher equals its CPU launcher,
// bit for bit (raw scaled sums and the float/double choice). Its speed is measured by
// helicase-kernel-bench (benchmarks/kernels), not here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <iostream>
#include <random>
#include <string>
#include <thread>

#include "common/thread_pool.hpp"
#include "pairhmm/pairhmm_batch.hpp"
#include "pairhmm/pairhmm_launch.hpp"

namespace helicase::kernels::pairhmm {
namespace {

// Reads drawn from their haplotype with errors and small indels, some fully random (those need
// the double pass), N bases now and then, qualities over the whole usable range.
PairHmmBatch random_batch(int n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const char* acgt = "ACGTN";
  PairHmmBatch batch;
  for (int t = 0; t < n; ++t) {
    const int H = 20 + static_cast<int>(rng() % 400), R = 10 + static_cast<int>(rng() % 141);
    std::string hap, read;
    for (int j = 0; j < H; ++j) hap += acgt[rng() % (rng() % 60 == 0 ? 5 : 4)];
    const bool from_hap = rng() % 5 != 0;
    int pos = static_cast<int>(rng() % static_cast<unsigned>(std::max(1, H - R)));
    std::vector<std::uint8_t> q, iq, dq, gc;
    for (int i = 0; i < R; ++i) {
      char b = acgt[rng() % 4];
      if (from_hap && pos < H) {
        b = hap[static_cast<std::size_t>(pos)];
        const auto u = rng() % 100;
        if (u < 3) b = acgt[rng() % 5];
        else if (u < 4) ++pos;
        else if (u == 4) --pos;
        ++pos;
      }
      read += b;
      q.push_back(static_cast<std::uint8_t>(6 + rng() % 36));
      iq.push_back(static_cast<std::uint8_t>(10 + rng() % 36));
      dq.push_back(static_cast<std::uint8_t>(10 + rng() % 36));
      gc.push_back(10);
    }
    batch.add_pair(batch.add_read(read, q.data(), iq.data(), dq.data(), gc.data()), batch.add_haplotype(hap));
  }
  return batch;
}

TEST(HcBackPairHmmGpu, RawSumsEqualCpu) {
  PairHmmBatch batch = random_batch(3000, 7);
  const PairHmmTables tables = pairhmm_make_tables();
  ThreadPool pool(2);
  PairHmmBatchView cpu = batch.view();
  pairhmm_cpu(cpu, batch.n_reads(), batch.n_haps(), tables, pool);
  const std::vector<double> cpu_raw(cpu.raw, cpu.raw + cpu.n_pairs);
  const std::vector<std::uint8_t> cpu_dbl(cpu.used_double, cpu.used_double + cpu.n_pairs);
  PairHmmBatchView gpu = batch.view();  // fresh outputs
  auto state = make_pairhmm_gpu_state(0, tables);
  pairhmm_gpu(gpu, batch.n_reads(), batch.n_haps(), *state);
  int doubles = 0, mismatches = 0;
  for (std::uint32_t p = 0; p < gpu.n_pairs; ++p) {
    doubles += cpu_dbl[p];
    if (std::memcmp(&cpu_raw[p], &gpu.raw[p], sizeof(double)) != 0 || cpu_dbl[p] != gpu.used_double[p]) ++mismatches;
    EXPECT_EQ(cpu_dbl[p], gpu.used_double[p]) << "pair " << p;
    EXPECT_EQ(cpu_raw[p], gpu.raw[p]) << "pair " << p;
  }
  EXPECT_EQ(mismatches, 0);
  EXPECT_GT(doubles, 0);
  std::cout << "GPU == CPU on " << gpu.n_pairs << " pairs (" << doubles << " double passes)\n";
}

// Lengths over the whole range the warp wavefront must handle: reads 1..300 (partial and whole
// 32-row stripes), haplotypes 1..600 (shorter and longer than a warp's 31-step skew), several
// haplotypes per read, qualities 0..127 (GKL masks with 127), N and odd bytes in both.
PairHmmBatch varied_batch(int n_reads, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const char* bases = "ACGTNACGTacgtX";
  PairHmmBatch batch;
  const int fixed[][2] = {{1, 1}, {1, 600}, {300, 1}, {31, 31}, {32, 32}, {33, 33}, {64, 31}, {65, 97}, {300, 600}, {2, 3}};
  std::vector<std::uint32_t> haps;
  for (int t = 0; t < n_reads; ++t) {
    const bool fix = t < 10;
    const int R = fix ? fixed[t][0] : 1 + static_cast<int>(rng() % 300);
    std::string read;
    std::vector<std::uint8_t> q, iq, dq, gc;
    for (int i = 0; i < R; ++i) {
      read += bases[rng() % 20 == 0 ? rng() % 14 : rng() % 4];
      q.push_back(static_cast<std::uint8_t>(rng() % 50 == 0 ? rng() % 128 : 2 + rng() % 40));
      iq.push_back(static_cast<std::uint8_t>(rng() % 50 == 0 ? rng() % 256 : 40 + rng() % 10));
      dq.push_back(static_cast<std::uint8_t>(rng() % 50 == 0 ? rng() % 256 : 40 + rng() % 10));
      gc.push_back(static_cast<std::uint8_t>(rng() % 50 == 0 ? rng() % 128 : 10));
    }
    const std::uint32_t r = batch.add_read(read, q.data(), iq.data(), dq.data(), gc.data());
    const int n_h = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < n_h; ++k) {
      const int H = fix && k == 0 ? fixed[t][1] : 1 + static_cast<int>(rng() % 600);
      std::string hap;
      // Mostly the read itself embedded in random flanks (likely pairs), else random.
      const bool embed = rng() % 3 != 0;
      const int at = static_cast<int>(rng() % static_cast<std::uint64_t>(H));
      for (int j = 0; j < H; ++j) {
        const int ri = j - at;
        hap += embed && ri >= 0 && ri < R && rng() % 50 != 0 ? read[static_cast<std::size_t>(ri)] : bases[rng() % 4];
      }
      haps.push_back(batch.add_haplotype(hap));
      batch.add_pair(r, haps.back());
    }
    // Now and then a pair with an earlier read's haplotype (pairs share haplotypes).
    if (rng() % 4 == 0) batch.add_pair(r, haps[rng() % haps.size()]);
  }
  return batch;
}

void expect_gpu_equals_cpu(PairHmmBatch& batch, PairHmmGpuState& state, ThreadPool& pool, const PairHmmTables& tables) {
  PairHmmBatchView cpu = batch.view();
  pairhmm_cpu(cpu, batch.n_reads(), batch.n_haps(), tables, pool);
  const std::vector<double> cpu_raw(cpu.raw, cpu.raw + cpu.n_pairs);
  const std::vector<std::uint8_t> cpu_dbl(cpu.used_double, cpu.used_double + cpu.n_pairs);
  std::fill(cpu.raw, cpu.raw + cpu.n_pairs, -1.0);
  std::fill(cpu.used_double, cpu.used_double + cpu.n_pairs, std::uint8_t{7});
  PairHmmBatchView gpu = batch.view();
  pairhmm_gpu(gpu, batch.n_reads(), batch.n_haps(), state);
  int mismatches = 0;
  for (std::uint32_t p = 0; p < gpu.n_pairs; ++p) {
    if (std::memcmp(&cpu_raw[p], &gpu.raw[p], sizeof(double)) == 0 && cpu_dbl[p] == gpu.used_double[p]) continue;
    if (++mismatches <= 10) {
      ADD_FAILURE() << "pair " << p << " (read " << batch.view().read_length[batch.view().pair_read[p]] << " bp, hap "
                    << batch.view().hap_length[batch.view().pair_hap[p]] << " bp): cpu " << cpu_raw[p] << " double "
                    << int(cpu_dbl[p]) << ", gpu " << gpu.raw[p] << " double " << int(gpu.used_double[p]);
    }
  }
  EXPECT_EQ(mismatches, 0) << "of " << gpu.n_pairs << " pairs";
}

TEST(HcBackPairHmmGpu, VariedLengthsAndOddBatchSizesEqualCpu) {
  const PairHmmTables tables = pairhmm_make_tables();
  ThreadPool pool(2);
  auto state = make_pairhmm_gpu_state(0, tables);
  // Odd batch sizes (one pair, fewer than a block's warps, not a multiple of anything), reusing
  // the state so buffers grow and shrink between calls.
  for (const int n : {1, 3, 10, 37, 401, 1999}) {
    PairHmmBatch batch = varied_batch(n, 1000 + static_cast<std::uint64_t>(n));
    expect_gpu_equals_cpu(batch, *state, pool, tables);
  }
}

// helicase-haplotypecaller on a GPU builds regions on every CPU worker, each with its own
// PairHmmRunner (own GPU state: stream, buffers, tables): several states used from several
// threads at once must each give the CPU's bits.
TEST(HcBackPairHmmGpu, ConcurrentStatesFromSeveralThreadsEqualCpu) {
  const PairHmmTables tables = pairhmm_make_tables();
  PairHmmBatch reference = random_batch(1500, 17);
  ThreadPool pool(2);
  PairHmmBatchView cpu = reference.view();
  pairhmm_cpu(cpu, reference.n_reads(), reference.n_haps(), tables, pool);
  const std::vector<double> want(cpu.raw, cpu.raw + cpu.n_pairs);
  constexpr int kThreads = 4, kRounds = 5;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      PairHmmBatch mine = random_batch(1500, 17);
      auto state = make_pairhmm_gpu_state(0, tables);
      for (int round = 0; round < kRounds; ++round) {
        PairHmmBatchView v = mine.view();
        pairhmm_gpu(v, mine.n_reads(), mine.n_haps(), *state);
        for (std::uint32_t p = 0; p < v.n_pairs; ++p) mismatches[t] += std::memcmp(&want[p], &v.raw[p], sizeof(double)) != 0;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace helicase::kernels::pairhmm
