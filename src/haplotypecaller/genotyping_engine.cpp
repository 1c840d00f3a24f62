// genotyping_engine.cpp -- events -> alleles -> genotypes -> calls (see header).
#include "haplotypecaller/genotyping_engine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "bqsr/java_format.hpp"
#include "common/error.hpp"
#include "haplotypecaller/af_calc.hpp"
#include "haplotypecaller/annotations.hpp"
#include "haplotypecaller/genotype_likelihoods.hpp"
#include "haplotypecaller/vcf_format.hpp"

namespace helicase::hc {
namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();
const std::string kSpanDel = "*";

struct Ev {
  std::int64_t pos;
  std::string ref, alt;
  std::int64_t end() const { return pos + static_cast<std::int64_t>(ref.size()) - 1; }
  bool simple_insertion() const { return ref.size() == 1 && alt.size() > 1; }
  bool simple_deletion() const { return ref.size() > 1 && alt.size() == 1; }
  bool operator==(const Ev& o) const { return pos == o.pos && ref == o.ref && alt == o.alt; }
};

// EventMap.getOverlappingEvents(loc): events covering loc; at the start of an insertion,
// deletions ending at loc are left out.
std::vector<Ev> overlapping(const Haplotype& h, std::int64_t loc) {
  std::vector<Ev> out;
  for (const HaplotypeEvent& e : h.events) {
    Ev v{e.pos, e.ref, e.alt};
    if (v.pos <= loc && v.end() >= loc) out.push_back(std::move(v));
  }
  const bool any_ins = std::any_of(out.begin(), out.end(), [](const Ev& v) { return v.simple_insertion(); });
  if (any_ins) {
    std::erase_if(out, [&](const Ev& v) { return v.simple_deletion() && v.end() == loc; });
  }
  return out;
}

struct Site {
  std::string ref;                                   // merged REF
  std::vector<std::string> alleles;                  // merged alleles, [0] = ref
  std::vector<std::vector<std::uint32_t>> haps;      // allele -> haplotype indices (alleleMapper)
};

// getVariantsFromActiveHaplotypes + replaceSpanDels + makeMergedVariantContext + createAlleleMapper.
std::optional<Site> merge_site(const AssembledRegion& region, std::int64_t loc) {
  struct Vc {
    std::string ref, alt;
    std::size_t source;
  };
  std::vector<Ev> seen;
  std::vector<Vc> vcs;
  if (loc < region.ref_start || loc - region.ref_start >= static_cast<std::int64_t>(region.ref_bases.size())) {
    fail(ErrorKind::Internal, region.contig + ":" + std::to_string(loc + 1) + ": event outside the region's reference window");
  }
  const char ref_base = region.ref_bases[static_cast<std::size_t>(loc - region.ref_start)];
  for (std::size_t h = 0; h < region.haplotypes.size(); ++h) {
    for (Ev& e : overlapping(region.haplotypes[h], loc)) {
      if (std::find(seen.begin(), seen.end(), e) != seen.end()) continue;
      seen.push_back(e);
      if (e.pos == loc) vcs.push_back({e.ref, e.alt, h});
      else vcs.push_back({std::string(1, ref_base), kSpanDel, h});
    }
  }
  if (vcs.empty()) return std::nullopt;
  // simpleMerge with PRIORITIZE: stable sort by the index of the source's first appearance.
  std::vector<std::size_t> prio(vcs.size());
  for (std::size_t i = 0; i < vcs.size(); ++i) {
    std::size_t first = i;
    for (std::size_t j = 0; j < i; ++j) {
      if (vcs[j].source == vcs[i].source) {
        first = j;
        break;
      }
    }
    prio[i] = first;
  }
  std::vector<std::size_t> order(vcs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return prio[a] < prio[b]; });
  Site s;
  for (std::size_t i : order) {
    if (vcs[i].ref.size() > s.ref.size()) s.ref = vcs[i].ref;
  }
  s.alleles.push_back(s.ref);
  for (std::size_t i : order) {
    std::string alt = vcs[i].alt;
    if (alt != kSpanDel && vcs[i].ref.size() < s.ref.size()) alt += s.ref.substr(vcs[i].ref.size());
    if (std::find(s.alleles.begin() + 1, s.alleles.end(), alt) == s.alleles.end()) s.alleles.push_back(alt);
  }
  // createAlleleMapper (emitSpanningDels): every haplotype goes to the alleles it carries here.
  s.haps.assign(s.alleles.size(), {});
  auto index_of = [&](const std::string& a) -> int {
    for (std::size_t i = 1; i < s.alleles.size(); ++i) {
      if (s.alleles[i] == a) return static_cast<int>(i);
    }
    return -1;
  };
  for (std::size_t h = 0; h < region.haplotypes.size(); ++h) {
    const auto evs = overlapping(region.haplotypes[h], loc);
    if (evs.empty()) {
      s.haps[0].push_back(static_cast<std::uint32_t>(h));
      continue;
    }
    for (const Ev& e : evs) {
      if (e.pos == loc) {
        if (e.ref.size() > s.ref.size()) continue;
        const std::string alt = e.ref.size() == s.ref.size() ? e.alt : e.alt + s.ref.substr(e.ref.size());
        if (const int a = index_of(alt); a > 0) s.haps[static_cast<std::size_t>(a)].push_back(static_cast<std::uint32_t>(h));
      } else {
        int a = index_of(kSpanDel);
        if (a < 0) {
          s.alleles.push_back(kSpanDel);
          s.haps.emplace_back();
          a = static_cast<int>(s.alleles.size() - 1);
        }
        s.haps[static_cast<std::size_t>(a)].push_back(static_cast<std::uint32_t>(h));
        break;
      }
    }
  }
  return s;
}

// removeAltAllelesIfTooManyGenotypes / whichAllelesToKeepBasedonHapScores.
void drop_alleles_by_haplotype_score(const AssembledRegion& region, Site& s, int keep) {
  if (static_cast<int>(s.alleles.size()) <= keep) return;
  struct Scored {
    std::size_t idx;
    double best, second;
  };
  std::vector<Scored> sc;
  for (std::size_t a = 0; a < s.alleles.size(); ++a) {
    std::vector<double> scores;
    for (std::uint32_t h : s.haps[a]) scores.push_back(region.haplotypes[h].score);
    std::sort(scores.begin(), scores.end());
    sc.push_back({a, scores.empty() ? kNegInf : scores.back(), scores.size() > 1 ? scores[scores.size() - 2] : kNegInf});
  }
  std::sort(sc.begin(), sc.end(), [&](const Scored& x, const Scored& y) {
    if ((x.idx == 0) != (y.idx == 0)) return x.idx == 0;
    if (x.best != y.best) return x.best > y.best;
    if (x.second != y.second) return x.second > y.second;
    return s.alleles[x.idx] < s.alleles[y.idx];  // Allele.compareTo: base strings
  });
  std::vector<bool> kept(s.alleles.size(), false);
  for (int i = 0; i < keep; ++i) kept[sc[static_cast<std::size_t>(i)].idx] = true;
  Site out;
  out.ref = s.ref;
  for (std::size_t a = 0; a < s.alleles.size(); ++a) {
    if (!kept[a]) continue;
    out.alleles.push_back(s.alleles[a]);
    out.haps.push_back(s.haps[a]);
  }
  s = std::move(out);
}

// GATKVariantContextUtils.reverseTrimAlleles: drop trailing bases shared by every allele.
void reverse_trim(std::vector<std::string>& alleles) {
  const std::string& ref = alleles[0];
  std::size_t clip = 0;
  while (true) {
    bool still = true;
    for (const std::string& a : alleles) {
      if (a.size() == clip) {
        clip = clip == 0 ? 0 : clip - 1;
        still = false;
        goto done;
      }
      if (a.size() <= clip) {
        still = false;
      } else if (ref.size() == clip) {
        clip = 0;
        goto done;
      } else if (a[a.size() - clip - 1] != ref[ref.size() - clip - 1]) {
        still = false;
      }
    }
    if (!still) break;
    ++clip;
  }
done:
  if (clip == 0) return;
  for (std::string& a : alleles) {
    if (a != kSpanDel) a.resize(a.size() - clip);
  }
}

// Likelihoods of the genotypes over `keep` (indices into the A original alleles, ascending),
// taken from the original genotypes and shifted so the best is 0
// (scaleLogSpaceArrayForNumericalStability).
std::vector<double> subset_likelihoods(const std::vector<double>& gl, int ploidy, int A, const std::vector<int>& keep) {
  const auto gts = enumerate_genotypes(ploidy, static_cast<int>(keep.size()));
  std::vector<double> sub(gts.size());
  for (std::size_t g = 0; g < gts.size(); ++g) {
    std::vector<int> orig;
    for (int a : gts[g].alleles) orig.push_back(keep[static_cast<std::size_t>(a)]);
    std::sort(orig.begin(), orig.end());
    sub[g] = gl[genotype_index(orig, A)];
  }
  const double mx = *std::max_element(sub.begin(), sub.end());
  for (double& v : sub) v -= mx;
  return sub;
}

// AlleleSubsettingUtils.calculateMostLikelyAlleles (one sample): each alt allele of the most
// likely genotype scores |GL(best) - GL(hom-ref)|; the n best-scoring alts are kept (ties in
// allele order), returned with the ref in the original order.
std::vector<int> most_likely_alleles(const std::vector<double>& gl, const std::vector<GenotypeCounts>& gts, int A, int n) {
  std::vector<double> sums(static_cast<std::size_t>(A), 0.0);
  const std::size_t best = max_element_index(gl);
  const double diff = std::fabs(gl[best] - gl[0]);
  for (const auto& [a, c] : gts[best].counts) {
    if (a > 0) sums[static_cast<std::size_t>(a)] += diff;
  }
  std::vector<int> alts;
  for (int a = 1; a < A; ++a) alts.push_back(a);
  std::stable_sort(alts.begin(), alts.end(), [&](int x, int y) { return sums[static_cast<std::size_t>(x)] > sums[static_cast<std::size_t>(y)]; });
  alts.resize(static_cast<std::size_t>(n));
  std::sort(alts.begin(), alts.end());
  alts.insert(alts.begin(), 0);
  return alts;
}

}  // namespace

std::int64_t cigar_ref_length(const std::vector<std::uint32_t>& cigar) {
  std::int64_t n = 0;
  for (std::uint32_t c : cigar) {
    const std::uint32_t op = c & 0xf;
    if (op == 0 || op == 2 || op == 3 || op == 7 || op == 8) n += static_cast<std::int64_t>(c >> 4);
  }
  return n;
}

void UpstreamDeletions::advance(std::int32_t tid, std::int64_t pos) {
  while (!dels_.empty() && (dels_.front().tid != tid || dels_.front().end < pos)) dels_.pop_front();
}
void UpstreamDeletions::record(std::int32_t tid, std::int64_t pos, int size) { dels_.push_back({tid, pos, pos + size}); }
bool UpstreamDeletions::covers(std::int32_t tid, std::int64_t pos) const {
  return std::any_of(dels_.begin(), dels_.end(), [&](const Del& d) { return d.tid == tid && d.start < pos && pos <= d.end; });
}

std::vector<VariantCall> genotype_region(const AssembledRegion& region, const ReadLikelihoods& lk, const CallerOptions& opt,
                                         UpstreamDeletions& upstream, const std::vector<ReadAlignment>* realigned) {
  std::vector<VariantCall> calls;
  std::vector<ReadAlignment> own;
  if (realigned && realigned->size() != region.reads.size()) {
    fail_internal("genotype_region: " + std::to_string(realigned->size()) + " realigned reads for " +
                  std::to_string(region.reads.size()) + " region reads");
  }
  if (!realigned) {
    own.reserve(region.reads.size());
    for (const RegionRead& r : region.reads) own.push_back({r.pos, r.cigar});
    realigned = &own;
  }
  const std::vector<ReadAlignment>& aln = *realigned;
  std::set<std::int64_t> starts;
  for (const Haplotype& h : region.haplotypes) {
    for (const HaplotypeEvent& e : h.events) starts.insert(e.pos);
  }
  const int ploidy = opt.ploidy;
  const int practical = max_acceptable_allele_count(ploidy, opt.max_genotype_count);
  for (const std::int64_t loc : starts) {
    if (loc < region.active_start || loc >= region.active_end) continue;
    auto site_opt = merge_site(region, loc);
    if (!site_opt) continue;
    Site site = std::move(*site_opt);
    const std::size_t merged_count_before = site.alleles.size();
    drop_alleles_by_haplotype_score(region, site, practical);
    const std::size_t A = site.alleles.size();
    const std::int64_t vc_end = loc + static_cast<std::int64_t>(site.ref.size()) - 1;
    const std::int64_t lo = loc - opt.informative_read_overlap_margin, hi = vc_end + opt.informative_read_overlap_margin;
    // Marginalise (max over each allele's haplotypes) the reads overlapping [lo, hi].
    SiteEvidence ev;
    ev.n_alleles = A;
    for (std::size_t r = 0; r < lk.reads.size(); ++r) {
      const ReadAlignment& al = aln[lk.reads[r]];
      const std::int64_t rend = al.pos + cigar_ref_length(al.cigar) - 1;
      if (!(al.pos <= hi && lo <= rend)) continue;
      ev.reads.push_back(lk.reads[r]);
      for (std::size_t a = 0; a < A; ++a) {
        double m = kNegInf;
        for (std::uint32_t h : site.haps[a]) m = std::max(m, lk.at(r, h));
        ev.lk.push_back(m);
      }
    }
    const std::size_t n_geno_reads = ev.reads.size();
    // Genotype likelihoods (allele-major) -> PLs.
    std::vector<double> am(A * n_geno_reads);
    for (std::size_t r = 0; r < n_geno_reads; ++r) {
      for (std::size_t a = 0; a < A; ++a) am[a * n_geno_reads + r] = ev.lk[r * A + a];
    }
    if (A > 50) continue;  // cannotBeGenotyped
    const auto gts = enumerate_genotypes(ploidy, static_cast<int>(A));
    const std::vector<int> pls = log10_to_pls(genotype_log10_likelihoods(ploidy, static_cast<int>(A), n_geno_reads, am, gts));
    const std::vector<double> gl = pls_to_log10(pls);
    // More alt alleles than --max-alternate-alleles: keep the most likely ones
    // (AlleleSubsettingUtils.calculateMostLikelyAlleles) for the allele frequency calculation.
    std::vector<int> af_alleles(A);
    for (std::size_t a = 0; a < A; ++a) af_alleles[a] = static_cast<int>(a);
    std::vector<double> af_gl = gl;
    if (static_cast<int>(A) - 1 > opt.max_alt_alleles) {
      af_alleles = most_likely_alleles(gl, gts, static_cast<int>(A), opt.max_alt_alleles);
      af_gl = subset_likelihoods(gl, ploidy, static_cast<int>(A), af_alleles);
      af_gl = pls_to_log10(log10_to_pls(af_gl));
    }
    const std::size_t AF = af_alleles.size();
    int span_del = -1;
    std::vector<bool> is_snp(AF, true);
    for (std::size_t i = 0; i < AF; ++i) {
      const std::string& al = site.alleles[static_cast<std::size_t>(af_alleles[i])];
      if (al == kSpanDel) span_del = static_cast<int>(i);
      is_snp[i] = al.size() == site.ref.size();
    }
    const AfResult af = calculate_af(ploidy, af_gl, is_snp, span_del, opt.pseudocounts);
    upstream.advance(region.tid, loc);
    std::vector<int> out_alts, out_mle;
    bool monomorphic = true;
    for (std::size_t i = 1; i < AF; ++i) {
      const int a = af_alleles[i];
      const bool plausible = af.passes(static_cast<int>(i), opt.stand_call_conf);
      const bool spurious_span_del = site.alleles[static_cast<std::size_t>(a)] == kSpanDel && !upstream.covers(region.tid, loc);
      monomorphic &= !(plausible && !spurious_span_del);
      if (plausible && !spurious_span_del) {
        out_alts.push_back(a);
        out_mle.push_back(af.mle_counts[i]);
      }
    }
    const double log10_conf = !monomorphic ? af.log10_p_no_variant + 0.0 : af.log10_p_variant() + 0.0;
    const double phred = (-10.0 * log10_conf) + 0.0;
    if (monomorphic || phred < opt.stand_call_conf) continue;
    if (out_alts.size() == 1 && site.alleles[static_cast<std::size_t>(out_alts[0])] == kSpanDel) continue;
    std::vector<int> call_to_merged{0};
    call_to_merged.insert(call_to_merged.end(), out_alts.begin(), out_alts.end());
    for (int a : call_to_merged) {
      const int del = static_cast<int>(site.ref.size()) - static_cast<int>(site.alleles[static_cast<std::size_t>(a)].size());
      if (del > 0) upstream.record(region.tid, loc, del);
    }
    // Subset the PL-derived likelihoods to the output alleles (AlleleSubsettingUtils).
    const int n_out = static_cast<int>(call_to_merged.size());
    const auto out_gts = enumerate_genotypes(ploidy, n_out);
    const std::vector<double> sub = subset_likelihoods(gl, ploidy, static_cast<int>(A), call_to_merged);
    VariantCall call;
    call.tid = region.tid;
    call.contig = region.contig;
    call.pos = loc;
    for (int a : call_to_merged) call.alleles.push_back(site.alleles[static_cast<std::size_t>(a)]);
    call.qual = phred;
    call.pl = log10_to_pls(sub);
    const std::size_t best = max_element_index(sub);
    const double gq_log10 = gq_log10_from_likelihoods(best, sub);
    if (best == 0 && gq_log10 > -0.1) call.gt.assign(static_cast<std::size_t>(ploidy), -1);  // SUM_GL_THRESH_NOCALL
    else call.gt = out_gts[best].alleles;
    call.gq = gq_from_log10(gq_log10);
    // MLEAC / MLEAF (AN: called alleles of the genotype).
    {
      int an = 0;
      for (int a : call.gt) an += a >= 0;
      std::string mleac, mleaf;
      for (std::size_t i = 1; i < call_to_merged.size(); ++i) {
        const int c = out_mle[i - 1];
        mleac += (i > 1 ? "," : "") + std::to_string(c);
        mleaf += (i > 1 ? "," : "") + format_vcf_double(std::min(1.0, static_cast<double>(c) / an));
      }
      call.info = {{"MLEAC", mleac}, {"MLEAF", mleaf}};
    }
    // Annotation evidence: the genotyping reads with all merged alleles, then the reads
    // filtered out of genotyping that overlap the site, with likelihood 0.
    for (std::size_t r = 0; r < region.reads.size(); ++r) {
      const RegionRead& read = region.reads[r];
      if (read.for_genotyping) continue;
      const ReadAlignment& al = aln[r];
      const std::int64_t rend = al.pos + cigar_ref_length(al.cigar) - 1;
      if (!(al.pos <= hi && lo <= rend)) continue;
      ev.reads.push_back(static_cast<std::uint32_t>(r));
      ev.lk.insert(ev.lk.end(), A, 0.0);
    }
    annotate_call(region, aln, ev, call_to_merged, loc, vc_end, ploidy, call);
    if (call.alleles.size() != merged_count_before) reverse_trim(call.alleles);
    calls.push_back(std::move(call));
  }
  return calls;
}

std::vector<VariantCall> call_region(const AssembledRegion& region, const CallerOptions& opt,
                                     kernels::pairhmm::PairHmmRunner& hmm, UpstreamDeletions& upstream,
                                     const std::vector<ReadAlignment>* realigned) {
  const ReadLikelihoods lk = compute_read_likelihoods(region, hmm, opt.likelihood);
  return genotype_region(region, lk, opt, upstream, realigned);
}

}  // namespace helicase::hc
