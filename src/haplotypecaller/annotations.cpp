// annotations.cpp -- the default annotations of a called site (see header).
#include "haplotypecaller/annotations.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "bqsr/java_format.hpp"
#include "haplotypecaller/annotation_stats.hpp"
#include "haplotypecaller/vcf_format.hpp"

namespace helicase::hc {
namespace {

constexpr double kInformative = 0.2;  // AlleleLikelihoods.LOG_10_INFORMATIVE_THRESHOLD
enum : std::uint32_t { kM = 0, kI = 1, kD = 2, kN = 3, kS = 4, kH = 5, kP = 6, kEq = 7, kX = 8 };

std::uint32_t op_of(std::uint32_t c) { return c & 0xf; }
std::int64_t len_of(std::uint32_t c) { return static_cast<std::int64_t>(c >> 4); }
bool consumes_read(std::uint32_t op) { return op == kM || op == kI || op == kS || op == kEq || op == kX; }
bool consumes_ref(std::uint32_t op) { return op == kM || op == kD || op == kN || op == kEq || op == kX; }

std::int64_t leading(const std::vector<std::uint32_t>& cigar, std::uint32_t op) {
  std::int64_t n = 0;
  for (std::uint32_t c : cigar) {
    if (op_of(c) == kH && op != kH) continue;
    if (op_of(c) != op) break;
    n += len_of(c);
  }
  return n;
}
std::int64_t trailing(const std::vector<std::uint32_t>& cigar, std::uint32_t op) {
  std::int64_t n = 0;
  for (auto it = cigar.rbegin(); it != cigar.rend(); ++it) {
    if (op_of(*it) == kH && op != kH) continue;
    if (op_of(*it) != op) break;
    n += len_of(*it);
  }
  return n;
}

// ReadUtils.getReadIndexForReferenceCoordinate(softStart, cigar, coord) (0-based coordinates).
std::optional<std::pair<std::int64_t, std::uint32_t>> read_index_at(std::int64_t soft_start, const std::vector<std::uint32_t>& cigar,
                                                                    std::int64_t coord) {
  if (coord < soft_start) return std::nullopt;
  std::int64_t read_end = 0, ref_end = soft_start;
  for (std::uint32_t c : cigar) {
    const std::uint32_t op = op_of(c);
    const std::int64_t read_first = read_end, ref_first = ref_end;
    read_end += consumes_read(op) ? len_of(c) : 0;
    ref_end += (consumes_ref(op) || op == kS) ? len_of(c) : 0;
    if (ref_first <= coord && coord < ref_end) return std::make_pair(read_first + (consumes_read(op) ? coord - ref_first : 0), op);
  }
  return std::nullopt;
}

// Java's String.format("%.3f") etc. through the shared HALF_UP formatter.
std::string fixed(double v, int n) { return bqsr::java_fixed(v, n); }

}  // namespace

int informative_best(const double* row, const std::vector<int>& cols) {
  if (cols.empty()) return -1;
  int best = 0;
  double best_lk = row[cols[0]], second = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 1; i < cols.size(); ++i) {
    const double v = row[cols[i]];
    if (v > best_lk) {
      second = best_lk;
      best_lk = v;
      best = static_cast<int>(i);
    } else if (v > second) {
      second = v;
    }
  }
  const double confidence = best_lk == second ? 0.0 : best_lk - second;
  return confidence > kInformative ? best : -1;
}

void annotate_call(const AssembledRegion& region, const std::vector<ReadAlignment>& aln, const SiteEvidence& ev,
                   const std::vector<int>& call_to_merged, std::int64_t start, std::int64_t end, int ploidy, VariantCall& call) {
  const std::size_t n_call = call_to_merged.size();
  std::vector<int> all_cols(ev.n_alleles);
  for (std::size_t a = 0; a < ev.n_alleles; ++a) all_cols[a] = static_cast<int>(a);
  std::vector<int> merged_to_call(ev.n_alleles, -1);
  for (std::size_t i = 0; i < n_call; ++i) merged_to_call[static_cast<std::size_t>(call_to_merged[i])] = static_cast<int>(i);

  // FORMAT AD and DP: informative reads among the call's alleles.
  call.ad.assign(n_call, 0);
  call.dp = 0;
  StrandTable strand{};
  std::vector<double> ref_mq, alt_mq, ref_bq, alt_bq, ref_pos, alt_pos;
  long long mq_sq = 0, mq_n = 0;
  for (std::size_t r = 0; r < ev.reads.size(); ++r) {
    const RegionRead& read = region.reads[ev.reads[r]];
    const ReadAlignment& al = aln[ev.reads[r]];
    const double* row = ev.lk.data() + r * ev.n_alleles;
    if (read.mapq != 255) {
      mq_sq += static_cast<long long>(read.mapq) * read.mapq;
      ++mq_n;
    }
    const int b = informative_best(row, call_to_merged);
    if (b >= 0) {
      ++call.ad[static_cast<std::size_t>(b)];
      ++call.dp;
    }
    const int best = informative_best(row, all_cols);
    if (best < 0) continue;
    const int in_call = merged_to_call[static_cast<std::size_t>(best)];
    // Strand table (ref row 0, any alt of the call row 1; forward column 0).
    if (best == 0 || in_call > 0) strand[best == 0 ? 0 : 1][(read.flag & 0x10) ? 1 : 0]++;
    // Rank sums: MAPQ 0 and 255 are unusable; ref vs the call's alts.
    if (read.mapq == 0 || read.mapq == 255) continue;
    if (best != 0 && in_call <= 0) continue;
    auto& mq = best == 0 ? ref_mq : alt_mq;
    auto& bq = best == 0 ? ref_bq : alt_bq;
    auto& rp = best == 0 ? ref_pos : alt_pos;
    mq.push_back(read.mapq);
    const std::int64_t aln_end = al.pos + cigar_ref_length(al.cigar) - 1;  // inclusive
    const std::int64_t soft_start = al.pos - leading(al.cigar, kS);
    const std::int64_t soft_end = aln_end + trailing(al.cigar, kS);
    if (start >= al.pos && start <= aln_end) {
      const auto idx = read_index_at(soft_start, al.cigar, start);
      if (idx && consumes_read(idx->second) && idx->first < static_cast<std::int64_t>(read.quals.size())) {
        bq.push_back(read.quals[static_cast<std::size_t>(idx->first)]);
      }
    }
    if (soft_start <= end + 1 && soft_end >= start) {
      std::uint32_t first_op = 0xff;
      for (std::uint32_t c : al.cigar) {
        if (op_of(c) != kS && op_of(c) != kH) {
          first_op = op_of(c);
          break;
        }
      }
      if (al.pos == end + 1 && first_op == kI) {
        rp.push_back(0);
      } else if (const auto idx = read_index_at(soft_start, al.cigar, start)) {
        const std::int64_t lead_h = (!al.cigar.empty() && op_of(al.cigar.front()) == kH) ? len_of(al.cigar.front()) : 0;
        const std::int64_t trail_h = (!al.cigar.empty() && op_of(al.cigar.back()) == kH) ? len_of(al.cigar.back()) : 0;
        const std::int64_t l = lead_h + idx->first;
        const std::int64_t rgt = static_cast<std::int64_t>(read.bases.size()) - 1 - idx->first + trail_h;
        rp.push_back(static_cast<double>(std::min(l, rgt)));
      }
    }
  }

  // ChromosomeCounts: AC, AF, AN from the genotype.
  int an = 0;
  std::vector<int> ac(n_call, 0);
  for (int a : call.gt) {
    if (a >= 0) {
      ++an;
      ++ac[static_cast<std::size_t>(a)];
    }
  }
  std::map<std::string, std::string> info;
  for (const auto& kv : call.info) info[kv.first] = kv.second;  // MLEAC/MLEAF from genotyping
  {
    std::string acs, afs;
    for (std::size_t i = 1; i < n_call; ++i) {
      acs += (i > 1 ? "," : "") + std::to_string(ac[i]);
      if (an > 0) afs += (i > 1 ? "," : "") + format_vcf_double(static_cast<double>(ac[i]) / an);
    }
    info["AC"] = acs;
    if (an > 0) info["AF"] = afs;
    info["AN"] = std::to_string(an);
  }
  if (!ev.reads.empty()) info["DP"] = std::to_string(ev.reads.size());
  if (mq_n > 0) info["MQ"] = fixed(std::sqrt(static_cast<double>(mq_sq) / static_cast<double>(mq_n)), 2);
  // FisherStrand (per-sample table used only when its sum exceeds 2) and StrandOddsRatio.
  {
    const int sum = strand[0][0] + strand[0][1] + strand[1][0] + strand[1][1];
    const StrandTable fs_table = sum > 2 ? strand : StrandTable{};
    info["FS"] = fixed(fisher_strand_phred(fs_table), 3);
    const StrandTable sor_table = sum > 0 ? strand : StrandTable{};
    info["SOR"] = fixed(strand_odds_ratio(sor_table), 3);
  }
  if (const auto z = mann_whitney_z(alt_mq, ref_mq)) info["MQRankSum"] = fixed(*z, 3);
  if (const auto z = mann_whitney_z(alt_bq, ref_bq)) info["BaseQRankSum"] = fixed(*z, 3);
  if (const auto z = mann_whitney_z(alt_pos, ref_pos)) info["ReadPosRankSum"] = fixed(*z, 3);
  // ExcessHet: diploid genotypes only (a single sample always gives p = 1).
  if (ploidy == 2 && call.gt.size() == 2 && !call.pl.empty()) {
    int het = 0, ref = 0, hom = 0;
    // GenotypeUtils.computeDiploidGenotypeCounts with rounding: the most likely of
    // (0/0, one ref, no ref) after normalising the likelihoods.
    double p_ref = 0, p_het = 0, p_hom = 0;
    const auto gts_pl = call.pl;
    std::vector<double> lin(gts_pl.size());
    double mx = -1e300;
    for (std::size_t i = 0; i < gts_pl.size(); ++i) mx = std::max(mx, gts_pl[i] / -10.0);
    double s = 0;
    for (std::size_t i = 0; i < gts_pl.size(); ++i) s += lin[i] = std::pow(10.0, gts_pl[i] / -10.0 - mx);
    // diploid order: index k = b(b+1)/2 + a for a <= b
    for (int b2 = 0, k = 0; k < static_cast<int>(lin.size()); ++b2) {
      for (int a2 = 0; a2 <= b2 && k < static_cast<int>(lin.size()); ++a2, ++k) {
        const double v = lin[static_cast<std::size_t>(k)] / s;
        if (a2 == 0 && b2 == 0) p_ref += v;
        else if (a2 == 0) p_het += v;
        else p_hom += v;
      }
    }
    if (p_ref >= p_het && p_ref >= p_hom) ref = 1;
    else if (p_het >= p_hom) het = 1;
    else hom = 1;
    info["ExcessHet"] = fixed(excess_het_phred(het, ref, hom), 4);
  }
  // QualByDepth: AD depth of het / hom-var genotypes.
  {
    bool variant = false;
    for (int a : call.gt) variant |= a > 0;
    int depth = 0, restricted = 0;
    if (variant) {
      int total = 0;
      for (int v : call.ad) total += v;
      if (total != 0) {
        if (total - call.ad[0] > 1) restricted += total;
        depth += total;
      } else {
        depth += static_cast<int>(ev.reads.size());
      }
    }
    if (restricted > 0) depth = restricted;
    if (depth > 0) {
      const double qd = call.qual / depth;
      if (qd >= 35.0) {
        call.qd_needs_jitter = true;
        call.qd_raw = qd;
        info["QD"] = "";  // filled by finalize_qd
      } else {
        info["QD"] = fixed(qd, 2);
      }
    }
  }
  call.info.assign(info.begin(), info.end());
  // AD and DP are per-sample annotations of called genotypes only (DepthPerAlleleBySample,
  // DepthPerSampleHC skip no-calls).
  if (std::all_of(call.gt.begin(), call.gt.end(), [](int a) { return a < 0; })) {
    call.ad.clear();
    call.dp = -1;
  }
}

}  // namespace helicase::hc
