// helicase-applybqsr -- GATK ApplyBQSR: recalibrate base qualities with a BQSR table.
#include "bqsr/apply_job.hpp"
#include "common/error.hpp"
#include "common/options.hpp"
#include "tool_main.hpp"

int main(int argc, char** argv) {
  using namespace helicase;
  bqsr::ApplyJobOptions job;
  std::string out_alias, index_flag = "true";
  CLI::Option* out_opt = nullptr;
  CLI::Option* quantize_opt = nullptr;
  return run_tool(
      {"helicase-applybqsr", "Apply a base quality recalibration table to a BAM (GATK ApplyBQSR)"}, argc, argv,
      [&](CLI::App& app) {
        add_in_bam(app, job.in_bam, true);
        out_opt = add_out_bam(app, job.out_bam, false);
        app.add_option("-O,--output", out_alias, "Alias of --out-bam (GATK)")->excludes(out_opt);
        add_in_recal_file(app, job.recal_file, true);
        add_ref(app, job.reference, false)->description("Reference FASTA (needed only for CRAM)");
        add_interval_options(app, job.intervals);
        app.add_flag("--use-original-qualities", job.use_original_quals, "Use the base qualities of the OQ tag (-OQ)");
        app.add_flag("--emit-original-quals", job.emit_original_quals, "Write the input qualities to an OQ tag");
        quantize_opt = app.add_option("--quantize-quals", job.args.quantize_levels,
                                      "Quantize to N levels (0: no quantization, -1: the table's quantization)");
        app.add_option("--static-quantized-quals", job.args.static_quals, "Static quantized qualities; repeatable")
            ->check(CLI::Range(0, 93))
            ->excludes(quantize_opt);
        app.add_flag("--round-down-quantized", job.args.round_down, "Round down to the nearest static quantized quality")
            ->excludes(quantize_opt);
        app.add_option("--preserve-qscores-less-than", job.args.preserve, "Leave qualities below this unchanged (default 6)")
            ->check(CLI::Range(0, 255));
        app.add_option("--global-qscore-prior", job.args.global_prior, "Global quality prior (default: the table's)");
        app.add_flag("--allow-missing-read-group", job.allow_missing_read_group,
                     "Pass reads of read groups absent from the table through the quantization");
        app.add_option("--create-output-bam-index", index_flag, "Write <out>.bai (default true)")
            ->check(CLI::IsMember({"true", "false"}));
      },
      [&](ToolContext& ctx) {
        if (!out_alias.empty()) job.out_bam = out_alias;
        if (job.out_bam.empty()) fail_usage("--out-bam is required (see helicase-applybqsr --help)");
        job.create_index = index_flag == "true";
        job.pg_line = ctx.pg_line();
        job.progress = ctx.progress_enabled();
        bqsr::run_apply_job(job, ctx.backend(), ctx.log());
        return 0;
      });
}
