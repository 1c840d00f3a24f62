// java_format.hpp -- Java number formatting as Picard's metrics files print numbers.
//
// htsjdk's FormatUtil prints doubles with java.text.DecimalFormat: no grouping, at most 6
// fraction digits, RoundingMode.HALF_DOWN, trailing zeros dropped, NaN and infinities as
// "?" (with a '-' for negative infinity); integers print plainly. DecimalFormat rounds the
// double's exact binary value (JDK 8+), exact ties towards zero; that is what
// java_decimal6() does (exactly for |v| < 2^32, the range metrics use). Histogram bin keys
// are Doubles printed with Double.toString(). java_d2l() is Java's (long) cast of a double.
#pragma once

#include <cstdint>
#include <string>

namespace helicase::markdup {

std::string java_decimal6(double v);
std::string java_double_to_string(double v);
std::int64_t java_d2l(double v);

}  // namespace helicase::markdup
