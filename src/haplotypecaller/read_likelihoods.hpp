// read_likelihoods.hpp -- read x haplotype log10 likelihoods of an AssembledRegion, as GATK
// 4.6.2.0's PairHMMLikelihoodCalculationEngine.computeReadLikelihoods produces them.
//
// For each genotyping read (RegionRead::for_genotyping) the PairHMM inputs are prepared as
// modifyReadQualities does: PCR indel model CONSERVATIVE caps insertion/deletion GOPs by the
// tandem repeat at each base (findTandemRepeatUnits), base quals are capped by the MQ and
// those < 18 set to 6, GOPs < 6 set to 6, GCP 10. Every (read, haplotype) pair goes through
// the PairHMM kernel; each read's likelihoods are then floored at (its best) - 4.5
// (normalizeLikelihoods) and reads whose best is below min(2, ceil(0.02 * length)) * -4 are
// dropped (filterPoorlyModeledEvidence).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "haplotypecaller/assembled_region.hpp"
#include "pairhmm/pairhmm_launch.hpp"

namespace helicase::hc {

struct LikelihoodOptions {
  int gcp = 10;                        // --pair-hmm-gap-continuation-penalty
  int base_quality_threshold = 18;     // --base-quality-score-threshold
  double log10_mismapping = -4.5;      // --phred-scaled-global-read-mismapping-rate 45
  double pcr_rate_factor = 3.0;        // --pcr-indel-model CONSERVATIVE (0: NONE)
  double expected_error_rate = 0.02;   // per-base rate of the poorly-modeled read filter
  bool cap_quals_to_mapq = true;       // not --disable-cap-base-qualities-to-map-quality
};

// The PairHMM inputs of one read.
struct HmmRead {
  std::vector<std::uint8_t> quals, ins, del, gcp;
};
HmmRead prepare_hmm_read(const RegionRead& read, const LikelihoodOptions& opt);

// ReadLikelihoodCalculationEngine.findTandemRepeatUnits(bases, offset).getRight(): the number of
// repeat units (unit <= 8 bases) around offset, capped at 20.
int tandem_repeat_units(std::string_view bases, int offset);
// PairHMMLikelihoodCalculationEngine.getErrorModelAdjustedQual.
std::uint8_t pcr_adjusted_gop(int repeat_length, double rate_factor);

struct ReadLikelihoods {
  std::size_t n_haps = 0;
  std::vector<std::uint32_t> reads;    // kept reads: indices into AssembledRegion::reads, in order
  std::vector<double> log10;           // reads.size() x n_haps, row-major (normalised)
  // Reads removed as poorly modelled (filterPoorlyModeledEvidence) and their best likelihood,
  // kept for the region debug output.
  std::vector<std::uint32_t> dropped;
  std::vector<double> dropped_best;
  double at(std::size_t r, std::size_t h) const { return log10[r * n_haps + h]; }
};

// Likelihoods of every genotyping read of the region against every haplotype.
ReadLikelihoods compute_read_likelihoods(const AssembledRegion& region, kernels::pairhmm::PairHmmRunner& hmm,
                                         const LikelihoodOptions& opt = {});

// The haplotype each kept read is realigned to before genotyping
// (AssemblyBasedCallerUtils.realignReadsToTheirBestHaplotype: bestAllelesBreakingTies with
// HAPLOTYPE_ALIGNMENT_TIEBREAKING_PRIORITY = (is reference) + 1 - (number of CIGAR elements);
// among haplotypes within 0.2 of the best likelihood the highest priority wins).
// informative: the best beats the second by more than 0.2. One entry per lk.reads.
// AlignmentUtils.createReadAlignedToRef (Smith-Waterman of the read to that haplotype, then
// through the haplotype's CIGAR to the reference) belongs with the SW kernel of the front end;
// its results go to genotype_region() as `realigned`.
struct BestHaplotype {
  std::uint32_t hap = 0;
  bool informative = false;
};
std::vector<BestHaplotype> best_haplotypes_for_realignment(const AssembledRegion& region, const ReadLikelihoods& lk);

// The two post-processing steps, exposed for tests: floor at best + cap; poorly modeled test.
void normalize_read_likelihoods(double* row, std::size_t n, double log10_cap);
bool is_poorly_modeled(const double* row, std::size_t n, std::size_t read_length, double expected_error_rate);

}  // namespace helicase::hc
