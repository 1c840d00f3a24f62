// qc_report.hpp -- turns QC counts into the JSON metrics file and the readable summary.
//
// Quality quartiles of a cycle are the smallest quality q whose cumulative count reaches
// 25%, 50% and 75% of the bases at that cycle (integer arithmetic, so exact). Percentages
// and means are printed with fixed decimals from integer counts, so the text is identical
// for any thread count or backend.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "common/options.hpp"
#include "qc/read_qc_launch.hpp"

namespace helicase::fastq {

struct MateQc {
  std::string label;  // "read1", "read2"
  kernels::QcCounts counts;
};

struct QcRun {
  std::string tool_version;
  std::vector<FastqLane> lanes;
  std::vector<std::string> read_groups;  // header lines, one per lane
  std::uint64_t batches = 0;
  std::vector<MateQc> mates;  // read1, and read2 when any lane is paired
};

// Smallest q with cumulative count >= num/den of total; -1 when total is 0.
int quality_quantile(const std::uint64_t* hist, int bins, std::uint64_t num, std::uint64_t den);

void write_qc_json(std::ostream& out, const QcRun& run);
void write_qc_text(std::ostream& out, const QcRun& run);

}  // namespace helicase::fastq
