// apply_job.hpp -- helicase-applybqsr: write a BAM with GATK ApplyBQSR's recalibrated qualities.
//
// Streams the input in batches of records, in file order. Each read that passes GATK's
// WellformedReadFilter (and overlaps -L, when given) is written with: its qualities replaced
// by OQ first with --use-original-qualities; an OQ tag holding the qualities it had when
// --emit-original-quals asks and it has none; BI and BD removed; and new qualities from the
// report (apply.hpp). Reads failing the filter are dropped, as GATK drops them. The output
// header is the input's plus a @PG line; a coordinate-sorted BAM/CRAM output gets an index
// (<out>.bai / .crai). Memory is bounded by the batch size.
#pragma once

#include <cstdint>
#include <string>

#include "bqsr/apply_model.hpp"
#include "common/log.hpp"
#include "common/options.hpp"
#include "runtime/backend.hpp"

namespace helicase::bqsr {

struct ApplyJobOptions {
  std::string in_bam, out_bam, recal_file, reference;
  bool use_original_quals = false;
  bool emit_original_quals = false;
  bool allow_missing_read_group = false;
  bool create_index = true;
  ApplyArgs args;
  IntervalOptions intervals;
  std::string pg_line;
  bool progress = true;
  std::size_t batch_reads = 50000;
};

struct ApplyJobStats {
  std::uint64_t reads_in = 0;
  std::uint64_t reads_written = 0;
};

ApplyJobStats run_apply_job(const ApplyJobOptions& opts, const Backend& backend, Logger& log);

}  // namespace helicase::bqsr
