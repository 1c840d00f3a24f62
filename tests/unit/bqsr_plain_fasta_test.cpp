// Reference::contig reads uncompressed FASTA through PlainFasta and everything else through
// HTSlib: both paths must give the same bases, and odd layouts must fall back, not misread.
#include <gtest/gtest.h>
#include <htslib/bgzf.h>
#include <htslib/faidx.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "bqsr/plain_fasta.hpp"
#include "bqsr/reference.hpp"
#include "common/error.hpp"

namespace helicase::bqsr {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    std::string t = (fs::temp_directory_path() / "plain_fasta.XXXXXX").string();
    path = ::mkdtemp(t.data());
  }
  ~TempDir() { fs::remove_all(path); }
};

std::string random_bases(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  const char alphabet[] = "ACGTacgtNRY";
  std::string s(n, 'A');
  for (auto& c : s) c = alphabet[rng() % 11];
  return s;
}

// Writes `seqs` wrapped at `width` with line end `eol`.
std::string write_fasta(const fs::path& p, const std::vector<std::pair<std::string, std::string>>& seqs,
                        std::size_t width, const std::string& eol, bool final_eol = true) {
  std::string text;
  for (std::size_t k = 0; k < seqs.size(); ++k) {
    text += ">" + seqs[k].first + " description" + eol;
    const std::string& s = seqs[k].second;
    for (std::size_t i = 0; i < s.size(); i += width) {
      text += s.substr(i, width);
      if (final_eol || k + 1 < seqs.size() || i + width < s.size()) text += eol;
    }
  }
  std::ofstream(p, std::ios::binary) << text;
  return p.string();
}

std::string htslib_fetch(const std::string& fasta, const std::string& name) {
  faidx_t* fai = fai_load(fasta.c_str());
  EXPECT_NE(fai, nullptr);
  hts_pos_t len = 0;
  char* s = faidx_fetch_seq64(fai, name.c_str(), 0, faidx_seq_len(fai, name.c_str()) - 1, &len);
  std::string out(s, static_cast<std::size_t>(len));
  std::free(s);
  fai_destroy(fai);
  return out;
}

TEST(PlainFasta, SameBasesAsHtslibForEveryWrapAndLineEnd) {
  TempDir dir;
  const std::vector<std::pair<std::string, std::string>> seqs = {
      {"a", random_bases(1000, 1)}, {"b", random_bases(61, 2)}, {"c", random_bases(60, 3)}, {"d", random_bases(1, 4)}};
  for (const std::string eol : {"\n", "\r\n"}) {
    for (const std::size_t width : {1u, 7u, 60u, 2000u}) {
      for (const bool final_eol : {true, false}) {
        const std::string fasta = write_fasta(dir.path / "r.fa", seqs, width, eol, final_eol);
        fs::remove(fasta + ".fai");
        Reference ref(fasta);  // builds the .fai
        PlainFasta plain(fasta, fasta + ".fai");
        ASSERT_TRUE(plain.usable());
        for (int t = 0; t < 4; ++t) {
          const auto& [name, bases] = seqs[static_cast<std::size_t>(t)];
          std::string got;
          ASSERT_TRUE(plain.fetch(name, static_cast<std::int64_t>(bases.size()), &got)) << name << " w" << width;
          EXPECT_EQ(got, bases);
          EXPECT_EQ(got, htslib_fetch(fasta, name));
        }
      }
    }
  }
}

TEST(PlainFasta, IrregularLinesFallBackToHtslib) {
  TempDir dir;
  const std::string fasta = (dir.path / "r.fa").string();
  std::ofstream(fasta) << ">x\nACGTACGT\nACGTACGT\nACG\n>y\nGGGG\n";
  Reference ref(fasta);  // .fai written for this layout
  // A shorter middle line than the .fai says: HTSlib's answer differs from a plain cut, and
  // PlainFasta must refuse rather than return the cut.
  std::ofstream(fasta) << ">x\nACGTACGT\nACGTACG\nACGT\n>y\nGGGG\n";
  PlainFasta plain(fasta, fasta + ".fai");
  std::string got;
  EXPECT_FALSE(plain.fetch("x", 19, &got));
  EXPECT_FALSE(plain.fetch("nope", 4, &got));
  EXPECT_FALSE(plain.fetch("y", 5, &got));  // length differs from the .fai
}

// A byte HTSlib skips (here a space where the .fai expects a base): the fast read is not
// trusted, HTSlib reads the contig, comes up one base short, and the contig is refused (exit 3)
// rather than returned with a bad base in it.
TEST(PlainFasta, NonGraphicalByteGoesToHtslib) {
  TempDir dir;
  const std::string fasta = (dir.path / "r.fa").string();
  std::ofstream(fasta) << ">x\nACGTACGT\nACGTACGT\nACG\n";
  { Reference build_fai(fasta); }
  std::ofstream(fasta) << ">x\nACGTACGT\nACG ACGT\nACG\n";
  std::string raw;
  ASSERT_TRUE(PlainFasta(fasta, fasta + ".fai").fetch("x", 19, &raw));  // the layout itself is regular
  Reference ref(fasta);
  EXPECT_THROW(ref.contig(0), Error);
}

TEST(PlainFasta, CompressedFastaIsLeftToHtslib) {
  TempDir dir;
  const std::string plain_path = write_fasta(dir.path / "r.fa", {{"z", random_bases(500, 9)}}, 60, "\n");
  const std::string gz = (dir.path / "r.fa.gz").string();
  {
    std::ifstream in(plain_path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    BGZF* out = bgzf_open(gz.c_str(), "w");
    ASSERT_NE(out, nullptr);
    ASSERT_EQ(bgzf_write(out, text.data(), text.size()), static_cast<ssize_t>(text.size()));
    ASSERT_EQ(bgzf_close(out), 0);
  }
  Reference ref(gz);
  EXPECT_FALSE(PlainFasta(gz, gz + ".fai").usable());
  const std::string want = htslib_fetch(plain_path, "z");
  std::string upper = want;
  for (auto& c : upper) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  for (auto& c : upper) c = (c == 'R' || c == 'Y') ? 'N' : c;
  EXPECT_EQ(*ref.contig(0), upper);
}

// Reference::contig upper-cases, turns IUPAC codes into N and other bytes into kBadRefBase,
// whether a 64-byte block is plain bases (left as is) or not (mapped byte by byte).
TEST(PlainFasta, ContigsAreNormalizedInPlainAndMixedBlocks) {
  TempDir dir;
  std::string bases;
  for (int i = 0; i < 640; ++i) bases.push_back("ACGTN"[i % 5]);
  bases += random_bases(200, 5);       // lower case and IUPAC codes
  bases += std::string(100, 'T') + "acgtRYKMSWBDHVn*." + std::string(70, 'G');
  const std::string fasta = write_fasta(dir.path / "n.fa", {{"n", bases}}, 61, "\n");
  Reference ref(fasta);
  std::string want = bases;
  for (auto& c : want) {
    const char u = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
    c = std::string("ACGTN").find(u) != std::string::npos ? u
        : std::string("RYMKWSBDHV").find(u) != std::string::npos ? 'N' : kBadRefBase;
  }
  EXPECT_EQ(*ref.contig(0), want);
}

}  // namespace
}  // namespace helicase::bqsr
