// helicase-index -- BWA index (byte-identical to bwa index 0.7.17), .fai and .dict of a FASTA;
// with --check, loads an existing index and checks it instead of building one.
#include <cstdio>
#include <iostream>

#include "common/error.hpp"
#include "common/options.hpp"
#include "reference/index_builder.hpp"
#include "reference/reference_index.hpp"
#include "tool_main.hpp"

int main(int argc, char** argv) {
  using namespace helicase;
  reference::IndexBuildOptions build;
  bool check = false;
  std::uint64_t check_samples = 10000;
  return run_tool(
      {"helicase-index", "Build a BWA-compatible index (.ann .amb .pac .bwt .sa), .fai and .dict of a FASTA"}, argc,
      argv,
      [&](CLI::App& app) {
        add_ref(app, build.ref, true)->description("Reference FASTA: plain, gzip or BGZF");
        add_index_prefix(app, build.prefix)
            ->description("Index files are P.ann P.amb P.pac P.bwt P.sa P.fai (default P: the FASTA path)");
        app.add_flag("--check", check,
                     "Do not build: load the index at --index-prefix, check that its files belong together and "
                     "to --ref, and run query self-checks");
        app.add_option("--check-samples", check_samples, "Positions queried by --check (default 10000)")
            ->check(CLI::NonNegativeNumber);
      },
      [&](ToolContext& ctx) {
        if (check) {
          const std::string prefix = build.prefix.empty() ? build.ref : build.prefix;
          const reference::ReferenceIndex index = reference::ReferenceIndex::load(prefix);
          reference::check_index_matches_fasta(index, build.ref, ctx.pool());
          const std::uint64_t checked = reference::verify_index_queries(index, check_samples, ctx.pool());
          std::cout << "index " << prefix << ": " << index.bns().contigs.size() << " contigs, " << index.l_pac()
                    << " bases, " << index.bns().holes.size() << " ambiguous runs; matches " << build.ref << "; "
                    << checked << " query checks passed\n";
          return 0;
        }
        if (!ctx.common().memory_limit.empty()) build.memory_limit = parse_size(ctx.common().memory_limit);
        const reference::IndexBuildReport r = reference::build_reference_index(build, ctx.pool(), ctx.log());
        std::string files;
        for (const std::string& path : r.written) files += (files.empty() ? "" : " ") + path;
        char secs[32];
        std::snprintf(secs, sizeof secs, "%.1f", r.total_seconds);
        ctx.log().info("wrote " + files + " in " + secs + " s");
        return 0;
      });
}
