// library_size.cpp -- Picard's estimateLibrarySize() bisection and estimateRoi().
#include "markdup/library_size.hpp"

#include <cmath>

#include "common/error.hpp"
#include "markdup/java_format.hpp"

namespace helicase::markdup {
namespace {

double f(double x, double c, double n) { return c / x - 1 + std::exp(-n / x); }

}  // namespace

std::optional<std::int64_t> estimate_library_size(std::int64_t read_pairs, std::int64_t unique_read_pairs) {
  const std::int64_t duplicates = read_pairs - unique_read_pairs;
  if (!(read_pairs > 0 && duplicates > 0)) return std::nullopt;
  const auto c = static_cast<double>(unique_read_pairs);
  const auto n = static_cast<double>(read_pairs);
  double m = 1.0, big_m = 100.0;
  if (unique_read_pairs >= read_pairs || f(m * c, c, n) < 0) {
    fail_internal("invalid values for pairs and unique pairs: " + std::to_string(read_pairs) + ", " +
                  std::to_string(unique_read_pairs));
  }
  while (f(big_m * c, c, n) > 0) big_m *= 10.0;
  for (int i = 0; i < 40; ++i) {
    const double r = (m + big_m) / 2.0;
    const double u = f(r * c, c, n);
    if (u == 0) break;
    if (u > 0) m = r;
    else if (u < 0) big_m = r;
  }
  return java_d2l(c * (m + big_m) / 2.0);
}

double estimate_roi(std::int64_t library_size, double x, std::int64_t pairs, std::int64_t unique_pairs) {
  const auto l = static_cast<double>(library_size);
  return l * (1 - std::exp(-(x * static_cast<double>(pairs)) / l)) / static_cast<double>(unique_pairs);
}

}  // namespace helicase::markdup
