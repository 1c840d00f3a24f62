// read_realign.cpp -- reads realigned to the reference through their best haplotype.
#include "haplotypecaller/read_realign.hpp"

#include <htslib/sam.h>

#include "haplotypecaller/haplotype_align.hpp"

namespace helicase::hc {
namespace {

std::vector<std::uint32_t> merged(const std::vector<std::uint32_t>& ops) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t c : ops) {
    if (bam_cigar_oplen(c) == 0) continue;
    if (!out.empty() && bam_cigar_op(out.back()) == bam_cigar_op(c)) {
      out.back() = bam_cigar_gen(bam_cigar_oplen(out.back()) + bam_cigar_oplen(c), bam_cigar_op(c));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::vector<ReadAlignment> realign_reads_to_best_haplotypes(const AssembledRegion& region, const ReadLikelihoods& lk,
                                                            kernels::hc_sw::SwRunner& sw) {
  std::vector<ReadAlignment> out(region.reads.size());
  for (std::size_t i = 0; i < region.reads.size(); ++i) {
    out[i].pos = region.reads[i].pos;
    out[i].cigar = region.reads[i].cigar;
  }
  const std::vector<BestHaplotype> best = best_haplotypes_for_realignment(region, lk);
  std::vector<std::pair<std::string, std::string>> pairs;
  for (std::size_t k = 0; k < lk.reads.size(); ++k) {
    pairs.emplace_back(region.haplotypes[best[k].hap].bases, region.reads[lk.reads[k]].bases);
  }
  const auto res = sw.run(pairs, kernels::hc_sw::SwParams{10, -15, -30, -5}, kernels::hc_sw::kSoftclip);
  std::string ref_hap;
  for (const Haplotype& h : region.haplotypes) {
    if (h.is_ref) ref_hap = h.bases;
  }
  for (std::size_t k = 0; k < lk.reads.size(); ++k) {
    const Haplotype& h = region.haplotypes[best[k].hap];
    const RegionRead& read = region.reads[lk.reads[k]];
    // Per haplotype base: its reference offset (M) or -1 (I); deletions before each base.
    std::vector<std::int64_t> hap_ref(h.bases.size() + 1000, -1);
    std::vector<std::uint32_t> del_before(h.bases.size() + 1000, 0);
    std::int64_t rp = h.ref_start - region.ref_start;
    std::size_t hp = 0;
    std::uint32_t pending_del = 0;
    for (std::uint32_t c : h.cigar) {
      const std::uint32_t op = bam_cigar_op(c), len = bam_cigar_oplen(c);
      if (op == BAM_CDEL) {
        pending_del += len;
        rp += len;
      } else if (op == BAM_CINS) {
        for (std::uint32_t j = 0; j < len; ++j, ++hp) {
          del_before[hp] = pending_del;
          pending_del = 0;
        }
      } else {
        for (std::uint32_t j = 0; j < len; ++j, ++hp, ++rp) {
          hap_ref[hp] = rp;
          del_before[hp] = pending_del;
          pending_del = 0;
        }
      }
    }
    for (; hp < hap_ref.size(); ++hp, ++rp) hap_ref[hp] = rp;  // right padding (1000M)
    // Compose the read->haplotype CIGAR with haplotype->reference.
    std::size_t hpos = static_cast<std::size_t>(res[k].offset);
    std::int64_t start = -1;
    std::vector<std::uint32_t> ops;
    auto emit = [&](std::uint32_t op, std::uint32_t n) { ops.push_back(bam_cigar_gen(n, op)); };
    for (std::uint32_t c : res[k].cigar) {
      const std::uint32_t op = bam_cigar_op(c), len = bam_cigar_oplen(c);
      if (op == BAM_CSOFT_CLIP) {
        emit(BAM_CSOFT_CLIP, len);
      } else if (op == BAM_CINS) {
        emit(BAM_CINS, len);
      } else if (op == BAM_CDEL) {
        for (std::uint32_t j = 0; j < len; ++j, ++hpos) {
          if (start >= 0 && del_before[hpos]) emit(BAM_CDEL, del_before[hpos]);
          if (hap_ref[hpos] >= 0) {
            if (start >= 0) emit(BAM_CDEL, 1);
          }
        }
      } else {
        for (std::uint32_t j = 0; j < len; ++j, ++hpos) {
          if (start >= 0 && del_before[hpos]) emit(BAM_CDEL, del_before[hpos]);
          if (hap_ref[hpos] >= 0) {
            if (start < 0) start = hap_ref[hpos];
            emit(BAM_CMATCH, 1);
          } else {
            emit(BAM_CINS, 1);
          }
        }
      }
    }
    if (start < 0) continue;
    std::vector<std::uint32_t> cig = merged(ops);
    // Left-align against the reference from the read's start (soft clips set aside).
    std::vector<std::uint32_t> core;
    std::uint32_t lead_s = 0, trail_s = 0;
    for (std::size_t i = 0; i < cig.size(); ++i) {
      if (bam_cigar_op(cig[i]) == BAM_CSOFT_CLIP) {
        (i == 0 ? lead_s : trail_s) += bam_cigar_oplen(cig[i]);
      } else {
        core.push_back(cig[i]);
      }
    }
    const std::string read_core = read.bases.substr(lead_s, read.bases.size() - lead_s - trail_s);
    if (start < static_cast<std::int64_t>(region.ref_bases.size())) {
      core = left_align_indels(core, region.ref_bases.substr(static_cast<std::size_t>(start)), read_core);
    }
    // appendClippedElementsFromCigarToCigar: the read's own hard clips stay at its ends.
    std::vector<std::uint32_t> full;
    const auto& rc = read.cigar;
    if (!rc.empty() && bam_cigar_op(rc.front()) == BAM_CHARD_CLIP) full.push_back(rc.front());
    if (lead_s) full.push_back(bam_cigar_gen(lead_s, BAM_CSOFT_CLIP));
    full.insert(full.end(), core.begin(), core.end());
    if (trail_s) full.push_back(bam_cigar_gen(trail_s, BAM_CSOFT_CLIP));
    if (rc.size() > 1 && bam_cigar_op(rc.back()) == BAM_CHARD_CLIP) full.push_back(rc.back());
    out[lk.reads[k]].pos = region.ref_start + start;
    out[lk.reads[k]].cigar = merged(full);
  }
  return out;
}

}  // namespace helicase::hc
