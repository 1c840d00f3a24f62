// hc_job.hpp -- helicase-haplotypecaller end to end: BAM + reference -> VCF (GATK 4.6.2.0
// HaplotypeCaller, single sample, VCF mode).
//
// Contig by contig (the BAM's order), streaming: reads come in batches of whole start positions
// (hc_reads.hpp) into a window; the active regions of each traversal interval (locus_activity.hpp;
// no -L: every reference contig the BAM shares) are cut as far as the reads in settle, regions
// whose padded span is covered are built (region_builder.hpp) and their read likelihoods computed
// on worker threads in batches (results kept by region index), then genotyped in region order
// (UpstreamDeletions per contig), and reads no later locus or region can use are released. Only
// the calls are kept to the end and written in reference order through the back end's VcfWriter
// (.vcf or BGZF .vcf.gz + .tbi; atomic). The output does not depend on the thread count or on
// how the reads are batched. --debug-regions writes one line per region, haplotype and read.
#pragma once

#include <string>

#include "common/log.hpp"
#include "common/options.hpp"
#include "haplotypecaller/genotyping_engine.hpp"
#include "haplotypecaller/region_builder.hpp"
#include "runtime/backend.hpp"

namespace helicase::hc {

struct HaplotypeCallerJob {
  std::string reference, in_bam, out_vcf, recal_file, debug_regions;
  IntervalOptions intervals;
  CallerOptions caller;
  RegionBuildOptions regions;
  int max_reads_per_start = 50;
  std::string command_line;
  bool progress = true;
};

struct HaplotypeCallerStats {
  std::uint64_t reads = 0, filtered = 0, downsampled = 0, active_regions = 0, assembled_regions = 0, calls = 0;
  std::uint64_t peak_window = 0;  // most reads held at once (streaming window)
};

HaplotypeCallerStats run_haplotypecaller(const HaplotypeCallerJob& job, const Backend& backend, Logger& log);

}  // namespace helicase::hc
