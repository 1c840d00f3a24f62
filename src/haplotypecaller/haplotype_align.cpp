// haplotype_align.cpp -- haplotype CIGARs (SW + padding trim + left alignment), events, trimming.
#include "haplotypecaller/haplotype_align.hpp"

#include <htslib/sam.h>

#include <algorithm>

namespace helicase::hc {
namespace {

constexpr int kSwPad = 10;

std::uint32_t op_of(std::uint32_t c) { return bam_cigar_op(c); }
std::uint32_t len_of(std::uint32_t c) { return bam_cigar_oplen(c); }

std::vector<std::uint32_t> merge_ops(const std::vector<std::uint32_t>& in) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t c : in) {
    if (len_of(c) == 0) continue;
    if (!out.empty() && op_of(out.back()) == op_of(c)) {
      out.back() = bam_cigar_gen(len_of(out.back()) + len_of(c), op_of(c));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// AlignmentUtils.trimCigarByBases: the part of cigar covering read bases [start, end]
// (inclusive); deletions at the new ends removed and counted.
std::vector<std::uint32_t> trim_by_bases(const std::vector<std::uint32_t>& cigar, int start, int end, int& lead_del,
                                         int& trail_del) {
  std::vector<std::uint32_t> out;
  int q = 0;
  for (std::uint32_t c : cigar) {
    const std::uint32_t op = op_of(c);
    const int len = static_cast<int>(len_of(c));
    if (op == BAM_CDEL) {
      if (q >= start && q <= end + 1) out.push_back(c);  // end deletions are removed below
      continue;
    }
    const int lo = std::max(q, start), hi = std::min(q + len - 1, end);
    if (lo <= hi) out.push_back(bam_cigar_gen(static_cast<std::uint32_t>(hi - lo + 1), op));
    q += len;
  }
  out = merge_ops(out);
  lead_del = trail_del = 0;
  while (!out.empty() && op_of(out.front()) == BAM_CDEL) {
    lead_del += static_cast<int>(len_of(out.front()));
    out.erase(out.begin());
  }
  while (!out.empty() && op_of(out.back()) == BAM_CDEL) {
    trail_del += static_cast<int>(len_of(out.back()));
    out.pop_back();
  }
  return out;
}

}  // namespace

std::vector<std::uint32_t> left_align_indels(std::vector<std::uint32_t> cigar, const std::string& ref, const std::string& hap) {
  cigar = merge_ops(cigar);
  for (std::size_t i = 1; i + 1 < cigar.size() + 1 && i < cigar.size(); ++i) {
    const std::uint32_t op = op_of(cigar[i]);
    if (op != BAM_CINS && op != BAM_CDEL) continue;
    if (op_of(cigar[i - 1]) != BAM_CMATCH) continue;
    // Positions of the indel.
    std::int64_t rp = 0, hp = 0;
    for (std::size_t j = 0; j < i; ++j) {
      const std::uint32_t o = op_of(cigar[j]);
      if (o == BAM_CMATCH || o == BAM_CDEL) rp += len_of(cigar[j]);
      if (o == BAM_CMATCH || o == BAM_CINS) hp += len_of(cigar[j]);
    }
    const auto L = static_cast<std::int64_t>(len_of(cigar[i]));
    std::int64_t shift = 0;
    const auto prev_len = static_cast<std::int64_t>(len_of(cigar[i - 1]));
    while (shift < prev_len) {
      if (op == BAM_CDEL) {
        const std::int64_t p = rp - shift;
        if (p - 1 < 0 || ref[static_cast<std::size_t>(p - 1)] != ref[static_cast<std::size_t>(p + L - 1)]) break;
      } else {
        const std::int64_t p = hp - shift;
        if (p - 1 < 0 || hap[static_cast<std::size_t>(p - 1)] != hap[static_cast<std::size_t>(p + L - 1)]) break;
      }
      ++shift;
    }
    if (shift == 0) continue;
    cigar[i - 1] = bam_cigar_gen(static_cast<std::uint32_t>(prev_len - shift), BAM_CMATCH);
    if (i + 1 < cigar.size() && op_of(cigar[i + 1]) == BAM_CMATCH) {
      cigar[i + 1] = bam_cigar_gen(len_of(cigar[i + 1]) + static_cast<std::uint32_t>(shift), BAM_CMATCH);
    } else {
      cigar.insert(cigar.begin() + static_cast<std::ptrdiff_t>(i + 1), bam_cigar_gen(static_cast<std::uint32_t>(shift), BAM_CMATCH));
    }
    cigar = merge_ops(cigar);
    i = 0;  // rescan: merging may have changed indices
  }
  return cigar;
}

std::vector<std::vector<std::uint32_t>> haplotype_cigars(const std::string& ref, const std::vector<std::string>& haps,
                                                         kernels::hc_sw::SwRunner& sw) {
  const std::string pad(kSwPad, 'N');
  std::vector<std::vector<std::uint32_t>> out(haps.size());
  std::vector<std::pair<std::string, std::string>> pairs;
  std::vector<std::size_t> which;
  for (std::size_t h = 0; h < haps.size(); ++h) {
    if (haps[h].empty()) {
      out[h] = {bam_cigar_gen(static_cast<std::uint32_t>(ref.size()), BAM_CDEL)};
    } else if (haps[h] == ref) {
      out[h] = {bam_cigar_gen(static_cast<std::uint32_t>(ref.size()), BAM_CMATCH)};
    } else {
      pairs.emplace_back(pad + ref + pad, pad + haps[h] + pad);
      which.push_back(h);
    }
  }
  if (pairs.empty()) return out;
  const auto res = sw.run(pairs, kernels::hc_sw::SwParams{}, kernels::hc_sw::kSoftclip);
  for (std::size_t k = 0; k < res.size(); ++k) {
    const std::size_t h = which[k];
    if (res[k].offset > 0) continue;
    bool clip = false;
    for (std::uint32_t c : res[k].cigar) clip = clip || op_of(c) == BAM_CSOFT_CLIP;
    if (clip) continue;
    int lead = 0, trail = 0;
    const int m = static_cast<int>(haps[h].size());
    std::vector<std::uint32_t> cig = trim_by_bases(res[k].cigar, kSwPad, kSwPad + m - 1, lead, trail);
    if (trail > 0) cig.push_back(bam_cigar_gen(static_cast<std::uint32_t>(trail), BAM_CDEL));
    // Left alignment on the reference after the leading deletions.
    const std::string sub = ref.substr(static_cast<std::size_t>(lead));
    cig = left_align_indels(cig, sub, haps[h]);
    int trail2 = 0;
    while (!cig.empty() && op_of(cig.back()) == BAM_CDEL) {
      trail2 += static_cast<int>(len_of(cig.back()));
      cig.pop_back();
    }
    std::vector<std::uint32_t> full;
    if (lead > 0) full.push_back(bam_cigar_gen(static_cast<std::uint32_t>(lead), BAM_CDEL));
    full.insert(full.end(), cig.begin(), cig.end());
    if (trail2 > 0) full.push_back(bam_cigar_gen(static_cast<std::uint32_t>(trail2), BAM_CDEL));
    out[h] = merge_ops(full);
  }
  return out;
}

std::vector<HaplotypeEvent> haplotype_events(const std::string& hap, const std::vector<std::uint32_t>& cigar,
                                             std::int64_t hap_ref_start, const std::string& ref_bases,
                                             std::int64_t ref_bases_start) {
  std::vector<HaplotypeEvent> ev;
  std::int64_t rp = hap_ref_start - ref_bases_start;  // index into ref_bases
  std::size_t hp = 0;
  auto refc = [&](std::int64_t i) { return ref_bases[static_cast<std::size_t>(i)]; };
  for (std::size_t e = 0; e < cigar.size(); ++e) {
    const std::uint32_t op = op_of(cigar[e]);
    const auto len = static_cast<std::int64_t>(len_of(cigar[e]));
    if (op == BAM_CMATCH || op == BAM_CEQUAL || op == BAM_CDIFF) {
      for (std::int64_t k = 0; k < len; ++k) {
        const char r = refc(rp + k), a = hap[hp + static_cast<std::size_t>(k)];
        if (r != a && r != 'N' && a != 'N') ev.push_back({rp + k + ref_bases_start, std::string(1, r), std::string(1, a)});
      }
      rp += len;
      hp += static_cast<std::size_t>(len);
    } else if (op == BAM_CINS) {
      if (e > 0 && rp > 0 && hp > 0) {
        HaplotypeEvent x;
        x.pos = rp - 1 + ref_bases_start;
        x.ref = std::string(1, refc(rp - 1));
        x.alt = x.ref + hap.substr(hp, static_cast<std::size_t>(len));
        ev.push_back(std::move(x));
      }
      hp += static_cast<std::size_t>(len);
    } else if (op == BAM_CDEL) {
      if (e > 0 && rp > 0 && hp > 0) {
        HaplotypeEvent x;
        x.pos = rp - 1 + ref_bases_start;
        x.ref = ref_bases.substr(static_cast<std::size_t>(rp - 1), static_cast<std::size_t>(len + 1));
        x.alt = std::string(1, refc(rp - 1));
        ev.push_back(std::move(x));
      }
      rp += len;
    } else if (op == BAM_CSOFT_CLIP) {
      hp += static_cast<std::size_t>(len);
    }
  }
  std::stable_sort(ev.begin(), ev.end(), [](const HaplotypeEvent& a, const HaplotypeEvent& b) { return a.pos < b.pos; });
  return ev;
}

bool trim_haplotype(const Haplotype& h, std::int64_t start, std::int64_t end, Haplotype& out) {
  // Walk alignment columns; keep those whose reference position lies in [start, end]
  // (insertions kept when between two kept reference positions).
  std::int64_t rp = h.ref_start;
  std::size_t hp = 0;
  std::vector<std::uint32_t> cig;
  std::string bases;
  bool saw_start = false, saw_end = false;
  for (std::uint32_t c : h.cigar) {
    const std::uint32_t op = op_of(c);
    const auto len = static_cast<std::int64_t>(len_of(c));
    if (op == BAM_CMATCH || op == BAM_CEQUAL || op == BAM_CDIFF) {
      const std::int64_t lo = std::max(rp, start), hi = std::min(rp + len - 1, end);
      if (lo <= hi) {
        cig.push_back(bam_cigar_gen(static_cast<std::uint32_t>(hi - lo + 1), BAM_CMATCH));
        bases += h.bases.substr(hp + static_cast<std::size_t>(lo - rp), static_cast<std::size_t>(hi - lo + 1));
        if (lo == start) saw_start = true;
        if (hi == end) saw_end = true;
      }
      rp += len;
      hp += static_cast<std::size_t>(len);
    } else if (op == BAM_CINS) {
      if (rp > start && rp <= end) {
        cig.push_back(c);
        bases += h.bases.substr(hp, static_cast<std::size_t>(len));
      }
      hp += static_cast<std::size_t>(len);
    } else if (op == BAM_CDEL) {
      const std::int64_t lo = std::max(rp, start), hi = std::min(rp + len - 1, end);
      if (lo <= hi) {
        if (lo == start || hi == end) return false;  // a span boundary inside a deletion
        cig.push_back(bam_cigar_gen(static_cast<std::uint32_t>(hi - lo + 1), BAM_CDEL));
      }
      rp += len;
    }
  }
  if (!saw_start || !saw_end || bases.empty()) return false;
  out = h;
  out.bases = bases;
  out.cigar = merge_ops(cig);
  out.ref_start = start;
  out.events.clear();
  return true;
}

}  // namespace helicase::hc
