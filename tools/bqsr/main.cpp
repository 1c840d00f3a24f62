// helicase-bqsr -- GATK BaseRecalibrator: the base quality recalibration table.
#include "bqsr/recal_job.hpp"
#include "common/error.hpp"
#include "common/options.hpp"
#include "tool_main.hpp"

int main(int argc, char** argv) {
  using namespace helicase;
  bqsr::RecalJobOptions job;
  std::string out_alias;
  return run_tool(
      {"helicase-bqsr", "Compute a base quality recalibration table (GATK BaseRecalibrator)"}, argc, argv,
      [&](CLI::App& app) {
        add_ref(app, job.reference, true);
        add_in_bam(app, job.in_bam, true);
        add_known_sites(app, job.known_sites, true);
        auto* out = add_out_recal_file(app, job.out_recal, false);
        app.add_option("-O,--output", out_alias, "Alias of --out-recal-file (GATK)")->excludes(out);
        add_interval_options(app, job.intervals);
        app.add_flag("--enable-baq", job.enable_baq, "Compute BAQ to down-weight errors near indels (off in GATK 4)");
        app.add_option("--bqsr-baq-gap-open-penalty", job.baq_gap_open_penalty, "BAQ gap open penalty, Phred (default 40)")
            ->check(CLI::PositiveNumber);
        app.add_flag("--compute-indel-bqsr-tables", job.indel_tables, "Also tabulate insertions and deletions (-indels)");
        app.add_option("--mismatches-context-size", job.args.mismatches_context_size, "Context k-mer for mismatches (default 2)")
            ->check(CLI::Range(1, 13));
        app.add_option("--indels-context-size", job.args.indels_context_size, "Context k-mer for indels (default 3)")
            ->check(CLI::Range(1, 13));
        app.add_option("--low-quality-tail", job.args.low_quality_tail, "Tail qualities at or below this are masked in contexts (default 2)")
            ->check(CLI::Range(0, 127));
        app.add_option("--quantizing-levels", job.args.quantizing_levels, "Quantization levels in the table (default 16)")
            ->check(CLI::Range(1, 94));
        app.add_option("--maximum-cycle-value", job.args.maximum_cycle_value, "Largest cycle allowed (default 500)")
            ->check(CLI::Range(1, 16383));
        app.add_option("--preserve-qscores-less-than", job.preserve, "Skip bases below this quality (default 6)")
            ->check(CLI::Range(0, 127));
        app.add_flag("--use-original-qualities", job.use_original_quals, "Use the base qualities of the OQ tag (-OQ)");
      },
      [&](ToolContext& ctx) {
        if (!out_alias.empty()) job.out_recal = out_alias;
        if (job.out_recal.empty()) fail_usage("--out-recal-file is required (see helicase-bqsr --help)");
        job.progress = ctx.progress_enabled();
        bqsr::run_recal_job(job, ctx.backend(), ctx.log());
        return 0;
      });
}
