// progress.cpp -- progress bar / periodic progress lines.
#include "common/progress.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace helicase {
namespace {

std::string human(double v) {
  char buf[32];
  if (v >= 1e9) std::snprintf(buf, sizeof buf, "%.2f G", v / 1e9);
  else if (v >= 1e6) std::snprintf(buf, sizeof buf, "%.2f M", v / 1e6);
  else if (v >= 1e3) std::snprintf(buf, sizeof buf, "%.1f k", v / 1e3);
  else std::snprintf(buf, sizeof buf, "%.0f ", v);
  return buf;
}

std::string duration(double s) {
  char buf[32];
  const long t = std::lround(s);
  if (t >= 3600) std::snprintf(buf, sizeof buf, "%ldh%02ldm", t / 3600, (t % 3600) / 60);
  else std::snprintf(buf, sizeof buf, "%ldm%02lds", t / 60, t % 60);
  return buf;
}

}  // namespace

Progress::Progress(Logger& log, std::string label, std::string unit, std::uint64_t total,
                   bool enabled, double interval_s)
    : log_(log), label_(std::move(label)), unit_(std::move(unit)), total_(total),
      enabled_(enabled && log.level() >= LogLevel::Info), tty_(isatty(STDERR_FILENO) == 1),
      interval_s_(interval_s), start_(Clock::now()), last_(start_) {}

Progress::~Progress() {
  if (tty_ && enabled_ && !finished_) {
    std::fputs("\r\033[K", stderr);
    log_.set_status_line_active(false);
  }
}

std::string Progress::format_line(const std::string& label, const std::string& unit,
                                  std::uint64_t done, std::uint64_t total, double elapsed_s,
                                  bool bar) {
  const double rate = elapsed_s > 0 ? static_cast<double>(done) / elapsed_s : 0.0;
  std::string line = label + ": ";
  if (total > 0) {
    const double frac = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
    if (bar) {
      constexpr int kWidth = 30;
      const int filled = static_cast<int>(frac * kWidth);
      line += "[" + std::string(static_cast<std::size_t>(filled), '#') +
              std::string(static_cast<std::size_t>(kWidth - filled), ' ') + "] ";
    }
    char pct[16];
    std::snprintf(pct, sizeof pct, "%5.1f%% ", frac * 100.0);
    line += pct;
  }
  line += human(static_cast<double>(done)) + unit + ", " + human(rate) + unit + "/s";
  if (total > 0 && rate > 0 && done < total) {
    line += ", ETA " + duration(static_cast<double>(total - done) / rate);
  }
  return line;
}

void Progress::update(std::uint64_t done) {
  done_ = done;
  if (!enabled_) return;
  const auto now = Clock::now();
  const double since_last = std::chrono::duration<double>(now - last_).count();
  if (since_last < (tty_ ? 0.2 : interval_s_)) return;
  last_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const std::string line = format_line(label_, unit_, done_, total_, elapsed, tty_);
  if (tty_) {
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    std::fflush(stderr);
    log_.set_status_line_active(true);
  } else {
    log_.info(line);
  }
}

void Progress::finish() {
  if (!enabled_ || finished_) return;
  finished_ = true;
  if (tty_) {
    std::fputs("\r\033[K", stderr);
    log_.set_status_line_active(false);
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  log_.info(format_line(label_, unit_, done_, 0, elapsed, false) + " (done in " +
            duration(elapsed) + ")");
}

}  // namespace helicase
