// align_out_kernels_test.cpp -- the two alignment kernels of helicase-align's output half
// against plain full-matrix dynamic programming:
//  * global_sw (ksw_global2 semantics): with a band wide enough, the same optimal score as
//    a full Gotoh matrix (gaps opened from a match cell, ksw_global2's model); with any band,
//    a CIGAR that spans both sequences and rescores to the returned score; bwa's left-most
//    placement of indels;
//  * mate_sw (ksw_align2 semantics, both the 8-bit and 16-bit striped modes): the best local
//    score, its end (first target row, then smallest query position), the second best outside
//    the best's neighbourhood, and the start found by re-aligning the reversed prefixes.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "align_out_inputs.hpp"
#include "bwa_global/global_sw_launch.hpp"
#include "bwa_matesw/mate_sw_launch.hpp"

namespace helicase::kernels {
namespace {

constexpr int kNegInf = -(1 << 28);

// Full-matrix global alignment score (no band), gaps opened only after a match cell.
int textbook_global(const std::vector<std::uint8_t>& q, const std::vector<std::uint8_t>& t, const std::int8_t* mat,
                    int od, int ed, int oi, int ei) {
  const int n = static_cast<int>(t.size()), m = static_cast<int>(q.size());
  std::vector<std::vector<int>> M(n + 1, std::vector<int>(m + 1, kNegInf)), E = M, F = M, H = M;
  H[0][0] = M[0][0] = 0;
  for (int j = 1; j <= m; ++j) H[j == 0 ? 0 : 0][j] = F[0][j] = -(oi + ei * j);
  for (int i = 1; i <= n; ++i) H[i][0] = E[i][0] = -(od + ed * i);
  for (int i = 1; i <= n; ++i) {
    for (int j = 1; j <= m; ++j) {
      const int diag = i == 1 && j == 1 ? 0 : (i == 1 ? H[0][j - 1] : (j == 1 ? H[i - 1][0] : H[i - 1][j - 1]));
      M[i][j] = diag + mat[t[i - 1] * 5 + q[j - 1]];
      // E: deletion (consumes target); opened from M, or the leading deletion column.
      E[i][j] = std::max(M[i - 1][j] - od - ed, E[i - 1][j] - ed);
      F[i][j] = std::max(M[i][j - 1] - oi - ei, F[i][j - 1] - ei);
      H[i][j] = std::max({M[i][j], E[i][j], F[i][j]});
    }
  }
  return H[n][m];
}

int rescore(const std::vector<std::uint8_t>& q, const std::vector<std::uint8_t>& t, std::span<const std::uint32_t> cig,
            const std::int8_t* mat, int od, int ed, int oi, int ei, int& qused, int& tused) {
  int s = 0, x = 0, y = 0;
  for (const std::uint32_t c : cig) {
    const int len = static_cast<int>(c >> 4), op = static_cast<int>(c & 0xf);
    if (op == 0) {
      for (int k = 0; k < len; ++k) s += mat[t[static_cast<std::size_t>(y + k)] * 5 + q[static_cast<std::size_t>(x + k)]];
      x += len, y += len;
    } else if (op == 1) {
      s -= oi + ei * len, x += len;
    } else {
      s -= od + ed * len, y += len;
    }
  }
  qused = x, tused = y;
  return s;
}

GlobalSwParams global_params() {
  GlobalSwParams p;
  test::bwa_matrix(p.mat);
  return p;
}

TEST(AlignOutGlobalSw, WideBandEqualsFullMatrix) {
  std::mt19937 rng(1);
  const GlobalSwParams p = global_params();
  GlobalSwJobs jobs;
  std::vector<test::SeqPair> pairs;
  for (int i = 0; i < 300; ++i) {
    pairs.push_back(test::random_seq_pair(rng, 1, 160, i % 7 != 0, i % 3 == 0, i % 5 == 0 ? 0.05 : 0.0));
    const int w = static_cast<int>(std::max(pairs.back().query.size(), pairs.back().target.size())) + 1;
    jobs.add(pairs.back().query, pairs.back().target, w);
  }
  ThreadPool pool(2);
  GlobalSwResults out;
  global_sw_cpu(jobs, p, out, pool);
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const auto& sp = pairs[i];
    EXPECT_EQ(out.score[i], textbook_global(sp.query, sp.target, p.mat, 6, 1, 6, 1)) << "pair " << i;
    int qu = 0, tu = 0;
    EXPECT_EQ(rescore(sp.query, sp.target, out.ops(i), p.mat, 6, 1, 6, 1, qu, tu), out.score[i]) << "pair " << i;
    EXPECT_EQ(qu, static_cast<int>(sp.query.size()));
    EXPECT_EQ(tu, static_cast<int>(sp.target.size()));
  }
}

TEST(AlignOutGlobalSw, NarrowBandsGiveConsistentCigars) {
  std::mt19937 rng(2);
  const GlobalSwParams p = global_params();
  GlobalSwJobs jobs;
  std::vector<test::SeqPair> pairs;
  for (int i = 0; i < 300; ++i) {
    pairs.push_back(test::random_seq_pair(rng, 100, 300, true, true, 0.01));
    const int diff = std::abs(static_cast<int>(pairs.back().query.size()) - static_cast<int>(pairs.back().target.size()));
    jobs.add(pairs.back().query, pairs.back().target, diff + 3 + static_cast<int>(rng() % 20));  // bwa's minimum band
  }
  ThreadPool pool(1);
  GlobalSwResults out;
  global_sw_cpu(jobs, p, out, pool);
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const auto& sp = pairs[i];
    int qu = 0, tu = 0;
    EXPECT_EQ(rescore(sp.query, sp.target, out.ops(i), p.mat, 6, 1, 6, 1, qu, tu), out.score[i]) << "pair " << i;
    EXPECT_EQ(qu, static_cast<int>(sp.query.size()));
    EXPECT_EQ(tu, static_cast<int>(sp.target.size()));
    EXPECT_LE(out.score[i], textbook_global(sp.query, sp.target, p.mat, 6, 1, 6, 1));
  }
}

TEST(AlignOutGlobalSw, IndelsPlacedLeftmost) {
  const GlobalSwParams p = global_params();
  // target CAAAAGT, query CAAAGT: the deletion of one A goes right after the C.
  const std::vector<std::uint8_t> t = {1, 0, 0, 0, 0, 2, 3}, q = {1, 0, 0, 0, 2, 3};
  GlobalSwJobs jobs;
  jobs.add(q, t, 10);
  jobs.add(t, q, 10);  // and the insertion
  ThreadPool pool(1);
  GlobalSwResults out;
  global_sw_cpu(jobs, p, out, pool);
  ASSERT_EQ(out.n_cigar[0], 3);
  EXPECT_EQ(out.ops(0)[0], 1u << 4 | 0);
  EXPECT_EQ(out.ops(0)[1], 1u << 4 | 2);
  EXPECT_EQ(out.ops(0)[2], 5u << 4 | 0);
  ASSERT_EQ(out.n_cigar[1], 3);
  EXPECT_EQ(out.ops(1)[1], 1u << 4 | 1);
  EXPECT_EQ(out.score[0], 6 - 7);
}

TEST(AlignOutGlobalSw, ThreadsAndSplitsDoNotChangeResults) {
  std::mt19937 rng(3);
  const GlobalSwParams p = global_params();
  GlobalSwJobs all, first, second;
  for (int i = 0; i < 200; ++i) {
    const auto sp = test::random_seq_pair(rng, 50, 200, true, true, 0.02);
    all.add(sp.query, sp.target, 30);
    (i < 77 ? first : second).add(sp.query, sp.target, 30);
  }
  ThreadPool one(1), three(3);
  GlobalSwResults a, b, c1, c2;
  global_sw_cpu(all, p, a, one);
  global_sw_cpu(all, p, b, three);
  global_sw_cpu(first, p, c1, one);
  global_sw_cpu(second, p, c2, three);
  EXPECT_EQ(a.score, b.score);
  EXPECT_EQ(a.cigar, b.cigar);
  for (std::size_t i = 0; i < 200; ++i) {
    const auto& part = i < 77 ? c1 : c2;
    const std::size_t k = i < 77 ? i : i - 77;
    EXPECT_EQ(a.score[i], part.score[k]);
    const auto x = a.ops(i), y = part.ops(k);
    EXPECT_TRUE(std::equal(x.begin(), x.end(), y.begin(), y.end()));
  }
}

// Textbook local alignment (full Gotoh matrices, H >= 0) with ksw_align2's reporting rules.
struct LocalRows {
  std::vector<int> row_max;
  int score = 0, te = -1, qe = -1;
};

LocalRows textbook_local(const std::vector<std::uint8_t>& q, const std::vector<std::uint8_t>& t, const std::int8_t* mat,
                         int od, int ed, int oi, int ei, int stop_at) {
  const int n = static_cast<int>(t.size()), m = static_cast<int>(q.size());
  std::vector<int> Hp(m + 1, 0), Hc(m + 1, 0), E(m + 1, 0);
  LocalRows r;
  for (int i = 0; i < n; ++i) {
    int f = 0, rmax = 0;
    Hc[0] = 0;
    for (int j = 1; j <= m; ++j) {
      E[j] = std::max({E[j] - ed, Hp[j] - od - ed, 0});
      f = std::max({f - ei, Hc[j - 1] - oi - ei, 0});
      Hc[j] = std::max({0, Hp[j - 1] + mat[t[static_cast<std::size_t>(i)] * 6 + q[static_cast<std::size_t>(j - 1)]], E[j], f});
      rmax = std::max(rmax, Hc[j]);
    }
    r.row_max.push_back(rmax);
    if (rmax > r.score) {
      r.score = rmax, r.te = i;
      for (int j = 1; j <= m; ++j)
        if (Hc[j] == rmax) {
          r.qe = j - 1;
          break;
        }
      if (r.score >= stop_at) break;
    }
    std::swap(Hp, Hc);
  }
  return r;
}

// bwa's striped layout pads the query to a multiple of the lane count (16 in byte mode, 8 in
// 16-bit mode) with positions that score 0 against anything; they carry scores along the
// diagonal past the read's end, which shows in the per-row maxima (score2). Code 5 here.
std::vector<std::uint8_t> padded(const std::vector<std::uint8_t>& q, int lanes) {
  std::vector<std::uint8_t> p = q;
  while (p.size() % static_cast<std::size_t>(lanes)) p.push_back(5);
  return p;
}

MateSwResult textbook_align2(const std::vector<std::uint8_t>& q0, const std::vector<std::uint8_t>& t,
                             const std::int8_t* mat5, int minsc, int lanes) {
  std::int8_t mat[30] = {};  // 6 query codes per target base: 5 = padding (score 0)
  for (int a = 0; a < 5; ++a)
    for (int b = 0; b < 6; ++b) mat[a * 6 + b] = b < 5 ? mat5[a * 5 + b] : 0;
  const std::vector<std::uint8_t> q = padded(q0, lanes);
  MateSwResult r;
  const LocalRows a = textbook_local(q, t, mat, 6, 1, 6, 1, 1 << 30);
  r.score = a.score, r.te = a.te, r.qe = a.qe;
  // Second best: runs of consecutive rows reaching minsc keep their first best row.
  std::vector<std::pair<int, int>> b;
  for (int i = 0; i < static_cast<int>(a.row_max.size()); ++i) {
    const int v = a.row_max[static_cast<std::size_t>(i)];
    if (v < minsc) continue;
    if (b.empty() || b.back().second + 1 != i) b.emplace_back(v, i);
    else if (b.back().first < v) b.back() = {v, i};
  }
  const int low = a.te - a.score, high = a.te + a.score;  // match score 1
  for (const auto& [v, e] : b)
    if ((e < low || e > high) && v > r.score2) r.score2 = v, r.te2 = e;
  if (r.score < minsc) return r;
  std::vector<std::uint8_t> rq(q0.begin(), q0.begin() + a.qe + 1), rt = t;
  std::reverse(rq.begin(), rq.end());
  rq = padded(rq, lanes);
  std::reverse(rt.begin(), rt.begin() + a.te + 1);
  const LocalRows back = textbook_local(rq, rt, mat, 6, 1, 6, 1, a.score);
  if (back.score == a.score) r.tb = a.te - back.te, r.qb = a.qe - back.qe;
  return r;
}

void check_mate_sw(unsigned seed, int min_len, int max_len, int tmin, int tmax, double n_rate) {
  std::mt19937 rng(seed);
  MateSwParams p;
  test::bwa_matrix(p.mat);
  MateSwJobs jobs;
  std::vector<test::SeqPair> pairs;
  std::vector<int> minsc;
  for (int i = 0; i < 150; ++i) {
    test::SeqPair sp = test::random_seq_pair(rng, min_len, max_len, i % 5 != 0, i % 2 == 0, n_rate);
    // Embed the query's source in a longer window, as mate rescue does (window >> read).
    std::vector<std::uint8_t> window;
    const int flank = tmin + static_cast<int>(rng() % static_cast<unsigned>(tmax - tmin + 1));
    for (int k = 0; k < flank; ++k) window.push_back(static_cast<std::uint8_t>(rng() % 4));
    window.insert(window.end(), sp.target.begin(), sp.target.end());
    for (int k = 0; k < flank / 2; ++k) window.push_back(static_cast<std::uint8_t>(rng() % 4));
    if (i % 7 == 0) window.insert(window.end(), sp.target.begin(), sp.target.end());  // a tandem copy: score2
    sp.target = window;
    const int qlen = static_cast<int>(sp.query.size());
    const int xtra = kKswXSubo | kKswXStart | (qlen < 250 ? kKswXByte : 0) | 19;
    jobs.add(sp.query, sp.target, xtra);
    pairs.push_back(sp);
    minsc.push_back(19);
  }
  ThreadPool pool(2);
  std::vector<MateSwResult> out;
  mate_sw_cpu(jobs, p, out, pool);
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const int lanes = pairs[i].query.size() < 250 ? 16 : 8;
    const MateSwResult want = textbook_align2(pairs[i].query, pairs[i].target, p.mat, minsc[i], lanes);
    const MateSwResult& got = out[i];
    EXPECT_EQ(got.score, want.score) << "pair " << i;
    EXPECT_EQ(got.te, want.te) << "pair " << i;
    EXPECT_EQ(got.qe, want.qe) << "pair " << i;
    EXPECT_EQ(got.score2, want.score2) << "pair " << i;
    EXPECT_EQ(got.te2, want.te2) << "pair " << i;
    EXPECT_EQ(got.tb, want.tb) << "pair " << i;
    EXPECT_EQ(got.qb, want.qb) << "pair " << i;
  }
}

TEST(AlignOutMateSw, ByteModeEqualsTextbook) { check_mate_sw(10, 30, 240, 50, 400, 0.0); }
TEST(AlignOutMateSw, WordModeEqualsTextbook) { check_mate_sw(11, 250, 400, 50, 400, 0.0); }
TEST(AlignOutMateSw, NBasesAndShortReads) { check_mate_sw(12, 5, 60, 0, 100, 0.05); }

TEST(AlignOutMateSw, ThreadsDoNotChangeResults) {
  std::mt19937 rng(13);
  MateSwParams p;
  test::bwa_matrix(p.mat);
  MateSwJobs jobs;
  for (int i = 0; i < 100; ++i) {
    const auto sp = test::random_seq_pair(rng, 50, 300, true, true, 0.01);
    jobs.add(sp.query, sp.target, kKswXSubo | kKswXStart | 19);
  }
  ThreadPool one(1), three(3);
  std::vector<MateSwResult> a, b;
  mate_sw_cpu(jobs, p, a, one);
  mate_sw_cpu(jobs, p, b, three);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].score, b[i].score);
    EXPECT_EQ(a[i].tb, b[i].tb);
    EXPECT_EQ(a[i].score2, b[i].score2);
  }
}

}  // namespace
}  // namespace helicase::kernels
