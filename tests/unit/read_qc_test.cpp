// read_qc_test.cpp -- the QC kernel's CPU launcher against a plain reference, and quantiles.
#include <gtest/gtest.h>

#include "kernel_inputs.hpp"

#include <random>

#include "fastq/qc_report.hpp"
#include "qc/read_qc_launch.hpp"

namespace helicase::kernels {
namespace {

using test::FlatReads;

// The textbook computation, written independently of the kernel.
QcCounts reference_counts(const FlatReads& r) {
  QcCounts c;
  std::uint32_t longest = 0;
  for (std::size_t i = 0; i + 1 < r.offsets.size(); ++i) longest = std::max(longest, static_cast<std::uint32_t>(r.offsets[i + 1] - r.offsets[i]));
  c.ensure_cycles(longest);
  for (std::size_t i = 0; i + 1 < r.offsets.size(); ++i) {
    const std::string seq = r.bases.substr(r.offsets[i], r.offsets[i + 1] - r.offsets[i]);
    const std::string q = r.quals.substr(r.offsets[i], seq.size());
    unsigned acgt = 0, gc = 0;
    std::uint64_t qs = 0;
    for (std::size_t k = 0; k < seq.size(); ++k) {
      const std::string order = "ACGT";
      const auto pos = order.find(seq[k]);
      const int bin = pos == std::string::npos ? 4 : static_cast<int>(pos);
      const int qq = q[k] - 33;
      c.base_by_cycle[k * kQcBaseBins + bin]++;
      c.qual_by_cycle[k * kQcQualBins + qq]++;
      if (bin < 4) acgt++;
      if (seq[k] == 'G' || seq[k] == 'C') gc++;
      qs += qq;
    }
    c.length_hist[seq.size()]++;
    c.gc_hist[acgt ? gc * 100 / acgt : 0]++;
    c.mean_qual_hist[seq.empty() ? 0 : qs / seq.size()]++;
  }
  return c;
}

TEST(ReadQcCpu, MatchesReferenceForAnyThreadCount) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const FlatReads reads = test::random_reads(5000, seed, 0, 300);
    const QcCounts want = reference_counts(reads);
    for (unsigned threads : {1u, 2u, 5u}) {
      ThreadPool pool(threads);
      QcCounts got;
      read_qc_cpu(reads.view(), got, pool);
      EXPECT_TRUE(got == want) << "seed " << seed << " threads " << threads;
    }
  }
}

TEST(ReadQcCpu, SplitBatchesSumToWhole) {
  const FlatReads all = test::random_reads(3000, 9, 0, 151);
  ThreadPool pool(2);
  QcCounts whole;
  read_qc_cpu(all.view(), whole, pool);
  // Same reads in two batches of different maximum lengths.
  QcCounts parts;
  const std::size_t cut = 1234;
  QcBatchView first = all.view();
  first.n = cut;
  read_qc_cpu(first, parts, pool);
  std::vector<std::uint64_t> rest_offsets(all.offsets.begin() + cut, all.offsets.end());
  QcBatchView second{all.bases.data(), all.quals.data(), rest_offsets.data(), all.offsets.size() - 1 - cut};
  read_qc_cpu(second, parts, pool);
  EXPECT_TRUE(parts == whole);
}

TEST(ReadQcCpu, EmptyBatchAndEmptyReads) {
  ThreadPool pool(2);
  QcCounts c;
  read_qc_cpu(QcBatchView{}, c, pool);
  EXPECT_EQ(c.totals().reads, 0u);
  FlatReads empties;
  empties.offsets = {0, 0, 0};
  read_qc_cpu(empties.view(), c, pool);
  EXPECT_EQ(c.totals().reads, 2u);
  EXPECT_EQ(c.length_hist[0], 2u);
}

TEST(ReadQc, BaseBins) {
  for (int c = 0; c < 256; ++c) {
    const char b = static_cast<char>(c);
    if (b < 'A' || b > 'Z') continue;
    const int want = b == 'A' ? 0 : b == 'C' ? 1 : b == 'G' ? 2 : b == 'T' ? 3 : 4;
    EXPECT_EQ(qc_base_bin(b), want) << b;
  }
}

TEST(ReadQc, TotalsFollowFromTables) {
  FlatReads r;
  r.bases = "ACGTN" "GG";
  r.quals = "!+5?I" "II";  // Q0 Q10 Q20 Q30 Q40, Q40 Q40
  r.offsets = {0, 5, 7};
  ThreadPool pool(1);
  QcCounts c;
  read_qc_cpu(r.view(), c, pool);
  const QcTotals t = c.totals();
  EXPECT_EQ(t.reads, 2u);
  EXPECT_EQ(t.bases, 7u);
  EXPECT_EQ(t.gc, 4u);
  EXPECT_EQ(t.n, 1u);
  EXPECT_EQ(t.q20, 5u);
  EXPECT_EQ(t.q30, 4u);
  EXPECT_EQ(t.qual_sum, 180u);
  EXPECT_EQ(c.gc_hist[50], 1u);   // ACGT: 2 of 4
  EXPECT_EQ(c.gc_hist[100], 1u);  // GG
  EXPECT_EQ(c.mean_qual_hist[20], 1u);
  EXPECT_EQ(c.mean_qual_hist[40], 1u);
}

TEST(QualityQuantile, SmallestQualityReachingFraction) {
  std::vector<std::uint64_t> h(kQcQualBins, 0);
  EXPECT_EQ(fastq::quality_quantile(h.data(), kQcQualBins, 1, 2), -1);
  h[10] = 1;
  h[20] = 2;
  h[30] = 1;
  EXPECT_EQ(fastq::quality_quantile(h.data(), kQcQualBins, 1, 4), 10);
  EXPECT_EQ(fastq::quality_quantile(h.data(), kQcQualBins, 1, 2), 20);
  EXPECT_EQ(fastq::quality_quantile(h.data(), kQcQualBins, 3, 4), 20);
  h[30] = 5;
  EXPECT_EQ(fastq::quality_quantile(h.data(), kQcQualBins, 3, 4), 30);
}

}  // namespace
}  // namespace helicase::kernels
