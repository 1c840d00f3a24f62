// vcf_random.hpp -- java.util.Random, bit for bit: the 48-bit LCG (multiplier 0x5DEECE66D,
// addend 11), nextInt / nextDouble, and nextGaussian's polar method with its cached second
// value. GATK shares one such generator, seeded 47382911 (Utils.getRandomGenerator), between
// reservoir downsampling and QD's jitter, so a run uses one JavaRandom for both, in GATK's order.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

namespace helicase::hc {

// StrictMath.log: fdlibm's __ieee754_log (Java specifies these exact results; glibc's log
// differs in the last bit for some inputs).
inline double fdlibm_log(double x) {
  constexpr double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10, two54 = 1.80143985094819840000e+16;
  constexpr double Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01, Lg3 = 2.857142874366239149e-01,
                   Lg4 = 2.222219843214978396e-01, Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01,
                   Lg7 = 1.479819860511658591e-01;
  auto hi = [](double v) {
    std::uint64_t b;
    std::memcpy(&b, &v, 8);
    return static_cast<std::int32_t>(b >> 32);
  };
  auto lo = [](double v) {
    std::uint64_t b;
    std::memcpy(&b, &v, 8);
    return static_cast<std::uint32_t>(b);
  };
  auto set_hi = [](double& v, std::int32_t h) {
    std::uint64_t b;
    std::memcpy(&b, &v, 8);
    b = (b & 0xffffffffULL) | (static_cast<std::uint64_t>(static_cast<std::uint32_t>(h)) << 32);
    std::memcpy(&v, &b, 8);
  };
  std::int32_t hx = hi(x);
  const std::uint32_t lx = lo(x);
  int k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | static_cast<std::int32_t>(lx)) == 0) return -INFINITY;
    if (hx < 0) return NAN;
    k -= 54;
    x *= two54;
    hx = hi(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const std::int32_t i0 = (hx + 0x95f64) & 0x100000;
  set_hi(x, hx | (i0 ^ 0x3ff00000));
  k += (i0 >> 20);
  const double f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f == 0.0) {
      if (k == 0) return 0.0;
      const double dk = k;
      return dk * ln2_hi + dk * ln2_lo;
    }
    const double R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - R;
    const double dk = k;
    return dk * ln2_hi - ((R - dk * ln2_lo) - f);
  }
  const double s = f / (2.0 + f);
  const double dk = k;
  const double z = s * s;
  std::int32_t i = hx - 0x6147a;
  const double w = z * z;
  const std::int32_t j = 0x6b851 - hx;
  const double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  i |= j;
  const double R = t2 + t1;
  if (i > 0) {
    const double hfsq = 0.5 * f * f;
    if (k == 0) return f - (hfsq - s * (hfsq + R));
    return dk * ln2_hi - ((hfsq - (s * (hfsq + R) + dk * ln2_lo)) - f);
  }
  if (k == 0) return f - s * (f - R);
  return dk * ln2_hi - ((s * (f - R) - dk * ln2_lo) - f);
}

inline constexpr std::int64_t kGatkRandomSeed = 47382911;

class JavaRandom {
 public:
  explicit JavaRandom(std::int64_t seed = kGatkRandomSeed) { set_seed(seed); }
  void set_seed(std::int64_t seed) {
    seed_ = (static_cast<std::uint64_t>(seed) ^ kMultiplier) & kMask;
    have_next_gaussian_ = false;
  }
  int next(int bits) {
    seed_ = (seed_ * kMultiplier + kAddend) & kMask;
    return static_cast<int>(static_cast<std::int64_t>(seed_) >> (48 - bits));
  }
  int next_int() { return next(32); }
  // Random.nextInt(bound), bound > 0.
  int next_int(int bound) {
    int r = next(31);
    const int m = bound - 1;
    if ((bound & m) == 0) return static_cast<int>((static_cast<std::int64_t>(bound) * r) >> 31);
    // Java's loop condition u - r + m < 0 relies on int overflow: test it in 64 bits.
    for (int u = r;; u = next(31)) {
      r = u % bound;
      if (static_cast<std::int64_t>(u) - r + m <= 0x7fffffff) break;
    }
    return r;
  }
  double next_double() {
    return static_cast<double>((static_cast<std::int64_t>(next(26)) << 27) + next(27)) * 0x1.0p-53;
  }
  double next_gaussian() {
    if (have_next_gaussian_) {
      have_next_gaussian_ = false;
      return next_gaussian_;
    }
    double v1, v2, s;
    do {
      v1 = 2 * next_double() - 1;
      v2 = 2 * next_double() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s == 0);
    const double multiplier = std::sqrt(-2 * fdlibm_log(s) / s);  // StrictMath.sqrt / StrictMath.log
    next_gaussian_ = v2 * multiplier;
    have_next_gaussian_ = true;
    return v1 * multiplier;
  }

 private:
  static constexpr std::uint64_t kMultiplier = 0x5DEECE66DULL;
  static constexpr std::uint64_t kAddend = 0xBULL;
  static constexpr std::uint64_t kMask = (1ULL << 48) - 1;
  std::uint64_t seed_ = 0;
  double next_gaussian_ = 0.0;
  bool have_next_gaussian_ = false;
};

}  // namespace helicase::hc
