// vcf_writer.hpp -- helicase-haplotypecaller's VCF output, as GATK 4.6.2.0 writes it.
//
// The header holds the lines GATK's VCF-mode output holds (fileformat, FILTER LowQual, the
// FORMAT and INFO lines of the default annotations with GATK's descriptions, one contig line
// per reference contig, then any extra lines the tool adds, and the #CHROM line with the
// sample). Records: POS 1-based, ID '.', QUAL "%.2f" without a trailing ".00", FILTER '.',
// INFO keys sorted (htsjdk's TreeMap), FORMAT GT:AD:DP:GQ:PL with GQ capped at 99.
// Output goes to a temporary name and is renamed by close(); ".gz" output is BGZF with a
// tabix index (.tbi) beside it. Records must arrive in genomic order: write() applies the
// QD jitter (QD >= 35 -> 30 + 3 N(0,1) from the run's java.util.Random) at that point, so the
// draws happen in genomic order whatever thread produced the call.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "haplotypecaller/variant_call.hpp"
#include "haplotypecaller/vcf_random.hpp"

namespace helicase::hc {

struct VcfHeaderInfo {
  std::vector<std::pair<std::string, std::int64_t>> contigs;  // name, length (reference order)
  std::string sample;
  std::vector<std::string> extra_lines;                       // full "##..." lines, written before #CHROM
};

std::string vcf_header_text(const VcfHeaderInfo& info);
// One record line (with '\n'); call.qd_needs_jitter must have been resolved (finalize_qd).
std::string vcf_record_text(const VariantCall& call);
// QualByDepth.fixTooHighQD: QD >= 35 -> 30 + nextGaussian() * 3, formatted "%.2f".
void finalize_qd(VariantCall& call, JavaRandom& rng);

class VcfWriter {
 public:
  // path ending ".gz": BGZF + .tbi; otherwise plain text. Writes the header.
  VcfWriter(const std::string& path, const VcfHeaderInfo& info, int threads = 1);
  ~VcfWriter();
  VcfWriter(const VcfWriter&) = delete;
  VcfWriter& operator=(const VcfWriter&) = delete;
  // Appends one record (genomic order), drawing its QD jitter from rng when needed.
  void write(VariantCall call, JavaRandom& rng);
  // Flushes, builds the index, renames into place. Without close() nothing appears.
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace helicase::hc
