// fastq_job.hpp -- the helicase-fastq job: read lanes, count QC statistics, write uBAM.
//
// A reader thread parses and validates batches (decompression runs ahead on its own
// threads) into a bounded queue; the calling thread counts QC statistics with the QC
// kernel on the chosen backend and writes the optional unaligned BAM. Outputs are atomic.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/log.hpp"
#include "common/options.hpp"
#include "fastq/batch_reader.hpp"
#include "fastq/qc_report.hpp"
#include "runtime/backend.hpp"

namespace helicase::fastq {

struct FastqJobOptions {
  std::vector<FastqLane> lanes;
  ReadGroupOptions read_group;
  std::string out_metrics;  // JSON; "" for none
  std::string out_bam;      // unaligned BAM; "" for none
  std::string pg_line;      // @PG line for the BAM header
  std::string version;
  BatchReaderOptions reader;
  bool progress = true;
};

// Runs the job and returns the counts (also rendered to the metrics file when asked).
QcRun run_fastq_job(const FastqJobOptions& options, const Backend& backend, Logger& log);

}  // namespace helicase::fastq
