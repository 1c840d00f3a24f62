// raw_file.hpp -- a read-only POSIX file (or stdin) with a small look-ahead for sniffing.
//
// Internal to src/io. read() returns fewer bytes than asked only at end of file; errors
// throw exit 4 naming the path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace helicase::io {

class RawFile {
 public:
  explicit RawFile(std::string path);
  ~RawFile();
  RawFile(const RawFile&) = delete;
  RawFile& operator=(const RawFile&) = delete;

  // Reads up to n bytes (looping over short reads); returns less than n only at EOF.
  std::size_t read(void* dst, std::size_t n);
  // Returns up to n bytes from the start without consuming them (first call only).
  const std::vector<unsigned char>& peek(std::size_t n);
  const std::string& path() const { return path_; }
  std::uint64_t bytes_read() const { return consumed_; }

 private:
  std::size_t read_fd(void* dst, std::size_t n);
  std::string path_;
  int fd_ = -1;
  bool owns_fd_ = true;
  std::vector<unsigned char> peeked_;
  std::size_t peek_pos_ = 0;
  std::uint64_t consumed_ = 0;
};

}  // namespace helicase::io
