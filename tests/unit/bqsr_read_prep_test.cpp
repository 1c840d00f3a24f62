// bqsr_read_prep_test.cpp -- BaseRecalibrator's read transform: GATK's CigarBuilder rules, the
// adaptor boundary and the hard clipping of soft clips, on hand-made reads.
#include <gtest/gtest.h>

#include <htslib/sam.h>

#include <memory>
#include <string>

#include "bqsr/read_prep.hpp"

namespace helicase::bqsr {
namespace {

Cigar parse(const std::string& s) {
  Cigar c;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i;
    while (std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
    const int len = std::stoi(s.substr(i, j - i));
    const int op = static_cast<int>(std::string("MIDNSHP=X").find(s[j]));
    c.push_back({op, len});
    i = j + 1;
  }
  return c;
}

std::string text(const Cigar& c) {
  std::string s;
  for (const auto& e : c) s += std::to_string(e.len) + "MIDNSHP=X"[e.op];
  return s;
}

std::string consolidated(const std::string& in) {
  Cigar out;
  return consolidate_cigar(parse(in), out) ? text(out) : "rejected";
}

TEST(BqsrReadPrep, CigarBuilderRules) {
  EXPECT_EQ(consolidated("3M4M"), "7M");
  EXPECT_EQ(consolidated("10M0I10M"), "20M");
  EXPECT_EQ(consolidated("5S3D50M"), "5S50M");        // deletion after a clip dropped (start kept)
  EXPECT_EQ(consolidated("3D50M"), "50M");
  EXPECT_EQ(consolidated("50M3D"), "50M");
  EXPECT_EQ(consolidated("50M3D5S"), "50M5S");
  EXPECT_EQ(consolidated("10M2I3D10M"), "10M3D2I10M");  // deletions move before insertions
  EXPECT_EQ(consolidated("10M1D2I3D10M"), "10M4D2I10M");
  EXPECT_EQ(consolidated("10M2D2I"), "10M2I");
  EXPECT_EQ(consolidated("2I3D10M"), "2I10M");
  EXPECT_EQ(consolidated("5H5S10M5S5H"), "5H5S10M5S5H");
  EXPECT_EQ(consolidated("76S"), "rejected");         // completely soft-clipped
  EXPECT_EQ(consolidated("10M5H3S"), "rejected");      // soft clip after the right hard clip
  EXPECT_EQ(consolidated("10M5S3M"), "rejected");      // soft clip inside the alignment
}

struct Rec {
  std::unique_ptr<bam1_t, void (*)(bam1_t*)> b{bam_init1(), bam_destroy1};
};

Rec make(const std::string& cigar, std::int64_t pos1, std::uint16_t flag, std::int64_t mpos1, std::int64_t tlen) {
  Rec r;
  std::vector<std::uint32_t> cig;
  for (const auto& e : parse(cigar)) cig.push_back(static_cast<std::uint32_t>(e.len) << 4 | static_cast<std::uint32_t>(e.op));
  const auto len = bam_cigar2qlen(static_cast<int>(cig.size()), cig.data());
  const std::string seq(static_cast<std::size_t>(len), 'A');
  const std::string qual(static_cast<std::size_t>(len), 30);
  EXPECT_GE(bam_set1(r.b.get(), 1, "r", flag, 0, pos1 - 1, 60, cig.size(), cig.data(), 0, mpos1 - 1, tlen,
                     static_cast<std::size_t>(len), seq.data(), qual.data(), 0),
            0);
  return r;
}

struct Got {
  bool empty;
  std::int64_t start;
  std::string cigar;
  int lo, hi;
};
Got prep(const Rec& r) {
  const char* why = nullptr;
  const PreparedRead p = prepare_read(r.b.get(), &why);
  EXPECT_EQ(why, nullptr);
  return {p.empty, p.start, text(p.cigar), p.lo, p.hi};
}

constexpr std::uint16_t kFwdPaired = BAM_FPAIRED | BAM_FMREVERSE;
constexpr std::uint16_t kRevPaired = BAM_FPAIRED | BAM_FREVERSE;

TEST(BqsrReadPrep, SoftClipsBecomeHardClips) {
  const Got g = prep(make("5S40M5S", 100, 0, 0, 0));
  EXPECT_FALSE(g.empty);
  EXPECT_EQ(g.start, 100);
  EXPECT_EQ(g.cigar, "5H40M5H");
  EXPECT_EQ(g.lo, 5);
  EXPECT_EQ(g.hi, 45);
  EXPECT_EQ(prep(make("5S2I40M", 100, 0, 0, 0)).cigar, "5H2I40M");
}

TEST(BqsrReadPrep, AdaptorOfForwardReadClippedFromStartPlusInsertSize) {
  // Fragment of 30 bp: bases past 100 + 30 are adaptor.
  const Got g = prep(make("50M", 100, kFwdPaired, 110, 30));
  EXPECT_EQ(g.start, 100);
  EXPECT_EQ(g.cigar, "30M20H");
  EXPECT_EQ(g.lo, 0);
  EXPECT_EQ(g.hi, 30);
  // Boundary outside the read: nothing clipped.
  EXPECT_EQ(prep(make("50M", 100, kFwdPaired, 110, 300)).cigar, "50M");
  // Same strand as the mate, or no insert size: no adaptor boundary.
  EXPECT_EQ(prep(make("50M", 100, BAM_FPAIRED, 110, 30)).cigar, "50M");
  EXPECT_EQ(prep(make("50M", 100, kFwdPaired, 110, 0)).cigar, "50M");
}

TEST(BqsrReadPrep, AdaptorOfReverseReadClippedBeforeMateStart) {
  const Got g = prep(make("50M", 100, kRevPaired, 120, -70));
  EXPECT_EQ(g.start, 120);
  EXPECT_EQ(g.cigar, "20H30M");
  EXPECT_EQ(g.lo, 20);
  EXPECT_EQ(g.hi, 50);
  // A boundary inside a deletion keeps the base before it (stop pulled back by one).
  const Got d = prep(make("10M5D40M", 100, kRevPaired, 113, -60));
  EXPECT_EQ(d.cigar, "10H40M");
  EXPECT_EQ(d.start, 115);
  EXPECT_EQ(d.lo, 10);
}

TEST(BqsrReadPrep, ReadsLeftWithoutBasesAreEmpty) {
  EXPECT_TRUE(prep(make("10H20S", 100, 0, 0, 0)).empty);
  // A mate starting past the reverse read's end defines no adaptor: nothing is clipped.
  EXPECT_EQ(prep(make("50M", 100, kRevPaired, 200, -150)).cigar, "50M");
}

TEST(BqsrReadPrep, ReadIndexForReferenceCoordinate) {
  const Cigar c = parse("5H10M2D10M3I10M");
  EXPECT_EQ(read_index_for_reference(100, c, 99).offset, -1);
  EXPECT_EQ(read_index_for_reference(100, c, 100).offset, 0);
  const ReadIndex del = read_index_for_reference(100, c, 110);
  EXPECT_EQ(del.offset, 10);  // inside the deletion: the base after it
  EXPECT_EQ(del.op, BAM_CDEL);
  EXPECT_EQ(read_index_for_reference(100, c, 112).offset, 10);
  EXPECT_EQ(read_index_for_reference(100, c, 122).offset, 23);  // after the insertion
  EXPECT_EQ(read_index_for_reference(100, c, 132).offset, -1);
  EXPECT_EQ(reference_length(c), 32);
}

}  // namespace
}  // namespace helicase::bqsr
