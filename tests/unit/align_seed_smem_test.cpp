// align_seed_smem_test.cpp -- the seeding kernel against brute force on small random
// references: SMEMs covering each query position (bwt_smem1 semantics, min_intv = 1),
// the third-round seed (bwt_seed_strategy1), and bwa's occurrence arithmetic against the
// FM-index's own queries (bwa_occ4 == fm_occ4, bwa_sa == fm_sa for every row).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string_view>
#include <vector>

#include "bwa_smem/smem.hpp"
#include "bwa_smem/smem_launch.hpp"
#include "naive_suffix_array.hpp"
#include "reference/bwt_builder.hpp"

namespace helicase {
namespace {

using kernels::SmemInterval;

std::vector<std::uint8_t> random_reference(std::size_t n, std::mt19937& rng) {
  std::vector<std::uint8_t> v;
  while (v.size() < n) {
    if (v.size() > 50 && rng() % 4 == 0) {  // copy an earlier stretch, so matches repeat
      const std::size_t from = rng() % (v.size() - 40), len = 20 + rng() % 60;
      for (std::size_t i = 0; i < len; ++i) v.push_back(v[from + i % (v.size() - from)]);
    } else {
      v.push_back(static_cast<std::uint8_t>(rng() & 3));
    }
  }
  v.resize(n);
  return v;
}

struct SmallIndex {
  std::vector<std::uint8_t> text;
  reference::FmArrays fm;
  std::basic_string_view<std::uint8_t> view() const { return {text.data(), text.size()}; }
  std::uint64_t count(const std::uint8_t* p, std::size_t n) const {
    const std::basic_string_view<std::uint8_t> needle(p, n);
    std::uint64_t c = 0;
    for (std::size_t pos = view().find(needle); pos != std::string_view::npos; pos = view().find(needle, pos + 1)) ++c;
    return c;
  }
};

SmallIndex make_index(std::size_t l_pac, std::mt19937& rng) {
  SmallIndex s;
  s.text = test::with_reverse_complement(random_reference(l_pac, rng));
  ThreadPool pool(1);
  s.fm = reference::build_fm_arrays(std::vector<std::uint8_t>(s.text), pool);
  return s;
}

// A read: a stretch of the text with substitutions, small indels and N bases.
std::vector<std::uint8_t> random_read(const SmallIndex& s, int len, std::mt19937& rng) {
  std::vector<std::uint8_t> r;
  std::size_t pos = rng() % (s.text.size() - static_cast<std::size_t>(len) - 10);
  while (static_cast<int>(r.size()) < len) {
    const auto x = static_cast<unsigned>(rng() % 100);
    if (x < 4) r.push_back(static_cast<std::uint8_t>(rng() & 3));
    else if (x < 5) r.push_back(4);
    else if (x < 6) pos += 2;
    else r.push_back(s.text[pos++ % s.text.size()]);
  }
  if (rng() % 5 == 0) r[rng() % r.size()] = static_cast<std::uint8_t>(rng() & 3);
  return r;
}

// Longest e such that q[b, e) has no N and occurs in the text (e = b if none).
int longest_from(const SmallIndex& s, const std::vector<std::uint8_t>& q, int b) {
  int e = b;
  while (e < static_cast<int>(q.size()) && q[static_cast<std::size_t>(e)] < 4 &&
         s.count(q.data() + b, static_cast<std::size_t>(e - b + 1)) > 0)
    ++e;
  return e;
}

TEST(AlignSeedSmem, OccurrenceArithmeticMatchesTheFmIndex) {
  std::mt19937 rng(5);
  for (std::size_t l_pac : {1, 7, 63, 64, 65, 200, 777}) {
    const SmallIndex s = make_index(l_pac, rng);
    const kernels::FmIndexView v = s.fm.view();
    for (std::uint64_t k = 0; k <= v.seq_len; ++k) {
      std::uint64_t a[4], b[4];
      kernels::fm_occ4(v, k, a);
      kernels::bwa_occ4(v, k, b);
      for (int c = 0; c < 4; ++c) ASSERT_EQ(a[c], b[c]) << "l_pac " << l_pac << " row " << k << " base " << c;
      ASSERT_EQ(kernels::bwa_sa(v, k), kernels::fm_sa(v, k)) << "row " << k;
    }
    std::uint64_t a[4], b[4];
    kernels::fm_occ4(v, kernels::kFmNone, a);
    kernels::bwa_occ4(v, kernels::kFmNone, b);
    for (int c = 0; c < 4; ++c) EXPECT_EQ(a[c], b[c]);
  }
}

TEST(AlignSeedSmem, BatchedSuffixArrayWalksMatchOneByOne) {
  std::mt19937 rng(9);
  for (std::size_t l_pac : {1, 7, 65, 777}) {
    const SmallIndex s = make_index(l_pac, rng);
    const kernels::FmIndexView v = s.fm.view();
    std::vector<std::uint64_t> rows;
    for (std::uint64_t k = 0; k <= v.seq_len; ++k) rows.push_back(k);
    std::shuffle(rows.begin(), rows.end(), rng);
    rows.push_back(v.seq_len + 5);  // past the last row: kFmNone, as bwa_sa
    rows.push_back(rows.front());   // repeated rows
    for (int n : {0, 1, 3, kernels::kSaLanes, kernels::kSaLanes + 1, static_cast<int>(rows.size())}) {
      std::vector<std::uint64_t> out(static_cast<std::size_t>(n) + 1, 12345);
      kernels::bwa_sa_batch(v, rows.data() + rows.size() - static_cast<std::size_t>(n), out.data(), n);
      for (int i = 0; i < n; ++i) {
        const std::uint64_t row = rows[rows.size() - static_cast<std::size_t>(n) + static_cast<std::size_t>(i)];
        ASSERT_EQ(out[static_cast<std::size_t>(i)], kernels::bwa_sa(v, row)) << "l_pac " << l_pac << " row " << row;
      }
      EXPECT_EQ(out[static_cast<std::size_t>(n)], 12345u);  // nothing written past n
    }
  }
}

TEST(AlignSeedSmem, SmemsMatchBruteForce) {
  std::mt19937 rng(11);
  for (int round = 0; round < 6; ++round) {
    const SmallIndex s = make_index(300 + rng() % 1500, rng);
    const kernels::FmIndexView v = s.fm.view();
    for (int t = 0; t < 40; ++t) {
      const int len = 5 + static_cast<int>(rng() % 120);
      const std::vector<std::uint8_t> q = random_read(s, len, rng);
      std::vector<int> e(q.size());
      for (int b = 0; b < len; ++b) e[static_cast<std::size_t>(b)] = longest_from(s, q, b);
      std::vector<SmemInterval> mem(q.size() + 1), a(q.size() + 1), bb(q.size() + 1);
      for (int x = 0; x < len; ++x) {
        int n = 0;
        const int ret = kernels::smem_search(v, len, q.data(), x, 1, 0, mem.data(), &n, a.data(), bb.data());
        if (q[static_cast<std::size_t>(x)] > 3) {
          EXPECT_EQ(ret, x + 1);
          EXPECT_EQ(n, 0);
          continue;
        }
        EXPECT_EQ(ret, e[static_cast<std::size_t>(x)]) << "x=" << x;
        // Expected: [b, e(b)) with b <= x < e(b) and e(b-1) < e(b), by start.
        std::vector<std::pair<int, int>> want;
        for (int b = 0; b <= x; ++b) {
          const int eb = e[static_cast<std::size_t>(b)];
          if (eb > x && (b == 0 || e[static_cast<std::size_t>(b - 1)] < eb)) want.emplace_back(b, eb);
        }
        ASSERT_EQ(static_cast<std::size_t>(n), want.size()) << "x=" << x << " len=" << len;
        for (int i = 0; i < n; ++i) {
          const SmemInterval& m = mem[static_cast<std::size_t>(i)];
          const int mb = static_cast<int>(m.info >> 32), me = static_cast<int>(static_cast<std::uint32_t>(m.info));
          EXPECT_EQ(mb, want[static_cast<std::size_t>(i)].first);
          EXPECT_EQ(me, want[static_cast<std::size_t>(i)].second);
          EXPECT_EQ(m.size, s.count(q.data() + mb, static_cast<std::size_t>(me - mb)));
        }
      }
    }
  }
}

TEST(AlignSeedSmem, ThirdRoundSeedMatchesBruteForce) {
  std::mt19937 rng(12);
  const SmallIndex s = make_index(2000, rng);
  const kernels::FmIndexView v = s.fm.view();
  for (int t = 0; t < 200; ++t) {
    const int len = 20 + static_cast<int>(rng() % 100);
    const std::vector<std::uint8_t> q = random_read(s, len, rng);
    const int min_len = 4 + static_cast<int>(rng() % 12);
    const std::uint64_t max_intv = 1 + rng() % 5;
    for (int x = 0; x < len; ++x) {
      SmemInterval m;
      const int ret = kernels::seed_strategy1(v, len, q.data(), x, min_len, max_intv, &m);
      int want_ret = len;
      std::uint64_t want_size = 0;
      int want_end = 0;
      if (q[static_cast<std::size_t>(x)] > 3) {
        want_ret = x + 1;
      } else {
        for (int i = x + 1; i < len; ++i) {
          if (q[static_cast<std::size_t>(i)] > 3) {
            want_ret = i + 1;
            break;
          }
          const std::uint64_t c = s.count(q.data() + x, static_cast<std::size_t>(i - x + 1));
          if (c < max_intv && i - x >= min_len) {
            want_ret = i + 1;
            want_size = c;
            want_end = i + 1;
            break;
          }
        }
      }
      ASSERT_EQ(ret, want_ret) << "x=" << x;
      ASSERT_EQ(m.size, want_size) << "x=" << x;
      if (want_end > 0) {
        EXPECT_EQ(m.info, static_cast<std::uint64_t>(x) << 32 | static_cast<std::uint64_t>(want_end));
      }
    }
  }
}

TEST(AlignSeedSmem, CollectedIntervalsAreSortedAndTheBatchLauncherAgrees) {
  std::mt19937 rng(13);
  const SmallIndex s = make_index(3000, rng);
  const kernels::FmIndexView v = s.fm.view();
  kernels::SmemParams p;
  p.min_seed_len = 8;
  kernels::SmemBatch batch;
  std::vector<std::vector<SmemInterval>> one_by_one;
  kernels::SmemScratch scratch;
  for (int t = 0; t < 300; ++t) {
    const std::vector<std::uint8_t> q = random_read(s, 1 + static_cast<int>(rng() % 200), rng);
    batch.add(q.data(), q.size());
    std::vector<SmemInterval> out;
    kernels::collect_intervals_host(v, p, q.data(), static_cast<int>(q.size()), out, scratch);
    for (std::size_t i = 1; i < out.size(); ++i) ASSERT_LE(out[i - 1].info, out[i].info);
    for (const auto& m : out) {
      const int b = static_cast<int>(m.info >> 32), e = static_cast<int>(static_cast<std::uint32_t>(m.info));
      ASSERT_GE(e - b, p.min_seed_len);
      ASSERT_EQ(m.size, s.count(q.data() + b, static_cast<std::size_t>(e - b)));
    }
    one_by_one.push_back(out);
  }
  for (unsigned threads : {1u, 3u}) {
    ThreadPool pool(threads);
    kernels::SmemResult r;
    kernels::collect_intervals_batch_cpu(v, p, batch, r, pool);
    ASSERT_EQ(r.offsets.size(), batch.size() + 1);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      ASSERT_EQ(r.offsets[i + 1] - r.offsets[i], one_by_one[i].size());
      for (std::size_t j = 0; j < one_by_one[i].size(); ++j) {
        const auto& a = r.intervals[r.offsets[i] + j];
        EXPECT_EQ(a.info, one_by_one[i][j].info);
        EXPECT_EQ(a.x0, one_by_one[i][j].x0);
        EXPECT_EQ(a.size, one_by_one[i][j].size);
      }
    }
  }
}

}  // namespace
}  // namespace helicase
