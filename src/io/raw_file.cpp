// raw_file.cpp -- POSIX file reading with a sniffing look-ahead.
#include "io/raw_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "common/atomic_file.hpp"
#include "common/error.hpp"

namespace helicase::io {

RawFile::RawFile(std::string path) : path_(std::move(path)) {
  if (path_ == "-") {
    fd_ = STDIN_FILENO;
    owns_fd_ = false;
    return;
  }
  require_readable(path_);
  fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) fail_io("cannot open " + path_ + ": " + errno_text(errno));
#ifdef POSIX_FADV_SEQUENTIAL
  ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
}

RawFile::~RawFile() {
  if (fd_ >= 0 && owns_fd_) ::close(fd_);
}

std::size_t RawFile::read_fd(void* dst, std::size_t n) {
  auto* out = static_cast<char*>(dst);
  std::size_t got = 0;
  while (got < n) {
    const ssize_t r = ::read(fd_, out + got, n - got);
    if (r == 0) break;
    if (r < 0) {
      if (errno == EINTR) continue;
      fail_io("cannot read " + path_ + ": " + errno_text(errno));
    }
    got += static_cast<std::size_t>(r);
  }
  return got;
}

const std::vector<unsigned char>& RawFile::peek(std::size_t n) {
  if (peeked_.empty() && consumed_ == 0) {
    peeked_.resize(n);
    peeked_.resize(read_fd(peeked_.data(), n));
  }
  return peeked_;
}

std::size_t RawFile::read(void* dst, std::size_t n) {
  auto* out = static_cast<char*>(dst);
  std::size_t got = 0;
  if (peek_pos_ < peeked_.size()) {
    got = std::min(n, peeked_.size() - peek_pos_);
    std::memcpy(out, peeked_.data() + peek_pos_, got);
    peek_pos_ += got;
  }
  if (got < n) got += read_fd(out + got, n - got);
  consumed_ += got;
  return got;
}

}  // namespace helicase::io
