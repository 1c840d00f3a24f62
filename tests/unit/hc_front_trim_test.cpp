// hc_front_trim_test.cpp -- the tandem-repeat length AssemblyRegionTrimmer pads indels with
// (TandemRepeat.getNumTandemRepeatUnits -> GATKVariantContextUtils), worked by hand: leading
// copies of the unit in allele + reference context, the context ending at the region's padded
// span, and no STR padding (0) when either allele holds no copy.
#include <gtest/gtest.h>

#include "haplotypecaller/region_builder.hpp"

namespace helicase::hc {
namespace {

TEST(HcFrontTrim, LongestTandemRepeatFollowsGetNumTandemRepeatUnits) {
  //                      0123456789
  const std::string ref = "CCGTTTACCC";
  const std::int64_t end = static_cast<std::int64_t>(ref.size());
  // GTT>G at 2: unit T; ref TT+TTTACCC has 5 leading T (3 beyond the allele's 2), alt TTTACCC 3
  // (1): max(3, 1) = 3.
  EXPECT_EQ(longest_tandem_repeat({2, "GTT", "G"}, ref, 0, end), 3);
  // The same with the context cut at 5 (TT): ref 4 - 2 = 2, alt 2 - 2 = 0: no repeat.
  EXPECT_EQ(longest_tandem_repeat({2, "GTT", "G"}, ref, 0, 5), 0);
  // G>GA at 2: the context TTTACCC does not start with A: no repeat (not 1).
  EXPECT_EQ(longest_tandem_repeat({2, "G", "GA"}, ref, 0, end), 0);
  // T>TTT at 3: context TTACCC, ref 2 T, alt TT+TTACCC 4 T.
  EXPECT_EQ(longest_tandem_repeat({3, "T", "TTT"}, ref, 0, end), 4);
  // GTTT>G at 2 removes the whole run: alt count 0, no repeat.
  EXPECT_EQ(longest_tandem_repeat({2, "GTTT", "G"}, ref, 0, end), 0);
  // A reference slice starting at 100: same answers.
  EXPECT_EQ(longest_tandem_repeat({102, "GTT", "G"}, ref, 100, 100 + end), 3);
  // Dinucleotide: CACA inserted after G in GCACACT: unit CA, ref 2 copies, alt 4 -> 4 * 2.
  EXPECT_EQ(longest_tandem_repeat({0, "G", "GCACA"}, "GCACACT", 0, 7), 8);
  // SNPs and MNPs have no repeat.
  EXPECT_EQ(longest_tandem_repeat({2, "G", "T"}, ref, 0, end), 0);
}

}  // namespace
}  // namespace helicase::hc
