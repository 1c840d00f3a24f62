// hc_back_fuzz_test.cpp -- the back end on random regions: random haplotypes made of SNPs,
// insertions and deletions, reads drawn from them; checks the calls are well formed for
// ploidies 1-4 and identical for 1 and 3 PairHMM threads.
#include <gtest/gtest.h>

#include <random>

#include "common/thread_pool.hpp"
#include "haplotypecaller/genotype_likelihoods.hpp"
#include "haplotypecaller/genotyping_engine.hpp"
#include "haplotypecaller/vcf_writer.hpp"
#include "runtime/backend.hpp"

namespace helicase::hc {
namespace {

AssembledRegion random_region(std::mt19937_64& rng) {
  const char* acgt = "ACGT";
  AssembledRegion r;
  r.tid = 0;
  r.contig = "1";
  r.ref_start = 5000;
  for (int i = 0; i < 220; ++i) r.ref_bases += acgt[rng() % 4];
  r.active_start = 5040;
  r.active_end = 5180;
  r.padded_start = 5000;
  r.padded_end = 5220;
  Haplotype ref;
  ref.bases = r.ref_bases;
  ref.is_ref = true;
  ref.ref_start = 5000;
  ref.cigar = {220u << 4};
  r.haplotypes.push_back(ref);
  const int n_alt = 1 + static_cast<int>(rng() % 4);
  for (int h = 0; h < n_alt; ++h) {
    Haplotype alt;
    alt.ref_start = 5000;
    alt.score = static_cast<double>(rng() % 100);
    std::int64_t next = 30 + static_cast<std::int64_t>(rng() % 20);
    std::size_t copied = 0;
    while (next < 190) {
      const std::size_t p = static_cast<std::size_t>(next);
      alt.bases += r.ref_bases.substr(copied, p - copied);
      const int kind = static_cast<int>(rng() % 3);
      HaplotypeEvent e;
      e.pos = 5000 + next;
      if (kind == 0) {  // SNP
        char b = r.ref_bases[p];
        while (b == r.ref_bases[p]) b = acgt[rng() % 4];
        e.ref = std::string(1, r.ref_bases[p]);
        e.alt = std::string(1, b);
        alt.bases += b;
        copied = p + 1;
      } else if (kind == 1) {  // insertion after the padding base
        std::string ins;
        for (int k = 0; k < 1 + static_cast<int>(rng() % 4); ++k) ins += acgt[rng() % 4];
        e.ref = std::string(1, r.ref_bases[p]);
        e.alt = e.ref + ins;
        alt.bases += e.alt;
        copied = p + 1;
      } else {  // deletion after the padding base
        const std::size_t len = 1 + rng() % 4;
        e.ref = r.ref_bases.substr(p, len + 1);
        e.alt = std::string(1, r.ref_bases[p]);
        alt.bases += e.alt;
        copied = p + len + 1;
      }
      alt.events.push_back(e);
      next = static_cast<std::int64_t>(copied) + 5 + static_cast<std::int64_t>(rng() % 40);
    }
    alt.bases += r.ref_bases.substr(copied);
    alt.cigar = {static_cast<std::uint32_t>(alt.bases.size()) << 4};
    r.haplotypes.push_back(alt);
  }
  const int n_reads = 20 + static_cast<int>(rng() % 40);
  for (int i = 0; i < n_reads; ++i) {
    const Haplotype& h = r.haplotypes[rng() % r.haplotypes.size()];
    const std::size_t len = 50 + rng() % 60;
    const std::size_t off = rng() % (h.bases.size() - len);
    RegionRead rd;
    rd.bases = h.bases.substr(off, len);
    for (char& c : rd.bases) {
      if (rng() % 100 == 0) c = acgt[rng() % 4];
    }
    rd.quals.resize(len);
    for (auto& q : rd.quals) q = static_cast<std::uint8_t>(5 + rng() % 36);
    rd.pos = 5000 + static_cast<std::int64_t>(off);
    rd.cigar = {static_cast<std::uint32_t>(len) << 4};
    rd.mapq = static_cast<int>(rng() % 5 == 0 ? rng() % 61 : 60);
    rd.flag = static_cast<std::uint16_t>(rng() % 2 ? 0x10 : 0);
    rd.for_genotyping = rng() % 10 != 0;
    r.reads.push_back(rd);
  }
  return r;
}

std::string run_text(const AssembledRegion& region, const CallerOptions& opt, unsigned threads, std::vector<VariantCall>* out) {
  ThreadPool pool(threads);
  const Backend cpu = Backend::cpu(pool);
  kernels::pairhmm::PairHmmRunner hmm(cpu);
  UpstreamDeletions up;
  auto calls = call_region(region, opt, hmm, up);
  std::string text;
  JavaRandom rng;
  for (auto c : calls) {
    finalize_qd(c, rng);
    text += vcf_record_text(c);
  }
  if (out) *out = std::move(calls);
  return text;
}

TEST(HcBackFuzz, RandomRegionsGiveWellFormedDeterministicCalls) {
  std::mt19937_64 rng(77);
  int total_calls = 0;
  for (int t = 0; t < 40; ++t) {
    const AssembledRegion region = random_region(rng);
    CallerOptions opt;
    opt.ploidy = 1 + t % 4;
    std::vector<VariantCall> calls;
    const std::string one = run_text(region, opt, 1, &calls);
    EXPECT_EQ(one, run_text(region, opt, 3, nullptr));
    std::int64_t last = -1;
    for (const VariantCall& c : calls) {
      ++total_calls;
      EXPECT_GE(c.pos, region.active_start);
      EXPECT_LT(c.pos, region.active_end);
      EXPECT_GT(c.pos, last);
      last = c.pos;
      ASSERT_GE(c.alleles.size(), 2u);
      EXPECT_GE(c.qual, 30.0);
      EXPECT_EQ(static_cast<std::int64_t>(c.pl.size()), genotype_count(opt.ploidy, static_cast<int>(c.alleles.size())));
      EXPECT_EQ(c.gt.size(), static_cast<std::size_t>(opt.ploidy));
      const bool called = std::any_of(c.gt.begin(), c.gt.end(), [](int a) { return a >= 0; });
      EXPECT_EQ(c.ad.size(), called ? c.alleles.size() : 0u);
      EXPECT_EQ(*std::min_element(c.pl.begin(), c.pl.end()), 0);
      for (const std::string& a : c.alleles) EXPECT_FALSE(a.empty());
      for (std::size_t i = 1; i < c.info.size(); ++i) EXPECT_LT(c.info[i - 1].first, c.info[i].first);
    }
  }
  EXPECT_GT(total_calls, 20);
}

}  // namespace
}  // namespace helicase::hc
