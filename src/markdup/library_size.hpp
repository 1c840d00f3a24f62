// library_size.hpp -- Picard DuplicationMetrics' library size estimate and ROI curve.
//
// estimate_library_size(N, C): the Lander-Waterman solution of C/x = 1 - exp(-N/x) found
// by Picard's bisection (bracket [1, 100] * C widened by 10x while f > 0, then 40 halvings),
// returned as (long)(C * (m + M) / 2); empty (Picard's null) unless N > 0 and N - C > 0.
// estimate_roi(L, x, pairs, unique) is Picard's estimateRoi(). Both evaluate the same
// double operations in the same order as the Java code.
#pragma once

#include <cstdint>
#include <optional>

namespace helicase::markdup {

std::optional<std::int64_t> estimate_library_size(std::int64_t read_pairs, std::int64_t unique_read_pairs);
double estimate_roi(std::int64_t library_size, double x, std::int64_t pairs, std::int64_t unique_pairs);

}  // namespace helicase::markdup
