// locus_activity.cpp -- per-locus ref-vs-any activity and the active regions of an interval.
#include "haplotypecaller/locus_activity.hpp"

#include <htslib/sam.h>

#include <algorithm>
#include <cmath>

#include "haplotypecaller/hc_math.hpp"

namespace helicase::hc {
namespace {

constexpr int kMinBaseQual = 10;
constexpr int kDeletionQual = 30;   // REF_MODEL_DELETION_QUAL
constexpr int kHqSoftClipQual = 28;  // HQ_BASE_QUALITY_SOFTCLIP_THRESHOLD (strictly above)
constexpr std::int64_t kChunk = 1 << 16;

int hq_soft_clips(const RegionRead& r) {
  int n = 0;
  std::size_t q = 0;
  for (std::uint32_t c : r.cigar) {
    const std::uint32_t op = bam_cigar_op(c), len = bam_cigar_oplen(c);
    if (op == BAM_CSOFT_CLIP) {
      for (std::uint32_t k = 0; k < len; ++k, ++q) n += r.quals[q] > kHqSoftClipQual ? 1 : 0;
    } else if (bam_cigar_type(op) & 1) {
      q += len;
    }
  }
  return n;
}

struct Accum {
  std::vector<double> gl;      // (P+1) per locus
  std::vector<int> count;
  std::vector<double> hq_mean;
  std::vector<long> hq_n;
};

}  // namespace

std::vector<LocusState> locus_states(const std::vector<RegionRead>& reads, const std::string& ref, std::int64_t begin,
                                     std::int64_t end, int ploidy) {
  const int P = std::max(2, ploidy);
  const int G = P + 1;
  const double log10p = std::log10(static_cast<double>(P));
  std::vector<double> log10_i(static_cast<std::size_t>(G));
  for (int i = 1; i < G; ++i) log10_i[static_cast<std::size_t>(i)] = std::log10(static_cast<double>(i));
  std::vector<LocusState> out(static_cast<std::size_t>(std::max<std::int64_t>(0, end - begin)));
  std::int64_t max_span = 0;
  for (const auto& r : reads) max_span = std::max(max_span, r.original_end - r.pos);
  std::size_t first_read = 0;
  for (std::int64_t cs = begin; cs < end; cs += kChunk) {
    const std::int64_t ce = std::min(end, cs + kChunk);
    const auto L = static_cast<std::size_t>(ce - cs);
    Accum a;
    a.gl.assign(L * static_cast<std::size_t>(G), 0.0);
    a.count.assign(L, 0);
    a.hq_mean.assign(L, 0.0);
    a.hq_n.assign(L, 0);
    while (first_read < reads.size() && reads[first_read].pos + max_span < cs) ++first_read;
    for (std::size_t ri = first_read; ri < reads.size() && reads[ri].pos < ce; ++ri) {
      const RegionRead& r = reads[ri];
      if (r.original_end <= cs) continue;
      int hq = -1;
      std::int64_t rpos = r.pos;
      std::size_t qpos = 0;
      const std::size_t nc = r.cigar.size();
      for (std::size_t e = 0; e < nc; ++e) {
        const std::uint32_t op = bam_cigar_op(r.cigar[e]);
        const auto len = static_cast<std::int64_t>(bam_cigar_oplen(r.cigar[e]));
        const bool aligned = op == BAM_CMATCH || op == BAM_CEQUAL || op == BAM_CDIFF;
        const bool del = op == BAM_CDEL;
        if (!aligned && !del) {
          if (bam_cigar_type(op) & 1) qpos += static_cast<std::size_t>(len);
          if (bam_cigar_type(op) & 2) rpos += len;
          continue;
        }
        const std::uint32_t prev = e > 0 ? bam_cigar_op(r.cigar[e - 1]) : 99u;
        const std::uint32_t next = e + 1 < nc ? bam_cigar_op(r.cigar[e + 1]) : 99u;
        const std::int64_t lo = std::max(rpos, cs), hi = std::min(rpos + len, ce);
        for (std::int64_t loc = lo; loc < hi; ++loc) {
          const std::int64_t k = loc - rpos;
          const bool first = k == 0, last = k == len - 1;
          const char refb = ref[static_cast<std::size_t>(loc)];
          int qual;
          bool alt;
          if (del) {
            qual = kDeletionQual;
            alt = true;
          } else {
            qual = r.quals[qpos + static_cast<std::size_t>(k)];
            if (qual <= kMinBaseQual) continue;
            alt = r.bases[qpos + static_cast<std::size_t>(k)] != refb || (last && next == BAM_CDEL) ||
                  (first && prev == BAM_CDEL);
          }
          const bool next_to_clip = (last && next == BAM_CSOFT_CLIP) || (first && prev == BAM_CSOFT_CLIP);
          alt = alt || (last && next == BAM_CINS) || (first && prev == BAM_CINS) || next_to_clip;
          const auto li = static_cast<std::size_t>(loc - cs);
          double* gl = a.gl.data() + li * static_cast<std::size_t>(G);
          double refl, nonref;
          const auto q8 = static_cast<std::uint8_t>(qual);
          if (alt) {
            nonref = qual_to_prob_log10(q8);
            refl = qual_to_error_prob_log10(qual) + kLog10OneThird;
          } else {
            refl = qual_to_prob_log10(q8);
            nonref = qual_to_error_prob_log10(qual) + kLog10OneThird;
          }
          gl[0] += refl + log10p;
          gl[P] += nonref + log10p;
          for (int i = 1, j = P - 1; i < P; ++i, --j) {
            gl[i] += approximate_log10_sum_log10(refl + log10_i[static_cast<std::size_t>(j)],
                                                 nonref + log10_i[static_cast<std::size_t>(i)]);
          }
          ++a.count[li];
          if (alt && next_to_clip) {
            if (hq < 0) hq = hq_soft_clips(r);
            ++a.hq_n[li];
            a.hq_mean[li] += (hq - a.hq_mean[li]) / static_cast<double>(a.hq_n[li]);
          }
        }
        if (aligned) qpos += static_cast<std::size_t>(len);
        rpos += len;
      }
    }
    std::vector<double> g(static_cast<std::size_t>(G));
    for (std::size_t li = 0; li < L; ++li) {
      LocusState& s = out[static_cast<std::size_t>(cs - begin) + li];
      s.hq_soft_clips = a.hq_mean[li];
      if (a.count[li] == 0) continue;
      const double denom = a.count[li] * log10p;
      for (int i = 0; i < G; ++i) g[static_cast<std::size_t>(i)] = a.gl[li * static_cast<std::size_t>(G) + static_cast<std::size_t>(i)] - denom;
      s.prob = single_sample_biallelic_non_ref_posterior(g, true);
    }
  }
  return out;
}

std::vector<LocusState> locus_states_parallel(const std::vector<RegionRead>& reads, const std::string& ref,
                                              std::int64_t begin, std::int64_t end, int ploidy, ThreadPool* pool) {
  constexpr std::int64_t kMinPart = 2048;
  const std::int64_t n = end - begin;
  if (!pool || pool->size() < 2 || n < 2 * kMinPart) return locus_states(reads, ref, begin, end, ploidy);
  const auto parts = static_cast<std::size_t>(std::min<std::int64_t>(pool->size(), n / kMinPart));
  std::vector<std::vector<LocusState>> pieces(parts);
  pool->parallel_for(parts, [&](std::size_t k) {
    const std::int64_t a = begin + n * static_cast<std::int64_t>(k) / static_cast<std::int64_t>(parts);
    const std::int64_t b = begin + n * static_cast<std::int64_t>(k + 1) / static_cast<std::int64_t>(parts);
    pieces[k] = locus_states(reads, ref, a, b, ploidy);
  });
  std::vector<LocusState> out;
  out.reserve(static_cast<std::size_t>(n));
  for (const auto& piece : pieces) out.insert(out.end(), piece.begin(), piece.end());
  return out;
}

ActiveRegionScanner::ActiveRegionScanner(const std::string& ref, std::int64_t begin, std::int64_t end, int ploidy,
                                         const ActivityProfileParams& params, ThreadPool* pool)
    : ref_(ref),
      begin_(begin),
      end_(end),
      ploidy_(ploidy),
      params_(params),
      lead_(params.filter_size + params.max_prob_propagation + 10),
      tail_(params.max_region + params.max_prob_propagation + params.filter_size + 100),
      next_(begin),
      pool_(pool) {}

void ActiveRegionScanner::add_read(std::int64_t pos, std::int64_t original_end) {
  const std::int64_t s = std::max(begin_, pos), e = std::min(end_, original_end);
  if (s >= e) return;
  if (!blocks_.empty() && s <= blocks_.back().second + lead_ + tail_ + 10) {
    blocks_.back().second = std::max(blocks_.back().second, e);
  } else {
    blocks_.emplace_back(s, e);
  }
}

std::int64_t ActiveRegionScanner::floor() const {
  if (blocks_.empty()) {
    // Nothing pending: a read still to come starts at or after known_, and its block's profile
    // starts lead_ loci before that.
    if (finished_) return end_;
    if (known_ == std::numeric_limits<std::int64_t>::min()) return begin_;
    return std::clamp(known_ - lead_, begin_, end_);
  }
  std::int64_t f = profile_ ? next_ : std::max(begin_, blocks_.front().first - lead_);
  if (profile_ && !profile_->empty()) f = std::min(f, profile_->start());
  return f;
}

void ActiveRegionScanner::run(const std::vector<RegionRead>& reads, std::int64_t known, bool all,
                              std::vector<ProfileRegion>& out) {
  auto keep = [&](const std::vector<ProfileRegion>& rs) {
    for (const auto& r : rs) {
      if (r.active) out.push_back(r);
    }
  };
  while (!blocks_.empty()) {
    const auto [bs, be] = blocks_.front();
    const bool closed = all || blocks_.size() > 1;
    if (!profile_) {
      profile_.emplace(static_cast<std::int64_t>(ref_.size()), params_);
      next_ = std::max(begin_, bs - lead_);
    }
    const std::int64_t to = std::min(end_, be + tail_);
    // An open block may still grow: its loci are final below `known`, and the zeros after its
    // covered loci are only added once it is known whether another read extends it.
    const std::int64_t limit = closed ? to : std::min(known, to);
    constexpr std::int64_t kStep = 1 << 16;
    while (next_ < limit) {
      const std::int64_t stop = std::min(limit, next_ + kStep);
      const std::int64_t cs = std::max(next_, bs), ce = std::min(stop, be);
      const std::vector<LocusState> states =
          cs < ce ? locus_states_parallel(reads, ref_, cs, ce, ploidy_, pool_) : std::vector<LocusState>{};
      for (std::int64_t pos = next_; pos < stop; ++pos) {
        if (!profile_->empty()) keep(profile_->pop(false));
        const bool inside = pos >= cs && pos < ce;
        const LocusState st = inside ? states[static_cast<std::size_t>(pos - cs)] : LocusState{};
        profile_->add(pos, st.prob, st.hq_soft_clips);
      }
      next_ = stop;
    }
    if (!closed) return;
    if (to == end_) keep(profile_->pop(true));
    profile_.reset();
    blocks_.pop_front();
  }
}

void ActiveRegionScanner::advance(const std::vector<RegionRead>& reads, std::int64_t known, std::vector<ProfileRegion>& out) {
  known_ = std::max(known_, known);
  run(reads, known, false, out);
}

void ActiveRegionScanner::finish(const std::vector<RegionRead>& reads, std::vector<ProfileRegion>& out) {
  run(reads, end_, true, out);
  finished_ = true;
}

std::vector<ProfileRegion> active_regions(const std::vector<RegionRead>& reads, const std::string& ref,
                                          std::int64_t begin, std::int64_t end, int ploidy,
                                          const ActivityProfileParams& params) {
  ActiveRegionScanner scanner(ref, begin, end, ploidy, params);
  for (const RegionRead& r : reads) scanner.add_read(r.pos, r.original_end);
  std::vector<ProfileRegion> out;
  scanner.finish(reads, out);
  return out;
}

}  // namespace helicase::hc
