// helicase-haplotypecaller -- GATK HaplotypeCaller (4.6.2.0): germline SNVs and indels of one
// sample, from a coordinate-sorted BAM and the reference, to VCF.
#include "common/error.hpp"
#include "common/options.hpp"
#include "haplotypecaller/hc_job.hpp"
#include "tool_main.hpp"

int main(int argc, char** argv) {
  using namespace helicase;
  hc::HaplotypeCallerJob job;
  std::string out_alias;
  bool gvcf = false;
  std::string emit_ref_confidence = "NONE";
  return run_tool(
      {"helicase-haplotypecaller", "Call germline SNVs and indels by local re-assembly (GATK HaplotypeCaller)"}, argc,
      argv,
      [&](CLI::App& app) {
        add_ref(app, job.reference, true);
        add_in_bam(app, job.in_bam, true);
        CLI::Option* out = add_out_variants(app, job.out_vcf, false);
        app.add_option("-O,--output", out_alias, "Alias of --out-variants (GATK)")->excludes(out);
        add_interval_options(app, job.intervals);
        add_in_recal_file(app, job.recal_file, false)->description("Apply this BQSR report to the reads on the fly");
        app.add_option("--ploidy,--sample-ploidy", job.caller.ploidy, "Sample ploidy (default 2)")->check(CLI::Range(1, 100));
        app.add_option("--stand-call-conf,--standard-min-confidence-threshold-for-calling", job.caller.stand_call_conf,
                       "Minimum phred-scaled confidence to call a variant (default 30)")
            ->check(CLI::Range(0.0, 1e9));
        app.add_option("--max-genotype-count", job.caller.max_genotype_count, "Maximum genotypes per site (default 1024)")
            ->check(CLI::Range(1, 1 << 30));
        app.add_option("--max-alternate-alleles", job.caller.max_alt_alleles, "Maximum alternate alleles (default 6)")
            ->check(CLI::Range(1, 1000));
        app.add_option("--allele-informative-reads-overlap-margin", job.caller.informative_read_overlap_margin,
                       "Reads within this many bases of a site inform its genotype (default 2)")
            ->check(CLI::Range(0, 1 << 20));
        app.add_option("--max-reads-per-alignment-start", job.max_reads_per_start,
                       "Downsample to this many reads per start position (0: off; default 50)")
            ->check(CLI::Range(0, 1 << 30));
        // GVCF (reference confidence) mode is not built yet: asked for in any of its three
        // spellings, the run stops instead of writing a plain VCF under a .g.vcf name.
        app.add_flag("--gvcf", gvcf, "GVCF output (not supported yet: rejected)");
        app.add_option("--emit-ref-confidence", emit_ref_confidence, "GATK -ERC: only NONE is supported")
            ->check(CLI::IsMember({"NONE", "GVCF", "BP_RESOLUTION"}));
        app.add_option("--debug-regions", job.debug_regions,
                       "Write each active region, its haplotypes and events, and each read's best haplotype to this text file");
      },
      [&](ToolContext& ctx) {
        if (!out_alias.empty()) job.out_vcf = out_alias;
        if (job.out_vcf.empty()) fail_usage("--out-variants is required (see helicase-haplotypecaller --help)");
        const auto ends_with = [&](const std::string& suffix) {
          return job.out_vcf.size() >= suffix.size() &&
                 job.out_vcf.compare(job.out_vcf.size() - suffix.size(), suffix.size(), suffix) == 0;
        };
        if (gvcf || emit_ref_confidence != "NONE" || ends_with(".g.vcf") || ends_with(".g.vcf.gz")) {
          fail_usage("GVCF output (--gvcf, -ERC GVCF/BP_RESOLUTION, a .g.vcf name) is not supported yet: "
                     "helicase-haplotypecaller writes a VCF of variant sites; name the output .vcf or .vcf.gz");
        }
        job.progress = ctx.progress_enabled();
        hc::run_haplotypecaller(job, ctx.backend(), ctx.log());
        return 0;
      });
}
