// vcf_writer.cpp -- VCF header, records, BGZF + tabix output (see header).
#include "haplotypecaller/vcf_writer.hpp"

#include <htslib/bgzf.h>
#include <htslib/tbx.h>

#include <algorithm>
#include <cstdio>
#include <optional>

#include "bqsr/java_format.hpp"
#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "haplotypecaller/vcf_format.hpp"

namespace helicase::hc {
namespace {

constexpr const char* kHeaderLines[] = {
    "##fileformat=VCFv4.2",
    "##FILTER=<ID=LowQual,Description=\"Low quality\">",
    "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths for the ref and alt alleles in the order listed\">",
    "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Approximate read depth (reads with MQ=255 or with bad mates are filtered)\">",
    "##FORMAT=<ID=GQ,Number=1,Type=Integer,Description=\"Genotype Quality\">",
    "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">",
    "##FORMAT=<ID=PL,Number=G,Type=Integer,Description=\"Normalized, Phred-scaled likelihoods for genotypes as defined in the VCF specification\">",
    "##INFO=<ID=AC,Number=A,Type=Integer,Description=\"Allele count in genotypes, for each ALT allele, in the same order as listed\">",
    "##INFO=<ID=AF,Number=A,Type=Float,Description=\"Allele Frequency, for each ALT allele, in the same order as listed\">",
    "##INFO=<ID=AN,Number=1,Type=Integer,Description=\"Total number of alleles in called genotypes\">",
    "##INFO=<ID=BaseQRankSum,Number=1,Type=Float,Description=\"Z-score from Wilcoxon rank sum test of Alt Vs. Ref base qualities\">",
    "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Approximate read depth; some reads may have been filtered\">",
    "##INFO=<ID=ExcessHet,Number=1,Type=Float,Description=\"Phred-scaled p-value for exact test of excess heterozygosity\">",
    "##INFO=<ID=FS,Number=1,Type=Float,Description=\"Phred-scaled p-value using Fisher's exact test to detect strand bias\">",
    "##INFO=<ID=InbreedingCoeff,Number=1,Type=Float,Description=\"Inbreeding coefficient as estimated from the genotype likelihoods per-sample when compared against the Hardy-Weinberg expectation\">",
    "##INFO=<ID=MLEAC,Number=A,Type=Integer,Description=\"Maximum likelihood expectation (MLE) for the allele counts (not necessarily the same as the AC), for each ALT allele, in the same order as listed\">",
    "##INFO=<ID=MLEAF,Number=A,Type=Float,Description=\"Maximum likelihood expectation (MLE) for the allele frequency (not necessarily the same as the AF), for each ALT allele, in the same order as listed\">",
    "##INFO=<ID=MQ,Number=1,Type=Float,Description=\"RMS Mapping Quality\">",
    "##INFO=<ID=MQRankSum,Number=1,Type=Float,Description=\"Z-score From Wilcoxon rank sum test of Alt vs. Ref read mapping qualities\">",
    "##INFO=<ID=QD,Number=1,Type=Float,Description=\"Variant Confidence/Quality by Depth\">",
    "##INFO=<ID=ReadPosRankSum,Number=1,Type=Float,Description=\"Z-score from Wilcoxon rank sum test of Alt vs. Ref read position bias\">",
    "##INFO=<ID=SOR,Number=1,Type=Float,Description=\"Symmetric Odds Ratio of 2x2 contingency table to detect strand bias\">",
};

template <class T>
std::string join(const std::vector<T>& v, const char* sep) {
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) s += sep;
    if constexpr (std::is_same_v<T, std::string>) s += v[i];
    else s += std::to_string(v[i]);
  }
  return s;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::string vcf_header_text(const VcfHeaderInfo& info) {
  std::string h;
  for (const char* line : kHeaderLines) h += std::string(line) + "\n";
  for (const auto& [name, len] : info.contigs) h += "##contig=<ID=" + name + ",length=" + std::to_string(len) + ">\n";
  for (const std::string& l : info.extra_lines) h += l + "\n";
  h += "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + info.sample + "\n";
  return h;
}

void finalize_qd(VariantCall& call, JavaRandom& rng) {
  if (!call.qd_needs_jitter) return;
  const double qd = 30.0 + rng.next_gaussian() * 3.0;
  for (auto& [k, v] : call.info) {
    if (k == "QD") v = bqsr::java_fixed(qd, 2);
  }
  call.qd_needs_jitter = false;
}

std::string vcf_record_text(const VariantCall& c) {
  std::string s = c.contig + "\t" + std::to_string(c.pos + 1) + "\t.\t" + c.alleles[0] + "\t";
  if (c.alleles.size() > 1) s += join(std::vector<std::string>(c.alleles.begin() + 1, c.alleles.end()), ",");
  else s += ".";
  s += "\t" + format_qual(c.qual) + "\t.\t";
  std::string info;
  for (const auto& [k, v] : c.info) {
    if (!info.empty()) info += ";";
    info += v.empty() ? k : k + "=" + v;
  }
  s += info.empty() ? "." : info;
  std::vector<std::string> keys{"GT"}, vals;
  std::string gt;
  for (std::size_t i = 0; i < c.gt.size(); ++i) {
    if (i) gt += "/";
    gt += c.gt[i] < 0 ? "." : std::to_string(c.gt[i]);
  }
  vals.push_back(gt);
  if (!c.ad.empty()) {
    keys.push_back("AD");
    vals.push_back(join(c.ad, ","));
  }
  if (c.dp >= 0) {
    keys.push_back("DP");
    vals.push_back(std::to_string(c.dp));
  }
  if (c.gq >= 0) {
    keys.push_back("GQ");
    vals.push_back(std::to_string(std::min(c.gq, 99)));
  }
  if (!c.pl.empty()) {
    keys.push_back("PL");
    vals.push_back(join(c.pl, ","));
  }
  s += "\t" + join(keys, ":") + "\t" + join(vals, ":") + "\n";
  return s;
}

struct VcfWriter::Impl {
  AtomicOutput out;
  std::optional<AtomicOutput> index;
  bool gz = false;
  BGZF* bgzf = nullptr;
  std::FILE* file = nullptr;
  explicit Impl(const std::string& path) : out(path) {}
  ~Impl() {
    if (bgzf) bgzf_close(bgzf);
    if (file) std::fclose(file);
  }
  void put(const std::string& text) {
    if (gz) {
      if (bgzf_write(bgzf, text.data(), text.size()) < 0) fail(ErrorKind::Io, out.final_path() + ": write failed");
    } else if (std::fwrite(text.data(), 1, text.size(), file) != text.size()) {
      fail(ErrorKind::Io, out.final_path() + ": write failed");
    }
  }
};

VcfWriter::VcfWriter(const std::string& path, const VcfHeaderInfo& info, int threads) : impl_(std::make_unique<Impl>(path)) {
  impl_->gz = ends_with(path, ".gz");
  if (impl_->gz) {
    impl_->bgzf = bgzf_open(impl_->out.temp_path().c_str(), "w");
    if (!impl_->bgzf) fail(ErrorKind::Io, "cannot create " + path);
    if (threads > 1) bgzf_mt(impl_->bgzf, threads, 256);
    impl_->index.emplace(path + ".tbi");
  } else {
    impl_->file = std::fopen(impl_->out.temp_path().c_str(), "wb");
    if (!impl_->file) fail(ErrorKind::Io, "cannot create " + path);
  }
  impl_->put(vcf_header_text(info));
}

VcfWriter::~VcfWriter() = default;

void VcfWriter::write(VariantCall call, JavaRandom& rng) {
  finalize_qd(call, rng);
  impl_->put(vcf_record_text(call));
}

void VcfWriter::close() {
  if (impl_->gz) {
    const int rc = bgzf_close(impl_->bgzf);
    impl_->bgzf = nullptr;
    if (rc != 0) fail(ErrorKind::Io, impl_->out.final_path() + ": write failed");
    if (tbx_index_build2(impl_->out.temp_path().c_str(), impl_->index->temp_path().c_str(), 0, &tbx_conf_vcf) != 0) {
      fail(ErrorKind::Io, impl_->out.final_path() + ": cannot build the tabix index");
    }
    impl_->out.commit();
    impl_->index->commit();
  } else {
    const int rc = std::fclose(impl_->file);
    impl_->file = nullptr;
    if (rc != 0) fail(ErrorKind::Io, impl_->out.final_path() + ": write failed");
    impl_->out.commit();
  }
}

}  // namespace helicase::hc
