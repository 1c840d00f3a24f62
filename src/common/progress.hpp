// progress.hpp -- progress reporting on stderr for long work.
//
// On a terminal: a bar (when the total is known) or a counter, with rate and ETA, redrawn
// at most 5 times a second. Otherwise (logs, pipelines): one line every `interval_s`
// seconds. Disabled by --quiet. Call update() from one thread; it is cheap when nothing
// is due. finish() prints the final count and rate.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "common/log.hpp"

namespace helicase {

class Progress {
 public:
  // total = 0 means unknown. unit names what is counted ("reads", "MB").
  Progress(Logger& log, std::string label, std::string unit, std::uint64_t total = 0,
           bool enabled = true, double interval_s = 10.0);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void update(std::uint64_t done);
  void finish();

  // Pure formatting, exposed for tests: "12.3 k reads/s", "ETA 1m05s" etc.
  static std::string format_line(const std::string& label, const std::string& unit,
                                 std::uint64_t done, std::uint64_t total, double elapsed_s,
                                 bool bar);

 private:
  using Clock = std::chrono::steady_clock;
  Logger& log_;
  std::string label_, unit_;
  std::uint64_t total_, done_ = 0;
  bool enabled_, tty_, finished_ = false;
  double interval_s_;
  Clock::time_point start_, last_;
};

}  // namespace helicase
