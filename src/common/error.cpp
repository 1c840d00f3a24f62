// error.cpp -- error categories and message helpers.
#include "common/error.hpp"

#include <cstring>

namespace helicase {

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Usage: return "usage error";
    case ErrorKind::BadData: return "bad input data";
    case ErrorKind::Io: return "I/O or resource error";
    case ErrorKind::Gpu: return "GPU error";
    case ErrorKind::Internal: return "internal error";
  }
  return "error";
}

void fail(ErrorKind kind, const std::string& message) { throw Error(kind, message); }

std::string with_commas(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string errno_text(int err) {
  char buf[256];
  // GNU strerror_r returns the message pointer (which may not be buf).
  const char* msg = strerror_r(err, buf, sizeof buf);
  return msg ? std::string(msg) : std::string("unknown error");
}

}  // namespace helicase
