// byte_source.hpp -- decompressed bytes of a file: plain, gzip (also multi-member) or BGZF.
//
// open_byte_source() sniffs the first bytes: BGZF (gzip with the "BC" extra field) is
// decompressed with libdeflate, blocks in parallel on the thread pool; other gzip goes
// through zlib's streaming inflate (libdeflate needs whole members in memory, which would
// break the memory bound); anything else is read as is. "-" reads standard input.
// Decompression runs ahead on a producer thread into a bounded queue of chunks, so the
// memory used is a few chunks whatever the file size. Errors: a missing or unreadable
// file is exit 4; a truncated or corrupt stream (bad CRC, bad deflate data, a BGZF file
// without its end-of-file block) is exit 3, never a silent short read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "common/thread_pool.hpp"

namespace helicase::io {

enum class Compression { Plain, Gzip, Bgzf };
const char* to_string(Compression c);

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Copies up to `cap` decompressed bytes into dst; returns 0 only at the end of the data.
  virtual std::size_t read(char* dst, std::size_t cap) = 0;
  // Bytes consumed from the underlying file so far (for progress).
  virtual std::uint64_t raw_bytes_read() const = 0;
  virtual Compression compression() const = 0;
};

// Chunk size of the decompression queue and the number of chunks it may hold ahead.
struct ByteSourceOptions {
  std::size_t chunk_bytes = 4u << 20;
  std::size_t queue_chunks = 3;
};

std::unique_ptr<ByteSource> open_byte_source(const std::string& path, ThreadPool& pool,
                                             const ByteSourceOptions& options = {});

// Size of the file in bytes, or 0 when unknown (stdin, pipes).
std::uint64_t file_size_or_zero(const std::string& path);

}  // namespace helicase::io
