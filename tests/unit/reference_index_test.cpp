// reference_index_test.cpp -- helicase-index's build and the loader end to end in a temporary
// folder: the loaded index answers like a naive suffix array of the FASTA's text, the same
// bytes come from plain, gzip and BGZF input, outputs are all-or-nothing, and the loader
// refuses missing (exit 4), mismatched and damaged files (exit 3).
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "common/error.hpp"
#include "fmindex/fm_index.hpp"
#include "naive_suffix_array.hpp"
#include "reference/index_builder.hpp"
#include "reference/reference_index.hpp"
#include "test_util.hpp"

namespace helicase::reference {
namespace {

namespace fs = std::filesystem;

// A multi-contig FASTA with N runs, IUPAC codes, lower case and ragged last lines.
std::string make_fasta(unsigned seed, int contigs) {
  std::mt19937 rng(seed);
  std::string out;
  for (int c = 0; c < contigs; ++c) {
    out += ">ctg" + std::to_string(c) + (c % 2 ? " desc " + std::to_string(c) : "") + "\n";
    const std::size_t len = 50 + rng() % 700, width = 10 + rng() % 60;
    std::string seq;
    while (seq.size() < len) {
      const auto r = rng() % 100;
      if (r < 3) seq += std::string(1 + rng() % 30, 'N');
      else if (r < 5) seq += "RYKMSWBDHVn"[rng() % 11];
      else if (r < 20) seq += "acgt"[rng() & 3];
      else seq += "ACGT"[rng() & 3];
    }
    for (std::size_t i = 0; i < seq.size(); i += width) out += seq.substr(i, width) + "\n";
  }
  return out;
}

struct Built {
  test::TempDir dir;
  std::string fasta, prefix;
};

IndexBuildReport build(const std::string& fasta, const std::string& prefix, unsigned threads = 2) {
  ThreadPool pool(threads);
  Logger log("test", LogLevel::Error);
  return build_reference_index(IndexBuildOptions{fasta, prefix, SaIndexWidth::Auto}, pool, log);
}

ErrorKind kind_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.kind();
  }
  return ErrorKind::Internal;
}

TEST(ReferenceIndex, LoadedIndexAnswersLikeANaiveSuffixArray) {
  test::TempDir dir;
  const std::string fa = dir.file("ref.fa");
  test::write_file(fa, make_fasta(3, 4));
  const IndexBuildReport r = build(fa, dir.file("idx"));
  EXPECT_EQ(r.contigs, 4u);
  const ReferenceIndex ix = ReferenceIndex::load(dir.file("idx"));
  ASSERT_EQ(ix.l_pac(), r.l_pac);
  std::vector<std::uint8_t> fwd(ix.l_pac());
  for (std::uint64_t i = 0; i < ix.l_pac(); ++i) fwd[i] = static_cast<std::uint8_t>(ix.text_base(i));
  const test::NaiveIndex naive(test::with_reverse_complement(fwd));
  const kernels::FmIndexView& v = ix.fm();
  ASSERT_EQ(v.seq_len, naive.n());
  EXPECT_EQ(v.primary, naive.row_of(0));
  for (std::uint64_t k = 0; k <= naive.n(); ++k) {
    ASSERT_EQ(kernels::fm_sa(v, k), naive.sa[k]) << k;
    for (int c = 0; c < 4; ++c) ASSERT_EQ(kernels::fm_occ(v, k, c), naive.occ(static_cast<std::int64_t>(k), c));
  }
  for (std::uint64_t p = ix.l_pac(); p < 2 * ix.l_pac(); ++p) ASSERT_EQ(ix.text_base(p), naive.text[p]);
  ThreadPool pool(2);
  EXPECT_EQ(verify_index_queries(ix, 500, pool), 500u);
  check_index_matches_fasta(ix, fa, pool);  // no .fai beside it: reads the FASTA
  EXPECT_FALSE(fs::exists(fa + ".fai"));    // --index-prefix: nothing beside the FASTA
  EXPECT_TRUE(fs::exists(dir.file("idx.fai")));
  EXPECT_TRUE(fs::exists(dir.file("idx.dict")));
}

TEST(ReferenceIndex, SameBytesFromPlainGzipAndBgzfAndAnyThreadCount) {
  test::TempDir dir;
  const std::string text = make_fasta(5, 6);
  test::write_file(dir.file("a.fa"), text);
  test::write_file(dir.file("b.fa.gz"), test::gzip_member(text));
  test::write_bgzf(dir.file("c.fa.gz"), text);
  build(dir.file("a.fa"), dir.file("a"), 1);
  build(dir.file("b.fa.gz"), dir.file("b"), 2);
  build(dir.file("c.fa.gz"), dir.file("c"), 3);
  for (const char* ext : {".ann", ".amb", ".pac", ".bwt", ".sa"}) {
    const std::string a = test::read_file(dir.file(std::string("a") + ext));
    EXPECT_FALSE(a.empty());
    EXPECT_EQ(a, test::read_file(dir.file(std::string("b") + ext))) << ext;
    EXPECT_EQ(a, test::read_file(dir.file(std::string("c") + ext))) << ext;
  }
  EXPECT_TRUE(fs::exists(dir.file("a.fai")));
  EXPECT_FALSE(fs::exists(dir.file("a.gzi")));
  EXPECT_FALSE(fs::exists(dir.file("b.fai")));  // plain gzip: samtools cannot index it either
  EXPECT_TRUE(fs::exists(dir.file("c.fai")));
  EXPECT_TRUE(fs::exists(dir.file("c.gzi")));
  // The .dict differs only in UR (the FASTA's path).
  const std::string da = test::read_file(dir.file("a.dict")), dc = test::read_file(dir.file("c.dict"));
  EXPECT_EQ(da.substr(0, da.find("\tUR:")), dc.substr(0, dc.find("\tUR:")));
}

TEST(ReferenceIndex, BadFastaLeavesNoFiles) {
  test::TempDir dir;
  const std::string fa = dir.file("bad.fa");
  test::write_file(fa, make_fasta(7, 3) + ">ctg1\nACGT\n");  // duplicate name at the end
  EXPECT_EQ(kind_of([&] { build(fa, dir.file("idx")); }), ErrorKind::BadData);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
  EXPECT_EQ(kind_of([&] { build(dir.file("missing.fa"), dir.file("idx")); }), ErrorKind::Io);
  EXPECT_EQ(kind_of([&] { build(fa, dir.file("no/such/dir/idx")); }), ErrorKind::Io);
}

TEST(ReferenceIndex, LoaderRefusesMissingMismatchedAndDamagedFiles) {
  test::TempDir dir;
  test::write_file(dir.file("x.fa"), make_fasta(11, 3));
  test::write_file(dir.file("y.fa"), make_fasta(12, 3));
  build(dir.file("x.fa"), dir.file("x"));
  build(dir.file("y.fa"), dir.file("y"));
  ThreadPool pool(2);
  auto copy_set = [&](const std::string& to) {
    for (const char* ext : {".ann", ".amb", ".pac", ".bwt", ".sa"}) {
      fs::copy_file(dir.file(std::string("x") + ext), dir.file(to + ext), fs::copy_options::overwrite_existing);
    }
  };
  auto load = [&](const std::string& p) { return [&dir, p] { ReferenceIndex::load(dir.file(p)); }; };

  copy_set("m");
  fs::remove(dir.file("m.sa"));
  try {
    ReferenceIndex::load(dir.file("m"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Io);
    EXPECT_NE(std::string(e.what()).find("m.sa: no such file"), std::string::npos);
  }
  copy_set("m");
  fs::copy_file(dir.file("y.bwt"), dir.file("m.bwt"), fs::copy_options::overwrite_existing);
  EXPECT_EQ(kind_of(load("m")), ErrorKind::BadData);
  copy_set("m");
  fs::copy_file(dir.file("y.sa"), dir.file("m.sa"), fs::copy_options::overwrite_existing);
  EXPECT_EQ(kind_of(load("m")), ErrorKind::BadData);
  copy_set("m");
  fs::copy_file(dir.file("y.amb"), dir.file("m.amb"), fs::copy_options::overwrite_existing);
  EXPECT_EQ(kind_of(load("m")), ErrorKind::BadData);
  copy_set("m");
  fs::resize_file(dir.file("m.pac"), fs::file_size(dir.file("m.pac")) - 1);
  EXPECT_EQ(kind_of(load("m")), ErrorKind::BadData);
  copy_set("m");
  fs::resize_file(dir.file("m.sa"), fs::file_size(dir.file("m.sa")) - 8);
  EXPECT_EQ(kind_of(load("m")), ErrorKind::BadData);

  // Damaged body bytes that keep the sizes: the query self-check catches them.
  copy_set("m");
  {
    std::string sa = test::read_file(dir.file("m.sa"));
    for (std::size_t i = 56; i < sa.size(); i += 8) sa[i] = static_cast<char>(sa[i] ^ 0x5);
    test::write_file(dir.file("m.sa"), sa);
  }
  EXPECT_EQ(kind_of([&] { verify_index_queries(ReferenceIndex::load(dir.file("m")), 200, pool); }),
            ErrorKind::BadData);

  copy_set("m");
  {
    std::string bwt = test::read_file(dir.file("m.bwt"));
    for (std::size_t i = 40 + 32; i + 32 < bwt.size(); i += 64) bwt[i + 5] = static_cast<char>(bwt[i + 5] ^ 0x66);
    test::write_file(dir.file("m.bwt"), bwt);
  }
  EXPECT_EQ(kind_of([&] { verify_index_queries(ReferenceIndex::load(dir.file("m")), 200, pool); }),
            ErrorKind::BadData);

  copy_set("m");
  {  // huge occurrence counts: rows past the end must be caught, not read
    std::string bwt = test::read_file(dir.file("m.bwt"));
    for (std::size_t i = 40 + 64; i + 64 < bwt.size(); i += 64) bwt[i + 6] = static_cast<char>(0x7f);
    test::write_file(dir.file("m.bwt"), bwt);
  }
  EXPECT_EQ(kind_of([&] { verify_index_queries(ReferenceIndex::load(dir.file("m")), 200, pool); }),
            ErrorKind::BadData);

  // An index of x does not belong to y.fa (names or lengths differ).
  const ReferenceIndex x = ReferenceIndex::load(dir.file("x"));
  EXPECT_EQ(kind_of([&] { check_index_matches_fasta(x, dir.file("y.fa"), pool); }), ErrorKind::BadData);
  check_index_matches_fasta(x, dir.file("x.fa"), pool);
}

}  // namespace
}  // namespace helicase::reference
