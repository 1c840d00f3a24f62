// options.cpp -- the shared option table.
#include "common/options.hpp"

#include <cctype>
#include <cmath>
#include <map>

#include "common/error.hpp"

namespace helicase {

void add_common_options(CLI::App& app, CommonOptions& opts) {
  app.add_option("--num-threads", opts.num_threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(1u, 4096u));
  app.add_option("--memory-limit", opts.memory_limit,
                 "Host memory budget, e.g. 8G (default: half of RAM)");
  app.add_option("--tmp-dir", opts.tmp_dir, "Folder for temporary files (default: output folder)");
  app.add_option("--device", opts.device, "Backend: auto (GPU when usable), cpu or gpu")
      ->check(CLI::IsMember({"auto", "cpu", "gpu"}));
  app.add_option("--num-gpus", opts.num_gpus, "GPUs to use (default 1)")->check(CLI::Range(1u, 64u));
  app.add_option("--logfile", opts.logfile, "Also write the log to this file");
  auto* verbose = app.add_flag("--verbose", opts.verbose, "Debug-level log lines");
  app.add_flag("--quiet", opts.quiet, "Only warnings and errors on stderr")->excludes(verbose);
}

std::vector<FastqLane> FastqInputOptions::lanes() const {
  auto check_name = [](const std::string& f) {
    if (f.empty()) fail_usage("empty FASTQ file name");
    if (f.rfind("@RG", 0) == 0) fail_usage("a read group line is given where a FASTQ file was expected: " + f);
  };
  auto check_rg = [](const std::string& rg) {
    if (rg.rfind("@RG", 0) != 0) {
      fail_usage("expected a read group line starting with @RG after the FASTQ files, got '" + rg + "'");
    }
  };
  auto paired_lane = [&](const std::vector<std::string>& g) {
    if (g.size() < 2 || g.size() > 3) fail_usage("--in-fq takes two FASTQ files and an optional \"@RG\\t...\" line");
    FastqLane lane{g[0], g[1], g.size() == 3 ? g[2] : ""};
    check_name(lane.r1);
    check_name(lane.r2);
    if (!lane.read_group.empty()) check_rg(lane.read_group);
    return lane;
  };
  auto single_lane = [&](const std::vector<std::string>& g) {
    if (g.empty() || g.size() > 2) fail_usage("--in-se-fq takes one FASTQ file and an optional \"@RG\\t...\" line");
    FastqLane lane{g[0], "", g.size() == 2 ? g[1] : ""};
    check_name(lane.r1);
    if (!lane.read_group.empty()) check_rg(lane.read_group);
    return lane;
  };
  std::vector<FastqLane> out;
  std::size_t next_pe = 0, next_se = 0;
  for (bool paired : order_paired) {
    if (paired && next_pe < in_fq.size()) out.push_back(paired_lane(in_fq[next_pe++]));
    else if (!paired && next_se < in_se_fq.size()) out.push_back(single_lane(in_se_fq[next_se++]));
  }
  // Groups the order did not cover (order not recorded): paired lanes first.
  while (next_pe < in_fq.size()) out.push_back(paired_lane(in_fq[next_pe++]));
  while (next_se < in_se_fq.size()) out.push_back(single_lane(in_se_fq[next_se++]));
  if (out.empty()) fail_usage("no input: give --in-fq R1 R2 or --in-se-fq R");
  // Parabricks' rule: either every lane carries a read group line or none does.
  std::size_t with_rg = 0;
  for (const auto& l : out) with_rg += l.read_group.empty() ? 0 : 1;
  if (with_rg != 0 && with_rg != out.size()) {
    fail_usage("either every --in-fq/--in-se-fq lane has a read group line or none has");
  }
  return out;
}

void add_fastq_inputs(CLI::App& app, FastqInputOptions& opts) {
  CLI::Option* pe = app.add_option("--in-fq", opts.in_fq, "Paired lane: R1 R2 [\"@RG\\tID:..\\tSM:..\"]; repeatable")
                        ->expected(2, 3)
                        ->allow_extra_args(false);
  CLI::Option* se = app.add_option("--in-se-fq", opts.in_se_fq, "Single-end lane: R [\"@RG\\t...\"]; repeatable")
                        ->expected(1, 2)
                        ->allow_extra_args(false);
  // CLI11 records the parse order one value at a time: consecutive values of one option form
  // runs, and each run is split into that option's groups by their sizes.
  app.parse_complete_callback([&app, &opts, pe, se] {
    opts.order_paired.clear();
    std::size_t pe_group = 0, se_group = 0, left_in_group = 0;
    for (const CLI::Option* o : app.parse_order()) {
      if (o != pe && o != se) continue;
      if (left_in_group == 0) {
        const bool paired = o == pe;
        const auto& groups = paired ? opts.in_fq : opts.in_se_fq;
        std::size_t& g = paired ? pe_group : se_group;
        if (g >= groups.size()) continue;
        left_in_group = groups[g++].size();
        opts.order_paired.push_back(paired);
      }
      --left_in_group;
    }
  });
}

void add_read_group_options(CLI::App& app, ReadGroupOptions& opts) {
  app.add_option("--read-group-sm", opts.sm, "SM of built read groups (default: sample)");
  app.add_option("--read-group-lb", opts.lb, "LB of built read groups (default: lib1)");
  app.add_option("--read-group-pl", opts.pl, "PL of built read groups (default: ILLUMINA)");
  app.add_option("--read-group-id-prefix", opts.id_prefix, "Prefix of built read group IDs");
}

CLI::Option* add_ref(CLI::App& app, std::string& ref, bool required) {
  return app.add_option("--ref,-R,--reference", ref, "Reference FASTA")->required(required);
}
CLI::Option* add_index_prefix(CLI::App& app, std::string& prefix) {
  return app.add_option("--index-prefix", prefix, "BWA index prefix (default: the FASTA path)");
}
CLI::Option* add_in_bam(CLI::App& app, std::string& path, bool required) {
  return app.add_option("--in-bam,-I,--input", path, "Input SAM/BAM/CRAM")->required(required);
}
CLI::Option* add_out_bam(CLI::App& app, std::string& path, bool required) {
  return app.add_option("--out-bam", path, "Output BAM (or .sam/.cram by extension)")->required(required);
}
CLI::Option* add_out_variants(CLI::App& app, std::string& path, bool required) {
  return app.add_option("--out-variants", path, "Output .vcf or .vcf.gz (BGZF + .tbi)")->required(required);
}
CLI::Option* add_out_recal_file(CLI::App& app, std::string& path, bool required) {
  return app.add_option("--out-recal-file", path, "Output recalibration table")->required(required);
}
CLI::Option* add_in_recal_file(CLI::App& app, std::string& path, bool required) {
  return app.add_option("--in-recal-file,--bqsr-recal-file", path, "Input recalibration table")->required(required);
}
CLI::Option* add_out_duplicate_metrics(CLI::App& app, std::string& path, bool required) {
  return app.add_option("--out-duplicate-metrics", path, "Output duplicate metrics")->required(required);
}
CLI::Option* add_known_sites(CLI::App& app, std::vector<std::string>& paths, bool required) {
  return app.add_option("--knownSites,--known-sites", paths, "Known variants (VCF, VCF.gz, BCF); repeatable")
      ->required(required);
}

void add_interval_options(CLI::App& app, IntervalOptions& opts) {
  app.add_option("-L,--interval", opts.intervals, "Region chr:start-end; repeatable");
  app.add_option("--interval-file", opts.interval_files, "BED or Picard interval list; repeatable");
  app.add_option("--interval-padding", opts.padding, "Pad every interval by N bases")
      ->check(CLI::NonNegativeNumber);
}

std::uint64_t parse_size(const std::string& text) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    fail_usage("not a size: '" + text + "' (expected e.g. 8G, 512M)");
  }
  std::string suffix = text.substr(used);
  for (auto& c : suffix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (suffix.size() == 2 && suffix[1] == 'B') suffix.pop_back();
  double mult = 1;
  if (suffix.empty()) mult = 1;
  else if (suffix == "K") mult = 1024.0;
  else if (suffix == "M") mult = 1024.0 * 1024;
  else if (suffix == "G") mult = 1024.0 * 1024 * 1024;
  else if (suffix == "T") mult = 1024.0 * 1024 * 1024 * 1024;
  else fail_usage("not a size: '" + text + "' (expected e.g. 8G, 512M)");
  if (!(value > 0) || !std::isfinite(value)) fail_usage("size must be positive: '" + text + "'");
  return static_cast<std::uint64_t>(std::llround(value * mult));
}

std::vector<std::string> rewrite_gatk_short_names(const std::vector<std::string>& args) {
  static const std::map<std::string, std::string> kGatkNames = {
      {"-OQ", "--use-original-qualities"},
      {"-ip", "--interval-padding"},
      {"-ERC", "--emit-ref-confidence"},
      {"-stand-call-conf", "--stand-call-conf"},
      {"-indels", "--compute-indel-bqsr-tables"},
      {"-mbq", "--min-base-quality-score"},
      {"-pcr-indel-model", "--pcr-indel-model"},
      {"-max-reads-per-alignment-start", "--max-reads-per-alignment-start"},
      {"-min-pruning", "--min-pruning"},
      {"-min-dangling-branch-length", "--min-dangling-branch-length"},
      {"-GQB", "--gvcf-gq-bands"},
      {"-AX", "--annotations-to-exclude"},
      {"-DF", "--disable-read-filter"},
      {"-RF", "--read-filter"},
  };
  std::vector<std::string> out;
  out.reserve(args.size());
  for (const auto& a : args) {
    const auto eq = a.find('=');
    const std::string name = a.substr(0, eq);
    auto it = kGatkNames.find(name);
    if (it == kGatkNames.end()) {
      out.push_back(a);
    } else {
      out.push_back(eq == std::string::npos ? it->second : it->second + a.substr(eq));
    }
  }
  return out;
}

}  // namespace helicase
