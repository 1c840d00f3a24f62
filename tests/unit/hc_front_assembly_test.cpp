// hc_front_assembly_test.cpp -- read-threading assembly on synthetic reads: a known SNP or
// deletion carried by half the reads yields the reference and the alternate haplotype, whose
// events are the planted variant; reads near the end recover their dangling tail; read
// preparation clips and downsamples as GATK does.
#include <gtest/gtest.h>

#include <htslib/sam.h>

#include <random>

#include "common/thread_pool.hpp"
#include "haplotypecaller/haplotype_align.hpp"
#include "haplotypecaller/hc_reads.hpp"
#include "haplotypecaller/read_threading.hpp"
#include "haplotypecaller/region_reads.hpp"
#include "hc_assembly_inputs.hpp"

namespace helicase::hc {
namespace {

std::string random_seq(std::mt19937& rng, int n) { return test::random_bases(rng, n); }

RegionRead read_of(const std::string& hap, std::size_t start, std::size_t len) {
  return test::perfect_read(hap.substr(start, len), static_cast<std::int64_t>(start));
}

std::vector<RegionRead> tiled(const std::string& ref, const std::string& alt, int step, int len) {
  std::vector<RegionRead> reads;
  for (std::size_t s = 0; s + static_cast<std::size_t>(len) <= alt.size(); s += static_cast<std::size_t>(step)) {
    reads.push_back(read_of(ref, s, static_cast<std::size_t>(len)));
    reads.push_back(read_of(alt, s, static_cast<std::size_t>(len)));
  }
  return reads;
}

std::vector<HaplotypeEvent> events_of(const std::string& ref, const std::string& hap) {
  ThreadPool pool(1);
  const Backend cpu = Backend::cpu(pool);
  kernels::hc_sw::SwRunner sw(cpu);
  const auto cig = haplotype_cigars(ref, {hap}, sw);
  return haplotype_events(hap, cig[0], 0, ref, 0);
}

TEST(HcFrontAssembly, SnpGivesTwoHaplotypesWithTheSnpEvent) {
  std::mt19937 rng(3);
  const std::string ref = random_seq(rng, 300);
  std::string alt = ref;
  alt[150] = alt[150] == 'A' ? 'G' : 'A';
  const AssemblyOutcome out = assemble_region(ref, tiled(ref, alt, 5, 80));
  ASSERT_FALSE(out.kmers_used.empty());
  EXPECT_EQ(out.kmers_used.front(), 10);
  bool has_ref = false, has_alt = false;
  for (const auto& h : out.haplotypes) {
    has_ref = has_ref || h.bases == ref;
    has_alt = has_alt || h.bases == alt;
  }
  EXPECT_TRUE(has_ref);
  ASSERT_TRUE(has_alt);
  const auto ev = events_of(ref, alt);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].pos, 150);
  EXPECT_EQ(ev[0].alt, std::string(1, alt[150]));
}

TEST(HcFrontAssembly, DeletionGivesTheDeletionHaplotype) {
  std::mt19937 rng(5);
  const std::string ref = random_seq(rng, 300);
  std::string alt = ref;
  alt.erase(140, 6);
  const AssemblyOutcome out = assemble_region(ref, tiled(ref, alt, 4, 90));
  bool has_alt = false;
  for (const auto& h : out.haplotypes) has_alt = has_alt || h.bases == alt;
  ASSERT_TRUE(has_alt);
  const auto ev = events_of(ref, alt);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].ref.size(), 7u);
  EXPECT_EQ(ev[0].alt.size(), 1u);
}

TEST(HcFrontAssembly, DanglingTailNearReadEndsIsRecovered) {
  // The alt reads all end 4 bases after the SNP: without tail recovery the alt path would
  // never rejoin the reference.
  std::mt19937 rng(9);
  const std::string ref = random_seq(rng, 300);
  std::string alt = ref;
  alt[200] = alt[200] == 'C' ? 'T' : 'C';
  std::vector<RegionRead> reads;
  for (std::size_t s = 0; s + 100 <= ref.size(); s += 5) reads.push_back(read_of(ref, s, 100));
  for (int i = 0; i < 6; ++i) reads.push_back(read_of(alt, 105 + static_cast<std::size_t>(i) * 0, 100));
  AssemblyOptions opt;
  bool has_alt = false;
  for (const auto& h : assemble_region(ref, reads, opt).haplotypes) has_alt = has_alt || h.bases == alt;
  EXPECT_TRUE(has_alt);
  opt.recover_dangling = false;
  has_alt = false;
  for (const auto& h : assemble_region(ref, reads, opt).haplotypes) has_alt = has_alt || h.bases == alt;
  EXPECT_FALSE(has_alt);
}

TEST(HcFrontAssembly, RepeatedReferenceKmersMoveToALargerK) {
  // A 12-base unit repeated twice: k = 10 sees non-unique reference k-mers; k = 25 does not.
  std::mt19937 rng(11);
  const std::string unit = random_seq(rng, 12);
  const std::string ref = random_seq(rng, 100) + unit + random_seq(rng, 30) + unit + random_seq(rng, 100);
  const AssemblyOutcome out = assemble_region(ref, tiled(ref, ref, 5, 80));
  ASSERT_FALSE(out.kmers_used.empty());
  EXPECT_EQ(out.kmers_used.front(), 25);
}

TEST(HcFrontReads, ClippingToASpanMovesTheStartPastDeletions) {
  RegionRead r = read_of("ACGTACGTACGTACGTACGT", 0, 20);
  r.pos = 100;
  r.cigar = {bam_cigar_gen(5, BAM_CMATCH), bam_cigar_gen(3, BAM_CDEL), bam_cigar_gen(15, BAM_CMATCH)};
  hard_clip_to_span(r, 106, 115);  // 106 is inside the deletion (105-107)
  EXPECT_EQ(r.pos, 108);
  EXPECT_EQ(r.bases.size(), 8u);  // 108..115
  EXPECT_EQ(read_end(r), 116);
  // Clipped bases are kept as hard clips (ReadClipper): 5H 8M 7H, the deletion dropped.
  const std::vector<std::uint32_t> want{bam_cigar_gen(5, BAM_CHARD_CLIP), bam_cigar_gen(8, BAM_CMATCH),
                                        bam_cigar_gen(7, BAM_CHARD_CLIP)};
  EXPECT_EQ(r.cigar, want);
}

TEST(HcFrontReads, FinalizeRevertsSoftClipsOfProperPairsAndClipsLowQualityTails) {
  RegionRead r = read_of("TTTTACGTACGTACGTACGT", 0, 20);
  r.pos = 1000;
  r.cigar = {bam_cigar_gen(4, BAM_CSOFT_CLIP), bam_cigar_gen(16, BAM_CMATCH)};
  r.original_end = 1016;
  r.flag = BAM_FPAIRED | BAM_FMREVERSE;
  r.tid = r.mate_tid = 0;
  r.mate_pos = 1100;
  r.isize = 200;
  r.quals[19] = 5;  // low-quality tail
  RegionRead s = r;
  s.flag = 0;  // unpaired: soft clips are hard clipped
  s.name = "b";
  r.name = "a";
  const auto out = finalize_region_reads({r, s}, 900, 1200, 30);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].pos, 996);  // reverted: 4 soft-clipped bases become aligned
  EXPECT_EQ(out[0].bases.size(), 19u);
  EXPECT_EQ(out[1].pos, 1000);
  EXPECT_EQ(out[1].bases.size(), 15u);
}

TEST(HcFrontReads, DownsamplingKeepsFiftyPerStartDeterministically) {
  std::vector<RegionRead> reads;
  for (int i = 0; i < 80; ++i) {
    RegionRead r;
    r.name = "r" + std::to_string(i);
    r.pos = 10;
    reads.push_back(r);
  }
  for (int i = 0; i < 10; ++i) {
    RegionRead r;
    r.name = "s" + std::to_string(i);
    r.pos = 11;
    reads.push_back(r);
  }
  auto a = reads, b = reads;
  JavaRandom r1, r2;
  EXPECT_EQ(downsample_per_start(a, 50, r1), 30u);
  downsample_per_start(b, 50, r2);
  ASSERT_EQ(a.size(), 60u);
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].name, b[i].name);
  // Reservoir: the first 50 fill the slots, later reads replace slot nextInt(seen) when < 50.
  JavaRandom r3;
  std::vector<int> slots(50);
  for (int i = 0; i < 50; ++i) slots[static_cast<std::size_t>(i)] = i;
  for (int seen = 51; seen <= 80; ++seen) {
    const int k = r3.next_int(seen);
    if (k < 50) slots[static_cast<std::size_t>(k)] = seen - 1;
  }
  for (int i = 0; i < 50; ++i) EXPECT_EQ(a[static_cast<std::size_t>(i)].name, "r" + std::to_string(slots[static_cast<std::size_t>(i)]));
  EXPECT_EQ(a[50].name, "s0");
}

}  // namespace
}  // namespace helicase::hc
