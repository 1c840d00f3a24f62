// recal_job.hpp -- helicase-bqsr: GATK BaseRecalibrator's recalibration table.
//
// Streams the input in batches (file order). A read is counted when it passes GATK's filters
// (MAPQ not 0/255, mapped, primary or supplementary, not duplicate, not QC-failed, well
// formed) and overlaps -L when given; it is then clipped (read_prep.hpp), its events,
// BAQ, skip mask and covariates computed by the per-read kernel (recal.hpp), and its bases
// added to the tables in read order (count.hpp). At the end RecalTable0 is collapsed from
// RecalTable1, values are rounded as GATK rounds them, the quantization is computed and the
// GATKReport is written. Contigs are matched by name between the reads, the reference and the
// known sites (exit 3 on a length mismatch, no shared contig, or a read or site on a contig
// the reference lacks); a read group without PL is exit 3 as in GATK.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bqsr/recal_tables.hpp"
#include "common/log.hpp"
#include "common/options.hpp"
#include "runtime/backend.hpp"

namespace helicase::bqsr {

struct RecalJobOptions {
  std::string in_bam, reference, out_recal;
  std::vector<std::string> known_sites;
  IntervalOptions intervals;
  RecalArgs args;
  int preserve = 6;
  bool use_original_quals = false;
  bool enable_baq = false;
  double baq_gap_open_penalty = 40.0;
  bool indel_tables = false;
  bool progress = true;
  std::size_t batch_reads = 10000;
};

struct RecalJobStats {
  std::uint64_t records = 0;
  std::uint64_t reads_counted = 0;  // GATK's "was able to recalibrate N reads"
};

RecalJobStats run_recal_job(const RecalJobOptions& opts, const Backend& backend, Logger& log);

}  // namespace helicase::bqsr
