// helicase-fastq -- read, validate and QC FASTQ lanes; optionally write an unaligned BAM.
#include <iostream>

#include "common/options.hpp"
#include "fastq/fastq_job.hpp"
#include "helicase/build_info.hpp"
#include "tool_main.hpp"

int main(int argc, char** argv) {
  using namespace helicase;
  FastqInputOptions inputs;
  fastq::FastqJobOptions job;
  bool no_summary = false;
  return run_tool(
      {"helicase-fastq", "Read and validate FASTQ lanes; QC metrics and an optional unaligned BAM"}, argc, argv,
      [&](CLI::App& app) {
        add_fastq_inputs(app, inputs);
        add_read_group_options(app, job.read_group);
        app.add_option("--out-metrics", job.out_metrics, "Write QC metrics as JSON");
        add_out_bam(app, job.out_bam, false)->description("Write an unaligned BAM (like Picard FastqToSam)");
        app.add_option("--batch-bases", job.reader.batch_bases, "Bases per batch (default 10000000)")
            ->check(CLI::PositiveNumber);
        app.add_flag("--no-summary", no_summary, "Do not print the summary on stdout");
      },
      [&](ToolContext& ctx) {
        job.lanes = inputs.lanes();
        job.pg_line = ctx.pg_line();
        job.version = build::kVersion;
        job.progress = ctx.progress_enabled();
        const fastq::QcRun run = fastq::run_fastq_job(job, ctx.backend(), ctx.log());
        if (!no_summary) {
          fastq::write_qc_text(std::cout, run);
          std::cout.flush();
        }
        return 0;
      });
}
