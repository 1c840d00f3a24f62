// af_calc.cpp -- AlleleFrequencyCalculator.calculate for one sample (see header).
#include "haplotypecaller/af_calc.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "bqsr/java_format.hpp"
#include "haplotypecaller/genotype_likelihoods.hpp"

namespace helicase::hc {
namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

std::vector<double> log10_posteriors(const std::vector<GenotypeCounts>& gts, const std::vector<double>& gl,
                                     const std::vector<double>& log10_af) {
  std::vector<double> post(gts.size());
  for (std::size_t g = 0; g < gts.size(); ++g) {
    double s = 0.0;
    for (const auto& [a, n] : gts[g].counts) s += n * log10_af[static_cast<std::size_t>(a)];
    post[g] = gts[g].log10_combination_count + gl[g] + s;
  }
  return normalize_log10(std::move(post), true);
}

}  // namespace

double AfResult::log10_p_variant() const { return log10_one_minus_pow10(log10_p_no_variant); }

bool AfResult::passes(int allele, double conf) const {
  return log10_p_absent[static_cast<std::size_t>(allele)] + 1.0e-10 < qual_to_error_prob_log10(conf);
}

AfResult calculate_af(int ploidy, const std::vector<double>& gl, const std::vector<bool>& allele_is_snp, int span_del,
                      const AfPseudocounts& pc) {
  const int n_alleles = static_cast<int>(allele_is_snp.size());
  const auto gts = enumerate_genotypes(ploidy, n_alleles);
  std::vector<double> prior(static_cast<std::size_t>(n_alleles));
  for (int a = 0; a < n_alleles; ++a) prior[static_cast<std::size_t>(a)] = a == 0 ? pc.ref : (allele_is_snp[static_cast<std::size_t>(a)] ? pc.snp : pc.indel);
  std::vector<double> counts(static_cast<std::size_t>(n_alleles), 0.0);
  std::vector<double> log10_af(static_cast<std::size_t>(n_alleles), -std::log10(static_cast<double>(n_alleles)));
  for (double max_diff = std::numeric_limits<double>::infinity(); max_diff > 0.1;) {
    // effectiveAlleleCounts: log-sum of posterior + log10(copies) per allele, genotypes in order.
    const auto post = log10_posteriors(gts, gl, log10_af);
    std::vector<double> log10_counts(static_cast<std::size_t>(n_alleles), kNegInf);
    for (std::size_t g = 0; g < gts.size(); ++g) {
      for (const auto& [a, n] : gts[g].counts) {
        double& x = log10_counts[static_cast<std::size_t>(a)];
        x = log10_sum_log10(x, post[g] + std::log10(static_cast<double>(n)));
      }
    }
    max_diff = 0.0;
    for (int a = 0; a < n_alleles; ++a) {
      const double c = std::pow(10.0, log10_counts[static_cast<std::size_t>(a)]);
      max_diff = std::max(max_diff, std::fabs(counts[static_cast<std::size_t>(a)] - c));
      counts[static_cast<std::size_t>(a)] = c;
    }
    // Dirichlet(prior + counts).log10MeanWeights.
    double sum = 0.0;
    std::vector<double> alpha(static_cast<std::size_t>(n_alleles));
    for (int a = 0; a < n_alleles; ++a) sum += alpha[static_cast<std::size_t>(a)] = prior[static_cast<std::size_t>(a)] + counts[static_cast<std::size_t>(a)];
    for (int a = 0; a < n_alleles; ++a) log10_af[static_cast<std::size_t>(a)] = std::log10(alpha[static_cast<std::size_t>(a)] / sum);
  }
  AfResult res;
  res.log10_p_absent.assign(static_cast<std::size_t>(n_alleles), 0.0);
  const auto post = log10_posteriors(gts, gl, log10_af);
  if (span_del < 0) {
    res.log10_p_no_variant = post[0];
  } else {
    std::vector<double> nv;
    for (int n = 0; n <= ploidy; ++n) {
      std::vector<int> al(static_cast<std::size_t>(ploidy - n), 0);
      al.insert(al.end(), static_cast<std::size_t>(n), span_del);
      std::sort(al.begin(), al.end());
      nv.push_back(post[genotype_index(al, n_alleles)]);
    }
    res.log10_p_no_variant = std::min(0.0, log10_sum_log10(nv));
  }
  if (n_alleles == 2 && span_del < 0) {
    res.log10_p_absent[1] = res.log10_p_no_variant;
  } else {
    std::vector<std::vector<double>> absent(static_cast<std::size_t>(n_alleles));
    for (std::size_t g = 0; g < gts.size(); ++g) {
      for (int a = 0; a < n_alleles; ++a) {
        bool present = false;
        for (const auto& c : gts[g].counts) present |= c.first == a;
        if (!present) absent[static_cast<std::size_t>(a)].push_back(post[g]);
      }
    }
    for (int a = 0; a < n_alleles; ++a) res.log10_p_absent[static_cast<std::size_t>(a)] = std::min(0.0, log10_sum_log10(absent[static_cast<std::size_t>(a)]));
  }
  res.mle_counts.resize(static_cast<std::size_t>(n_alleles));
  for (int a = 0; a < n_alleles; ++a) res.mle_counts[static_cast<std::size_t>(a)] = static_cast<int>(bqsr::java_round(counts[static_cast<std::size_t>(a)]));
  return res;
}

}  // namespace helicase::hc
