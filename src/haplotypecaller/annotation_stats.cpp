// annotation_stats.cpp -- Mann-Whitney U, Fisher's exact test, SOR, ExcessHet (see header).
#include "haplotypecaller/annotation_stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>

#include "bqsr/recal_math.hpp"
#include "haplotypecaller/hc_math.hpp"

namespace helicase::hc {
namespace {

struct Rank {
  double value;
  float rank;
  int series;
};

// MannWhitneyU.calculateRank: both series sorted, merged (ties to series 1 first), ranks 1..n
// as floats, tied runs get their float mean; returns the ranks and the tie-run sizes.
std::vector<Rank> rank_series(std::vector<double>& s1, std::vector<double>& s2, std::vector<int>& ties) {
  std::sort(s1.begin(), s1.end());
  std::sort(s2.begin(), s2.end());
  std::vector<Rank> ranks;
  std::size_t i = 0, j = 0;
  while (ranks.size() < s1.size() + s2.size()) {
    const float r = static_cast<float>(ranks.size() + 1);
    if (i >= s1.size()) ranks.push_back({s2[j++], r, 2});
    else if (j >= s2.size()) ranks.push_back({s1[i++], r, 1});
    else if (s1[i] <= s2[j]) ranks.push_back({s1[i++], r, 1});
    else ranks.push_back({s2[j++], r, 2});
  }
  for (std::size_t a = 0; a < ranks.size();) {
    float rank = ranks[a].rank;
    std::size_t count = 1;
    for (std::size_t b = a + 1; b < ranks.size() && ranks[b].value == ranks[a].value; ++b) {
      rank += ranks[b].rank;
      ++count;
    }
    if (count > 1) {
      rank /= static_cast<float>(count);
      for (std::size_t b = a; b < a + count; ++b) ranks[b].rank = rank;
      ties.push_back(static_cast<int>(count));
    }
    a += count;
  }
  return ranks;
}

// commons-math Erf.erfInv (Giles' single-precision-free approximation), Horner as written there.
double erf_inv(double x) {
  static constexpr double kA[] = {-3.6444120640178196996e-21, -1.685059138182016589e-19, 1.2858480715256400167e-18,
                                  1.115787767802518096e-17,   -1.333171662854620906e-16, 2.0972767875968561637e-17,
                                  6.6376381343583238325e-15,  -4.0545662729752068639e-14, -8.1519341976054721522e-14,
                                  2.6335093153082322977e-12,  -1.2975133253453532498e-11, -5.4154120542946279317e-11,
                                  1.051212273321532285e-09,   -4.1126339803469836976e-09, -2.9070369957882005086e-08,
                                  4.2347877827932403518e-07,  -1.3654692000834678645e-06, -1.3882523362786468719e-05,
                                  0.0001867342080340571352,   -0.00074070253416626697512, -0.0060336708714301490533,
                                  0.24015818242558961693,     1.6536545626831027356};
  static constexpr double kB[] = {2.2137376921775787049e-09,  9.0756561938885390979e-08, -2.7517406297064545428e-07,
                                  1.8239629214389227755e-08,  1.5027403968909827627e-06, -4.013867526981545969e-06,
                                  2.9234449089955446044e-06,  1.2475304481671778723e-05, -4.7318229009055733981e-05,
                                  6.8284851459573175448e-05,  2.4031110387097893999e-05, -0.0003550375203628474796,
                                  0.00095328937973738049703,  -0.0016882755560235047313, 0.0024914420961078508066,
                                  -0.0037512085075692412107,  0.005370914553590063617,   1.0052589676941592334,
                                  3.0838856104922207635};
  static constexpr double kC[] = {-2.7109920616438573243e-11, -2.5556418169965252055e-10, 1.5076572693500548083e-09,
                                  -3.7894654401267369937e-09, 7.6157012080783393804e-09,  -1.4960026627149240478e-08,
                                  2.9147953450901080826e-08,  -6.7711997758452339498e-08, 2.2900482228026654717e-07,
                                  -9.9298272942317002539e-07, 4.5260625972231537039e-06,  -1.9681778105531670567e-05,
                                  7.5995277030017761139e-05,  -0.00021503011930044477347, -0.00013871931833623122026,
                                  1.0103004648645343977,      4.8499064014085844221};
  double w = -std::log((1.0 - x) * (1.0 + x));
  auto horner = [](const double* c, std::size_t n, double v) {
    double p = c[0];
    for (std::size_t k = 1; k < n; ++k) p = c[k] + p * v;
    return p;
  };
  double p;
  if (w < 6.25) {
    w -= 3.125;
    p = horner(kA, std::size(kA), w);
  } else if (w < 16.0) {
    w = std::sqrt(w) - 3.25;
    p = horner(kB, std::size(kB), w);
  } else if (!std::isinf(w)) {
    w = std::sqrt(w) - 5.0;
    p = horner(kC, std::size(kC), w);
  } else {
    p = std::numeric_limits<double>::infinity();
  }
  return p * x;
}

// commons-math HypergeometricDistribution(N, m successes, k sample).logProbability(x).
double hypergeometric_log_p(int x, int N, int m, int k) {
  const double p = static_cast<double>(k) / N;
  return bqsr::log_binomial_probability(m, x, p) + bqsr::log_binomial_probability(N - m, k - x, p) -
         bqsr::log_binomial_probability(N, k, p);
}

// MannWhitneyU.permutationTest: P(U' < U) + P(U' == U)/2 over all assignments of the ranks.
double permutation_p(const std::vector<Rank>& ranks, std::size_t n1, double u) {
  const std::size_t n = ranks.size();
  std::map<long long, long long> histo;
  long long total = 0;
  // Enumerate every n1-subset of the n positions (series 1 membership).
  std::vector<int> pick(n, 0);
  std::fill(pick.end() - static_cast<std::ptrdiff_t>(n1), pick.end(), 1);
  do {
    double s = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      if (pick[i]) s += static_cast<double>(ranks[i].rank);
    }
    const double new_u = s - (static_cast<double>(n1) * (static_cast<double>(n1) + 1)) / 2.0;
    ++histo[static_cast<long long>(std::llround(2 * new_u))];
    ++total;
  } while (std::next_permutation(pick.begin(), pick.end()));
  const long long key = static_cast<long long>(std::llround(2 * u));
  double smaller = histo.count(key) ? static_cast<double>(histo[key]) / 2.0 : 0.0;
  for (const auto& [id, c] : histo) {
    if (id < key) smaller += static_cast<double>(c);
  }
  return smaller / static_cast<double>(total);
}

}  // namespace

double inverse_normal_cdf(double p) {
  if (p == 0.0) return -std::numeric_limits<double>::infinity();
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  return 0.0 + 1.0 * std::sqrt(2.0) * erf_inv(2 * p - 1);
}

std::optional<double> mann_whitney_z(std::vector<double> s1, std::vector<double> s2) {
  const std::size_t n1 = s1.size(), n2 = s2.size();
  if (n1 == 0 || n2 == 0) return std::nullopt;
  std::vector<int> ties;
  const auto ranks = rank_series(s1, s2, ties);
  double n_ties = 0.0;
  for (int c : ties) {
    if (static_cast<std::size_t>(c) != ranks.size()) n_ties += std::pow(c, 3) - c;
  }
  float r1 = 0, r2 = 0;
  for (const Rank& r : ranks) {
    if (r.series == 1) r1 += r.rank;
    else r2 += r.rank;
  }
  const double dn1 = static_cast<double>(n1);
  const double u = static_cast<double>(r1) - ((dn1 * (dn1 + 1)) / 2);
  double z;
  if (n1 >= 10 || n2 >= 10) {
    const double m = (static_cast<double>(static_cast<int>(n1) * static_cast<int>(n2))) / 2.0;
    const double correction = n_ties == 0 ? 0.0 : -.5;  // FIRST_DOMINATES
    const int in1 = static_cast<int>(n1), in2 = static_cast<int>(n2);
    const double sigma = std::sqrt((in1 * in2 / 12.0) * ((in1 + in2 + 1) - n_ties / ((in1 + in2) * (in1 + in2 - 1))));
    z = (u - m - correction) / sigma;
  } else {
    z = inverse_normal_cdf(permutation_p(ranks, n1, u));
  }
  if (std::isnan(z)) return std::nullopt;
  return z;
}

double fisher_strand_phred(const StrandTable& in) {
  StrandTable t = in;
  const int sum = t[0][0] + t[0][1] + t[1][0] + t[1][1];
  if (sum > 400) {
    const double norm = sum / 200.0;
    for (auto& row : t) {
      for (int& v : row) v = static_cast<int>(v / norm);
    }
  }
  const int m = t[0][0] + t[0][1], n = t[1][0] + t[1][1], k = t[0][0] + t[1][0];
  const int lo = std::max(0, k - n), hi = std::min(k, m);
  double p = 1.0;
  if (hi - lo + 1 > 1) {
    std::vector<double> logds;
    for (int x = lo; x <= hi; ++x) logds.push_back(hypergeometric_log_p(x, m + n, m, k));
    const double threshold = logds[static_cast<std::size_t>(t[0][0] - lo)] * (1 - 10e-7);
    std::vector<double> log10ds;
    for (double d : logds) {
      if (d <= threshold) log10ds.push_back(d * kLog10E);
    }
    p = std::min(std::pow(10.0, log10_sum_log10(log10ds)), 1.0);
  }
  // QualityUtils.phredScaleErrorRate: |-10 max(log10 p, log10 Double.MIN_VALUE)| (abs: no -0.000).
  const double l = std::max(std::log10(std::max(p, 1e-320)), std::log10(std::numeric_limits<double>::denorm_min()));
  return std::fabs(-10.0 * l);
}

double strand_odds_ratio(const StrandTable& t) {
  const double t00 = t[0][0] + 1.0, t01 = t[0][1] + 1.0, t11 = t[1][1] + 1.0, t10 = t[1][0] + 1.0;
  const double ratio = (t00 / t01) * (t11 / t10) + (t01 / t00) * (t10 / t11);
  const double ref_ratio = std::min(t00, t01) / std::max(t00, t01);
  const double alt_ratio = std::min(t10, t11) / std::max(t10, t11);
  return std::log(ratio) + std::log(ref_ratio) - std::log(alt_ratio);
}

double excess_het_p(int het, int ref, int hom) {
  const int hom_r = ref < hom ? ref : hom, hom_c = ref < hom ? hom : ref;
  const int rare = 2 * hom_r + het;
  const int N = het + hom_c + hom_r;
  std::vector<double> probs(static_cast<std::size_t>(rare) + 1, 0.0);
  int mid = static_cast<int>(std::floor(rare * (2.0 * N - rare) / (2.0 * N - 1.0)));
  if ((mid % 2) != (rare % 2)) ++mid;
  probs[static_cast<std::size_t>(mid)] = 1.0;
  double sum = 1.0;
  int h = mid, r = (rare - mid) / 2, c = N - h - r;
  while (h >= 2) {
    const double pp = probs[static_cast<std::size_t>(h)] * h * (h - 1.0) / (4.0 * (r + 1.0) * (c + 1.0));
    if (pp < 1.0e-16) break;
    probs[static_cast<std::size_t>(h - 2)] = pp;
    sum += pp;
    h -= 2;
    ++r;
    ++c;
  }
  h = mid;
  r = (rare - mid) / 2;
  c = N - h - r;
  while (h <= rare - 2) {
    const double pp = probs[static_cast<std::size_t>(h)] * 4.0 * r * c / ((h + 2.0) * (h + 1.0));
    if (pp < 1.0e-16) break;
    probs[static_cast<std::size_t>(h + 2)] = pp;
    sum += pp;
    h += 2;
    --r;
    --c;
  }
  const double right = probs[static_cast<std::size_t>(het)] / sum;
  if (het == rare) return std::max(0., std::min(1., right));
  double tail = 0.0;
  for (std::size_t i = static_cast<std::size_t>(het) + 1; i < probs.size(); ++i) tail += probs[i];
  return std::max(0., std::min(1., right + tail / sum));
}

double excess_het_phred(int het, int ref, int hom) {
  const double p = excess_het_p(het, ref, hom);
  if (p < 10e-60) return -10.0 * std::log10(1.0e-16);
  return -10.0 * std::log10(p) + 0.;
}

}  // namespace helicase::hc
