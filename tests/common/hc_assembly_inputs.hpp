// hc_assembly_inputs.hpp -- small inputs for the HaplotypeCaller assembly unit tests: random
// bases and error-free reads (Q30, one M operation) cut from a haplotype.
#pragma once

#include <htslib/sam.h>

#include <cstdint>
#include <random>
#include <string>

#include "haplotypecaller/assembled_region.hpp"

namespace helicase::test {

inline std::string random_bases(std::mt19937& rng, int n) {
  const char* acgt = "ACGT";
  std::string s;
  for (int i = 0; i < n; ++i) s.push_back(acgt[rng() % 4]);
  return s;
}

// A read with these bases aligned without indels at pos.
inline hc::RegionRead perfect_read(const std::string& bases, std::int64_t pos) {
  hc::RegionRead r;
  r.bases = bases;
  r.quals.assign(r.bases.size(), 30);
  r.pos = pos;
  r.cigar = {bam_cigar_gen(static_cast<std::uint32_t>(r.bases.size()), BAM_CMATCH)};
  return r;
}

}  // namespace helicase::test
