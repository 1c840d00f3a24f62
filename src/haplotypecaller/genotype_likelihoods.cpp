// genotype_likelihoods.cpp -- genotype enumeration, likelihoods, PLs and GQ (see header).
#include "haplotypecaller/genotype_likelihoods.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "bqsr/java_format.hpp"
#include "haplotypecaller/hc_math.hpp"

namespace helicase::hc {

std::int64_t genotype_count(int ploidy, int allele_count) {
  if (allele_count <= 0) return 0;
  // C(P + A - 1, P), computed incrementally (exact while it fits).
  std::int64_t c = 1;
  for (int i = 1; i <= ploidy; ++i) {
    const std::int64_t num = allele_count - 1 + i;
    if (c > std::numeric_limits<std::int64_t>::max() / num) return std::numeric_limits<std::int64_t>::max();
    c = c * num / i;
  }
  return c;
}

int max_acceptable_allele_count(int ploidy, int max_genotypes) {
  if (ploidy == 1) return max_genotypes;
  int a = 1;
  while (genotype_count(ploidy, a + 1) <= max_genotypes) ++a;
  return a;
}

std::vector<GenotypeCounts> enumerate_genotypes(int ploidy, int allele_count) {
  std::vector<GenotypeCounts> out;
  if (allele_count <= 0) return out;
  // Colexicographic order over non-decreasing tuples: the next genotype increments the lowest
  // position that can grow and resets the positions below it to 0.
  std::vector<int> g(static_cast<std::size_t>(ploidy), 0);
  const double log_p_fact = log_factorial(ploidy);
  while (true) {
    GenotypeCounts gc;
    gc.alleles = g;
    for (int a : g) {
      if (!gc.counts.empty() && gc.counts.back().first == a) ++gc.counts.back().second;
      else gc.counts.emplace_back(a, 1);
    }
    double l = log_p_fact;
    for (const auto& c : gc.counts) l -= log_factorial(c.second);
    gc.log10_combination_count = l * kLog10E;
    out.push_back(std::move(gc));
    if (ploidy == 0) break;
    // Find the lowest position i whose value can be incremented while staying <= g[i+1].
    int i = 0;
    while (i < ploidy) {
      const int limit = i + 1 < ploidy ? g[static_cast<std::size_t>(i + 1)] : allele_count - 1;
      if (g[static_cast<std::size_t>(i)] < limit) break;
      ++i;
    }
    if (i == ploidy) break;
    ++g[static_cast<std::size_t>(i)];
    for (int k = 0; k < i; ++k) g[static_cast<std::size_t>(k)] = 0;
  }
  return out;
}

std::size_t genotype_index(const std::vector<int>& sorted_alleles, int allele_count) {
  // Rank in colex order: sum over positions k (1-based) of C(a_k + k - 1, k).
  std::size_t idx = 0;
  for (std::size_t k = 0; k < sorted_alleles.size(); ++k) {
    const int a = sorted_alleles[k];
    // number of non-decreasing (k+1)-tuples with max element < a... = C(a + k, k + 1)
    std::int64_t c = 1;
    const int n = a + static_cast<int>(k), r = static_cast<int>(k) + 1;
    if (n < r) continue;
    for (int i = 1; i <= r; ++i) c = c * (n - r + i) / i;
    idx += static_cast<std::size_t>(c);
  }
  (void)allele_count;
  return idx;
}

std::vector<double> genotype_log10_likelihoods(int ploidy, int allele_count, std::size_t n_reads, const std::vector<double>& lk,
                                               const std::vector<GenotypeCounts>& genotypes) {
  std::vector<double> result(genotypes.size(), 0.0);
  const bool triallelic_possible = allele_count > 2 && ploidy > 2;
  std::vector<double> rescaled, buffer;
  double log10_rescaling = 0.0;
  if (triallelic_possible) {
    std::vector<double> maxima(n_reads, -std::numeric_limits<double>::infinity());
    for (int a = 0; a < allele_count; ++a) {
      for (std::size_t r = 0; r < n_reads; ++r) maxima[r] = std::max(maxima[r], lk[static_cast<std::size_t>(a) * n_reads + r]);
    }
    rescaled.resize(lk.size());
    for (int a = 0; a < allele_count; ++a) {
      for (std::size_t r = 0; r < n_reads; ++r) {
        const std::size_t i = static_cast<std::size_t>(a) * n_reads + r;
        rescaled[i] = std::pow(10.0, lk[i] - maxima[r]);
      }
    }
    for (std::size_t r = 0; r < n_reads; ++r) log10_rescaling += maxima[r];
    buffer.resize(n_reads);
  }
  const double log10_ploidy = std::log10(static_cast<double>(ploidy));
  for (std::size_t g = 0; g < genotypes.size(); ++g) {
    const auto& c = genotypes[g].counts;
    if (c.size() == 1) {
      const double* row = lk.data() + static_cast<std::size_t>(c[0].first) * n_reads;
      double s = 0.0;
      for (std::size_t r = 0; r < n_reads; ++r) s += row[r];
      result[g] = s;
    } else if (c.size() == 2) {
      const double* row1 = lk.data() + static_cast<std::size_t>(c[0].first) * n_reads;
      const double* row2 = lk.data() + static_cast<std::size_t>(c[1].first) * n_reads;
      const double l1 = std::log10(static_cast<double>(c[0].second));
      const double l2 = std::log10(static_cast<double>(ploidy - c[0].second));
      double s = 0.0;
      for (std::size_t r = 0; r < n_reads; ++r) s += approximate_log10_sum_log10(row1[r] + l1, row2[r] + l2);
      result[g] = s - static_cast<double>(n_reads) * log10_ploidy;
    } else {
      std::fill(buffer.begin(), buffer.end(), 0.0);
      for (const auto& [a, f] : c) {
        const double* row = rescaled.data() + static_cast<std::size_t>(a) * n_reads;
        for (std::size_t r = 0; r < n_reads; ++r) buffer[r] += f * row[r];
      }
      double s = 0.0;
      for (std::size_t r = 0; r < n_reads; ++r) s += std::log10(buffer[r]);
      result[g] = s - static_cast<double>(n_reads) * log10_ploidy + log10_rescaling;
    }
  }
  return result;
}

std::vector<int> log10_to_pls(const std::vector<double>& gl) {
  std::vector<int> pls(gl.size());
  if (gl.empty()) return pls;
  double adjust = gl[0];
  for (double v : gl) adjust = std::max(adjust, v);
  for (std::size_t i = 0; i < gl.size(); ++i) {
    const double v = std::min(-10.0 * (gl[i] - adjust), static_cast<double>(std::numeric_limits<int>::max()));
    pls[i] = static_cast<int>(bqsr::java_round(v));
  }
  return pls;
}

std::vector<double> pls_to_log10(const std::vector<int>& pls) {
  std::vector<double> gl(pls.size());
  for (std::size_t i = 0; i < pls.size(); ++i) gl[i] = pls[i] / -10.0;
  return gl;
}

double gq_log10_from_likelihoods(std::size_t chosen, const std::vector<double>& lk) {
  double qual = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < lk.size(); ++i) {
    if (i == chosen) continue;
    if (lk[i] >= qual) qual = lk[i];
  }
  qual = lk[chosen] - qual;
  if (qual < 0) {
    // htsjdk GeneralUtils.normalizeFromLog10: 10^(x - max) / sum.
    double mx = lk[0];
    for (double v : lk) mx = std::max(mx, v);
    double sum = 0.0;
    for (double v : lk) sum += std::pow(10.0, v - mx);
    return std::log10(1.0 - std::pow(10.0, lk[chosen] - mx) / sum);
  }
  return -1 * qual;
}

int gq_from_log10(double log10_gq) { return static_cast<int>(bqsr::java_round(log10_gq * -10)); }

}  // namespace helicase::hc
