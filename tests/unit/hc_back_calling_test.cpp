// hc_back_calling_test.cpp -- the back end on small hand-built regions (PairHMM, genotyping,
// annotations), and the VCF writer (header as GATK writes it, records, BGZF + tabix, atomic).
#include <gtest/gtest.h>

#include <htslib/vcf.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "bqsr_test_util.hpp"
#include "common/thread_pool.hpp"
#include "bqsr/java_format.hpp"
#include "haplotypecaller/genotyping_engine.hpp"
#include "haplotypecaller/vcf_writer.hpp"
#include "runtime/backend.hpp"
#include "test_util.hpp"

namespace helicase::hc {
namespace {

constexpr std::uint32_t M(std::uint32_t n) { return n << 4 | 0; }
constexpr std::uint32_t D(std::uint32_t n) { return n << 4 | 2; }

const std::string kRef = "GATTACAGGCTTACCGATCGGACTTAGCATCCGATAGGCTAGCTTAGGCATCGATCCGAATTCGGATC";  // 68 bp

AssembledRegion make_region(const std::string& alt_hap, const std::vector<std::uint32_t>& alt_cigar, const HaplotypeEvent& ev,
                            int n_ref_reads, int n_alt_reads) {
  AssembledRegion r;
  r.tid = 0;
  r.contig = "20";
  r.ref_start = 1000;
  r.ref_bases = kRef;
  r.padded_start = 1000;
  r.padded_end = 1068;
  r.active_start = 1010;
  r.active_end = 1060;
  Haplotype ref;
  ref.bases = kRef;
  ref.is_ref = true;
  ref.ref_start = 1000;
  ref.cigar = {M(68)};
  Haplotype alt;
  alt.bases = alt_hap;
  alt.ref_start = 1000;
  alt.cigar = alt_cigar;
  alt.events = {ev};
  r.haplotypes = {ref, alt};
  // Reads of 40 bases starting at offsets 10..19 (reference coordinates), alternating strands.
  auto add = [&](const std::string& hap, bool is_alt, int i) {
    RegionRead rd;
    const int off = 10 + (i % 10);
    rd.name = (is_alt ? "alt" : "ref") + std::to_string(i);
    rd.bases = hap.substr(static_cast<std::size_t>(off), 40);
    rd.quals.assign(40, static_cast<std::uint8_t>(30 + (i % 5)));
    rd.pos = 1000 + off;
    rd.cigar = {M(40)};
    if (is_alt && alt_cigar.size() > 1) {
      // The deletion lies inside the read: 40 read bases span 40 + deleted reference bases.
      const std::uint32_t before = (alt_cigar[0] >> 4) - static_cast<std::uint32_t>(off);
      rd.cigar = {M(before), alt_cigar[1], M(40 - before)};
    }
    rd.mapq = 60;
    rd.flag = (i % 2) ? 0x10 : 0;
    r.reads.push_back(rd);
  };
  for (int i = 0; i < n_ref_reads; ++i) add(kRef, false, i);
  for (int i = 0; i < n_alt_reads; ++i) add(alt_hap, true, i);
  return r;
}

std::vector<VariantCall> run(const AssembledRegion& r, const CallerOptions& opt = {}) {
  ThreadPool pool(2);
  const Backend cpu = Backend::cpu(pool);
  kernels::pairhmm::PairHmmRunner hmm(cpu);
  UpstreamDeletions up;
  return call_region(r, opt, hmm, up);
}

std::map<std::string, std::string> info_map(const VariantCall& c) { return {c.info.begin(), c.info.end()}; }

TEST(HcBackCalling, HeterozygousSnp) {
  std::string alt = kRef;
  alt[30] = 'T';  // ref C
  const auto calls = run(make_region(alt, {M(68)}, {1030, "C", "T"}, 10, 10));
  ASSERT_EQ(calls.size(), 1u);
  const VariantCall& c = calls[0];
  EXPECT_EQ(c.pos, 1030);
  EXPECT_EQ(c.alleles, (std::vector<std::string>{"C", "T"}));
  EXPECT_EQ(c.gt, (std::vector<int>{0, 1}));
  EXPECT_EQ(c.ad, (std::vector<int>{10, 10}));
  EXPECT_EQ(c.dp, 20);
  EXPECT_EQ(c.pl[1], 0);
  EXPECT_GT(c.qual, 100.0);
  EXPECT_EQ(c.gq, std::min(c.pl[0], c.pl[2]));
  const auto info = info_map(c);
  EXPECT_EQ(info.at("AC"), "1");
  EXPECT_EQ(info.at("AF"), "0.500");
  EXPECT_EQ(info.at("AN"), "2");
  EXPECT_EQ(info.at("DP"), "20");
  EXPECT_EQ(info.at("MQ"), "60.00");
  EXPECT_EQ(info.at("MLEAC"), "1");
  EXPECT_EQ(info.at("MLEAF"), "0.500");
  EXPECT_EQ(info.at("ExcessHet"), "0.0000");
  EXPECT_EQ(info.at("MQRankSum"), "0.000");  // all MAPQ 60
  EXPECT_TRUE(info.count("BaseQRankSum") && info.count("ReadPosRankSum") && info.count("FS") && info.count("SOR"));
  // Balanced strands in both groups: Fisher p = 1.
  EXPECT_EQ(info.at("FS"), "0.000");
  EXPECT_EQ(info.at("QD"), bqsr::java_fixed(c.qual / 20, 2));
  // INFO keys in htsjdk's (sorted) order.
  for (std::size_t i = 1; i < c.info.size(); ++i) EXPECT_LT(c.info[i - 1].first, c.info[i].first);
}

TEST(HcBackCalling, HomozygousSnpQualAndMissingRankSums) {
  std::string alt = kRef;
  alt[30] = 'T';
  const auto calls = run(make_region(alt, {M(68)}, {1030, "C", "T"}, 0, 20));
  ASSERT_EQ(calls.size(), 1u);
  const VariantCall& c = calls[0];
  EXPECT_EQ(c.gt, (std::vector<int>{1, 1}));
  EXPECT_EQ(c.ad, (std::vector<int>{0, 20}));
  EXPECT_EQ(c.pl[2], 0);
  // GATK 4.6: hom-alt QUAL is about PL(0/0) - 13.94 (new allele frequency calculator).
  EXPECT_NEAR(c.qual, c.pl[0] - 13.94, 0.5);
  const auto info = info_map(c);
  EXPECT_EQ(info.count("BaseQRankSum"), 0u);  // no ref reads
  EXPECT_EQ(info.count("MQRankSum"), 0u);
  EXPECT_EQ(info.at("AF"), "1.00");
  EXPECT_EQ(info.at("FS"), "0.000");
}

TEST(HcBackCalling, DeletionAndTooFewReads) {
  // Delete kRef[31..32] ("CG"): event at the padding base 30.
  std::string alt = kRef.substr(0, 31) + kRef.substr(33);
  const HaplotypeEvent ev{1030, kRef.substr(30, 3), kRef.substr(30, 1)};
  const auto calls = run(make_region(alt, {M(31), D(2), M(35)}, ev, 8, 8));
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].alleles, (std::vector<std::string>{kRef.substr(30, 3), kRef.substr(30, 1)}));
  EXPECT_EQ(calls[0].gt, (std::vector<int>{0, 1}));
  // One alt read is not enough for QUAL >= 30: nothing is emitted.
  std::string snp = kRef;
  snp[30] = 'T';
  EXPECT_TRUE(run(make_region(snp, {M(68)}, {1030, "C", "T"}, 10, 1)).empty());
}

TEST(HcBackCalling, MergedAllelesAreTrimmedWhenTheLongerRefAlleleIsDropped) {
  // A deletion (CCG -> C) and a SNP (C -> T) start at 1030: merged REF is CCG, the SNP becomes
  // TCG. With the deletion unsupported only the SNP is emitted, trimmed back to C -> T.
  std::string snp = kRef;
  snp[30] = 'T';
  AssembledRegion r = make_region(snp, {M(68)}, {1030, "C", "T"}, 10, 10);
  Haplotype del;
  del.bases = kRef.substr(0, 31) + kRef.substr(33);
  del.ref_start = 1000;
  del.cigar = {M(31), D(2), M(35)};
  del.events = {{1030, kRef.substr(30, 3), kRef.substr(30, 1)}};
  r.haplotypes.push_back(del);
  const auto calls = run(r);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].alleles, (std::vector<std::string>{"C", "T"}));
  EXPECT_EQ(calls[0].gt, (std::vector<int>{0, 1}));
  EXPECT_EQ(calls[0].ad, (std::vector<int>{10, 10}));
}

TEST(HcBackCalling, EventsOutsideTheActiveSpanAreNotCalled) {
  std::string alt = kRef;
  alt[45] = 'C';  // ref G at 1045, covered by every read
  AssembledRegion r = make_region(alt, {M(68)}, {1045, std::string(1, kRef[45]), "C"}, 5, 15);
  EXPECT_EQ(run(r).size(), 1u);  // inside [1010, 1060): called
  r.active_end = 1045;           // the active span now ends just before it
  EXPECT_TRUE(run(r).empty());
  r.active_end = 1060;
  r.active_start = 1046;
  EXPECT_TRUE(run(r).empty());
}

TEST(HcBackVcf, HeaderMatchesGatkVcfMode) {
  VcfHeaderInfo h;
  h.contigs = {{"20", 63025520}, {"21", 48129895}};
  h.sample = "NA12878";
  const std::string text = vcf_header_text(h);
  const std::string path = test::testdata("gatk/hc_chr20_expected_only/expected.testVCFMode.gatk4.vcf");
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "shared test data not found: " << path;
  std::string expected, line;
  while (std::getline(in, line) && line.rfind("#", 0) == 0) expected += line + "\n";
  EXPECT_EQ(text, expected);
}

TEST(HcBackVcf, RecordText) {
  VariantCall c;
  c.contig = "20";
  c.pos = 11363590;
  c.alleles = {"T", "A", "G"};
  c.qual = 684.2549;
  c.info = {{"AC", "1,2"}, {"AN", "4"}};
  c.gt = {0, 1, 2, 2};
  c.ad = {2, 15, 17};
  c.dp = 34;
  c.gq = 6;
  c.pl = {698, 386, 347};
  EXPECT_EQ(vcf_record_text(c), "20\t11363591\t.\tT\tA,G\t684.25\t.\tAC=1,2;AN=4\tGT:AD:DP:GQ:PL\t0/1/2/2:2,15,17:34:6:698,386,347\n");
  c.gq = 120;
  EXPECT_NE(vcf_record_text(c).find(":99:"), std::string::npos);  // GQ capped at 99
}

TEST(HcBackVcf, QdJitterDrawsFromTheSharedGenerator) {
  VariantCall c;
  c.info = {{"QD", ""}};
  c.qd_needs_jitter = true;
  c.qd_raw = 40.0;
  JavaRandom rng(kGatkRandomSeed);
  finalize_qd(c, rng);
  // 30 + 3 * (first nextGaussian of seed 47382911 = -1.5453553803199442) = 25.36.
  EXPECT_EQ(c.info[0].second, "25.36");
  EXPECT_FALSE(c.qd_needs_jitter);
}

TEST(HcBackVcf, BgzfWithTabixIndexReadableByHtslib) {
  test::TempDir dir;
  const std::string out = dir.file("calls.vcf.gz");
  VcfHeaderInfo h;
  h.contigs = {{"20", 63025520}};
  h.sample = "S1";
  std::string alt = kRef;
  alt[30] = 'T';
  auto calls = run(make_region(alt, {M(68)}, {1030, "C", "T"}, 10, 10));
  ASSERT_EQ(calls.size(), 1u);
  {
    VcfWriter w(out, h);
    JavaRandom rng;
    for (auto& c : calls) w.write(c, rng);
    // Nothing under the final name before close().
    EXPECT_FALSE(std::filesystem::exists(out));
    w.close();
  }
  ASSERT_TRUE(std::filesystem::exists(out));
  EXPECT_TRUE(std::filesystem::exists(out + ".tbi"));
  htsFile* fp = hts_open(out.c_str(), "r");
  ASSERT_NE(fp, nullptr);
  bcf_hdr_t* hdr = bcf_hdr_read(fp);
  ASSERT_NE(hdr, nullptr);
  bcf1_t* rec = bcf_init();
  int n = 0;
  while (bcf_read(fp, hdr, rec) == 0) {
    bcf_unpack(rec, BCF_UN_ALL);
    EXPECT_EQ(rec->pos, 1030);
    EXPECT_EQ(rec->errcode, 0);
    ++n;
  }
  EXPECT_EQ(n, 1);
  bcf_destroy(rec);
  bcf_hdr_destroy(hdr);
  hts_close(fp);
}

TEST(HcBackVcf, AbandonedWriterLeavesNothing) {
  test::TempDir dir;
  const std::string out = dir.file("x.vcf");
  {
    VcfWriter w(out, VcfHeaderInfo{{{"1", 10}}, "S", {}});
  }
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

}  // namespace
}  // namespace helicase::hc
