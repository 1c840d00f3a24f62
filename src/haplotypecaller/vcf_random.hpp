// vcf_random.hpp -- java.util.Random, bit for bit: the 48-bit LCG (multiplier 0x5DEECE66D,
// addend 11), nextInt / nextDouble, and nextGaussian's polar method with its cached second
// value. GATK shares one such generator, seeded 47382911 (Utils.getRandomGenerator), between
// reservoir downsampling and QD's jitter, so a run uses one JavaRandom for both, in GATK's order.
#pragma once

#include <cmath>
#include <cstdint>

namespace helicase::hc {

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
    const double multiplier = std::sqrt(-2 * std::log(s) / s);  // StrictMath (fdlibm) in Java
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
