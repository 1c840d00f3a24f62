// log.hpp -- leveled logging to stderr and an optional log file.
//
// A Logger is owned by the tool's context (no global log level): stages receive a
// reference. Lines look like "[helicase-fastq] 2026-11-26 18:20:01 INFO  message".
// --quiet keeps only errors and warnings on stderr; --verbose adds debug lines; the
// --logfile copy always receives info and above. Thread-safe.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>

namespace helicase {

enum class LogLevel { Error = 0, Warn = 1, Info = 2, Debug = 3 };

class Logger {
 public:
  explicit Logger(std::string tool_name, LogLevel stderr_level = LogLevel::Info);
  ~Logger();
  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  // Also write every line at Info or above (Debug with --verbose) to this file (appends).
  void open_logfile(const std::string& path);
  void set_level(LogLevel level) { level_ = level; }
  LogLevel level() const { return level_; }
  const std::string& tool_name() const { return tool_; }

  void error(const std::string& msg) { write(LogLevel::Error, msg); }
  void warn(const std::string& msg) { write(LogLevel::Warn, msg); }
  void info(const std::string& msg) { write(LogLevel::Info, msg); }
  void debug(const std::string& msg) { write(LogLevel::Debug, msg); }
  void write(LogLevel level, const std::string& msg);
  // The log file copy alone (for the final error line the tool prints itself).
  void write_logfile_only(LogLevel level, const std::string& msg);

  // For the progress line: clear a pending "\r" bar before a log line is printed.
  void set_status_line_active(bool active);

 private:
  std::string format(LogLevel level, const std::string& msg) const;
  std::string tool_;
  LogLevel level_;
  std::FILE* logfile_ = nullptr;
  bool status_line_active_ = false;
  std::mutex mutex_;
};

}  // namespace helicase
