// genotyping_engine.hpp -- from read x haplotype likelihoods to called sites, as GATK 4.6.2.0's
// HaplotypeCallerGenotypingEngine.assignGenotypeLikelihoods and GenotypingEngine.calculateGenotypes
// do it for one sample in VCF mode (EMIT_VARIANTS_ONLY).
//
// For every event start inside the active span: the events of all haplotypes overlapping it
// (first appearance order; events starting earlier become '*'), merged to one REF (the longest,
// shorter alleles padded with reference bases), an allele -> haplotypes map, alleles dropped by
// haplotype score when the genotype count would exceed --max-genotype-count, read x allele
// likelihoods by MAX over each allele's haplotypes, reads kept when they overlap the site
// +- --allele-informative-reads-overlap-margin, genotype likelihoods -> integer PLs, the allele
// frequency calculator (on the --max-alternate-alleles most likely alts when there are more), alleles kept when P(absent) < 10^(-conf/10), QUAL = -10 log10 P(no
// variant), sites below --stand-call-conf or monomorphic dropped, genotype by best PL (hom-ref
// with GQ < 1 is a no-call), GQ, MLEAC/MLEAF, annotations (annotations.hpp) and the reverse
// trim of alleles when some were dropped.
//
// How the tool drives the back end (one sample):
//   kernels::pairhmm::PairHmmRunner hmm(backend, use_pool); // per worker thread; use_pool =
//                                  false when regions already run on the ThreadPool
//   hc::UpstreamDeletions upstream;                      // one per contig, regions in order
//   auto calls = hc::call_region(region, options, hmm, upstream, realigned_or_null);
//   hc::VcfWriter out(path, header); hc::JavaRandom rng;  // rng shared with downsampling
//   for (call in genomic order) out.write(call, rng);  out.close();
// call_region = compute_read_likelihoods (read_likelihoods.hpp) + genotype_region.
//
// Known gap: GATK realigns each read to its best haplotype before genotyping
// (AssemblyBasedCallerUtils.realignReadsToTheirBestHaplotype); pass those alignments in
// `realigned` (same order as AssembledRegion::reads) when the front end has them, otherwise
// the reads' own alignments are used for the overlap test and the position-based annotations.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "haplotypecaller/assembled_region.hpp"
#include "haplotypecaller/hc_math.hpp"
#include "haplotypecaller/read_likelihoods.hpp"
#include "haplotypecaller/variant_call.hpp"
#include "pairhmm/pairhmm_launch.hpp"

namespace helicase::hc {

struct CallerOptions {
  int ploidy = 2;                              // --ploidy / -ploidy
  double stand_call_conf = 30.0;               // --stand-call-conf
  int max_alt_alleles = 6;                     // --max-alternate-alleles
  int max_genotype_count = 1024;               // --max-genotype-count
  int informative_read_overlap_margin = 2;     // --allele-informative-reads-overlap-margin
  AfPseudocounts pseudocounts = AfPseudocounts::from_heterozygosity();
  LikelihoodOptions likelihood;
};

// A read's alignment as genotyping sees it (0-based start, BAM-encoded CIGAR).
struct ReadAlignment {
  std::int64_t pos = 0;
  std::vector<std::uint32_t> cigar;
};

// GenotypingEngine.upstreamDeletionsLoc: deletions of emitted calls, which decide whether a
// later '*' allele is spurious. GATK keeps it across regions in genomic order: use one per
// contig stream, regions in order (or accept that a deletion spanning into the next region is
// not seen when regions are genotyped independently).
class UpstreamDeletions {
 public:
  // Drops deletions ending before pos (1-based GATK logic, here 0-based) on other contigs.
  void advance(std::int32_t tid, std::int64_t pos);
  void record(std::int32_t tid, std::int64_t pos, int deletion_size);
  bool covers(std::int32_t tid, std::int64_t pos) const;

 private:
  struct Del {
    std::int32_t tid;
    std::int64_t start, end;  // 0-based, inclusive end as GATK's [start, start + size]
  };
  std::deque<Del> dels_;
};

// Calls of one region from its likelihoods (compute_read_likelihoods). calls are in position
// order; QD may still need its jitter (VariantCall::qd_needs_jitter).
std::vector<VariantCall> genotype_region(const AssembledRegion& region, const ReadLikelihoods& lk, const CallerOptions& opt,
                                         UpstreamDeletions& upstream, const std::vector<ReadAlignment>* realigned = nullptr);

// The whole back end for one region: PairHMM likelihoods then genotype_region.
std::vector<VariantCall> call_region(const AssembledRegion& region, const CallerOptions& opt,
                                     kernels::pairhmm::PairHmmRunner& hmm, UpstreamDeletions& upstream,
                                     const std::vector<ReadAlignment>* realigned = nullptr);

// CIGAR helpers (BAM encoding) shared with the annotations.
std::int64_t cigar_ref_length(const std::vector<std::uint32_t>& cigar);

}  // namespace helicase::hc
