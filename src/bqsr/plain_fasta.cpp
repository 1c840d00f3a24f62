// plain_fasta.cpp -- see plain_fasta.hpp.
#include "bqsr/plain_fasta.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

namespace helicase::bqsr {
namespace {

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

bool pread_all(int fd, char* buf, std::size_t n, std::int64_t offset) {
  while (n > 0) {
    const ssize_t got = ::pread(fd, buf, n, static_cast<off_t>(offset));
    if (got <= 0) return false;
    buf += got;
    n -= static_cast<std::size_t>(got);
    offset += got;
  }
  return true;
}

}  // namespace

PlainFasta::PlainFasta(const std::string& fasta_path, const std::string& fai_path) : fasta_path_(fasta_path) {
  {
    // gzip/BGZF magic: HTSlib decompresses, we do not.
    Fd f{::open(fasta_path.c_str(), O_RDONLY)};
    unsigned char magic[2] = {0, 0};
    if (f.fd < 0 || !pread_all(f.fd, reinterpret_cast<char*>(magic), 2, 0)) return;
    if (magic[0] == 0x1f && magic[1] == 0x8b) return;
  }
  std::ifstream in(fai_path);
  if (!in) return;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string name;
    Entry e{};
    if (!std::getline(fields, name, '\t') || !(fields >> e.length >> e.offset >> e.line_bases >> e.line_bytes)) return;
    if (e.length < 0 || e.offset < 0 || e.line_bases <= 0 || e.line_bytes < e.line_bases) return;
    entries_[name] = e;
  }
  usable_ = true;
}

bool PlainFasta::fetch(const std::string& name, std::int64_t length, std::string* out) const {
  if (!usable_) return false;
  const auto it = entries_.find(name);
  if (it == entries_.end() || it->second.length != length) return false;
  const Entry& e = it->second;
  const std::int64_t eol = e.line_bytes - e.line_bases;  // 1 for "\n", 2 for "\r\n"
  if (eol < 1 || eol > 2 || length == 0) return false;
  // Only the line ends between the contig's lines are read: the last line may end the file.
  const std::int64_t breaks = (length - 1) / e.line_bases;
  // Read the span into *out and drop the line ends in place (each line moves left).
  out->resize(static_cast<std::size_t>(length + breaks * eol));
  Fd f{::open(fasta_path_.c_str(), O_RDONLY)};
  if (f.fd < 0 || !pread_all(f.fd, out->data(), out->size(), e.offset)) return false;
  char* const data = out->data();
  std::int64_t dst = 0, src = 0;
  for (std::int64_t l = 0; l < breaks; ++l) {
    const std::int64_t end = src + e.line_bases;
    if (data[end + eol - 1] != '\n' || (eol == 2 && data[end] != '\r')) return false;
    if (dst != src) std::memmove(data + dst, data + src, static_cast<std::size_t>(e.line_bases));
    dst += e.line_bases;
    src = end + eol;
  }
  if (dst != src) std::memmove(data + dst, data + src, static_cast<std::size_t>(length - dst));
  out->resize(static_cast<std::size_t>(length));
  return true;
}

}  // namespace helicase::bqsr
