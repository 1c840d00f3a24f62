// fm_index_test.cpp -- the HELICASE_HD FM-index queries (kernels/fmindex) on arrays built by
// the reference stage, against a naive suffix array of the same text: every row's SA value,
// occurrence counts, LF, backward search and bwa's bi-directional extension, on random,
// repetitive and tiny texts, with 32- and 64-bit suffix sorting and 1 or 2 threads.
#include <gtest/gtest.h>

#include <random>

#include "fmindex/fm_index.hpp"
#include "fmindex/fm_sa_launch.hpp"
#include "naive_suffix_array.hpp"
#include "reference/bwt_builder.hpp"

namespace helicase::reference {
namespace {

using kernels::FmBiInterval;
using kernels::FmIndexView;
using kernels::kFmNone;
using test::NaiveIndex;

std::vector<std::uint8_t> random_codes(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<std::uint8_t> v(n);
  for (auto& c : v) c = static_cast<std::uint8_t>(rng() & 3);
  return v;
}

std::vector<std::uint8_t> periodic(std::size_t n, const std::vector<std::uint8_t>& unit) {
  std::vector<std::uint8_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = unit[i % unit.size()];
  return v;
}

// Random text with long copies of itself and runs (like repeats and N-filled gaps).
std::vector<std::uint8_t> repetitive(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<std::uint8_t> v = random_codes(n / 4 + 1, seed);
  while (v.size() < n) {
    const std::size_t from = rng() % v.size(), len = 1 + rng() % 300;
    if (rng() % 3 == 0) {
      v.insert(v.end(), len, static_cast<std::uint8_t>(rng() & 3));
    } else {
      for (std::size_t i = 0; i < len && v.size() < n; ++i) v.push_back(v[(from + i) % v.size()]);
    }
  }
  v.resize(n);
  return v;
}

void check_against_naive(const std::vector<std::uint8_t>& forward, SaIndexWidth width, unsigned threads,
                         unsigned seed) {
  SCOPED_TRACE("l_pac=" + std::to_string(forward.size()) + " seed=" + std::to_string(seed));
  const std::vector<std::uint8_t> text = test::with_reverse_complement(forward);
  const NaiveIndex naive(text);
  ThreadPool pool(threads);
  const FmArrays fm = build_fm_arrays(std::vector<std::uint8_t>(text), pool, width);
  const FmIndexView v = fm.view();
  const std::uint64_t n = naive.n();

  ASSERT_EQ(v.seq_len, n);
  EXPECT_EQ(v.primary, naive.row_of(0));
  for (int c = 0; c < 4; ++c) EXPECT_EQ(v.L2[c + 1] - v.L2[c], naive.occ(static_cast<std::int64_t>(n), c));
  EXPECT_EQ(fm.sa.size(), (n + 32) / 32 - 1);
  EXPECT_EQ(fm.bwt.size(), (n + 15) / 16 + ((n + 127) / 128 + 1) * 8);

  for (std::uint64_t k = 0; k <= n; ++k) {
    ASSERT_EQ(kernels::fm_sa(v, k), naive.sa[k]) << "row " << k;
    if (k != v.primary) {
      ASSERT_EQ(kernels::fm_row_base(v, k), naive.bwt[k]) << "row " << k;
    }
    const std::uint64_t lf = naive.sa[k] == 0 ? 0 : naive.row_of(naive.sa[k] - 1);
    ASSERT_EQ(kernels::fm_lf(v, k), lf) << "row " << k;
  }
  std::uint64_t cnt[4];
  for (std::int64_t k = -1; k <= static_cast<std::int64_t>(n); ++k) {
    const std::uint64_t kk = k < 0 ? kFmNone : static_cast<std::uint64_t>(k);
    kernels::fm_occ4(v, kk, cnt);
    for (int c = 0; c < 4; ++c) {
      const std::uint64_t want = naive.occ(k, c);
      ASSERT_EQ(kernels::fm_occ(v, kk, c), want) << "k " << k << " c " << c;
      ASSERT_EQ(cnt[c], want) << "occ4 k " << k << " c " << c;
    }
  }

  // Patterns: substrings of the text (present) and random ones (often absent).
  std::mt19937 rng(seed);
  for (int t = 0; t < 200; ++t) {
    const std::size_t len = 1 + rng() % 12;
    std::vector<std::uint8_t> p;
    if (t % 2 == 0 && n >= len) {
      const std::size_t at = rng() % (n - len + 1);
      p.assign(text.begin() + static_cast<std::ptrdiff_t>(at), text.begin() + static_cast<std::ptrdiff_t>(at + len));
    } else {
      p = random_codes(len, static_cast<unsigned>(rng()));
    }
    const auto [first, count] = naive.range(p);
    std::uint64_t k = 0, l = n;
    bool found = true;
    for (std::size_t i = p.size(); i-- > 0 && found;) found = kernels::fm_backward_step(v, p[i], k, l);
    ASSERT_EQ(found, count > 0);
    if (found) {
      ASSERT_EQ(k, first);
      ASSERT_EQ(l - k + 1, count);
    }

    // bwa's bi-directional extension, backwards then forwards, from the first/last base.
    const auto rc_first = naive.range(test::reverse_complement(p)).first;
    FmBiInterval back = kernels::fm_base_interval(v, p.back());
    for (std::size_t i = p.size() - 1; i-- > 0 && back.size > 0;) {
      FmBiInterval ok[4];
      kernels::fm_extend(v, back, ok, true);
      back = ok[p[i]];
    }
    FmBiInterval fwd = kernels::fm_base_interval(v, p.front());
    for (std::size_t i = 1; i < p.size() && fwd.size > 0; ++i) {
      FmBiInterval ok[4];
      kernels::fm_extend(v, fwd, ok, false);
      fwd = ok[3 - p[i]];  // bwa extends forwards with the complement
    }
    for (const FmBiInterval& b : {back, fwd}) {
      ASSERT_EQ(b.size, count);
      if (count > 0) {
        ASSERT_EQ(b.x0, first);
        ASSERT_EQ(b.x1, rc_first);
      }
    }
  }
}

TEST(FmIndex, TinyTextsAllLengthsAroundWordAndBlockEdges) {
  // l_pac 1..80: n = 2..160 crosses the 16-base word, 32-row sample and 128-base block edges.
  for (std::size_t l = 1; l <= 80; ++l) check_against_naive(random_codes(l, static_cast<unsigned>(l)), SaIndexWidth::Auto, 1, 7);
}

TEST(FmIndex, RandomTexts) {
  for (unsigned seed = 1; seed <= 4; ++seed) {
    check_against_naive(random_codes(500 + seed * 211, seed), SaIndexWidth::Auto, 2, seed);
  }
}

TEST(FmIndex, RepetitiveTexts) {
  check_against_naive(periodic(700, {0}), SaIndexWidth::Auto, 2, 1);               // AAAA...
  check_against_naive(periodic(650, {0, 1}), SaIndexWidth::Auto, 2, 2);            // ACAC...
  check_against_naive(periodic(900, {2, 3, 0, 1, 1, 2, 0}), SaIndexWidth::Auto, 2, 3);
  check_against_naive(repetitive(1500, 4), SaIndexWidth::Auto, 2, 4);
  check_against_naive(repetitive(1200, 5), SaIndexWidth::Auto, 1, 5);
}

TEST(FmIndex, SixtyFourBitSortGivesTheSameArrays) {
  for (unsigned seed = 1; seed <= 3; ++seed) {
    const auto text = test::with_reverse_complement(seed == 3 ? repetitive(3000, seed) : random_codes(2000, seed));
    ThreadPool pool(2);
    const FmArrays a = build_fm_arrays(std::vector<std::uint8_t>(text), pool, SaIndexWidth::Bits32);
    const FmArrays b = build_fm_arrays(std::vector<std::uint8_t>(text), pool, SaIndexWidth::Bits64);
    EXPECT_EQ(a.primary, b.primary);
    EXPECT_EQ(a.bwt, b.bwt);
    EXPECT_EQ(a.sa, b.sa);
  }
  check_against_naive(repetitive(800, 9), SaIndexWidth::Bits64, 2, 9);
}

TEST(FmIndex, SameArraysForAnyThreadCount) {
  const auto text = test::with_reverse_complement(repetitive(200000, 11));
  ThreadPool one(1), two(2), five(5);
  const FmArrays a = build_fm_arrays(std::vector<std::uint8_t>(text), one);
  const FmArrays b = build_fm_arrays(std::vector<std::uint8_t>(text), two);
  const FmArrays c = build_fm_arrays(std::vector<std::uint8_t>(text), five);
  EXPECT_EQ(a.bwt, b.bwt);
  EXPECT_EQ(a.sa, b.sa);
  EXPECT_EQ(a.bwt, c.bwt);
  EXPECT_EQ(a.sa, c.sa);
}

TEST(FmIndex, BatchedSaLookupOnTheCpuBackend) {
  const auto text = test::with_reverse_complement(random_codes(3000, 21));
  const NaiveIndex naive(text);
  ThreadPool pool(2);
  const FmArrays fm = build_fm_arrays(std::vector<std::uint8_t>(text), pool);
  std::vector<std::uint64_t> rows(naive.sa.size()), out(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = (i * 7919) % rows.size();
  const Backend cpu = Backend::cpu(pool);
  kernels::FmSaLookup lookup(cpu, fm.view());
  lookup.lookup(rows.data(), out.data(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) ASSERT_EQ(out[i], naive.sa[rows[i]]);
}

}  // namespace
}  // namespace helicase::reference
