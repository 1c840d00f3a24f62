// hc_back_calling_gpu_test.cpp -- the whole back end (PairHMM, genotyping, annotations, VCF
// text) gives the same records with the PairHMM on the GPU as on the CPU.
#include <gtest/gtest.h>

#include <random>

#include "common/thread_pool.hpp"
#include "haplotypecaller/genotyping_engine.hpp"
#include "haplotypecaller/vcf_writer.hpp"
#include "runtime/backend.hpp"

namespace helicase::hc {
namespace {

// Reference of 300 bp, haplotypes with SNPs and small indels, 120 reads drawn from them.
AssembledRegion region_with_variants(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const char* acgt = "ACGT";
  AssembledRegion r;
  r.tid = 0;
  r.contig = "1";
  r.ref_start = 10000;
  for (int i = 0; i < 300; ++i) r.ref_bases += acgt[rng() % 4];
  r.active_start = 10050;
  r.active_end = 10250;
  Haplotype ref;
  ref.bases = r.ref_bases;
  ref.is_ref = true;
  ref.ref_start = 10000;
  ref.cigar = {300u << 4};
  r.haplotypes.push_back(ref);
  for (int h = 0; h < 3; ++h) {
    Haplotype alt = ref;
    alt.is_ref = false;
    alt.score = h;
    const std::size_t p = 80 + static_cast<std::size_t>(h) * 50;
    char b = r.ref_bases[p];
    while (b == r.ref_bases[p]) b = acgt[rng() % 4];
    alt.bases[p] = b;
    alt.events = {{static_cast<std::int64_t>(10000 + p), std::string(1, r.ref_bases[p]), std::string(1, b)}};
    if (h == 1) {  // and a 2-base deletion 30 bases later
      const std::size_t q = p + 30;
      alt.events.push_back({static_cast<std::int64_t>(10000 + q), r.ref_bases.substr(q, 3), r.ref_bases.substr(q, 1)});
      alt.bases.erase(q + 1, 2);
    }
    r.haplotypes.push_back(alt);
  }
  for (int i = 0; i < 120; ++i) {
    const Haplotype& h = r.haplotypes[rng() % r.haplotypes.size()];
    const std::size_t off = rng() % (h.bases.size() - 100);
    RegionRead rd;
    rd.bases = h.bases.substr(off, 100);
    rd.quals.resize(100);
    for (auto& q : rd.quals) q = static_cast<std::uint8_t>(10 + rng() % 31);
    rd.pos = 10000 + static_cast<std::int64_t>(off);
    rd.cigar = {100u << 4};
    rd.mapq = 60;
    rd.flag = static_cast<std::uint16_t>(rng() % 2 ? 0x10 : 0);
    r.reads.push_back(rd);
  }
  return r;
}

std::string records(const AssembledRegion& r, const Backend& backend) {
  kernels::pairhmm::PairHmmRunner hmm(backend);
  UpstreamDeletions up;
  std::string text;
  JavaRandom rng;
  for (auto c : call_region(r, CallerOptions{}, hmm, up)) {
    finalize_qd(c, rng);
    text += vcf_record_text(c);
  }
  return text;
}

TEST(HcBackCallingGpu, SameRecordsAsCpu) {
  ThreadPool pool(2);
  const Backend cpu = Backend::cpu(pool);
  const Backend gpu = Backend::gpu(0, "GPU 0", pool);
  int with_calls = 0;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const AssembledRegion r = region_with_variants(seed);
    const std::string a = records(r, cpu);
    EXPECT_EQ(a, records(r, gpu)) << "seed " << seed;
    with_calls += !a.empty();
  }
  EXPECT_GT(with_calls, 0);
}

}  // namespace
}  // namespace helicase::hc
