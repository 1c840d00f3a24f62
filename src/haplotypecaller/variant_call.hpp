// variant_call.hpp -- one called site, ready for the VCF writer (single sample).
//
// Values are kept as GATK 4.6.2.0 formats them: INFO values are final strings in the order the
// VCF line lists them (alphabetical keys, as GATK's output shows), except QD when it needs
// GATK's random jitter (QD >= 35): then qd_raw holds QD and the writer calls
// finalize_qd() with the run's java.util.Random in genomic order (see vcf_writer.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace helicase::hc {

struct VariantCall {
  std::int32_t tid = -1;
  std::string contig;
  std::int64_t pos = 0;                              // 0-based position of REF's first base
  std::vector<std::string> alleles;                  // [0] = REF
  double qual = 0.0;                                 // -10 log10 P(no variant)
  std::vector<std::pair<std::string, std::string>> info;  // key, formatted value ("" for a flag)
  // FORMAT of the one sample (GT:AD:DP:GQ:PL); -1 / empty = missing.
  std::vector<int> gt;                               // allele indices, -1 = no call ('.')
  std::vector<int> ad;
  int dp = -1;
  int gq = -1;
  std::vector<int> pl;
  bool qd_needs_jitter = false;                      // QD >= 35: value drawn at write time
  double qd_raw = 0.0;
};

}  // namespace helicase::hc
