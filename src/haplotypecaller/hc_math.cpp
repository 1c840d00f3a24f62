// hc_math.cpp -- GATK MathUtils / QualityUtils pieces (see hc_math.hpp).
#include "haplotypecaller/hc_math.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <numeric>

namespace helicase::hc {
namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();
constexpr double kJacobianMaxTolerance = 8.0;
constexpr double kJacobianInvStep = 1.0 / 0.0001;  // as Java computes INV_STEP = 1.0 / TABLE_STEP

// log10(1 + 10^(-k * 1e-4)) for k = 0..80000 (JacobianLogTable.cache); built once, read-only.
const std::vector<double>& jacobian_table() {
  static const std::vector<double> table = [] {
    const int n = static_cast<int>(kJacobianMaxTolerance / 0.0001) + 1;
    std::vector<double> t(static_cast<std::size_t>(n));
    for (int k = 0; k < n; ++k) t[static_cast<std::size_t>(k)] = std::log10(1.0 + std::pow(10.0, -k * 0.0001));
    return t;
  }();
  return table;
}

inline double jacobian(double difference) {
  return jacobian_table()[static_cast<std::size_t>(fast_round(difference * kJacobianInvStep))];
}

struct QualCache {
  std::array<double, 255> err{}, prob_log10{};
  QualCache() {
    for (int i = 0; i <= 254; ++i) {
      err[static_cast<std::size_t>(i)] = std::pow(10.0, static_cast<double>(i) / -10.0);
      prob_log10[static_cast<std::size_t>(i)] = std::log10(1.0 - err[static_cast<std::size_t>(i)]);
    }
  }
};
const QualCache& qual_cache() {
  static const QualCache cache;
  return cache;
}

// commons-math CombinatoricsUtils.FACTORIALS (exact as doubles up to 20!).
double factorial_small(int n) {
  double f = 1.0;
  std::uint64_t x = 1;
  for (int i = 2; i <= n; ++i) x *= static_cast<std::uint64_t>(i);
  f = static_cast<double>(x);
  return f;
}

// Exact binomial coefficient for n < 67 (fits in a 64-bit integer), as commons-math computes it.
std::uint64_t binomial_exact(int n, int k) {
  if (k > n / 2) k = n - k;
  std::uint64_t result = 1;
  for (int j = 1, i = n - k + 1; j <= k; ++j, ++i) {
    // result * i / j stays exact: gcd reduction as commons-math does for large n.
    const std::uint64_t g = std::gcd(static_cast<std::uint64_t>(i), static_cast<std::uint64_t>(j));
    const std::uint64_t jj = static_cast<std::uint64_t>(j) / g;
    const std::uint64_t g2 = std::gcd(result, jj);
    result = (result / g2) * (static_cast<std::uint64_t>(i) / g);
    result /= (jj / g2);
  }
  return result;
}

}  // namespace

std::size_t max_element_index(std::span<const double> v) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < v.size(); ++i) {
    if (v[i] > v[best]) best = i;
  }
  return best;
}

double approximate_log10_sum_log10(double a, double b) {
  if (a > b) std::swap(a, b);
  if (a == kNegInf) return b;
  const double diff = b - a;
  return b + (diff < kJacobianMaxTolerance ? jacobian(diff) : 0.0);
}

double approximate_log10_sum_log10(double a, double b, double c) {
  return approximate_log10_sum_log10(a, approximate_log10_sum_log10(b, c));
}

double approximate_log10_sum_log10(std::span<const double> v) {
  if (v.empty()) return kNegInf;
  const std::size_t m = max_element_index(v);
  double sum = v[m];
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i == m || v[i] == kNegInf) continue;
    const double diff = sum - v[i];
    if (diff < kJacobianMaxTolerance) sum += jacobian(diff);
  }
  return sum;
}

double log10_sum_log10(std::span<const double> v) {
  if (v.empty()) return kNegInf;
  const std::size_t m = max_element_index(v);
  const double max_value = v[m];
  if (max_value == kNegInf) return max_value;
  double sum = 1.0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i == m || v[i] == kNegInf) continue;
    sum += std::pow(10.0, v[i] - max_value);
  }
  return max_value + (sum != 1.0 ? std::log10(sum) : 0.0);
}

double log10_sum_log10(double a, double b) {
  return a > b ? a + std::log10(1 + std::pow(10.0, b - a)) : b + std::log10(1 + std::pow(10.0, a - b));
}

double log10_sum_log10(double a, double b, double c) {
  if (a >= b && a >= c) return a + std::log10(1 + std::pow(10.0, b - a) + std::pow(10.0, c - a));
  if (b >= c) return b + std::log10(1 + std::pow(10.0, a - b) + std::pow(10.0, c - b));
  return c + std::log10(1 + std::pow(10.0, a - c) + std::pow(10.0, b - c));
}

std::vector<double> normalize_log10(std::vector<double> v, bool take_log10) {
  const double s = log10_sum_log10(v);
  for (double& x : v) x -= s;
  if (!take_log10) {
    for (double& x : v) x = std::pow(10.0, x);
  }
  return v;
}

double log10_one_minus_pow10(double a) {
  if (a > 0) return std::numeric_limits<double>::quiet_NaN();
  if (a == 0) return kNegInf;
  const double b = a * kLn10;
  const double l = b < std::log(0.5) ? std::log1p(-std::exp(b)) : std::log(-std::expm1(b));
  return l * (1.0 / kLn10);
}

double log_factorial(int n) {
  if (n < 21) return std::log(factorial_small(n < 0 ? 0 : n));
  double s = 0.0;
  for (int i = 2; i <= n; ++i) s += std::log(static_cast<double>(i));
  return s;
}

double log10_factorial(int n) { return log_factorial(n) * kLog10E; }

double log_binomial_coefficient(int n, int k) {
  if (n == k || k == 0) return 0.0;
  if (k == 1 || k == n - 1) return std::log(static_cast<double>(n));
  if (n < 67) return std::log(static_cast<double>(binomial_exact(n, k)));
  if (k > n / 2) return log_binomial_coefficient(n, n - k);
  double s = 0.0;
  for (int i = n - k + 1; i <= n; ++i) s += std::log(static_cast<double>(i));
  for (int i = 2; i <= k; ++i) s -= std::log(static_cast<double>(i));
  return s;
}

double log10_binomial_coefficient(int n, int k) { return log_binomial_coefficient(n, k) * kLog10E; }

double log_gamma(double x) { return std::lgamma(x); }
double log10_gamma(double x) { return std::lgamma(x) * kLog10E; }

double qual_to_error_prob(double qual) { return std::pow(10.0, qual / -10.0); }
double qual_to_error_prob(std::uint8_t qual) { return qual_cache().err[qual < 255 ? qual : 254]; }
double qual_to_prob_log10(std::uint8_t qual) { return qual_cache().prob_log10[qual < 255 ? qual : 254]; }

AfPseudocounts AfPseudocounts::from_heterozygosity(double snp_het, double indel_het, double sd) {
  AfPseudocounts pc;
  pc.ref = snp_het / std::pow(sd, 2);
  pc.snp = snp_het * pc.ref;
  pc.indel = indel_het * pc.ref;
  return pc;
}

double single_sample_biallelic_non_ref_posterior(std::span<const double> gl, bool return_zero_if_ref_is_max,
                                                 const AfPseudocounts& pc) {
  if (gl.empty()) return 0.0;
  if (return_zero_if_ref_is_max && max_element_index(gl) == 0) return 0.0;
  const int ploidy = static_cast<int>(gl.size()) - 1;
  std::vector<double> post(gl.size());
  for (int n = 0; n <= ploidy; ++n) {
    post[static_cast<std::size_t>(n)] =
        gl[static_cast<std::size_t>(n)] + (log_binomial_coefficient(ploidy, n) + log_gamma(n + pc.snp) +
                                           log_gamma(ploidy - n + pc.ref)) * kLog10E;
  }
  if (return_zero_if_ref_is_max && max_element_index(post) == 0) return 0.0;
  return 1.0 - normalize_log10(std::move(post), false)[0];
}

}  // namespace helicase::hc
