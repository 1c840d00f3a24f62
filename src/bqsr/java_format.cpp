// java_format.cpp -- Java's %.nf, Double.toString, Math.round and NumberUtils.isCreatable.
#include "bqsr/java_format.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string_view>

namespace helicase::bqsr {
namespace {

// Shortest round-trip digits of |value| > 0: value = 0.DIGITS x 10^exp10.
struct Digits {
  std::string digits;  // no leading or trailing zeros
  int exp10 = 0;
};

Digits shortest_digits(double value) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, std::fabs(value), std::chars_format::scientific);
  const std::string_view s(buf, static_cast<std::size_t>(res.ptr - buf));  // "d.ddde+XX"
  Digits d;
  const std::size_t e = s.find('e');
  for (std::size_t i = 0; i < e; ++i) {
    if (s[i] != '.') d.digits += s[i];
  }
  d.exp10 = std::atoi(std::string(s.substr(e + 1)).c_str()) + 1;
  while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
  return d;
}

}  // namespace

std::string java_fixed(double value, int decimals) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  const bool negative = std::signbit(value);
  std::string int_part = "0", frac_part(static_cast<std::size_t>(decimals), '0');
  if (value != 0.0) {
    Digits d = shortest_digits(value);
    // Keep the digits up to position exp10 + decimals; round HALF_UP on the first dropped one.
    const int keep = d.exp10 + decimals;
    std::string kept;  // digits of the rounded value, scaled by 10^decimals
    if (keep < 0) {
      kept = "0";
    } else {
      const std::size_t k = static_cast<std::size_t>(keep);
      kept = d.digits.substr(0, std::min(k, d.digits.size()));
      if (kept.size() < k) kept.append(k - kept.size(), '0');
      if (k < d.digits.size() && d.digits[k] >= '5') {
        int i = static_cast<int>(kept.size()) - 1;
        while (i >= 0 && kept[static_cast<std::size_t>(i)] == '9') kept[static_cast<std::size_t>(i--)] = '0';
        if (i >= 0) {
          ++kept[static_cast<std::size_t>(i)];
        } else {
          kept.insert(kept.begin(), '1');
        }
      }
      if (kept.empty()) kept = "0";
    }
    // Split the scaled integer into integer and fraction parts.
    const std::size_t dec = static_cast<std::size_t>(decimals);
    if (kept.size() <= dec) kept.insert(0, dec - kept.size() + 1, '0');
    int_part = kept.substr(0, kept.size() - dec);
    frac_part = kept.substr(kept.size() - dec);
    const std::size_t nz = int_part.find_first_not_of('0');
    int_part = nz == std::string::npos ? "0" : int_part.substr(nz);
  }
  std::string out = negative ? "-" : "";
  out += int_part;
  if (decimals > 0) out += "." + frac_part;
  return out;
}

std::string java_double_to_string(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0.0) return std::signbit(value) ? "-0.0" : "0.0";
  const Digits d = shortest_digits(value);
  std::string out = value < 0 ? "-" : "";
  const double a = std::fabs(value);
  if (a >= 1e-3 && a < 1e7) {
    if (d.exp10 <= 0) {
      out += "0." + std::string(static_cast<std::size_t>(-d.exp10), '0') + d.digits;
    } else if (static_cast<std::size_t>(d.exp10) >= d.digits.size()) {
      out += d.digits + std::string(static_cast<std::size_t>(d.exp10) - d.digits.size(), '0') + ".0";
    } else {
      const auto e = static_cast<std::size_t>(d.exp10);
      out += d.digits.substr(0, e) + "." + d.digits.substr(e);
    }
  } else {
    out += d.digits.substr(0, 1) + "." + (d.digits.size() > 1 ? d.digits.substr(1) : "0");
    out += "E" + std::to_string(d.exp10 - 1);
  }
  return out;
}

bool java_is_creatable(const std::string& str) {
  // commons-lang3 3.14 NumberUtils.isCreatable: hex, octal, decimal with optional exponent
  // and one trailing type qualifier (d D f F l L).
  if (str.empty()) return false;
  const std::size_t n = str.size();
  const std::size_t start = (str[0] == '-' || str[0] == '+') ? 1 : 0;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (n > start + 1 && str[start] == '0' && str.find('.') == std::string::npos) {
    if (str[start + 1] == 'x' || str[start + 1] == 'X') {
      if (start + 2 == n) return false;
      for (std::size_t i = start + 2; i < n; ++i) {
        const char c = str[i];
        if (!digit(c) && !(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F')) return false;
      }
      return true;
    }
    if (digit(str[start + 1])) {
      for (std::size_t i = start + 1; i < n; ++i) {
        if (str[i] < '0' || str[i] > '7') return false;
      }
      return true;
    }
  }
  bool has_exp = false, has_dec = false, allow_signs = false, found_digit = false;
  const std::size_t last = n - 1;
  std::size_t i = start;
  while (i < last || (i < last + 1 && allow_signs && !found_digit)) {
    const char c = str[i];
    if (digit(c)) {
      found_digit = true;
      allow_signs = false;
    } else if (c == '.') {
      if (has_dec || has_exp) return false;
      has_dec = true;
    } else if (c == 'e' || c == 'E') {
      if (has_exp || !found_digit) return false;
      has_exp = true;
      allow_signs = true;
    } else if (c == '+' || c == '-') {
      if (!allow_signs) return false;
      allow_signs = false;
      found_digit = false;
    } else {
      return false;
    }
    ++i;
  }
  if (i < n) {
    const char c = str[i];
    if (digit(c)) return true;
    if (c == 'e' || c == 'E') return false;
    if (c == '.') return !(has_dec || has_exp) && found_digit;
    if (!allow_signs && (c == 'd' || c == 'D' || c == 'f' || c == 'F')) return found_digit;
    if (c == 'l' || c == 'L') return found_digit && !has_exp && !has_dec;
    return false;
  }
  return !allow_signs && found_digit;
}

long long java_round(double x) {
  if (std::isnan(x)) return 0;
  if (x >= 9.2233720368547758e18) return std::numeric_limits<long long>::max();
  if (x <= -9.2233720368547758e18) return std::numeric_limits<long long>::min();
  const double f = std::floor(x);
  return static_cast<long long>(f) + ((x - f) >= 0.5 ? 1 : 0);
}

double round_to_decimals(double x, int n) {
  const double mult = std::pow(10.0, n);
  const double ulp = std::nextafter(std::fabs(x), std::numeric_limits<double>::infinity()) - std::fabs(x);
  return static_cast<double>(java_round((x + ulp) * mult)) / mult;
}

}  // namespace helicase::bqsr
