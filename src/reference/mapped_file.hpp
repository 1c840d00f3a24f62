// mapped_file.hpp -- a read-only memory map of a whole file (RAII).
//
// Missing or unreadable files fail with exit 4 naming the path. `populate` asks the kernel
// to read the whole file in at map time (MAP_POPULATE: one large sequential read instead
// of page faults later, what an aligner wants for its index).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace helicase::reference {

class MappedFile {
 public:
  MappedFile() = default;
  MappedFile(const std::string& path, bool populate);
  ~MappedFile();
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const std::uint8_t* data() const { return data_; }
  std::size_t size() const { return size_; }
  const std::string& path() const { return path_; }

 private:
  void release();
  std::string path_;
  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace helicase::reference
