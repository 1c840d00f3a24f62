// hc_front_dangling_assembly_test.cpp -- GATK 4.6 read-threading details of the assembly
// graph: dangling heads merged back into the reference (recoverDanglingHeads, legacy merge
// with reference extension of the head), pruning before the cycle test (a cycle made by one
// erroneous read does not move assembly to a larger k) and the k-best tie breaker.
#include <gtest/gtest.h>

#include <htslib/sam.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "haplotypecaller/read_threading.hpp"
#include "hc_assembly_inputs.hpp"

namespace helicase::hc {
namespace {

std::string random_seq(std::mt19937& rng, int n) { return test::random_bases(rng, n); }
RegionRead read_of(const std::string& seq, std::int64_t pos) { return test::perfect_read(seq, pos); }

bool has_haplotype(const AssemblyOutcome& out, const std::string& hap) {
  for (const auto& h : out.haplotypes) {
    if (h.bases == hap) return true;
  }
  return false;
}

// Six alt reads start 3 bases before a SNP. At k = 10 their first four k-mers are new (a
// dangling head of 4 vertices that joins the reference at the k-mer starting after the SNP).
// Worked by hand from GATK: path [ref@101, v100, v99, v98, v97] (5 >= min branch 4 + 1);
// backwards, the branch reads ref[110], alt[109..107], then the source k-mer alt[106..97]
// reversed: 14 bases, one mismatch (index 10, the SNP), SW cigar 14M. The last mismatch, 10,
// lies beyond the 5-vertex path, so the head is extended by 10 - 5 + 2 = 7 vertices with the
// reference bases of ref@90 (cigar reference minus read length 0: node 4 + 0 + 7 = 11), and
// ref@90 is joined to the new vertex at index 10 (k-mer alt[91..100]): the alt haplotype.
TEST(HcFrontDanglingAssembly, DanglingHeadWithASnpIsMergedIntoTheReference) {
  std::mt19937 rng(21);
  const std::string ref = random_seq(rng, 300);
  std::string alt = ref;
  alt[100] = alt[100] == 'G' ? 'T' : 'G';
  std::vector<RegionRead> reads;
  for (std::size_t s = 0; s + 100 <= ref.size(); s += 5) reads.push_back(read_of(ref.substr(s, 100), static_cast<std::int64_t>(s)));
  for (int i = 0; i < 6; ++i) reads.push_back(read_of(alt.substr(97, 100), 97));
  AssemblyOptions opt;
  opt.kmer_sizes = {10};
  const AssemblyOutcome with = assemble_region(ref, reads, opt);
  ASSERT_EQ(with.kmers_used, std::vector<int>{10});
  EXPECT_TRUE(has_haplotype(with, ref));
  EXPECT_TRUE(has_haplotype(with, alt));
  opt.recover_dangling = false;
  EXPECT_FALSE(has_haplotype(assemble_region(ref, reads, opt), alt));
}

// A branch of only 3 new vertices before the reference (SNP 2 bases after the read start) is
// shorter than min-dangling-branch-length 4 + 1: GATK leaves it, so no alt haplotype.
TEST(HcFrontDanglingAssembly, ShortDanglingHeadIsNotMerged) {
  std::mt19937 rng(23);
  const std::string ref = random_seq(rng, 300);
  std::string alt = ref;
  alt[100] = alt[100] == 'G' ? 'T' : 'G';
  std::vector<RegionRead> reads;
  for (std::size_t s = 0; s + 100 <= ref.size(); s += 5) reads.push_back(read_of(ref.substr(s, 100), static_cast<std::int64_t>(s)));
  for (int i = 0; i < 6; ++i) reads.push_back(read_of(alt.substr(98, 100), 98));
  AssemblyOptions opt;
  opt.kmer_sizes = {10};
  EXPECT_FALSE(has_haplotype(assemble_region(ref, reads, opt), alt));
}

// A dangling tail that leaves an alternate branch, not the reference: SNP1 at 100 is carried
// by full reads (a bubble of k-mers 91..100 at k = 10); six reads also carry SNP2 at 104 and
// end at 109. Their branch leaves the SNP1 k-mer @94 (two out-edges, not a reference vertex)
// with k-mers @95..@100. GATK's getReferencePath from that ancestor follows the single
// out-edge other than the branch (the SNP1 path, then the reference): SW of
// alt1[103] alt2[104..109] against alt1[103..] gives 7M, matching suffix 5, so k-mer @95 of
// the branch is joined to the SNP1 k-mer @96: the haplotype with both SNPs.
TEST(HcFrontDanglingAssembly, DanglingTailOffAnAlternateBranchIsMerged) {
  std::mt19937 rng(37);
  const std::string ref = random_seq(rng, 300);
  std::string alt1 = ref;
  alt1[100] = alt1[100] == 'C' ? 'A' : 'C';
  std::string alt2 = alt1;
  alt2[104] = alt2[104] == 'G' ? 'T' : 'G';
  std::vector<RegionRead> reads;
  for (std::size_t s = 0; s + 80 <= ref.size(); s += 5) {
    reads.push_back(read_of(ref.substr(s, 80), static_cast<std::int64_t>(s)));
    reads.push_back(read_of(alt1.substr(s, 80), static_cast<std::int64_t>(s)));
  }
  for (int i = 0; i < 6; ++i) reads.push_back(read_of(alt2.substr(20, 90), 20));
  AssemblyOptions opt;
  opt.kmer_sizes = {10};
  const AssemblyOutcome out = assemble_region(ref, reads, opt);
  ASSERT_EQ(out.kmers_used, std::vector<int>{10});
  EXPECT_TRUE(has_haplotype(out, alt1));
  EXPECT_TRUE(has_haplotype(out, alt2));
}

// increaseCountsInMatchedKmers: read B starts threading at an existing alt k-mer (@93, which
// holds the SNP at 100), so the edges behind it (up to k - 1) count it too, down to the branch
// edge ref@90 -> alt@91. Only the reference itself and reads A and B are in the graph: at the
// branch the alt edge has multiplicity 2 (A, and B counted backwards) and the reference edge 1,
// so the alt haplotype scores log10(2) - log10(3) and the reference log10(1) - log10(3)
// (every other vertex has one out-edge).
TEST(HcFrontDanglingAssembly, ReadsStartingInsideABranchCountForTheEdgesBehindThem) {
  std::mt19937 rng(41);
  const std::string ref = random_seq(rng, 300);
  std::string alt = ref;
  alt[100] = alt[100] == 'A' ? 'T' : 'A';
  const std::vector<RegionRead> reads{read_of(alt.substr(0, 150), 0), read_of(alt.substr(93, 107), 93)};
  AssemblyOptions opt;
  opt.kmer_sizes = {10};
  const AssemblyOutcome out = assemble_region(ref, reads, opt);
  ASSERT_EQ(out.kmers_used, std::vector<int>{10});
  ASSERT_EQ(out.haplotypes.size(), 2u);
  EXPECT_EQ(out.haplotypes[0].bases, alt);
  EXPECT_DOUBLE_EQ(out.haplotypes[0].score, std::log10(2.0) - std::log10(3.0));
  EXPECT_EQ(out.haplotypes[1].bases, ref);
  EXPECT_DOUBLE_EQ(out.haplotypes[1].score, std::log10(1.0) - std::log10(3.0));
}

// One chimeric read (ref[150, 200) then ref[100, 150)) threads an edge from ref@190.. back to
// ref@100: a cycle at every k up to 45. Its junction edges have multiplicity 1, so GATK 4.6
// (pruning before the cycle test) prunes them and keeps k = 10 and 25; counting cycles first
// would reject both and retry with larger k.
TEST(HcFrontDanglingAssembly, PruningComesBeforeTheCycleTest) {
  std::mt19937 rng(29);
  const std::string ref = random_seq(rng, 300);
  std::vector<RegionRead> reads;
  for (std::size_t s = 0; s + 100 <= ref.size(); s += 5) reads.push_back(read_of(ref.substr(s, 100), static_cast<std::int64_t>(s)));
  reads.push_back(read_of(ref.substr(150, 50) + ref.substr(100, 50), 150));
  const AssemblyOutcome out = assemble_region(ref, reads);
  EXPECT_EQ(out.kmers_used, (std::vector<int>{10, 25}));
  ASSERT_FALSE(out.haplotypes.empty());
  EXPECT_EQ(out.haplotypes.front().bases, ref);
}

// Two alleles of a SNP carried by equally many reads (none carries the reference base): both
// alt paths have the same score, log10(m / (2m + 1)) at the one branch. GATK's finder breaks
// the tie by bases in reverse lexicographic order, so with room for one haplotype the path
// with the larger base at the SNP comes out, then the other.
TEST(HcFrontDanglingAssembly, KBestTiesGoToTheLexicographicallyLargerPath) {
  std::mt19937 rng(31);
  const std::string ref = random_seq(rng, 300);
  std::string a = ref, c = ref;
  const char other[2] = {ref[150] == 'A' ? 'C' : 'A', ref[150] == 'T' ? 'G' : 'T'};
  a[150] = other[0];
  c[150] = other[1];
  std::vector<RegionRead> reads;
  for (std::size_t s = 0; s + 80 <= ref.size(); s += 5) {
    reads.push_back(read_of(a.substr(s, 80), static_cast<std::int64_t>(s)));
    reads.push_back(read_of(c.substr(s, 80), static_cast<std::int64_t>(s)));
  }
  AssemblyOptions opt;
  opt.kmer_sizes = {10};
  opt.max_haplotypes = 1;
  const AssemblyOutcome one = assemble_region(ref, reads, opt);
  ASSERT_EQ(one.haplotypes.size(), 1u);
  EXPECT_EQ(one.haplotypes[0].bases, std::max(a, c));
  opt.max_haplotypes = 2;
  const AssemblyOutcome two = assemble_region(ref, reads, opt);
  ASSERT_EQ(two.haplotypes.size(), 2u);
  EXPECT_EQ(two.haplotypes[0].bases, std::max(a, c));
  EXPECT_EQ(two.haplotypes[1].bases, std::min(a, c));
  EXPECT_EQ(two.haplotypes[0].score, two.haplotypes[1].score);
}

}  // namespace
}  // namespace helicase::hc
