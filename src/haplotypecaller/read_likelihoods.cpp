// read_likelihoods.cpp -- PairHMM read preparation, batching and post-processing (see header).
#include "haplotypecaller/read_likelihoods.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "haplotypecaller/hc_math.hpp"
#include "haplotypecaller/repeats.hpp"
#include "pairhmm/pairhmm_batch.hpp"

namespace helicase::hc {
namespace {

constexpr int kMaxStrUnitLength = 8;
constexpr int kMaxRepeatLength = 20;
constexpr std::uint8_t kMinUsableQ = 6;
constexpr std::uint8_t kDefaultIndelQ = 45;

}  // namespace

int tandem_repeat_units(std::string_view b, int offset) {
  const int len = static_cast<int>(b.size());
  int max_bw = 0;
  std::string_view bw_unit = b.substr(static_cast<std::size_t>(offset), 1);
  for (int str = 1; str <= kMaxStrUnitLength; ++str) {
    if (offset + 1 - str < 0) break;
    max_bw = count_repeats(b.substr(static_cast<std::size_t>(offset - str + 1), static_cast<std::size_t>(str)),
                           b.substr(0, static_cast<std::size_t>(offset) + 1), false);
    if (max_bw > 1) {
      bw_unit = b.substr(static_cast<std::size_t>(offset - str + 1), static_cast<std::size_t>(str));
      break;
    }
  }
  int max_rl = max_bw;
  if (offset < len - 1) {
    std::string_view fw_unit = b.substr(static_cast<std::size_t>(offset + 1), 1);
    int max_fw = 0;
    for (int str = 1; str <= kMaxStrUnitLength; ++str) {
      if (offset + str + 1 > len) break;
      max_fw = count_repeats(b.substr(static_cast<std::size_t>(offset) + 1, static_cast<std::size_t>(str)),
                             b.substr(static_cast<std::size_t>(offset) + 1), true);
      if (max_fw > 1) {
        fw_unit = b.substr(static_cast<std::size_t>(offset + 1), static_cast<std::size_t>(str));
        break;
      }
    }
    if (fw_unit == bw_unit) {
      max_rl = max_bw + max_fw;
    } else {
      // The backward unit may still be made of the forward unit (TTCTT(C)CCC): count the
      // forward unit backwards over the prefix.
      max_bw = count_repeats(fw_unit, b.substr(0, static_cast<std::size_t>(offset) + 1), false);
      max_rl = max_fw + max_bw;
    }
  }
  return std::min(max_rl, kMaxRepeatLength);
}

std::uint8_t pcr_adjusted_gop(int repeat_length, double rate_factor) {
  const int q = fast_round(40.0 - std::exp(repeat_length / (rate_factor * std::numbers::pi)) + 1.0);
  return static_cast<std::uint8_t>(std::max(10, q));
}

HmmRead prepare_hmm_read(const RegionRead& read, const LikelihoodOptions& opt) {
  const std::size_t n = read.bases.size();
  HmmRead h;
  h.quals.assign(read.quals.begin(), read.quals.end());
  h.quals.resize(n, 0);
  h.ins = read.ins_quals.size() == n ? read.ins_quals : std::vector<std::uint8_t>(n, kDefaultIndelQ);
  h.del = read.del_quals.size() == n ? read.del_quals : std::vector<std::uint8_t>(n, kDefaultIndelQ);
  if (opt.pcr_rate_factor != 0.0) {
    std::uint8_t cache[kMaxRepeatLength + 1];
    for (int i = 0; i <= kMaxRepeatLength; ++i) cache[i] = pcr_adjusted_gop(i, opt.pcr_rate_factor);
    for (std::size_t i = 1; i < n; ++i) {
      const int rl = tandem_repeat_units(read.bases, static_cast<int>(i - 1));
      h.ins[i - 1] = std::min(h.ins[i - 1], cache[rl]);
      h.del[i - 1] = std::min(h.del[i - 1], cache[rl]);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (opt.cap_quals_to_mapq) h.quals[i] = static_cast<std::uint8_t>(std::min<int>(h.quals[i], read.mapq));
    // Java compares signed bytes: qualities of 128 and above count as negative (below threshold).
    auto too_low = [](std::uint8_t q, int min) { return static_cast<std::int8_t>(q) < min; };
    if (too_low(h.quals[i], opt.base_quality_threshold)) h.quals[i] = kMinUsableQ;
    if (too_low(h.ins[i], kMinUsableQ)) h.ins[i] = kMinUsableQ;
    if (too_low(h.del[i], kMinUsableQ)) h.del[i] = kMinUsableQ;
  }
  h.gcp.assign(n, static_cast<std::uint8_t>(opt.gcp));
  return h;
}

void normalize_read_likelihoods(double* row, std::size_t n, double log10_cap) {
  if (n < 2) return;
  double best = row[0];
  for (std::size_t h = 1; h < n; ++h) best = std::max(best, row[h]);
  const double floor = best + log10_cap;
  for (std::size_t h = 0; h < n; ++h) {
    if (row[h] < floor) row[h] = floor;
  }
}

bool is_poorly_modeled(const double* row, std::size_t n, std::size_t read_length, double expected_error_rate) {
  double best = -std::numeric_limits<double>::infinity();
  for (std::size_t h = 0; h < n; ++h) best = std::max(best, row[h]);
  const double max_errors = std::min(2.0, std::ceil(static_cast<double>(read_length) * expected_error_rate));
  return best < max_errors * -4.0;
}

std::vector<BestHaplotype> best_haplotypes_for_realignment(const AssembledRegion& region, const ReadLikelihoods& lk) {
  constexpr double kInformative = 0.2;
  const std::size_t H = lk.n_haps;
  std::vector<double> prio(H);
  for (std::size_t h = 0; h < H; ++h) {
    const Haplotype& hap = region.haplotypes[h];
    prio[h] = (hap.is_ref ? 1.0 : 0.0) + (hap.cigar.empty() ? 0.0 : 1.0 - static_cast<double>(hap.cigar.size()));
  }
  std::vector<BestHaplotype> out(lk.reads.size());
  for (std::size_t r = 0; r < lk.reads.size(); ++r) {
    const double* v = lk.log10.data() + r * H;
    // AlleleLikelihoods.searchBestAllele(canBeReference = true, priorities).
    std::size_t best = 0, second = 0;
    double best_lk = v[0], second_lk = -std::numeric_limits<double>::infinity();
    for (std::size_t a = 1; a < H; ++a) {
      if (v[a] > best_lk) {
        second = best;
        best = a;
        second_lk = best_lk;
        best_lk = v[a];
      } else if (v[a] > second_lk) {
        second = a;
        second_lk = v[a];
      }
    }
    if (best_lk - second_lk < kInformative) {
      double best_p = prio[best], second_p = prio[second];
      for (std::size_t a = 0; a < H; ++a) {
        if (a == best || best_lk - v[a] > kInformative) continue;
        if (prio[a] > best_p) {
          second = best;
          best = a;
          second_p = best_p;
          best_p = prio[a];
        } else if (prio[a] > second_p) {
          second = a;
          second_p = prio[a];
        }
      }
    }
    const double b = v[best];
    const double s2 = second != best ? v[second] : -std::numeric_limits<double>::infinity();
    const double confidence = b == s2 ? 0.0 : b - s2;
    out[r] = {static_cast<std::uint32_t>(best), confidence > kInformative};
  }
  return out;
}

ReadLikelihoods compute_read_likelihoods(const AssembledRegion& region, kernels::pairhmm::PairHmmRunner& hmm,
                                         const LikelihoodOptions& opt) {
  ReadLikelihoods out;
  out.n_haps = region.haplotypes.size();
  std::vector<std::uint32_t> candidates;
  for (std::uint32_t r = 0; r < region.reads.size(); ++r) {
    if (region.reads[r].for_genotyping && !region.reads[r].bases.empty()) candidates.push_back(r);
  }
  if (candidates.empty() || out.n_haps == 0) return out;
  kernels::pairhmm::PairHmmBatch batch;
  std::vector<std::uint32_t> hap_ids;
  for (const Haplotype& h : region.haplotypes) hap_ids.push_back(batch.add_haplotype(h.bases));
  for (std::uint32_t r : candidates) {
    const RegionRead& read = region.reads[r];
    const HmmRead in = prepare_hmm_read(read, opt);
    const std::uint32_t id = batch.add_read(read.bases, in.quals.data(), in.ins.data(), in.del.data(), in.gcp.data());
    for (std::uint32_t h : hap_ids) batch.add_pair(id, h);
  }
  kernels::pairhmm::PairHmmBatchView view = batch.view();
  std::vector<double> lk = hmm.run(view, batch.n_reads(), batch.n_haps());
  const std::size_t H = out.n_haps;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    double* row = lk.data() + i * H;
    normalize_read_likelihoods(row, H, opt.log10_mismapping);
    if (is_poorly_modeled(row, H, region.reads[candidates[i]].bases.size(), opt.expected_error_rate)) {
      out.dropped.push_back(candidates[i]);
      out.dropped_best.push_back(*std::max_element(row, row + H));
      continue;
    }
    out.reads.push_back(candidates[i]);
    out.log10.insert(out.log10.end(), row, row + H);
  }
  return out;
}

}  // namespace helicase::hc
