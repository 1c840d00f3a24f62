// java_format.hpp -- the few Java number conversions GATK's report files depend on.
//
// java_fixed(x, n) is Java's String.format("%.nf", x): the shortest decimal digits that
// identify the double (as Double.toString chooses them) rounded HALF_UP to n decimals, then
// zero-padded -- which differs from C's printf on ties (Java 1.005 -> "1.01", C -> "1.00").
// java_double_to_string(x) is Double.toString(x) for finite values. java_is_creatable(s) is
// commons-lang3 NumberUtils.isCreatable, which decides a GATKReport column's alignment.
// Known difference: JDK 17 prints a few doubles with a non-shortest digit string (JDK-4511638,
// e.g. 1.0E23 -> 9.999999999999999E22); those are formatted here from the shortest digits.
#pragma once

#include <string>

namespace helicase::bqsr {

std::string java_fixed(double value, int decimals);
std::string java_double_to_string(double value);
bool java_is_creatable(const std::string& text);

// Java's Math.round(double): floor(x + 0.5) as a long, with Java's saturation rules.
long long java_round(double x);

// GATK MathUtils.roundToNDecimalPlaces: Math.round((x + ulp(x)) * 10^n) / 10^n.
double round_to_decimals(double x, int n);

}  // namespace helicase::bqsr
