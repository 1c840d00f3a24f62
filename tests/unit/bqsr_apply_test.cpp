// bqsr_apply_test.cpp -- the ApplyBQSR kernel against a textbook evaluation of GATK's model.
//
// The reference here recomputes every base from the report's datums (RecalDatum's Bayesian
// estimate with the hierarchical priors, string contexts, the cycle formula) with no
// precomputed table; the kernel (dense tables, rolling context keys) must agree exactly, for
// any thread count.
#include <gtest/gtest.h>

#include <random>

#include "bqsr/apply_launch.hpp"
#include "bqsr/apply_model.hpp"
#include "bqsr/covariates.hpp"
#include "bqsr/quantizer.hpp"
#include "bqsr/recal_report.hpp"
#include "bqsr_test_util.hpp"

namespace helicase::bqsr {
namespace {

using namespace kernels::bqsr;

struct Read {
  std::string bases;
  std::vector<std::uint8_t> quals;
  std::uint8_t flags = 0;
  int rg = 0;
};

std::vector<Read> random_reads(std::mt19937& rng, int n, int n_rg) {
  std::vector<Read> reads(static_cast<std::size_t>(n));
  for (auto& r : reads) {
    const int len = 1 + static_cast<int>(rng() % 160);
    for (int i = 0; i < len; ++i) {
      r.bases += "ACGTACGTACGTN"[rng() % 13];
      r.quals.push_back(static_cast<std::uint8_t>(rng() % 8 == 0 ? rng() % 4 : rng() % 46));
    }
    r.flags = static_cast<std::uint8_t>(rng() % 4);
    r.rg = static_cast<int>(rng() % static_cast<unsigned>(n_rg));
  }
  return reads;
}

// GATK's context at read offset o, by definition (string window of the stranded read).
int naive_context(const Read& r, int o, int k, int lqt) {
  const int len = static_cast<int>(r.bases.size());
  int first = 0, last = len - 1;
  while (last >= 0 && r.quals[static_cast<std::size_t>(last)] <= lqt) --last;
  while (first < len && r.quals[static_cast<std::size_t>(first)] <= lqt) ++first;
  if (first > last) return 0;
  std::string s = r.bases;
  for (int i = 0; i < len; ++i) {
    if (i < first || i > last) s[static_cast<std::size_t>(i)] = 'N';
  }
  const bool rev = r.flags & kFlagReverse;
  if (rev) {
    std::string rc(s.rbegin(), s.rend());
    for (auto& c : rc) c = c == 'A' ? 'T' : c == 'C' ? 'G' : c == 'G' ? 'C' : c == 'T' ? 'A' : c;
    s = rc;
  }
  const int i = rev ? len - 1 - o : o;
  if (i < k - 1) return -1;
  return context_key_from_string(s.substr(static_cast<std::size_t>(i - k + 1), static_cast<std::size_t>(k)));
}

int naive_cycle(const Read& r, int o) {
  const int len = static_cast<int>(r.bases.size());
  const bool second = r.flags & kFlagSecond;
  int cycle = (r.flags & kFlagReverse) ? len - o : o + 1;
  if (second) cycle = -cycle;
  return cycle;
}

std::vector<std::uint8_t> naive_recalibrate(const Read& r, const ParsedRecalReport& rep, const std::vector<int>& qmap,
                                            int preserve) {
  const auto& t = rep.tables;
  std::vector<std::uint8_t> out = r.quals;
  const RecalDatum& rgd = t.rg_table.at({r.rg, kMismatch});
  const double y1 = rgd.empirical_quality(rgd.reported_quality);
  for (std::size_t o = 0; o < out.size(); ++o) {
    const int q = r.quals[o];
    if (q < preserve) continue;
    auto qd = t.qual_table.find({r.rg, q, kMismatch});
    const double y2 = qd == t.qual_table.end() ? y1 : qd->second.empirical_quality(y1);
    double delta = 0;
    const int ctx = naive_context(r, static_cast<int>(o), rep.args.mismatches_context_size, rep.args.low_quality_tail);
    if (ctx >= 0) {
      auto it = t.context_table.find({r.rg, q, ctx, kMismatch});
      if (it != t.context_table.end()) delta += it->second.empirical_quality(y2) - y2;
    }
    auto cy = t.cycle_table.find({r.rg, q, cycle_key_from_value(naive_cycle(r, static_cast<int>(o)), 500), kMismatch});
    if (cy != t.cycle_table.end()) delta += cy->second.empirical_quality(y2) - y2;
    out[o] = static_cast<std::uint8_t>(qmap[static_cast<std::size_t>(bound_qual(fast_round(y2 + delta)))]);
  }
  return out;
}

void check(const std::string& rel, const ApplyArgs& args, unsigned threads) {
  const std::string path = test::testdata(rel);
  const ParsedRecalReport rep = parse_recal_report(read_report(path), path);
  const BuiltApplyModel built = build_apply_model(rep, args);
  std::vector<int> qmap(94);
  for (int q = 0; q < 94; ++q) qmap[static_cast<std::size_t>(q)] = built.model.qmap[static_cast<std::size_t>(q)];
  std::mt19937 rng(42 + threads);
  const auto reads = random_reads(rng, 1200, static_cast<int>(rep.tables.read_groups.size()));
  std::vector<std::uint64_t> offset;
  std::vector<std::uint32_t> length;
  std::vector<std::uint8_t> flags, quals;
  std::vector<std::int32_t> rg, status(reads.size(), -7);
  std::string bases;
  for (const auto& r : reads) {
    offset.push_back(bases.size());
    length.push_back(static_cast<std::uint32_t>(r.bases.size()));
    flags.push_back(r.flags);
    rg.push_back(r.rg);
    bases += r.bases;
    quals.insert(quals.end(), r.quals.begin(), r.quals.end());
  }
  ApplyBatchView v;
  v.n_reads = static_cast<std::uint32_t>(reads.size());
  v.offset = offset.data();
  v.length = length.data();
  v.flags = flags.data();
  v.rg = rg.data();
  v.bases = bases.data();
  v.quals = quals.data();
  v.status = status.data();
  ThreadPool pool(threads);
  apply_cpu(v, built.model.view(), pool);
  std::size_t changed = 0;
  for (std::size_t i = 0; i < reads.size(); ++i) {
    ASSERT_EQ(status[i], kApplyOk);
    const auto want = naive_recalibrate(reads[i], rep, qmap, args.preserve);
    const std::vector<std::uint8_t> got(quals.begin() + static_cast<std::ptrdiff_t>(offset[i]),
                                        quals.begin() + static_cast<std::ptrdiff_t>(offset[i] + length[i]));
    ASSERT_EQ(got, want) << rel << " read " << i;
    changed += got != reads[i].quals;
  }
  EXPECT_GT(changed, reads.size() / 2);
}

TEST(BqsrApply, KernelMatchesTextbookModelGatk4Table) {
  check("gatk/bqsr_chr17/expected.NA12878.chr17_69k_70k.txt", {}, 1);
  check("gatk/bqsr_chr17/expected.NA12878.chr17_69k_70k.txt", {}, 3);
}

TEST(BqsrApply, KernelMatchesTextbookModelGatk3TableWithQuantization) {
  ApplyArgs a;
  a.quantize_levels = 6;
  check("gatk/applybqsr/HiSeq.20mb.1RG.table.gz", a, 2);
  ApplyArgs s;
  s.static_quals = {10, 20, 30};
  s.preserve = 12;
  check("gatk/applybqsr/HiSeq.20mb.1RG.table.gz", s, 2);
}

TEST(BqsrApply, SixteenReadGroups) {
  check("gatk/pipeline_chr20/expected.CEUTrio.HiSeq.WGS.b37.ch20.1m-1m1k.NA12878.postRecalibrated.txt", {}, 2);
}

TEST(BqsrCovariates, RollingContextMatchesDefinition) {
  std::mt19937 rng(7);
  for (int k = 1; k <= 6; ++k) {
    for (const auto& r : random_reads(rng, 400, 1)) {
      const int len = static_cast<int>(r.bases.size());
      int first = 0, last = 0;
      low_quality_bounds(r.quals.data(), len, 2, &first, &last);
      ContextRoller roller;
      roller.init(k);
      const bool rev = r.flags & kFlagReverse;
      for (int i = 0; i < len; ++i) {
        const int o = rev ? len - 1 - i : i;
        const int got = first > last ? 0 : roller.push(stranded_code(r.bases.data(), len, rev, first, last, i), i);
        ASSERT_EQ(got, naive_context(r, o, k, 2)) << r.bases << " k=" << k << " o=" << o;
      }
    }
  }
}

TEST(BqsrCovariates, CycleKeys) {
  bool overflow = false;
  EXPECT_EQ(cycle_key(0, 76, 0, false, 500, &overflow), 1 << 1);                         // +1
  EXPECT_EQ(cycle_key(0, 76, kFlagReverse, false, 500, &overflow), 76 << 1);             // +76
  EXPECT_EQ(cycle_key(0, 76, kFlagSecond, false, 500, &overflow), (1 << 1) | 1);         // -1
  EXPECT_EQ(cycle_key(75, 76, kFlagSecond | kFlagReverse, false, 500, &overflow), (1 << 1) | 1);
  EXPECT_EQ(cycle_key(3, 76, 0, true, 500, &overflow), -1);
  EXPECT_EQ(cycle_key(4, 76, 0, true, 500, &overflow), 5 << 1);
  EXPECT_EQ(cycle_key(71, 76, 0, true, 500, &overflow), 72 << 1);
  EXPECT_EQ(cycle_key(72, 76, 0, true, 500, &overflow), -1);
  EXPECT_FALSE(overflow);
  cycle_key(10, 20, 0, false, 5, &overflow);
  EXPECT_TRUE(overflow);
}

}  // namespace
}  // namespace helicase::bqsr
