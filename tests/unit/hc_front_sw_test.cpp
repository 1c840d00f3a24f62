// hc_front_sw_test.cpp -- the haplotype Smith-Waterman kernel: its score equals a textbook
// affine-gap DP (same scoring, no zero floor, free end gaps on the reference for SOFTCLIP) on
// random pairs, known alignments come out as GATK's aligner gives them, and the haplotype
// CIGARs/events/left alignment of haplotype_align.hpp.
#include <gtest/gtest.h>

#include <htslib/sam.h>

#include <random>

#include "common/thread_pool.hpp"
#include "haplotypecaller/haplotype_align.hpp"
#include "hc_sw/hc_sw_diagonal.hpp"
#include "hc_sw/hc_sw_launch.hpp"

namespace helicase {
namespace {

using kernels::hc_sw::SwParams;

// Score of an alignment described by a CIGAR (M/I/D; S = unaligned alt bases) at offset.
long cigar_score(const std::string& ref, const std::string& alt, const std::vector<std::uint32_t>& cig, int offset, SwParams p) {
  long s = 0;
  std::size_t r = static_cast<std::size_t>(offset), a = 0;
  for (auto c : cig) {
    const auto op = bam_cigar_op(c), len = bam_cigar_oplen(c);
    if (op == BAM_CMATCH) {
      for (std::uint32_t k = 0; k < len; ++k, ++r, ++a) s += ref[r] == alt[a] ? p.match : p.mismatch;
    } else if (op == BAM_CINS) {
      s += p.open + static_cast<long>(len - 1) * p.extend;
      a += len;
    } else if (op == BAM_CDEL) {
      s += p.open + static_cast<long>(len - 1) * p.extend;
      r += len;
    } else if (op == BAM_CSOFT_CLIP) {
      a += len;
    }
  }
  return s;
}

// Textbook Gotoh DP, global in alt and free leading/trailing reference (SOFTCLIP without clips).
long best_glocal(const std::string& ref, const std::string& alt, SwParams p) {
  const long NEG = -(1L << 50);
  const std::size_t n = ref.size(), m = alt.size();
  std::vector<std::vector<long>> M(n + 1, std::vector<long>(m + 1, NEG)), X = M, Y = M;
  for (std::size_t i = 0; i <= n; ++i) M[i][0] = 0;
  for (std::size_t i = 0; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      if (i > 0) {
        const long best_prev = std::max({M[i - 1][j - 1], X[i - 1][j - 1], Y[i - 1][j - 1]});
        M[i][j] = best_prev + (ref[i - 1] == alt[j - 1] ? p.match : p.mismatch);
        Y[i][j] = std::max(std::max(M[i - 1][j], X[i - 1][j]) + p.open, Y[i - 1][j] + p.extend);  // deletion
      }
      X[i][j] = std::max(std::max(M[i][j - 1], Y[i][j - 1]) + p.open, X[i][j - 1] + p.extend);  // insertion
    }
  }
  long best = NEG;
  for (std::size_t i = 1; i <= n; ++i) best = std::max({best, M[i][m], X[i][m]});
  return best;
}

TEST(HcFrontSw, ScoreEqualsTextbookDpOnRandomPairs) {
  std::mt19937 rng(7);
  const char* acgt = "ACGT";
  ThreadPool pool(1);
  const Backend cpu = Backend::cpu(pool);
  kernels::hc_sw::SwRunner sw(cpu);
  int checked = 0;
  for (int t = 0; t < 300; ++t) {
    std::string ref;
    const int n = 20 + static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) ref.push_back(acgt[rng() % 4]);
    // alt: a slice of ref with a few edits.
    const int s = static_cast<int>(rng() % 5), e = n - static_cast<int>(rng() % 5);
    std::string alt = ref.substr(static_cast<std::size_t>(s), static_cast<std::size_t>(e - s));
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < edits && alt.size() > 12; ++k) {
      const std::size_t at = 3 + rng() % (alt.size() - 6);
      switch (rng() % 3) {
        case 0: alt[at] = acgt[rng() % 4]; break;
        case 1: alt.erase(at, 1 + rng() % 3); break;
        default: alt.insert(at, std::string(1 + rng() % 3, acgt[rng() % 4])); break;
      }
    }
    const auto res = sw.run({{ref, alt}}, SwParams{}, kernels::hc_sw::kSoftclip)[0];
    bool clipped = false;
    for (auto c : res.cigar) clipped = clipped || bam_cigar_op(c) == BAM_CSOFT_CLIP;
    if (clipped) continue;  // clipping scores are outside the glocal DP
    EXPECT_EQ(cigar_score(ref, alt, res.cigar, res.offset, SwParams{}), best_glocal(ref, alt, SwParams{})) << ref << " " << alt;
    ++checked;
  }
  EXPECT_GT(checked, 200);
}

// The CPU launcher fills the matrix by anti-diagonals; sw_align (GPU, dangling-end merges) by
// rows. Same CIGAR ops and offset for every strategy and scoring, on similar pairs (haplotypes,
// reads), unrelated ones (many ties and long gaps), and lengths down to 1.
TEST(HcFrontSw, DiagonalFillEqualsRowFill) {
  std::mt19937 rng(11);
  const char* acgt = "ACGT";
  const SwParams scorings[] = {SwParams{}, SwParams{10, -15, -30, -5}, SwParams{25, -50, -110, -6}};
  kernels::hc_sw::DiagonalScratch scratch;
  std::vector<std::int32_t> rows;
  int compared = 0, differing_shapes = 0;
  for (int t = 0; t < 3000; ++t) {
    const int n = 1 + static_cast<int>(rng() % (t % 10 == 0 ? 8 : 300));
    std::string ref;
    for (int i = 0; i < n; ++i) ref.push_back(acgt[rng() % (t % 3 == 0 ? 2 : 4)]);
    std::string alt;
    if (t % 4 == 0) {
      const int m = 1 + static_cast<int>(rng() % 200);
      for (int i = 0; i < m; ++i) alt.push_back(acgt[rng() % 4]);
    } else {
      alt = ref.substr(rng() % ref.size());
      for (int k = 0; k < 4 && !alt.empty(); ++k) {
        const std::size_t at = rng() % alt.size();
        switch (rng() % 3) {
          case 0: alt[at] = acgt[rng() % 4]; break;
          case 1: alt.erase(at, 1 + rng() % 12); break;
          default: alt.insert(at, std::string(1 + rng() % 12, acgt[rng() % 4])); break;
        }
      }
      if (alt.empty()) alt = "A";
    }
    const auto nn = static_cast<std::uint32_t>(ref.size()), mm = static_cast<std::uint32_t>(alt.size());
    for (int overhang = 0; overhang < 4; ++overhang) {
      const SwParams p = scorings[static_cast<std::size_t>(t + overhang) % 3];
      std::vector<std::uint32_t> a(nn + mm + 2), b(nn + mm + 2);
      std::int32_t oa = -7, ob = -9;
      rows.assign(kernels::hc_sw::sw_scratch_ints(nn, mm), 0);
      const int na = kernels::hc_sw::sw_align(ref.data(), nn, alt.data(), mm, p, overhang, rows.data(), a.data(), &oa);
      const int nb = kernels::hc_sw::sw_align_diagonal(ref.data(), nn, alt.data(), mm, p, overhang, scratch, b.data(), &ob);
      ASSERT_EQ(na, nb) << ref << " " << alt << " overhang " << overhang;
      a.resize(static_cast<std::size_t>(na));
      b.resize(static_cast<std::size_t>(nb));
      ASSERT_EQ(a, b) << ref << " " << alt << " overhang " << overhang;
      ASSERT_EQ(oa, ob) << ref << " " << alt << " overhang " << overhang;
      differing_shapes += na > 1;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 12000);
  EXPECT_GT(differing_shapes, 6000);  // most cases went through the DP, not the exact-match shortcut
}

TEST(HcFrontSw, ExactSubstringShortcutAndIndelStrategy) {
  ThreadPool pool(1);
  const Backend cpu = Backend::cpu(pool);
  kernels::hc_sw::SwRunner sw(cpu);
  // Last occurrence of an exact substring (Utils.lastIndexOf).
  auto r = sw.run({{"ACGTTACGTT", "ACGT"}}, SwParams{}, kernels::hc_sw::kSoftclip)[0];
  ASSERT_EQ(r.cigar.size(), 1u);
  EXPECT_EQ(r.cigar[0], bam_cigar_gen(4, BAM_CMATCH));
  EXPECT_EQ(r.offset, 5);
  // INDEL strategy: global alignment, a deletion in the middle.
  r = sw.run({{"AAAACCCCGGGGTTTT", "AAAACCCCTTTT"}}, SwParams{}, kernels::hc_sw::kIndel)[0];
  EXPECT_EQ(r.offset, 0);
  std::vector<std::uint32_t> want{bam_cigar_gen(8, BAM_CMATCH), bam_cigar_gen(4, BAM_CDEL), bam_cigar_gen(4, BAM_CMATCH)};
  EXPECT_EQ(r.cigar, want);
}

TEST(HcFrontSw, HaplotypeCigarsEventsAndLeftAlignment) {
  ThreadPool pool(1);
  const Backend cpu = Backend::cpu(pool);
  kernels::hc_sw::SwRunner sw(cpu);
  const std::string ref = "GATTACAGATTACACCCCGGGTTTAAACCCGGGATATATATGCGCGTTAACC";
  std::string snp = ref;
  snp[20] = snp[20] == 'A' ? 'C' : 'A';
  std::string del = ref;
  del.erase(34, 2);  // "AT" out of the ATATATAT repeat starting at 33: left-aligned to 32
  std::string ins = ref;
  ins.insert(15, "CC");  // inside CCCC (14..17): left-aligned to the run's start
  const auto cig = hc::haplotype_cigars(ref, {ref, snp, del, ins}, sw);
  EXPECT_EQ(cig[0], std::vector<std::uint32_t>{bam_cigar_gen(static_cast<std::uint32_t>(ref.size()), BAM_CMATCH)});
  EXPECT_EQ(cig[1], std::vector<std::uint32_t>{bam_cigar_gen(static_cast<std::uint32_t>(ref.size()), BAM_CMATCH)});
  auto ev = hc::haplotype_events(snp, cig[1], 1000, ref, 1000);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].pos, 1020);
  EXPECT_EQ(ev[0].ref, std::string(1, ref[20]));
  ev = hc::haplotype_events(del, cig[2], 1000, ref, 1000);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].pos, 1000 + 32);  // padding base before the left-most "AT"/"TA" deletion
  EXPECT_EQ(ev[0].ref.size(), 3u);
  EXPECT_EQ(ev[0].alt, std::string(1, ref[32]));
  ev = hc::haplotype_events(ins, cig[3], 1000, ref, 1000);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].pos, 1000 + 13);  // padding base: the A before the CCCC run
  EXPECT_EQ(ev[0].alt, ev[0].ref + "CC");
}

}  // namespace
}  // namespace helicase
