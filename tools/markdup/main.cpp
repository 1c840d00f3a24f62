// helicase-markdup -- mark duplicate reads and write duplication metrics, as Picard MarkDuplicates.
#include <map>

#include "common/options.hpp"
#include "helicase/build_info.hpp"
#include "markdup/markdup_job.hpp"
#include "tool_main.hpp"

int main(int argc, char** argv) {
  using namespace helicase;
  markdup::MarkdupOptions o;
  std::string scoring = "SUM_OF_BASE_QUALITIES";
  std::string assume;
  bool no_pg_tag = false;
  return run_tool(
      {"helicase-markdup", "Mark duplicate reads (Picard MarkDuplicates 2.27.5) and write duplication metrics"}, argc,
      argv,
      [&](CLI::App& app) {
        add_in_bam(app, o.in_bam, true);
        add_out_bam(app, o.out_bam, true);
        add_ref(app, o.reference, false)->description("Reference FASTA, for CRAM input or output");
        add_out_duplicate_metrics(app, o.out_metrics, true)->description("Duplication metrics (Picard's format)");
        app.add_option("--optical-duplicate-pixel-distance", o.optical_pixel_distance,
                       "Maximum x and y distance between optical duplicates (default 100; 2500 for patterned flow cells)");
        app.add_option("--read-name-regex", o.read_name_regex,
                       "Regex capturing tile, x and y from read names (default: the last three ':' fields; "
                       "'null' turns optical detection off)");
        app.add_option("--duplicate-scoring-strategy", scoring,
                       "SUM_OF_BASE_QUALITIES (default), TOTAL_MAPPED_REFERENCE_LENGTH or RANDOM")
            ->check(CLI::IsMember({"SUM_OF_BASE_QUALITIES", "TOTAL_MAPPED_REFERENCE_LENGTH", "RANDOM"}));
        app.add_option("--assume-sort-order", assume,
                       "Input order regardless of the header: coordinate or queryname (grouped by name)")
            ->check(CLI::IsMember({"coordinate", "queryname"}));
        app.add_option("--max-optical-duplicate-set-size", o.max_optical_set_size,
                       "Larger duplicate sets are not checked for optical duplicates (default 300000)");
        app.add_option("--compression-level", o.compression_level, "BAM compression level 0-9 (default 5, as Picard)")
            ->check(CLI::Range(0, 9));
        app.add_option("--batch-records", o.batch_records, "Records per read-end kernel batch (default 100000)")
            ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 26));
        app.add_flag("--remove-duplicates", o.remove_duplicates, "Do not write duplicates");
        app.add_flag("--no-pg-tag", no_pg_tag, "Do not set the PG tag of each record to the new @PG line");
      },
      [&](ToolContext& ctx) {
        static const std::map<std::string, kernels::DuplicateScoring> kScoring = {
            {"SUM_OF_BASE_QUALITIES", kernels::DuplicateScoring::SumOfBaseQualities},
            {"TOTAL_MAPPED_REFERENCE_LENGTH", kernels::DuplicateScoring::TotalMappedReferenceLength},
            {"RANDOM", kernels::DuplicateScoring::Random}};
        o.scoring = kScoring.at(scoring);
        if (assume == "coordinate") o.assume_sort_order = markdup::InputOrder::Coordinate;
        if (assume == "queryname") o.assume_sort_order = markdup::InputOrder::Queryname;
        o.add_pg_tag = !no_pg_tag;
        o.program_version = build::kVersion;
        const std::string pg = ctx.pg_line();
        const auto cl = pg.find("\tCL:");
        o.command_line = cl == std::string::npos ? ctx.tool() : pg.substr(cl + 4);
        o.progress = ctx.progress_enabled();
        markdup::run_markdup(o, ctx.backend(), ctx.log());
        return 0;
      });
}
