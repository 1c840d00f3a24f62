// markdup_tags_test.cpp -- optional fields rewritten as htsjdk writes them after Picard's
// edits: ordered by binary tag code, DT removed, PG set / removed / kept.
#include <gtest/gtest.h>
#include <htslib/kstring.h>
#include <htslib/sam.h>

#include <memory>
#include <string>

#include "markdup/record_tags.hpp"

namespace helicase::markdup {
namespace {

struct Rec {
  std::unique_ptr<bam1_t, void (*)(bam1_t*)> b{bam_init1(), bam_destroy1};
  sam_hdr_t* h = sam_hdr_parse(22, "@SQ\tSN:c\tLN:1000\n");
  explicit Rec(const std::string& tags) {
    const std::string line = "r\t0\tc\t1\t60\t3M\t*\t0\t0\tACG\tIII" + (tags.empty() ? "" : "\t" + tags);
    kstring_t ks = KS_INITIALIZE;
    kputs(line.c_str(), &ks);
    EXPECT_GE(sam_parse1(&ks, h, b.get()), 0);
    ks_free(&ks);
  }
  ~Rec() { sam_hdr_destroy(h); }
  std::string tags() {
    kstring_t ks = KS_INITIALIZE;
    EXPECT_GE(sam_format1(h, b.get(), &ks), 0);
    std::string s(ks.s, ks.l);
    ks_free(&ks);
    for (int k = 0; k < 11; ++k) {
      const auto tab = s.find('\t');
      if (tab == std::string::npos) return "";
      s = s.substr(tab + 1);
    }
    return s;
  }
};

std::string rewrite(const std::string& tags, PgEdit edit, const std::string& pg = "") {
  Rec r(tags);
  TagScratch scratch;
  EXPECT_TRUE(rewrite_tags(r.b.get(), edit, pg, scratch));
  return r.tags();
}

TEST(RecordTags, SortedByHtsjdkTagCode) {
  // Second letter first: AS, XS (S) < MD (D)? 'D' < 'S': MD before AS.
  EXPECT_EQ(rewrite("NM:i:0\tMD:Z:3\tAS:i:3\tXS:i:0\tRG:Z:x", PgEdit::Keep), "MD:Z:3\tRG:Z:x\tNM:i:0\tAS:i:3\tXS:i:0");
}

TEST(RecordTags, PgSetReplacedOrRemovedAndDtCleared) {
  EXPECT_EQ(rewrite("RG:Z:x\tDT:Z:SQ", PgEdit::Set, "helicase-markdup"), "PG:Z:helicase-markdup\tRG:Z:x");
  EXPECT_EQ(rewrite("PG:Z:bwa\tRG:Z:x", PgEdit::Set, "hm.1"), "PG:Z:hm.1\tRG:Z:x");
  EXPECT_EQ(rewrite("PG:Z:bwa\tRG:Z:x", PgEdit::Remove), "RG:Z:x");
  EXPECT_EQ(rewrite("RG:Z:x\tPG:Z:bwa", PgEdit::Keep), "PG:Z:bwa\tRG:Z:x");
  EXPECT_EQ(rewrite("", PgEdit::Set, "p"), "PG:Z:p");
  EXPECT_EQ(rewrite("DT:Z:LB", PgEdit::Keep), "");
  // Arrays and other types are carried byte for byte.
  EXPECT_EQ(rewrite("ZB:B:s,1,-2,3\tXF:f:1.5\tXA:A:c\tXH:H:1AE3", PgEdit::Keep),
            "XA:A:c\tZB:B:s,1,-2,3\tXF:f:1.5\tXH:H:1AE3");
}

TEST(RecordTags, RepeatedTagsAsHtsjdkReadsThem) {
  // A repeat replaces the earlier value in place.
  EXPECT_EQ(rewrite("XS:i:1\tAS:i:2\tXS:i:3", PgEdit::Keep), "AS:i:2\tXS:i:3");
  // A repeat of the last (tail) tag detaches it, and a later larger tag is lost (htsjdk bug).
  EXPECT_EQ(rewrite("AS:i:1\tAS:i:2\tXS:i:3", PgEdit::Keep), "AS:i:2");
}

TEST(RecordTags, GrowsTheRecord) {
  Rec r("RG:Z:x");
  TagScratch scratch;
  const std::string long_id(5000, 'p');
  ASSERT_TRUE(rewrite_tags(r.b.get(), PgEdit::Set, long_id, scratch));
  EXPECT_EQ(r.tags(), "PG:Z:" + long_id + "\tRG:Z:x");
  EXPECT_STREQ(bam_get_qname(r.b.get()), "r");
}

}  // namespace
}  // namespace helicase::markdup
