// error.hpp -- the one error model: a category that maps to the documented exit codes.
//
// Every failure a user can cause or meet is thrown as helicase::Error with a category;
// run_tool() (options.hpp) catches it, prints "<tool>: error: <message>" on one line and
// exits with exit_code(category). Exit codes (architecture.md): 0 ok, 2 usage, 3 bad input
// data, 4 I/O or resources, 5 GPU, 70 internal.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace helicase {

enum class ErrorKind : int {
  Usage = 2,      // bad command line
  BadData = 3,    // malformed or inconsistent input data
  Io = 4,         // missing file, unreadable, disk full, out of memory
  Gpu = 5,        // GPU requested but unusable, or a CUDA failure
  Internal = 70,  // a bug: an invariant did not hold
};

constexpr int exit_code(ErrorKind kind) { return static_cast<int>(kind); }
const char* to_string(ErrorKind kind);

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

[[noreturn]] void fail(ErrorKind kind, const std::string& message);
[[noreturn]] inline void fail_usage(const std::string& m) { fail(ErrorKind::Usage, m); }
[[noreturn]] inline void fail_data(const std::string& m) { fail(ErrorKind::BadData, m); }
[[noreturn]] inline void fail_io(const std::string& m) { fail(ErrorKind::Io, m); }
[[noreturn]] inline void fail_internal(const std::string& m) { fail(ErrorKind::Internal, m); }

// "1204331" -> "1,204,331": record numbers in messages read the way users count.
std::string with_commas(std::uint64_t n);

// errno text for I/O messages ("No such file or directory").
std::string errno_text(int err);

}  // namespace helicase
