// align_seed_smem_gpu_test.cpp -- batched seeding on the GPU equals the CPU launcher, read
// for read and interval for interval, on random reads (N bases, repeats, short and long
// reads, including reads that overflow the GPU's output slots and fall back to the host).
#include <gtest/gtest.h>

#include <random>

#include "bwa_smem/smem_launch.hpp"
#include "reference/bwt_builder.hpp"

namespace helicase::kernels {
namespace {

TEST(AlignSeedSmemGpu, GpuEqualsCpu) {
  std::mt19937 rng(31);
  std::vector<std::uint8_t> fwd;
  while (fwd.size() < 400'000) {
    if (fwd.size() > 2000 && rng() % 8 == 0) {
      const std::size_t from = rng() % (fwd.size() - 1000);
      for (std::size_t i = 0; i < 300; ++i) fwd.push_back(fwd[from + i]);
    } else {
      fwd.push_back(static_cast<std::uint8_t>(rng() & 3));
    }
  }
  std::vector<std::uint8_t> text = fwd;
  for (std::size_t i = 0; i < fwd.size(); ++i) text.push_back(static_cast<std::uint8_t>(3 - fwd[fwd.size() - 1 - i]));
  ThreadPool pool(2);
  const reference::FmArrays fm = reference::build_fm_arrays(std::vector<std::uint8_t>(text), pool);
  SmemBatch batch;
  for (int r = 0; r < 20000; ++r) {
    const std::size_t len = r % 50 == 0 ? 1 + rng() % 30 : r % 97 == 0 ? 1000 : 100 + rng() % 60;
    const std::size_t pos = rng() % (text.size() - len);
    std::vector<std::uint8_t> read(text.begin() + static_cast<std::ptrdiff_t>(pos),
                                   text.begin() + static_cast<std::ptrdiff_t>(pos + len));
    for (auto& b : read) {
      const auto x = rng() % 100;
      if (x < 2) b = static_cast<std::uint8_t>(rng() & 3);
      else if (x < 3) b = 4;
    }
    batch.add(read.data(), read.size());
  }
  SmemParams p;
  SmemResult cpu, gpu;
  collect_intervals_batch_cpu(fm.view(), p, batch, cpu, pool);
  auto state = make_smem_gpu_state(0, fm.view());
  collect_intervals_batch_gpu(*state, p, batch, gpu);
  ASSERT_EQ(cpu.offsets, gpu.offsets);
  ASSERT_EQ(cpu.intervals.size(), gpu.intervals.size());
  for (std::size_t i = 0; i < cpu.intervals.size(); ++i) {
    EXPECT_EQ(cpu.intervals[i].x0, gpu.intervals[i].x0);
    EXPECT_EQ(cpu.intervals[i].x1, gpu.intervals[i].x1);
    EXPECT_EQ(cpu.intervals[i].size, gpu.intervals[i].size);
    ASSERT_EQ(cpu.intervals[i].info, gpu.intervals[i].info) << "interval " << i;
  }
}

}  // namespace
}  // namespace helicase::kernels
