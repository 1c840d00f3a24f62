// align_seed_extend_test.cpp -- the extension kernel (ksw_extend_one) against a plain full
// dynamic-programming matrix of the same recurrence (no band, no z-drop, no adaptive
// window): H(-1,-1) = h0, gap rows/columns from h0 clamped at 0, M = H(i-1,j-1) > 0 ?
// H(i-1,j-1) + s : 0, gaps opened from M, every cell clamped at 0; best = the first row's
// best (ties: the last column), to-end score = best last-column cell (ties: the last row),
// stopping at the first all-zero row. Random and adversarial inputs (long insertions and
// deletions, N bases, repeats). Reads longer than the band are checked against the same
// matrix restricted to bwa's band, and the batch launcher against the single-job function.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "align/mem_types.hpp"
#include "bwa_extend/extend_launch.hpp"
#include "bwa_extend/ksw_extend.hpp"

namespace helicase {
namespace {

using kernels::ExtendResult;
using kernels::ExtendScoring;

ExtendScoring default_scoring() {
  align::MemOptions opt;
  align::fill_scoring_matrix(opt);
  ExtendScoring s;
  for (int i = 0; i < 25; ++i) s.mat[i] = opt.mat[i];
  return s;
}

// Full matrix; cells with |i - j| > band are not computed (band < 0: only bwa's shrink of
// the band to the longest affordable gap applies).
ExtendResult textbook(const std::vector<std::uint8_t>& q, const std::vector<std::uint8_t>& t, const ExtendScoring& sc,
                      int h0, int band, int end_bonus = 5) {
  const int qn = static_cast<int>(q.size()), tn = static_cast<int>(t.size());
  // bwa's first rule: no gap longer than the whole query's score (plus the end bonus) could
  // pay for, so the band is at most that long (the scoring's best cell is 1 here).
  const int max_ins = std::max(1, (qn + end_bonus - sc.o_ins) / sc.e_ins + 1);
  const int max_del = std::max(1, (qn + end_bonus - sc.o_del) / sc.e_del + 1);
  band = std::min(band < 0 ? max_ins : band, std::min(max_ins, max_del));
  const int oe_del = sc.o_del + sc.e_del, oe_ins = sc.o_ins + sc.e_ins;
  auto at = [qn](int i, int j) { return static_cast<std::size_t>(i + 1) * static_cast<std::size_t>(qn + 1) + static_cast<std::size_t>(j + 1); };
  std::vector<int> H((static_cast<std::size_t>(tn) + 1) * (static_cast<std::size_t>(qn) + 1), 0), E(H.size(), 0),
      M(H.size(), 0);
  H[at(-1, -1)] = h0;
  for (int j = 0; j < qn; ++j) H[at(-1, j)] = std::max(0, h0 - oe_ins - sc.e_ins * j);
  for (int i = 0; i < tn; ++i) H[at(i, -1)] = std::max(0, h0 - oe_del - sc.e_del * i);
  ExtendResult r;
  r.score = h0;
  int max_i = -1, max_j = -1, max_ie = -1, gscore = -1;
  for (int i = 0; i < tn; ++i) {
    int f = 0, m = 0, mj = -1;
    for (int j = 0; j < qn; ++j) {
      if (band >= 0 && (j < i - band || j > i + band)) {
        f = 0;
        continue;
      }
      const int prev = H[at(i - 1, j - 1)];
      const int mm = prev ? prev + sc.mat[t[static_cast<std::size_t>(i)] * 5 + q[static_cast<std::size_t>(j)]] : 0;
      M[at(i, j)] = mm;
      const int e = i == 0 ? 0 : std::max({0, M[at(i - 1, j)] - oe_del, E[at(i - 1, j)] - sc.e_del});
      E[at(i, j)] = e;
      const int h = std::max({mm, e, f});
      H[at(i, j)] = h;
      if (h >= m) {
        m = h;
        mj = j;
      }
      f = std::max({0, mm - oe_ins, f - sc.e_ins});
      if (j == qn - 1 && h >= gscore) {
        gscore = h;
        max_ie = i;
      }
    }
    if (m == 0) break;
    if (m > r.score) {
      r.score = m;
      max_i = i;
      max_j = mj;
      r.max_off = std::max(r.max_off, std::abs(mj - i));
    }
  }
  r.qle = max_j + 1;
  r.tle = max_i + 1;
  r.gtle = max_ie + 1;
  r.gscore = gscore;
  return r;
}

ExtendResult run(const std::vector<std::uint8_t>& q, const std::vector<std::uint8_t>& t, const ExtendScoring& sc, int h0,
                 int w, int zdrop, int end_bonus = 5) {
  std::vector<kernels::ExtendCell> eh(q.size() + 1);
  return kernels::ksw_extend_one(static_cast<int>(q.size()), q.data(), static_cast<int>(t.size()), t.data(), sc, w,
                                 end_bonus, zdrop, h0, eh.data());
}

void expect_same(const ExtendResult& a, const ExtendResult& b, const char* what, int iter) {
  EXPECT_EQ(a.score, b.score) << what << " " << iter;
  EXPECT_EQ(a.qle, b.qle) << what << " " << iter;
  EXPECT_EQ(a.tle, b.tle) << what << " " << iter;
  // The kernel only looks at the last column in rows whose adaptive window reaches it, so
  // where no positive score reaches the query end it reports -1 or 0 (and any row), the full
  // matrix 0 (and the last row). bwa never reads gtle then (gscore <= 0: the local end wins).
  if (b.gscore > 0) {
    EXPECT_EQ(a.gtle, b.gtle) << what << " " << iter;
    EXPECT_EQ(a.gscore, b.gscore) << what << " " << iter;
  } else {
    EXPECT_LE(a.gscore, 0) << what << " " << iter;
  }
  EXPECT_EQ(a.max_off, b.max_off) << what << " " << iter;
}

// A target derived from the query: substitutions, N bases, insertions and deletions.
struct Pair {
  std::vector<std::uint8_t> q, t;
};
Pair make_pair(std::mt19937& rng, int qlen, int indel_max, int n_rate) {
  Pair p;
  for (int i = 0; i < qlen; ++i) p.q.push_back(static_cast<std::uint8_t>(rng() % 100 < static_cast<unsigned>(n_rate) ? 4 : rng() & 3));
  for (std::size_t i = 0; i < p.q.size(); ++i) {
    const unsigned x = static_cast<unsigned>(rng() % 1000);
    if (x < 30) p.t.push_back(static_cast<std::uint8_t>(rng() & 3));
    else if (x < 36) {  // deletion from the query: target gains bases
      const int l = 1 + static_cast<int>(rng() % static_cast<unsigned>(indel_max));
      for (int k = 0; k < l; ++k) p.t.push_back(static_cast<std::uint8_t>(rng() & 3));
      p.t.push_back(p.q[i] & 3);
    } else if (x < 42) {  // insertion in the query: skip query bases
      i += rng() % static_cast<unsigned>(indel_max);
    } else {
      p.t.push_back(p.q[i] == 4 ? static_cast<std::uint8_t>(rng() & 3) : p.q[i]);
    }
  }
  const int tail = static_cast<int>(rng() % 40);
  for (int k = 0; k < tail; ++k) p.t.push_back(static_cast<std::uint8_t>(rng() & 3));
  return p;
}

TEST(AlignSeedExtend, MatchesTheFullMatrixWithoutBand) {
  const ExtendScoring sc = default_scoring();
  std::mt19937 rng(21);
  for (int it = 0; it < 3000; ++it) {
    const Pair p = make_pair(rng, 1 + static_cast<int>(rng() % 150), 1 + static_cast<int>(rng() % 30),
                             static_cast<int>(rng() % 3));
    const int h0 = 1 + static_cast<int>(rng() % 60);
    // A band wider than any path and no z-drop: bwa's band, window and z-drop cannot cut.
    expect_same(run(p.q, p.t, sc, h0, 10000, 0), textbook(p.q, p.t, sc, h0, -1), "random", it);
    if (HasFailure()) return;
  }
}

TEST(AlignSeedExtend, AdversarialInputs) {
  const ExtendScoring sc = default_scoring();
  std::mt19937 rng(22);
  std::vector<Pair> cases;
  {  // a 40-base deletion and a 40-base insertion in the middle
    Pair a;
    for (int i = 0; i < 120; ++i) a.q.push_back(static_cast<std::uint8_t>(rng() & 3));
    a.t.assign(a.q.begin(), a.q.begin() + 60);
    for (int i = 0; i < 40; ++i) a.t.push_back(static_cast<std::uint8_t>(rng() & 3));
    a.t.insert(a.t.end(), a.q.begin() + 60, a.q.end());
    cases.push_back(a);
    Pair b;
    b.q = a.t;
    b.t = a.q;
    cases.push_back(b);
  }
  {  // all N, N runs, homopolymers and tandem repeats
    Pair n;
    n.q.assign(80, 4);
    n.t.assign(90, 1);
    cases.push_back(n);
    Pair r;
    for (int i = 0; i < 100; ++i) r.q.push_back(static_cast<std::uint8_t>((i / 3) & 3));
    for (int i = 0; i < 130; ++i) r.t.push_back(static_cast<std::uint8_t>((i / 3) & 3));
    cases.push_back(r);
    Pair h;
    h.q.assign(70, 0);
    h.t.assign(50, 0);
    h.t.insert(h.t.end(), 30, 2);
    cases.push_back(h);
    Pair run_n;
    for (int i = 0; i < 100; ++i) run_n.q.push_back(static_cast<std::uint8_t>(i >= 40 && i < 55 ? 4 : rng() & 3));
    run_n.t = run_n.q;
    for (auto& b : run_n.t) b = b == 4 ? 2 : b;
    cases.push_back(run_n);
  }
  {  // empty target, one-base query, one-base target
    Pair e;
    e.q = {0, 1, 2};
    cases.push_back(e);
    Pair o;
    o.q = {2};
    o.t = {2, 2, 2};
    cases.push_back(o);
    Pair t1;
    t1.q = {0, 1, 2, 3};
    t1.t = {3};
    cases.push_back(t1);
  }
  int i = 0;
  for (const Pair& p : cases) {
    for (int h0 : {1, 5, 19, 30, 101}) {
      expect_same(run(p.q, p.t, sc, h0, 10000, 0), textbook(p.q, p.t, sc, h0, -1), "adversarial", i);
    }
    ++i;
  }
}

TEST(AlignSeedExtend, BandedLikeBwaOnReadsLongerThanTheBand) {
  // Band w: cells with |i - j| > w are never computed. Without z-drop the banded kernel
  // equals the textbook matrix restricted to that band (bwa's semantics for long reads).
  const ExtendScoring sc = default_scoring();
  std::mt19937 rng(23);
  for (int it = 0; it < 400; ++it) {
    const Pair p = make_pair(rng, 150 + static_cast<int>(rng() % 250), 1 + static_cast<int>(rng() % 8), 1);
    const int h0 = 20 + static_cast<int>(rng() % 40);
    const int w = 5 + static_cast<int>(rng() % 40);
    expect_same(run(p.q, p.t, sc, h0, w, 0), textbook(p.q, p.t, sc, h0, w), "banded", it);
    if (HasFailure()) return;
  }
}

TEST(AlignSeedExtend, ZdropStopsWhereTheScoreFallsTooFar) {
  // A perfect 60-base match, then unrelated sequence: with z-drop the kernel must stop with
  // the best score of the match, and never report a score below it.
  const ExtendScoring sc = default_scoring();
  std::mt19937 rng(24);
  for (int it = 0; it < 200; ++it) {
    Pair p;
    for (int i = 0; i < 200; ++i) p.q.push_back(static_cast<std::uint8_t>(rng() & 3));
    p.t.assign(p.q.begin(), p.q.begin() + 60);
    for (int i = 0; i < 300; ++i) p.t.push_back(static_cast<std::uint8_t>(rng() & 3));
    const ExtendResult z = run(p.q, p.t, sc, 10, 100, 20);
    const ExtendResult full = textbook(p.q, p.t, sc, 10, -1);
    EXPECT_GE(z.score, 70);
    EXPECT_LE(z.score, full.score);
    EXPECT_GE(z.qle, 60);
  }
}

TEST(AlignSeedExtend, BatchLauncherEqualsSingleJobs) {
  const ExtendScoring sc = default_scoring();
  std::mt19937 rng(25);
  kernels::ExtendBatch batch;
  batch.scoring = sc;
  std::vector<ExtendResult> want;
  for (int it = 0; it < 500; ++it) {
    const Pair p = make_pair(rng, 1 + static_cast<int>(rng() % 200), 1 + static_cast<int>(rng() % 20), 2);
    kernels::ExtendJob j;
    j.query_offset = batch.query.size();
    j.target_offset = batch.target.size();
    j.qlen = static_cast<int>(p.q.size());
    j.tlen = static_cast<int>(p.t.size());
    j.w = 1 + static_cast<int>(rng() % 120);
    j.zdrop = static_cast<int>(rng() % 120);
    j.h0 = 1 + static_cast<int>(rng() % 80);
    j.end_bonus = static_cast<int>(rng() % 10);
    batch.query.insert(batch.query.end(), p.q.begin(), p.q.end());
    batch.target.insert(batch.target.end(), p.t.begin(), p.t.end());
    batch.jobs.push_back(j);
    want.push_back(run(p.q, p.t, sc, j.h0, j.w, j.zdrop, j.end_bonus));
  }
  for (unsigned threads : {1u, 2u, 5u}) {
    ThreadPool pool(threads);
    std::vector<ExtendResult> got(batch.jobs.size());
    kernels::ksw_extend_batch_cpu(batch, got.data(), pool);
    for (std::size_t i = 0; i < got.size(); ++i) expect_same(got[i], want[i], "batch", static_cast<int>(i));
  }
}

}  // namespace
}  // namespace helicase
