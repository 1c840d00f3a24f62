// recal_math.cpp -- empirical quality (Bayesian estimate) and quality conversions.
#include "bqsr/recal_math.hpp"

#include <array>
#include <cmath>
#include <limits>

#include "bqsr/java_format.hpp"

namespace helicase::bqsr {
namespace {

constexpr double kTwoPi = 6.283185307179586;  // commons-math MathUtils.TWO_PI = 2 * Math.PI

// Stirling's error log(n!) - log(sqrt(2 pi n) (n/e)^n) at half-integers below 15 (Loader 2000),
// as tabulated by commons-math's SaddlePointExpansion.
constexpr std::array<double, 31> kExactStirlingErrors = {
    0.0,
    0.1534264097200273452913848,
    0.0810614667953272582196702,
    0.0548141210519176538961390,
    0.0413406959554092940938221,
    0.03316287351993628748511048,
    0.02767792568499833914878929,
    0.02374616365629749597132920,
    0.02079067210376509311152277,
    0.01848845053267318523077934,
    0.01664469118982119216319487,
    0.01513497322191737887351255,
    0.01387612882307074799874573,
    0.01281046524292022692424986,
    0.01189670994589177009505572,
    0.01110455975820691732662991,
    0.010411265261972096497478567,
    0.009799416126158803298389475,
    0.009255462182712732917728637,
    0.008768700134139385462952823,
    0.008330563433362871256469318,
    0.007934114564314020547248100,
    0.007573675487951840794972024,
    0.007244554301320383179543912,
    0.006942840107209529865664152,
    0.006665247032707682442354394,
    0.006408994188004207068439631,
    0.006171712263039457647532867,
    0.005951370112758847735624416,
    0.005746216513010115682023589,
    0.005554733551962801371038690,
};

// Only integer arguments occur here (n, k and n - k of a binomial).
double stirling_error(double z) {
  if (z < 15.0) {
    const double z2 = 2.0 * z;
    if (std::floor(z2) == z2) return kExactStirlingErrors[static_cast<std::size_t>(z2)];
    return std::lgamma(z + 1.0) - (z + 0.5) * std::log(z) + z - 0.5 * std::log(kTwoPi);
  }
  const double z2 = z * z;
  return (0.083333333333333333333 -
          (0.00277777777777777777778 -
           (0.00079365079365079365079365 - (0.000595238095238095238095238 - 0.0008417508417508417508417508 / z2) / z2) /
               z2) /
              z2) /
         z;
}

// Deviance term x log(x/mu) + mu - x, by series when x is close to mu.
double deviance_part(double x, double mu) {
  if (std::fabs(x - mu) < 0.1 * (x + mu)) {
    double d = x - mu;
    double v = d / (x + mu);
    double s1 = v * d;
    double s = std::numeric_limits<double>::quiet_NaN();
    double ej = 2.0 * x * v;
    v *= v;
    int j = 1;
    while (s1 != s) {
      s = s1;
      ej *= v;
      s1 = s + ej / ((j * 2) + 1);
      ++j;
    }
    return s1;
  }
  return x * std::log(x / mu) + mu - x;
}

// Log density of N(0, 0.5) at integer distances 0..40 (RecalDatum's prior cache).
struct LogPriorCache {
  std::array<double, 41> v{};
  LogPriorCache() {
    const double log_sd_plus_half_log_2pi = std::log(0.5) + 0.5 * std::log(2 * 3.141592653589793);
    for (int i = 0; i <= 40; ++i) {
      const double x1 = static_cast<double>(i) / 0.5;
      v[static_cast<std::size_t>(i)] = -0.5 * x1 * x1 - log_sd_plus_half_log_2pi;
    }
  }
};
const LogPriorCache kLogPrior;

double log_prior(double q, double prior) {
  // (int) truncates toward zero in Java and C++ alike.
  int diff = std::abs(static_cast<int>(q - prior));
  if (diff > 40) diff = 40;
  return kLogPrior.v[static_cast<std::size_t>(diff)];
}

double log_binomial_likelihood(double q, std::int64_t n_obs, std::int64_t n_err) {
  if (n_obs == 0) return 0.0;
  constexpr std::int64_t kMaxObs = 2147483647LL - 1;
  if (n_obs > kMaxObs) {
    const double fraction = static_cast<double>(kMaxObs) / static_cast<double>(n_obs);
    n_err = java_round(static_cast<double>(n_err) * fraction);
    n_obs = kMaxObs;
  }
  const double ll = log_binomial_probability(static_cast<int>(n_obs), static_cast<int>(n_err), qual_to_error_prob(q));
  return (std::isinf(ll) || std::isnan(ll)) ? -std::numeric_limits<double>::max() : ll;
}

}  // namespace

double qual_to_error_prob(double qual) { return std::pow(10.0, qual / -10.0); }

int error_prob_to_qual(double error_prob, int max_qual) {
  const double d = static_cast<double>(java_round(-10.0 * std::log10(error_prob)));
  // Java's (int) of a double saturates.
  int q;
  if (std::isnan(d)) {
    q = 0;
  } else if (d >= 2147483647.0) {
    q = 2147483647;
  } else if (d <= -2147483648.0) {
    q = -2147483647 - 1;
  } else {
    q = static_cast<int>(d);
  }
  return bound_qual(q, max_qual);
}

int fast_round(double x) { return x > 0.0 ? static_cast<int>(x + 0.5) : static_cast<int>(x - 0.5); }

double log_binomial_probability(int n, int k, double p) {
  if (n == 0) return k == 0 ? 0.0 : -std::numeric_limits<double>::infinity();
  if (k < 0 || k > n) return -std::numeric_limits<double>::infinity();
  const double q = 1.0 - p;
  if (k == 0) {
    if (p < 0.1) return -deviance_part(n, n * q) - n * p;
    return n * std::log(q);
  }
  if (k == n) {
    if (q < 0.1) return -deviance_part(n, n * p) - n * q;
    return n * std::log(p);
  }
  double ret = stirling_error(n) - stirling_error(k) - stirling_error(n - k) - deviance_part(k, n * p) -
               deviance_part(n - k, n * q);
  const double f = (kTwoPi * k * (n - k)) / n;
  return -0.5 * std::log(f) + ret;
}

int bayesian_empirical_quality(std::int64_t observations, std::int64_t errors, double prior) {
  int best = 0;
  double best_value = 0;
  for (int q = 0; q <= kMaxReasonableQ; ++q) {
    const double v = log_prior(q, prior) + log_binomial_likelihood(q, observations, errors);
    if (q == 0 || v > best_value) {
      best = q;
      best_value = v;
    }
  }
  return best;
}

void RecalDatum::combine(const RecalDatum& other) {
  const double expected = static_cast<double>(observations) * qual_to_error_prob(reported_quality) +
                          static_cast<double>(other.observations) * qual_to_error_prob(other.reported_quality);
  increment(other.observations, other.mismatches());
  reported_quality = -10 * std::log10(expected / static_cast<double>(observations));
}

int RecalDatum::empirical_quality(double prior) const {
  const std::int64_t mism = static_cast<std::int64_t>(mismatches() + 0.5) + 1;
  const std::int64_t obs = observations + 2;
  const int q = bayesian_empirical_quality(obs, mism, prior);
  return q < kMaxQual ? q : kMaxQual;
}

}  // namespace helicase::bqsr
