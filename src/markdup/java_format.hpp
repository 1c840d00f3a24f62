// java_format.hpp -- Java number formatting as Picard's metrics files print numbers.
//
// htsjdk's FormatUtil prints doubles with java.text.DecimalFormat: no grouping, at most 6
// fraction digits, RoundingMode.HALF_DOWN, trailing zeros dropped, NaN and infinities as
// "?" (with a '-' for negative infinity); integers print plainly. DecimalFormat (JDK 17)
// rounds the double's exact binary value, exact ties towards zero, except that a value in
// [1e-7, 1e-6) becomes 0.000001 when its first digit is 5 or more (5e-7 included, though
// the double lies below it); java_decimal6() does the same (checked for |v| < 2^32). Histogram bin keys
// are Doubles printed with Double.toString(). java_d2l() is Java's (long) cast of a double.
#pragma once

#include <cstdint>
#include <string>

namespace helicase::markdup {

std::string java_decimal6(double v);
std::string java_double_to_string(double v);
std::int64_t java_d2l(double v);

}  // namespace helicase::markdup
