// options.hpp -- the shared option table of architecture.md, implemented once.
//
// Every tool builds its CLI11 app from these adders, so an option is spelled, parsed
// and validated the same way everywhere (Parabricks names; GATK long names as aliases).
// GATK's multi-letter single-dash names (-OQ, -ip, -ERC, ...) are not expressible in
// CLI11; rewrite_gatk_short_names() maps them to long names before parsing.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace helicase {

// Resources, backend and logging: every tool has these.
struct CommonOptions {
  unsigned num_threads = 0;      // 0 = all cores
  std::string memory_limit;      // "" = half of RAM; parse with parse_size()
  std::string tmp_dir;           // "" = the output folder
  std::string device = "auto";   // auto | cpu | gpu
  unsigned num_gpus = 1;
  std::string logfile;
  bool verbose = false;
  bool quiet = false;
};
void add_common_options(CLI::App& app, CommonOptions& opts);

// One input lane: a FASTQ pair (paired) or a single file, with its optional @RG line.
struct FastqLane {
  std::string r1;
  std::string r2;          // empty for single-end
  std::string read_group;  // the "@RG\tID:..." text as given; empty when none
  bool paired() const { return !r2.empty(); }
};
struct FastqInputOptions {
  std::vector<std::vector<std::string>> in_fq;     // raw --in-fq groups
  std::vector<std::vector<std::string>> in_se_fq;  // raw --in-se-fq groups
  std::vector<bool> order_paired;                  // command-line order of the groups (true: --in-fq)
  // The lanes in command-line order, validated; usage error on bad groups.
  std::vector<FastqLane> lanes() const;
};
void add_fastq_inputs(CLI::App& app, FastqInputOptions& opts);

// Read groups built when no @RG line is given (Parabricks' options).
struct ReadGroupOptions {
  std::string sm, lb, pl, id_prefix;
};
void add_read_group_options(CLI::App& app, ReadGroupOptions& opts);

// Reference and index.
CLI::Option* add_ref(CLI::App& app, std::string& ref, bool required);
CLI::Option* add_index_prefix(CLI::App& app, std::string& prefix);

// Files, chosen by extension (.sam/.bam/.cram, .vcf/.vcf.gz/.g.vcf.gz).
CLI::Option* add_in_bam(CLI::App& app, std::string& path, bool required);
CLI::Option* add_out_bam(CLI::App& app, std::string& path, bool required);
CLI::Option* add_out_variants(CLI::App& app, std::string& path, bool required);
CLI::Option* add_out_recal_file(CLI::App& app, std::string& path, bool required);
CLI::Option* add_in_recal_file(CLI::App& app, std::string& path, bool required);
CLI::Option* add_out_duplicate_metrics(CLI::App& app, std::string& path, bool required);
CLI::Option* add_known_sites(CLI::App& app, std::vector<std::string>& paths, bool required);

// Intervals: -L/--interval (repeatable), --interval-file (repeatable), -ip/--interval-padding.
struct IntervalOptions {
  std::vector<std::string> intervals;
  std::vector<std::string> interval_files;
  std::int64_t padding = 0;
};
void add_interval_options(CLI::App& app, IntervalOptions& opts);

// "8G", "512M", "1.5g", "1000000" -> bytes. Usage error on anything else.
std::uint64_t parse_size(const std::string& text);

// Rewrites GATK's single-dash long names (-OQ -> --use-original-qualities, ...) and
// "-name=value" forms; every other argument is passed through unchanged.
std::vector<std::string> rewrite_gatk_short_names(const std::vector<std::string>& args);

}  // namespace helicase
