// vcf_format.cpp -- Java/htsjdk number formatting for VCF values (see header).
#include "haplotypecaller/vcf_format.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "bqsr/java_format.hpp"

namespace helicase::hc {

std::string java_scientific(double value, int decimals) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  const bool negative = std::signbit(value);
  std::string digits;
  int exp10 = 0;  // value = d.ddd x 10^exp10
  if (value == 0.0) {
    digits = "0";
  } else {
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, std::fabs(value), std::chars_format::scientific);
    const std::string s(buf, static_cast<std::size_t>(res.ptr - buf));
    const std::size_t e = s.find('e');
    for (std::size_t i = 0; i < e; ++i) {
      if (s[i] != '.') digits += s[i];
    }
    exp10 = std::atoi(s.c_str() + e + 1);
  }
  // Keep 1 + decimals digits, HALF_UP on the first dropped one (Java's FormattedFloatingDecimal).
  const std::size_t keep = static_cast<std::size_t>(decimals) + 1;
  std::string kept = digits.substr(0, std::min(keep, digits.size()));
  if (kept.size() < keep) kept.append(keep - kept.size(), '0');
  if (digits.size() > keep && digits[keep] >= '5') {
    int i = static_cast<int>(kept.size()) - 1;
    while (i >= 0 && kept[static_cast<std::size_t>(i)] == '9') kept[static_cast<std::size_t>(i--)] = '0';
    if (i >= 0) {
      ++kept[static_cast<std::size_t>(i)];
    } else {
      kept.insert(kept.begin(), '1');
      kept.pop_back();
      ++exp10;
    }
  }
  std::string out = negative ? "-" : "";
  out += kept.substr(0, 1);
  if (decimals > 0) out += "." + kept.substr(1);
  char exp[16];
  std::snprintf(exp, sizeof exp, "e%c%02d", exp10 < 0 ? '-' : '+', std::abs(exp10));
  return out + exp;
}

std::string format_vcf_double(double d) {
  if (d < 1) {
    if (d < 0.01) {
      if (std::fabs(d) >= 1e-20) return java_scientific(d, 3);
      return bqsr::java_fixed(d, 2);
    }
    return bqsr::java_fixed(d, 3);
  }
  return bqsr::java_fixed(d, 2);
}

std::string format_qual(double qual) {
  std::string s = bqsr::java_fixed(qual, 2);
  if (s.size() >= 3 && s.compare(s.size() - 3, 3, ".00") == 0) s.resize(s.size() - 3);
  return s;
}

}  // namespace helicase::hc
