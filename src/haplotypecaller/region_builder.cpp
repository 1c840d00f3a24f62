// region_builder.cpp -- reads, assembly, haplotype alignment, events and trimming of one region.
#include "haplotypecaller/region_builder.hpp"

#include <htslib/sam.h>

#include <algorithm>
#include <map>
#include <set>

#include "haplotypecaller/haplotype_align.hpp"
#include "haplotypecaller/region_reads.hpp"
#include "haplotypecaller/repeats.hpp"

namespace helicase::hc {
namespace {

constexpr std::int64_t kMinHaplotypeRefLength = 30;

std::int64_t cigar_ref_len(const std::vector<std::uint32_t>& c) {
  std::int64_t n = 0;
  for (std::uint32_t x : c) {
    if (bam_cigar_type(bam_cigar_op(x)) & 2) n += bam_cigar_oplen(x);
  }
  return n;
}

}  // namespace

int longest_tandem_repeat(const HaplotypeEvent& e, const std::string& ref, std::int64_t ref_start,
                          std::int64_t window_end) {
  if (e.ref.size() == e.alt.size()) return 0;
  const std::string ref_bases = e.ref.substr(1), alt_bases = e.alt.substr(1);
  const std::string& longer = alt_bases.size() > ref_bases.size() ? alt_bases : ref_bases;
  // findRepeatedSubstring: the shortest unit whose copies make the longer allele exactly.
  std::size_t unit = longer.size();
  for (std::size_t u = 1; u <= longer.size(); ++u) {
    if (longer.size() % u) continue;
    bool ok = true;
    for (std::size_t i = u; i < longer.size() && ok; ++i) ok = longer[i] == longer[i - u];
    if (ok) {
      unit = u;
      break;
    }
  }
  if (unit == 0) return 0;
  const std::string_view u(longer.data(), unit);
  auto leading = [&](std::string_view x) { return count_repeats(u, x, true); };
  // The reference context after the padding base, to the end of the window.
  const std::int64_t from = e.pos + 1 - ref_start;
  const std::int64_t to = std::min<std::int64_t>(window_end - ref_start, static_cast<std::int64_t>(ref.size()));
  const std::string rest = from < to ? ref.substr(static_cast<std::size_t>(from), static_cast<std::size_t>(to - from)) : std::string();
  const int in_ref_allele = leading(ref_bases);
  const int ref_count = leading(ref_bases + rest) - in_ref_allele;
  const int alt_count = leading(alt_bases + rest) - in_ref_allele;
  // No tandem expansion of the context on either allele: getNumTandemRepeatUnits is null.
  if (ref_count == 0 || alt_count == 0) return 0;
  return std::max(ref_count, alt_count) * static_cast<int>(unit);
}

std::optional<AssembledRegion> build_region(const ContigView& contig, const ProfileRegion& active,
                                            kernels::hc_sw::SwRunner& sw, const RegionBuildOptions& opt,
                                            RegionDebug* debug) {
  const std::string& ref = *contig.ref;
  const auto contig_len = static_cast<std::int64_t>(ref.size());
  const std::int64_t a_start = active.start, a_end = active.end + 1;
  const std::int64_t p_start = std::max<std::int64_t>(0, a_start - opt.region_padding);
  const std::int64_t p_end = std::min(contig_len, a_end + opt.region_padding);
  if (debug) {
    debug->untrimmed_start = a_start;
    debug->untrimmed_end = a_end;
  }
  std::vector<RegionRead> reads = finalize_region_reads(*contig.reads, p_start, p_end, contig.max_read_span);
  if (debug) debug->reads = reads.size();
  if (reads.empty()) return std::nullopt;
  const std::string ref_hap = ref.substr(static_cast<std::size_t>(p_start), static_cast<std::size_t>(p_end - p_start));
  const AssemblyOutcome assembled = assemble_region(ref_hap, reads, opt.assembly);
  if (debug) {
    debug->haplotypes_assembled = assembled.haplotypes.size();
    debug->kmers = assembled.kmers_used;
  }
  // Reference haplotype first, then the assembled ones. The reference path found by the k-best
  // search is replaced by the reference haplotype, whose score GATK never sets
  // (KBestHaplotype.isReference() is never true, so findBestPaths leaves it NaN); it is only
  // read for alternate alleles, so it stays 0 here (a reference-only graph scores its path NaN).
  std::vector<std::string> seqs{ref_hap};
  std::vector<double> scores{0.0};
  for (const auto& h : assembled.haplotypes) {
    if (h.bases == ref_hap) continue;
    seqs.push_back(h.bases);
    scores.push_back(h.score);
  }
  const auto cigars = haplotype_cigars(ref_hap, seqs, sw);
  std::vector<Haplotype> haps;
  for (std::size_t i = 0; i < seqs.size(); ++i) {
    if (cigars[i].empty()) continue;
    if (i > 0 && cigar_ref_len(cigars[i]) < kMinHaplotypeRefLength) continue;
    Haplotype h;
    h.bases = seqs[i];
    h.is_ref = i == 0;
    h.ref_start = p_start;
    h.cigar = cigars[i];
    h.score = scores[i];
    h.events = haplotype_events(h.bases, h.cigar, p_start, ref, 0);
    if (debug) {
      std::string d = std::to_string(h.bases.size()) + " score=" + std::to_string(h.score);
      for (const HaplotypeEvent& e : h.events) d += " " + std::to_string(e.pos + 1) + ":" + e.ref + ">" + e.alt;
      debug->untrimmed.push_back(d);
    }
    haps.push_back(std::move(h));
  }
  // Events overlapping the active span (AssemblyRegionTrimmer).
  std::int64_t min_start = INT64_MAX, max_end = INT64_MIN;
  std::vector<const HaplotypeEvent*> in_region;
  for (const Haplotype& h : haps) {
    for (const HaplotypeEvent& e : h.events) {
      const std::int64_t e_end = e.pos + static_cast<std::int64_t>(e.ref.size()) - 1;  // inclusive
      if (e.pos < a_end && e_end >= a_start) {
        in_region.push_back(&e);
        min_start = std::min(min_start, e.pos);
        max_end = std::max(max_end, e_end);
      }
    }
  }
  if (in_region.empty()) return std::nullopt;
  const std::int64_t v_start = std::max(min_start, a_start), v_end = std::min(max_end, a_end - 1);
  std::int64_t pad_lo = min_start, pad_hi = max_end;
  for (const HaplotypeEvent* e : in_region) {
    const std::int64_t e_end = e->pos + static_cast<std::int64_t>(e->ref.size()) - 1;
    int padding = opt.snp_padding;
    if (e->ref.size() != e->alt.size()) {
      // TandemRepeat.getNumTandemRepeatUnits over the region's ReferenceContext (the padded
      // span): STR padding + longest repeat, or the indel padding when there is no repeat.
      const int str = longest_tandem_repeat(*e, ref, 0, p_end);
      padding = str > 0 ? opt.str_padding + str : opt.indel_padding;
    }
    pad_lo = std::min(pad_lo, std::max<std::int64_t>(e->pos - padding, 0));
    pad_hi = std::max(pad_hi, e_end + padding);
  }
  pad_lo = std::max(pad_lo, p_start);
  pad_hi = std::min(pad_hi, p_end - 1);
  // Haplotypes cut to the trimmed padded span; duplicates merged (the reference wins).
  std::vector<Haplotype> trimmed;
  std::map<std::string, std::size_t> by_bases;
  for (const Haplotype& h : haps) {
    Haplotype t;
    if (!trim_haplotype(h, pad_lo, pad_hi, t)) continue;
    auto it = by_bases.find(t.bases);
    if (it != by_bases.end()) {
      if (t.is_ref) trimmed[it->second] = t;
      continue;
    }
    by_bases.emplace(t.bases, trimmed.size());
    trimmed.push_back(std::move(t));
  }
  std::stable_sort(trimmed.begin(), trimmed.end(), [](const Haplotype& a, const Haplotype& b) {
    if (a.bases.size() != b.bases.size()) return a.bases.size() < b.bases.size();
    return a.bases < b.bases;
  });
  AssembledRegion region;
  region.tid = contig.tid;
  region.contig = contig.name;
  region.active_start = v_start;
  region.active_end = v_end + 1;
  region.padded_start = pad_lo;
  region.padded_end = pad_hi + 1;
  region.ref_start = pad_lo;
  region.ref_bases = ref.substr(static_cast<std::size_t>(pad_lo), static_cast<std::size_t>(pad_hi + 1 - pad_lo));
  for (Haplotype& t : trimmed) t.events = haplotype_events(t.bases, t.cigar, t.ref_start, region.ref_bases, region.ref_start);
  region.haplotypes = std::move(trimmed);
  region.reads = trim_region_reads(reads, region.padded_start, region.padded_end);
  if (region.reads.empty()) return std::nullopt;
  return region;
}

}  // namespace helicase::hc
