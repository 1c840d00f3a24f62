// java_format.cpp -- DecimalFormat (6 digits, HALF_DOWN), Double.toString and (long) casts.
//
// DecimalFormat rounds FloatingDecimal's digits using flags that say whether those digits
// were rounded up or are exact (java.text.DigitList.shouldRoundUp); checked against JDK 17
// on 20,000 doubles and 400,000 near-tie quotients (tests/cli/markdup_oracle_test.sh), that
// equals rounding the exact binary value with ties towards zero, except in [1e-7, 1e-6).
#include "markdup/java_format.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

namespace helicase::markdup {

std::string java_decimal6(double v) {
  if (std::isnan(v)) return "?";
  const bool negative = std::signbit(v);
  if (std::isinf(v)) return negative ? "-?" : "?";
  const double a = std::fabs(v);
  if (a >= 1e-7 && a < 1e-6) {
    // DigitList's path for a first digit at the last printed place: it rounds up whenever
    // FloatingDecimal's (shortest) first digit is 5 or more, even for the double nearest
    // 5e-7, which lies below 5e-7 (its digits "5.0E-7" keep a trailing zero that counts as
    // "more digits").
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof buf, a, std::chars_format::scientific);
    (void)res;
    return std::string(negative ? "-" : "") + (buf[0] >= '5' ? "0.000001" : "0");
  }
  // glibc prints the exact decimal expansion of a double when given enough digits (a
  // double has at most 1074 fraction digits); round that string by hand.
  std::vector<char> buf(1500);
  const int len = std::snprintf(buf.data(), buf.size(), "%.1080f", std::fabs(v));
  std::string digits(buf.data(), static_cast<std::size_t>(len));
  const std::size_t dot = digits.find('.');
  std::string int_part = digits.substr(0, dot);
  std::string frac = digits.substr(dot + 1);
  bool round_up = false;
  const char next = frac[6];
  if (next > '5') {
    round_up = true;
  } else if (next == '5') {
    // HALF_DOWN: an exact tie rounds towards zero, anything above it rounds up.
    round_up = frac.find_first_not_of('0', 7) != std::string::npos;
  }
  frac.resize(6);
  if (round_up) {
    int k = 5;
    for (; k >= 0; --k) {
      if (frac[static_cast<std::size_t>(k)] == '9') {
        frac[static_cast<std::size_t>(k)] = '0';
      } else {
        ++frac[static_cast<std::size_t>(k)];
        break;
      }
    }
    if (k < 0) {  // carry into the integer part
      int j = static_cast<int>(int_part.size()) - 1;
      for (; j >= 0; --j) {
        if (int_part[static_cast<std::size_t>(j)] == '9') {
          int_part[static_cast<std::size_t>(j)] = '0';
        } else {
          ++int_part[static_cast<std::size_t>(j)];
          break;
        }
      }
      if (j < 0) int_part.insert(int_part.begin(), '1');
    }
  }
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  std::string out = negative ? "-" : "";
  out += int_part;
  if (!frac.empty()) out += "." + frac;
  return out;
}

std::string java_double_to_string(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  // Shortest round-trip digits, laid out as Java does: plain notation for 1e-3 <= |v| < 1e7,
  // otherwise d.dddE<n>; always at least one fraction digit.
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, std::fabs(v), std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  const std::size_t e = sci.find('e');
  std::string mant = sci.substr(0, e);
  const int exp10 = std::stoi(sci.substr(e + 1));
  std::string digits;
  for (char c : mant) {
    if (c != '.') digits += c;
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out = v < 0 ? "-" : "";
  const double a = std::fabs(v);
  if (a >= 1e-3 && a < 1e7) {
    if (exp10 >= 0) {
      std::string ip = digits.substr(0, std::min<std::size_t>(digits.size(), static_cast<std::size_t>(exp10) + 1));
      while (ip.size() < static_cast<std::size_t>(exp10) + 1) ip += '0';
      std::string fp = digits.size() > ip.size() ? digits.substr(ip.size()) : "";
      if (fp.empty()) fp = "0";
      out += ip + "." + fp;
    } else {
      out += "0." + std::string(static_cast<std::size_t>(-exp10 - 1), '0') + digits;
    }
  } else {
    out += digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0") + "E" + std::to_string(exp10);
  }
  return out;
}

std::int64_t java_d2l(double v) {
  if (std::isnan(v)) return 0;
  if (v >= 9223372036854775807.0) return std::numeric_limits<std::int64_t>::max();
  if (v <= -9223372036854775808.0) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(v);
}

}  // namespace helicase::markdup
