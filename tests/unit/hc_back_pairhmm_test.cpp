// hc_back_pairhmm_test.cpp -- the PairHMM kernel: GATK's 104 VectorPairHMM cases (shared test
// data) and random pairs against a plain double-precision forward algorithm.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "bqsr_test_util.hpp"
#include "common/thread_pool.hpp"
#include "pairhmm/pairhmm_batch.hpp"
#include "pairhmm/pairhmm_launch.hpp"

namespace helicase::kernels::pairhmm {
namespace {

std::vector<double> run_cpu(PairHmmBatch& batch, unsigned threads) {
  ThreadPool pool(threads);
  const PairHmmTables tables = pairhmm_make_tables();
  PairHmmBatchView v = batch.view();
  pairhmm_cpu(v, batch.n_reads(), batch.n_haps(), tables, pool);
  std::vector<double> out(v.n_pairs);
  for (std::uint32_t p = 0; p < v.n_pairs; ++p) out[p] = pairhmm_finish(v.raw[p], v.used_double[p] != 0);
  return out;
}

std::vector<std::uint8_t> phred33(const std::string& s, int min_q = 0) {
  std::vector<std::uint8_t> q(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) q[i] = static_cast<std::uint8_t>(std::max(min_q, s[i] - 33));
  return q;
}

TEST(HcBackPairHmm, GatkVectorPairHmmCases) {
  const std::string path = test::testdata("gatk/pairhmm/pairhmm-testdata.txt");
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "shared test data not found: " << path;
  PairHmmBatch batch;
  std::vector<double> expected;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::string hap, read, q, iq, dq, gcp;
    double e = 0;
    ls >> hap >> read >> q >> iq >> dq >> gcp >> e;
    ASSERT_TRUE(ls) << line;
    // VectorPairHMMUnitTest caps base qualities below 6 up to 6.
    const auto bq = phred33(q, 6), ins = phred33(iq), del = phred33(dq), gc = phred33(gcp);
    const auto r = batch.add_read(read, bq.data(), ins.data(), del.data(), gc.data());
    batch.add_pair(r, batch.add_haplotype(hap));
    expected.push_back(e);
  }
  ASSERT_EQ(expected.size(), 104u);
  const auto got = run_cpu(batch, 2);
  int within = 0;
  double worst = 0;
  for (std::size_t i = 0; i < got.size(); ++i) {
    const double err = std::fabs(got[i] - expected[i]);
    worst = std::max(worst, err);
    within += err <= 1e-5;
    EXPECT_NEAR(got[i], expected[i], 1e-5) << "case " << i;
  }
  EXPECT_EQ(within, 104);
  std::cout << "PairHMM cases within 1e-5: " << within << "/104, worst |error| " << worst << "\n";
}

// Textbook forward algorithm in double (LoglessPairHMM without tables: exact transition
// probabilities, exact matchToMatch).
double reference_log10(const std::string& hap, const std::string& read, const std::vector<std::uint8_t>& q,
                       const std::vector<std::uint8_t>& iq, const std::vector<std::uint8_t>& dq, const std::vector<std::uint8_t>& gc) {
  const std::size_t R = read.size(), H = hap.size();
  std::vector<std::vector<double>> M(R + 1, std::vector<double>(H + 1, 0.0)), X = M, Y = M;
  const double init = std::ldexp(1.0, 1020);
  for (std::size_t j = 0; j <= H; ++j) Y[0][j] = init / static_cast<double>(H);
  for (std::size_t i = 1; i <= R; ++i) {
    const double e = std::pow(10.0, -q[i - 1] / 10.0);
    const double pi = std::pow(10.0, -iq[i - 1] / 10.0), pd = std::pow(10.0, -dq[i - 1] / 10.0);
    const double pc = std::pow(10.0, -gc[i - 1] / 10.0);
    const double mm = 1.0 - (pi + pd);
    for (std::size_t j = 1; j <= H; ++j) {
      const bool match = read[i - 1] == hap[j - 1] || read[i - 1] == 'N' || hap[j - 1] == 'N';
      const double prior = match ? 1.0 - e : e / 3.0;
      M[i][j] = prior * (M[i - 1][j - 1] * mm + (X[i - 1][j - 1] + Y[i - 1][j - 1]) * (1.0 - pc));
      X[i][j] = M[i - 1][j] * pi + X[i - 1][j] * pc;
      Y[i][j] = M[i][j - 1] * pd + Y[i][j - 1] * pc;
    }
  }
  double s = 0;
  for (std::size_t j = 1; j <= H; ++j) s += M[R][j] + X[R][j];
  return std::log10(s) - std::log10(init);
}

struct RandomCase {
  std::string hap, read;
  std::vector<std::uint8_t> q, iq, dq, gc;
};

std::vector<RandomCase> random_cases(int n, std::uint64_t seed, bool all_from_hap = false) {
  std::mt19937_64 rng(seed);
  const char* acgt = "ACGTN";
  std::vector<RandomCase> cases;
  for (int t = 0; t < n; ++t) {
    RandomCase c;
    const int H = 20 + static_cast<int>(rng() % 300), R = 10 + static_cast<int>(rng() % 140);
    for (int j = 0; j < H; ++j) c.hap += acgt[rng() % (rng() % 50 == 0 ? 5 : 4)];
    // Reads mostly drawn from the haplotype with errors and indels, some fully random.
    const bool from_hap = all_from_hap || rng() % 4 != 0;
    int pos = static_cast<int>(rng() % static_cast<unsigned>(all_from_hap ? std::max(1, H - R - 5) : H));
    for (int i = 0; i < R; ++i) {
      char b = acgt[rng() % 4];
      if (from_hap && pos < H) {
        b = c.hap[static_cast<std::size_t>(pos)];
        const auto u = rng() % 100;
        if (u < 3) b = acgt[rng() % 4];
        else if (u < 4) ++pos;
        else if (u == 4) --pos;
        ++pos;
      }
      c.read += b;
      c.q.push_back(static_cast<std::uint8_t>(6 + rng() % 35));
      c.iq.push_back(static_cast<std::uint8_t>(10 + rng() % 36));
      c.dq.push_back(static_cast<std::uint8_t>(10 + rng() % 36));
      c.gc.push_back(10);
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

TEST(HcBackPairHmm, RandomPairsMatchDoubleReference) {
  const auto cases = random_cases(300, 11);
  PairHmmBatch batch;
  for (const auto& c : cases) {
    batch.add_pair(batch.add_read(c.read, c.q.data(), c.iq.data(), c.dq.data(), c.gc.data()), batch.add_haplotype(c.hap));
  }
  const auto got = run_cpu(batch, 2);
  double worst = 0;
  int doubles = 0;
  PairHmmBatchView v = batch.view();
  ThreadPool pool(1);
  const auto tables = pairhmm_make_tables();
  pairhmm_cpu(v, batch.n_reads(), batch.n_haps(), tables, pool);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto& c = cases[i];
    const double ref = reference_log10(c.hap, c.read, c.q, c.iq, c.dq, c.gc);
    // Float pass (24-bit mantissa) and GKL's tabulated matchToMatch against exact doubles:
    // observed worst 4e-6 log10; GATK's own tolerance for its cases is 1e-5.
    EXPECT_NEAR(got[i], ref, 1e-5) << "case " << i;
    worst = std::max(worst, std::fabs(got[i] - ref));
    doubles += v.used_double[i];
  }
  std::cout << "random pairs: worst |kernel - double reference| = " << worst << " log10; double passes " << doubles
            << "/" << cases.size() << "\n";
  EXPECT_GT(doubles, 0);  // the fully random reads need GKL's double fallback
}

TEST(HcBackPairHmm, SameBitsForAnyThreadCountAndSplit) {
  const auto cases = random_cases(120, 3);
  PairHmmBatch whole;
  for (const auto& c : cases) whole.add_pair(whole.add_read(c.read, c.q.data(), c.iq.data(), c.dq.data(), c.gc.data()), whole.add_haplotype(c.hap));
  const auto a = run_cpu(whole, 1), b = run_cpu(whole, 3);
  PairHmmBatch half;
  for (std::size_t i = 60; i < cases.size(); ++i) {
    const auto& c = cases[i];
    half.add_pair(half.add_read(c.read, c.q.data(), c.iq.data(), c.dq.data(), c.gc.data()), half.add_haplotype(c.hap));
  }
  const auto h = run_cpu(half, 2);
  // The serial launcher (for callers already on pool workers) gives the same bits.
  PairHmmBatchView sv = whole.view();
  pairhmm_cpu_serial(sv, whole.n_reads(), whole.n_haps(), pairhmm_make_tables());
  for (std::uint32_t p = 0; p < sv.n_pairs; ++p) EXPECT_EQ(pairhmm_finish(sv.raw[p], sv.used_double[p] != 0), a[p]);
  // The GPU launcher's interleaved scratch layout, run on the CPU, gives the same bits.
  for (std::uint64_t group : {1u, 7u, 64u}) {
    PairHmmBatchView iv = whole.view();
    pairhmm_cpu_interleaved(iv, whole.n_reads(), whole.n_haps(), pairhmm_make_tables(), group);
    for (std::uint32_t p = 0; p < iv.n_pairs; ++p) EXPECT_EQ(pairhmm_finish(iv.raw[p], iv.used_double[p] != 0), a[p]) << group;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i], b[i]);
    if (i >= 60) {
      EXPECT_EQ(a[i], h[i - 60]);
    }
  }
}

// The CPU launcher runs 16 pairs per group, one per lane, row by row (pairhmm_lanes.hpp); each
// pair's raw sum and pass must be those of the per-pair function (the interleaved layout with
// groups of 1 runs pairhmm_pair itself), for a region's shape (every read against every
// haplotype: lanes share reads and haplotypes, lengths differ within a group) and for unrelated
// pairs of very different lengths, including groups that are not full.
TEST(HcBackPairHmm, LanesGiveThePerPairBits) {
  for (const bool region_shape : {true, false}) {
    const auto cases = random_cases(region_shape ? 70 : 1003, region_shape ? 5 : 9, region_shape);
    PairHmmBatch batch;
    if (region_shape) {
      std::vector<std::uint32_t> reads, haps;
      for (std::size_t i = 0; i < 40; ++i) {
        const auto& c = cases[i];
        reads.push_back(batch.add_read(c.read, c.q.data(), c.iq.data(), c.dq.data(), c.gc.data()));
      }
      for (std::size_t i = 40; i < cases.size(); ++i) haps.push_back(batch.add_haplotype(cases[i].hap));
      for (auto r : reads) {
        for (auto h : haps) batch.add_pair(r, h);
      }
    } else {
      for (const auto& c : cases) {
        batch.add_pair(batch.add_read(c.read, c.q.data(), c.iq.data(), c.dq.data(), c.gc.data()), batch.add_haplotype(c.hap));
      }
    }
    PairHmmBatchView lanes = batch.view();
    pairhmm_cpu_serial(lanes, batch.n_reads(), batch.n_haps(), pairhmm_make_tables());
    std::vector<double> raw(lanes.raw, lanes.raw + lanes.n_pairs);
    std::vector<std::uint8_t> dbl(lanes.used_double, lanes.used_double + lanes.n_pairs);
    PairHmmBatchView one = batch.view();
    pairhmm_cpu_interleaved(one, batch.n_reads(), batch.n_haps(), pairhmm_make_tables(), 1);
    int doubles = 0;
    for (std::uint32_t p = 0; p < one.n_pairs; ++p) {
      ASSERT_EQ(dbl[p], one.used_double[p]) << "pair " << p;
      ASSERT_EQ(std::memcmp(&raw[p], &one.raw[p], sizeof(double)), 0) << "pair " << p << ": " << raw[p] << " vs " << one.raw[p];
      doubles += dbl[p];
    }
    if (!region_shape) {
      EXPECT_GT(doubles, 0);  // the double fallback was exercised too
    }
    EXPECT_GT(one.n_pairs, 1000u);
  }
}

}  // namespace
}  // namespace helicase::kernels::pairhmm
