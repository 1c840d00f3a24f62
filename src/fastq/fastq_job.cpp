// fastq_job.cpp -- reader thread -> QC kernel + unaligned BAM writer.
#include "fastq/fastq_job.hpp"

#include <fstream>

#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "common/progress.hpp"
#include "fastq/prefetched_batches.hpp"
#include "fastq/ubam.hpp"
#include "io/read_group.hpp"

namespace helicase::fastq {
namespace {

kernels::QcBatchView qc_view(const io::ReadSet& reads) {
  return kernels::QcBatchView{reads.bases_data(), reads.quals_data(), reads.seq_offsets_data(), reads.size()};
}

std::vector<io::ReadGroup> lane_read_groups(const FastqJobOptions& o, ThreadPool& pool) {
  std::vector<io::ReadGroup> out;
  for (std::size_t i = 0; i < o.lanes.size(); ++i) {
    const FastqLane& lane = o.lanes[i];
    if (!lane.read_group.empty()) {
      out.push_back(io::parse_read_group_line(lane.read_group));
    } else {
      out.push_back(io::build_read_group(o.read_group, i, FastqBatchReader::peek_first_name(lane, pool)));
    }
  }
  return out;
}

}  // namespace

QcRun run_fastq_job(const FastqJobOptions& o, const Backend& backend, Logger& log) {
  ThreadPool& pool = backend.pool();
  QcRun run;
  run.tool_version = o.version;
  run.lanes = o.lanes;
  bool any_paired = false;
  for (const auto& l : o.lanes) any_paired |= l.paired();
  run.mates.push_back(MateQc{"read1", {}});
  if (any_paired) run.mates.push_back(MateQc{"read2", {}});

  // Inputs are checked before outputs are created, so a typo costs no temporary files.
  for (const auto& l : o.lanes) {
    for (const std::string* f : {&l.r1, &l.r2}) {
      if (!f->empty() && *f != "-") require_readable(*f);
    }
  }
  const std::vector<io::ReadGroup> groups = lane_read_groups(o, pool);
  for (const auto& g : groups) run.read_groups.push_back(g.header_line());

  std::unique_ptr<AtomicOutput> metrics_out;
  if (!o.out_metrics.empty()) metrics_out = std::make_unique<AtomicOutput>(o.out_metrics);
  std::unique_ptr<UnalignedBamWriter> bam;
  if (!o.out_bam.empty()) bam = std::make_unique<UnalignedBamWriter>(o.out_bam, groups, o.pg_line, pool.size());

  FastqBatchReader reader(o.lanes, pool, o.reader);
  PrefetchedBatches batches(reader, 2);

  kernels::ReadQcCounter counter(backend);
  Progress progress(log, "reading FASTQ", "B", reader.raw_bytes_total(), o.progress);
  io::ReadBatch batch;
  while (batches.next(batch)) {
    counter.add_batch(qc_view(batch.mate[0]), run.mates[0].counts);
    if (batch.paired) counter.add_batch(qc_view(batch.mate[1]), run.mates[1].counts);
    if (bam) bam->write(batch);
    ++run.batches;
    progress.update(reader.raw_bytes_read());
  }
  progress.update(reader.raw_bytes_read());
  progress.finish();

  if (bam) bam->close();
  if (metrics_out) {
    {
      std::ofstream out(metrics_out->temp_path());
      write_qc_json(out, run);
      out.flush();
      if (!out) fail_io("cannot write " + o.out_metrics + " (disk full?)");
    }
    metrics_out->commit();
  }
  return run;
}

}  // namespace helicase::fastq
