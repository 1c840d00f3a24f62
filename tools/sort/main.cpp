// helicase-sort -- sort SAM/BAM/CRAM by coordinate or read name, as samtools sort 1.16 does.
#include <htslib/hts_log.h>

#include "common/error.hpp"
#include "common/options.hpp"
#include "helicase/build_info.hpp"
#include "sort/sort_job.hpp"
#include "tool_main.hpp"

namespace {

// The CL: field of the tool's @PG line (ToolContext::pg_line() ends with it).
std::string command_line_of(const std::string& pg_line) {
  const auto at = pg_line.find("\tCL:");
  return at == std::string::npos ? std::string() : pg_line.substr(at + 4);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace helicase;
  sort::SortJobOptions job;
  std::string order = "coordinate";
  bool no_index = false;
  bool no_pg = false;
  return run_tool(
      {"helicase-sort", "Sort alignments by coordinate or read name (samtools sort order), with an index"}, argc,
      argv,
      [&](CLI::App& app) {
        add_in_bam(app, job.in, true);
        add_out_bam(app, job.out, true);
        add_ref(app, job.reference, false)->description("Reference FASTA (needed for CRAM input or output)");
        app.add_option("--sort-order", order, "coordinate (default) or queryname")
            ->check(CLI::IsMember({"coordinate", "queryname"}));
        app.add_flag("--no-index", no_index, "Do not write an index beside a coordinate-sorted output");
        app.add_flag("--no-PG,--no-pg", no_pg, "Do not add a @PG line to the header (as samtools sort --no-PG)");
      },
      [&](ToolContext& ctx) {
        // HTSlib's own messages would add lines to ours; --verbose keeps its warnings.
        hts_set_log_level(ctx.common().verbose ? HTS_LOG_WARNING : HTS_LOG_OFF);
        job.order = sort::parse_sort_order(order);
        job.tmp_dir = ctx.common().tmp_dir;
        job.memory_limit = ctx.common().memory_limit.empty() ? sort::default_memory_limit()
                                                            : parse_size(ctx.common().memory_limit);
        job.threads = ctx.pool().size();
        job.write_index = !no_index;
        job.program = no_pg ? std::string() : ctx.tool();
        job.version = build::kVersion;
        job.command_line = command_line_of(ctx.pg_line());
        job.progress = ctx.progress_enabled();
        sort::SortJob sort_job(job, ctx.log());  // checks inputs and folders before anything else
        const sort::SortStats stats = sort_job.run(ctx.backend());
        ctx.log().info("wrote " + with_commas(stats.records) + " records to " + job.out +
                       (stats.runs ? " (merged from " + std::to_string(stats.runs) + " runs)" : std::string()) +
                       (stats.index_path.empty() ? std::string() : ", index " + stats.index_path));
        return 0;
      });
}
