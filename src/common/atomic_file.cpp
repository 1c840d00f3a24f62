// atomic_file.cpp -- temporary-name outputs with rename on success.
#include "common/atomic_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cerrno>
#include <cstdio>
#include <filesystem>

#include "common/error.hpp"
#include "common/interrupt_cleanup.hpp"

namespace helicase {
namespace fs = std::filesystem;

namespace {
// mkstemp creates the file, so two writers never share a temporary name.
std::string create_temp_beside(const std::string& final_path) {
  const fs::path p(final_path);
  std::string tmpl =
      (p.parent_path() / ("." + p.filename().string() + ".helicase-tmp.XXXXXX")).string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) fail_io("cannot create a temporary file beside " + final_path + ": " + errno_text(errno));
  // mkstemp makes the file 0600; give it the mode a plain open() would (0666 & ~umask).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  ::close(fd);
  return tmpl;
}
}  // namespace

AtomicOutput::AtomicOutput(std::string final_path)
    : final_(std::move(final_path)) {
  if (final_.empty()) fail_usage("empty output file name");
  std::error_code ec;
  const auto status = fs::status(final_, ec);
  if (!ec && fs::exists(status) && !fs::is_regular_file(status)) {
    if (fs::is_directory(status)) fail_io(final_ + " is a directory, expected a file name");
    temp_ = final_;  // a pipe or device (/dev/stdout): written in place, nothing to rename
    direct_ = true;
    return;
  }
  // Through a symlink, replace the file it points to, not the link itself.
  if (fs::is_symlink(fs::symlink_status(final_, ec))) final_ = fs::weakly_canonical(final_, ec).string();
  require_writable_dir_for(final_);
  temp_ = create_temp_beside(final_);
  track_temp_file(temp_);
}

AtomicOutput::AtomicOutput(AtomicOutput&& other) noexcept
    : final_(std::move(other.final_)), temp_(std::move(other.temp_)), done_(other.done_), direct_(other.direct_) {
  other.done_ = true;
}

AtomicOutput::~AtomicOutput() { abandon(); }

void AtomicOutput::commit() {
  if (done_) return;
  if (direct_) {
    done_ = true;
    return;
  }
  if (std::rename(temp_.c_str(), final_.c_str()) != 0) {
    const int err = errno;
    abandon();
    fail_io("cannot rename " + temp_ + " to " + final_ + ": " + errno_text(err));
  }
  untrack_temp_file(temp_);
  done_ = true;
}

void AtomicOutput::abandon() {
  if (done_) return;
  done_ = true;
  if (!direct_) {
    std::remove(temp_.c_str());
    untrack_temp_file(temp_);
  }
}

void require_readable(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) fail_io(path + ": no such file");
  if (fs::is_directory(path, ec)) fail_io(path + ": is a directory, expected a file");
  if (::access(path.c_str(), R_OK) != 0) fail_io(path + ": " + errno_text(errno));
}

void require_writable_dir_for(const std::string& path) {
  fs::path dir = fs::path(path).parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) fail_io("output folder " + dir.string() + " does not exist");
  if (::access(dir.c_str(), W_OK) != 0) {
    fail_io("output folder " + dir.string() + " is not writable: " + errno_text(errno));
  }
}

}  // namespace helicase
