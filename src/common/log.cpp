// log.cpp -- leveled logging.
#include "common/log.hpp"

#include <cerrno>
#include <ctime>

#include "common/error.hpp"

namespace helicase {
namespace {

const char* level_name(LogLevel level) {
  switch (level) {
    case LogLevel::Error: return "ERROR";
    case LogLevel::Warn: return "WARN ";
    case LogLevel::Info: return "INFO ";
    case LogLevel::Debug: return "DEBUG";
  }
  return "?";
}

std::string timestamp() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

}  // namespace

Logger::Logger(std::string tool_name, LogLevel stderr_level)
    : tool_(std::move(tool_name)), level_(stderr_level) {}

Logger::~Logger() {
  if (logfile_) std::fclose(logfile_);
}

void Logger::open_logfile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "a");
  if (!f) fail_io("cannot open log file " + path + ": " + errno_text(errno));
  std::lock_guard lock(mutex_);
  if (logfile_) std::fclose(logfile_);
  logfile_ = f;
}

void Logger::set_status_line_active(bool active) {
  std::lock_guard lock(mutex_);
  status_line_active_ = active;
}

std::string Logger::format(LogLevel level, const std::string& msg) const {
  return "[" + tool_ + "] " + timestamp() + " " + level_name(level) + " " + msg + "\n";
}

void Logger::write_logfile_only(LogLevel level, const std::string& msg) {
  std::lock_guard lock(mutex_);
  if (!logfile_) return;
  std::fputs(format(level, msg).c_str(), logfile_);
  std::fflush(logfile_);
}

void Logger::write(LogLevel level, const std::string& msg) {
  const std::string line = format(level, msg);
  std::lock_guard lock(mutex_);
  if (level <= level_) {
    if (status_line_active_) {
      std::fputs("\r\033[K", stderr);
      status_line_active_ = false;
    }
    std::fputs(line.c_str(), stderr);
  }
  if (logfile_ && (level <= LogLevel::Info || level <= level_)) {
    std::fputs(line.c_str(), logfile_);
    std::fflush(logfile_);
  }
}

}  // namespace helicase
