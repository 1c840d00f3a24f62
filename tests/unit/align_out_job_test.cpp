// align_out_job_test.cpp -- helicase-align's output half end to end on a small indexed
// reference, with a stand-in for the seeding half that returns each simulated read's true
// region (as bwa's mem_align1_core would for an exact or gapped hit): pairs, insert sizes,
// proper-pair flags, TLEN, mate fields, CIGAR/MD/NM of a gapped read, an all-N mate, read
// groups; and identical output bytes for any thread count and work-chunk size.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <sstream>

#include "align/align_job.hpp"
#include "align/bwa_options.hpp"
#include "align/mem_aln.hpp"
#include "align/mem_pair.hpp"
#include "common/error.hpp"
#include "reference/index_builder.hpp"
#include "test_util.hpp"

namespace helicase::align {
namespace {

std::string revcomp(const std::string& s) {
  std::string r(s.rbegin(), s.rend());
  for (char& c : r) c = c == 'A' ? 'T' : c == 'C' ? 'G' : c == 'G' ? 'C' : c == 'T' ? 'A' : 'N';
  return r;
}

std::string codes(const std::string& s) {
  std::string c;
  for (char x : s) c.push_back(x == 'A' ? '0' : x == 'C' ? '1' : x == 'G' ? '2' : x == 'T' ? '3' : '4');
  return c;
}

struct Fixture {
  test::TempDir dir;
  std::string ref, r1, r2;
  std::map<std::string, AlnReg> truth;  // read bases (codes as chars) -> region
  std::vector<std::pair<int, int>> frags;  // (start, length)
  std::int64_t l_pac = 0;

  Fixture() {
    std::mt19937 rng(5);
    for (int i = 0; i < 6000; ++i) ref += "ACGT"[rng() % 4];
    l_pac = static_cast<std::int64_t>(ref.size());
    test::write_file(dir.file("ref.fa"), ">chr1 test\n" + ref + "\n");
    ThreadPool pool(1);
    Logger log("test", LogLevel::Error);
    reference::build_reference_index(
        reference::IndexBuildOptions{dir.file("ref.fa"), dir.file("ref.fa"), reference::SaIndexWidth::Auto}, pool, log);
    std::ostringstream f1, f2;
    for (int i = 0; i < 200; ++i) {
      const int len = 280 + static_cast<int>(rng() % 60);
      const int start = 50 + static_cast<int>(rng() % static_cast<unsigned>(l_pac - len - 100));
      std::string m1 = ref.substr(static_cast<std::size_t>(start), 100);
      const std::string m2 = revcomp(ref.substr(static_cast<std::size_t>(start + len - 100), 100));
      AlnReg a;
      a.rid = 0, a.qb = 0, a.qe = 100, a.rb = start, a.re = start + 100, a.score = a.truesc = 100, a.w = 100;
      if (i == 7) {  // a 2-base deletion in the middle of read 1
        m1 = ref.substr(static_cast<std::size_t>(start), 50) + ref.substr(static_cast<std::size_t>(start + 52), 50);
        a.re = start + 102, a.score = a.truesc = 100 - 8;
      }
      AlnReg b = a;
      b.rb = 2 * l_pac - (start + len), b.re = b.rb + 100, b.score = b.truesc = 100;
      const std::string name = "pair" + std::to_string(i);
      const std::string q(100, 'I');
      f1 << "@" << name << "/1\n" << m1 << "\n+\n" << q << "\n";
      f2 << "@" << name << "/2\n" << (i == 11 ? std::string(100, 'N') : m2) << "\n+\n" << q << "\n";
      truth[codes(m1)] = a;
      truth[codes(m2)] = b;
      frags.emplace_back(start, len);
    }
    r1 = dir.file("r1.fq"), r2 = dir.file("r2.fq");
    test::write_file(r1, f1.str());
    test::write_file(r2, f2.str());
  }

  RegionFinder finder() const {
    return [this](const MemOptions&, const reference::ReferenceIndex&, std::span<const std::uint8_t> read) {
      std::string key;
      for (const std::uint8_t c : read) key.push_back(static_cast<char>('0' + c));
      const auto it = truth.find(key);
      return it == truth.end() ? std::vector<AlnReg>{} : std::vector<AlnReg>{it->second};
    };
  }

  std::string run(unsigned threads, std::size_t chunk, const std::string& out_name, std::int64_t k = 100000000) const {
    const reference::ReferenceIndex index = reference::ReferenceIndex::load(dir.file("ref.fa"));
    AlignJobOptions o;
    o.lanes.push_back(FastqLane{r1, r2, "@RG\\tID:grp1\\tSM:s1"});
    o.out_path = dir.file(out_name);
    o.pg_line = "@PG\tID:test\tPN:test";
    o.mem = default_align_options();
    parse_bwa_options("-Y -K " + std::to_string(k), o.mem);
    o.work_chunk = chunk;
    ThreadPool pool(threads);
    Logger log("test", LogLevel::Error);
    run_align_job(o, index, finder(), pool, log);
    return test::read_file(o.out_path);
  }
};

std::vector<std::vector<std::string>> records(const std::string& sam) {
  std::vector<std::vector<std::string>> out;
  std::istringstream in(sam);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '@') continue;
    std::vector<std::string> f;
    std::istringstream ls(line);
    for (std::string x; std::getline(ls, x, '\t');) f.push_back(x);
    out.push_back(f);
  }
  return out;
}

bool has(const std::vector<std::string>& rec, const std::string& tag) {
  for (std::size_t i = 11; i < rec.size(); ++i)
    if (rec[i] == tag) return true;
  return false;
}

TEST(AlignOutJob, PairsFlagsMatesAndTags) {
  const Fixture fx;
  const std::string sam = fx.run(2, 16, "out.sam");
  EXPECT_NE(sam.find("@SQ\tSN:chr1\tLN:6000\n@RG\tID:grp1\tSM:s1\n@PG\tID:test"), std::string::npos);
  const auto recs = records(sam);
  ASSERT_EQ(recs.size(), 400u);
  for (std::size_t i = 0; i < 200; ++i) {
    const auto& a = recs[2 * i];
    const auto& b = recs[2 * i + 1];
    const auto [start, len] = fx.frags[i];
    EXPECT_EQ(a[0], "pair" + std::to_string(i));
    EXPECT_EQ(b[0], a[0]);
    EXPECT_TRUE(has(a, "RG:Z:grp1"));
    if (i == 11) {  // mate 2 all N: unmapped, placed at its mate
      EXPECT_EQ(a[1], "73");
      EXPECT_EQ(b[1], "133");
      EXPECT_EQ(b[2], "chr1");
      EXPECT_EQ(b[3], std::to_string(start + 1));
      EXPECT_EQ(b[5], "*");
      EXPECT_EQ(a[6], "=");
      EXPECT_EQ(a[8], "0");
      EXPECT_TRUE(has(b, "AS:i:0"));
      continue;
    }
    EXPECT_EQ(a[1], "99") << a[0];
    EXPECT_EQ(b[1], "147") << a[0];
    EXPECT_EQ(a[3], std::to_string(start + 1));
    EXPECT_EQ(b[3], std::to_string(start + len - 100 + 1));
    EXPECT_EQ(a[8], std::to_string(len));
    EXPECT_EQ(b[8], "-" + std::to_string(len));
    EXPECT_EQ(a[7], b[3]);
    EXPECT_EQ(b[7], a[3]);
    EXPECT_EQ(b[9], fx.ref.substr(static_cast<std::size_t>(start + len - 100), 100));
    if (i == 7) {
      EXPECT_NE(a[5].find("2D"), std::string::npos) << a[5];
      EXPECT_TRUE(has(a, "NM:i:2"));
      EXPECT_TRUE(has(b, "MC:Z:" + a[5]));
    } else {
      EXPECT_EQ(a[5], "100M");
      EXPECT_TRUE(has(a, "NM:i:0"));
      EXPECT_TRUE(has(a, "MD:Z:100"));
      EXPECT_TRUE(has(a, "AS:i:100"));
      EXPECT_TRUE(has(a, "MC:Z:100M"));
      EXPECT_EQ(a[4], "60");
    }
  }
}

TEST(AlignOutJob, SameBytesForThreadsAndWorkChunks) {
  const Fixture fx;
  const std::string a = fx.run(1, 64, "a.sam");
  EXPECT_EQ(a, fx.run(3, 7, "b.sam"));
  EXPECT_EQ(a, fx.run(2, 1, "c.sam"));
  // BAM output holds the same records.
  const std::string bam = fx.run(2, 5, "d.bam");
  EXPECT_EQ(bam.substr(0, 2), "\x1f\x8b");
}

TEST(AlignOutJob, BatchSizeIsBwaMinusK) {
  const Fixture fx;
  // Batches of 5 pairs: too few pairs per orientation for insert-size statistics, so no
  // pair is proper (bwa's rule with -K 1000), unlike the single batch of the default -K.
  const auto recs = records(fx.run(2, 4, "k.sam", 1000));
  ASSERT_EQ(recs.size(), 400u);
  for (const auto& r : recs) EXPECT_EQ(std::stoi(r[1]) & 2, 0) << r[0];
}

// Single-end reads with hand-made regions: a chimeric read (two non-overlapping regions:
// primary + supplementary with SA tags, soft- or hard-clipped) and a repeat (secondary hit
// listed in XA, MAPQ 0).
std::string run_se(const Fixture& fx, const std::string& fq, const RegionFinder& find, const std::string& bwa_opts) {
  const reference::ReferenceIndex index = reference::ReferenceIndex::load(fx.dir.file("ref.fa"));
  test::write_file(fx.dir.file("se.fq"), fq);
  AlignJobOptions o;
  o.lanes.push_back(FastqLane{fx.dir.file("se.fq"), "", ""});
  o.out_path = fx.dir.file("se.sam");
  o.mem = default_align_options();
  parse_bwa_options(bwa_opts, o.mem);
  ThreadPool pool(2);
  Logger log("test", LogLevel::Error);
  run_align_job(o, index, find, pool, log);
  return test::read_file(o.out_path);
}

TEST(AlignOutJob, SupplementaryAndSecondary) {
  const Fixture fx;
  const std::string chim = fx.ref.substr(1000, 60) + fx.ref.substr(4000, 40);
  const std::string rep = fx.ref.substr(2000, 100);
  const std::string fq = "@chim\n" + chim + "\n+\n" + std::string(100, 'A') + "\n@rep\n" + rep + "\n+\n" +
                         std::string(100, 'B') + "\n";
  const RegionFinder find = [&](const MemOptions&, const reference::ReferenceIndex&, std::span<const std::uint8_t> r) {
    std::vector<AlnReg> out(2);
    out[0].rid = out[1].rid = 0;
    std::string key;
    for (const std::uint8_t c : r) key.push_back(static_cast<char>('0' + c));
    if (key == codes(chim)) {
      out[0].qb = 0, out[0].qe = 60, out[0].rb = 1000, out[0].re = 1060, out[0].score = out[0].truesc = 60;
      out[1].qb = 60, out[1].qe = 100, out[1].rb = 4000, out[1].re = 4040, out[1].score = out[1].truesc = 40;
    } else {  // the repeat: the same 100 bases scored at two places
      out[0].qb = 0, out[0].qe = 100, out[0].rb = 2000, out[0].re = 2100, out[0].score = out[0].truesc = 100;
      out[1].qb = 0, out[1].qe = 100, out[1].rb = 3000, out[1].re = 3100, out[1].score = out[1].truesc = 85;
    }
    out[0].w = out[1].w = 100;
    return out;
  };
  for (const bool soft : {true, false}) {
    const auto recs = records(run_se(fx, fq, find, soft ? "-Y" : ""));
    ASSERT_EQ(recs.size(), 3u);
    EXPECT_EQ(recs[0][1], "0");
    EXPECT_EQ(recs[0][5], "60M40S");
    EXPECT_TRUE(has(recs[0], "SA:Z:chr1,4001,+,60S40M,60,0;"));
    EXPECT_EQ(recs[1][1], "2048");
    EXPECT_EQ(recs[1][3], "4001");
    EXPECT_EQ(recs[1][5], soft ? "60S40M" : "60H40M");
    EXPECT_EQ(recs[1][9].size(), soft ? 100u : 40u);
    EXPECT_TRUE(has(recs[1], "SA:Z:chr1,1001,+,60M40S,60,0;"));
    EXPECT_EQ(recs[2][0], "rep");
    EXPECT_EQ(recs[2][3], "2001");
    EXPECT_TRUE(has(recs[2], "XS:i:85"));
    // The second hit is at unrelated bases: its XA entry has the CIGAR and NM of the global
    // alignment there (a leading deletion squeezed out moves its position past 3001).
    bool xa = false;
    for (const auto& f : recs[2]) xa |= f.rfind("XA:Z:chr1,+30", 0) == 0 && f.back() == ';' && f.find(",75;") != std::string::npos;
    EXPECT_TRUE(xa);
    EXPECT_EQ(recs[2][4], "38");  // MAPQ from sub 85: 6.02 * 15 * (3 / ln 100)^2, rounded
  }
}

TEST(AlignOutOptions, BwaSyntax) {
  MemOptions o = default_align_options();
  parse_bwa_options("-k 25 -w50 -A2 -O 5,7 -E1 -L 3 -T 20 -M -Y -K 5000", o);
  EXPECT_EQ(o.min_seed_len, 25);
  EXPECT_EQ(o.w, 50);
  EXPECT_EQ(o.a, 2);
  EXPECT_EQ(o.b, 8);  // scaled with -A
  EXPECT_EQ(o.o_del, 5);
  EXPECT_EQ(o.o_ins, 7);
  EXPECT_EQ(o.e_del, 1);
  EXPECT_EQ(o.pen_clip5, 3);
  EXPECT_EQ(o.T, 20);
  EXPECT_EQ(o.pen_unpaired, 34);
  EXPECT_EQ(o.zdrop, 200);
  EXPECT_EQ(o.chunk_size, 5000);
  EXPECT_TRUE(o.flag & kMemFNoMulti);
  EXPECT_TRUE(o.flag & kMemFSoftclip);
  EXPECT_EQ(o.mat[0], 2);
  EXPECT_EQ(o.mat[1], -8);
  for (const char* bad : {"-t 4", "-p", "-k", "-k x", "Y", "-R @RG"}) {
    MemOptions x = default_align_options();
    try {
      parse_bwa_options(bad, x);
      ADD_FAILURE() << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Usage) << bad;
    }
  }
}

TEST(AlignOutPrimary, HashTieBreakAndMapq) {
  MemOptions o = default_align_options();
  std::vector<AlnReg> r(3);
  for (int i = 0; i < 3; ++i) r[i].qb = 0, r[i].qe = 100, r[i].rb = 1000 * i, r[i].re = 1000 * i + 100, r[i].score = 100;
  r[2].score = 90;
  const int n = mark_primary_se(o, r, 12345);
  EXPECT_EQ(n, 3);
  // Equal scores are ordered by hash_64(id + original index).
  const bool first_is_0 = hash_64(12345) < hash_64(12346);
  EXPECT_EQ(r[0].rb, first_is_0 ? 0 : 1000);
  EXPECT_EQ(r[1].secondary, 0);
  EXPECT_EQ(r[2].secondary, 0);
  EXPECT_EQ(r[0].sub, 100);
  EXPECT_EQ(r[0].sub_n, 1);
  EXPECT_EQ(approx_mapq_se(o, r[0]), 0);
  AlnReg u;
  u.qb = 0, u.qe = 100, u.rb = 0, u.re = 100, u.score = 100;
  EXPECT_EQ(approx_mapq_se(o, u), 60);
  u.sub = 95;  // 6.02 * (100-95) * ((3/ln 100) * identity^2)^2 with identity 1 -> 13
  EXPECT_EQ(approx_mapq_se(o, u), 13);
}

TEST(AlignOutPestat, PercentilesAndBounds) {
  MemOptions o = default_align_options();
  const std::int64_t l_pac = 1000000;
  std::vector<std::vector<AlnReg>> regs;
  for (int i = 0; i < 100; ++i) {
    AlnReg a, b;
    a.rid = b.rid = 0, a.qe = b.qe = 100, a.score = b.score = 100;
    a.rb = 1000 + i * 10;
    const int isize = 300 + (i % 21) - 10;  // 290..310
    b.rb = 2 * l_pac - (a.rb + isize);      // reverse strand mate
    regs.push_back({a});
    regs.push_back({b});
  }
  const PeStats pes = pestat(o, l_pac, regs, nullptr);
  EXPECT_TRUE(pes[0].failed);
  EXPECT_FALSE(pes[1].failed);
  EXPECT_TRUE(pes[2].failed);
  EXPECT_TRUE(pes[3].failed);
  EXPECT_NEAR(pes[1].avg, 300, 1.5);
  EXPECT_LT(pes[1].low, 290);
  EXPECT_GT(pes[1].high, 310);
}

}  // namespace
}  // namespace helicase::align
