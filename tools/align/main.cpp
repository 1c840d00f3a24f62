// helicase-align -- BWA-MEM alignment of FASTQ lanes, identical to `bwa mem -K 100000000 -Y`
// records (with the same read group), to SAM or BAM in input order.
#include <string>

#include "align/align_job.hpp"
#include "align/bwa_options.hpp"
#include "align/mem_regions.hpp"
#include "common/error.hpp"
#include "common/options.hpp"
#include "reference/reference_index.hpp"
#include "tool_main.hpp"

int main(int argc, char** argv) {
  using namespace helicase;
  FastqInputOptions inputs;
  align::AlignJobOptions job;
  std::string ref, prefix, bwa_options = "-Y -K 100000000";
  return run_tool(
      {"helicase-align", "Align FASTQ lanes with BWA-MEM (bwa mem 0.7.17 -K 100000000 -Y records) to SAM/BAM"}, argc,
      argv,
      [&](CLI::App& app) {
        add_ref(app, ref, true);
        add_index_prefix(app, prefix);
        add_fastq_inputs(app, inputs);
        add_read_group_options(app, job.read_group);
        add_out_bam(app, job.out_path, true)->description("Output BAM, or SAM when the name ends in .sam");
        app.add_option("--bwa-options", bwa_options,
                       "bwa mem options replacing the default (Best Practices) \"-Y -K 100000000\"; bwa's defaults "
                       "otherwise, with -K 100000000. Supported: -k -w -d -r -c -A -B -O -E -L -U -T -M -Y -K")
            ->capture_default_str();
        app.add_option("--work-chunk", job.work_chunk, "Reads or pairs per parallel work item (output unchanged)")
            ->check(CLI::PositiveNumber)
            ->group("");
      },
      [&](ToolContext& ctx) {
        job.lanes = inputs.lanes();
        if (job.lanes.empty()) fail_usage("no input: give --in-fq R1 R2 or --in-se-fq R");
        job.mem = align::default_align_options();
        align::parse_bwa_options(bwa_options, job.mem);
        job.pg_line = ctx.pg_line();
        job.progress = ctx.progress_enabled();
        const Backend& backend = ctx.backend();
        if (backend.is_gpu()) ctx.log().info("alignment runs on the CPU threads in this version (GPU kernels: tests only)");
        const reference::ReferenceIndex index = reference::ReferenceIndex::load(prefix.empty() ? ref : prefix);
        reference::check_index_matches_fasta(index, ref, ctx.pool());
        const align::AlignRunStats stats = run_align_job(job, index, &align::find_regions, ctx.pool(), ctx.log());
        ctx.log().info("aligned " + std::to_string(stats.fragments) + " reads/pairs in " +
                       std::to_string(stats.batches) + " batches; " + std::to_string(stats.records) + " records");
        return 0;
      });
}
