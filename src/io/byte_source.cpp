// byte_source.cpp -- plain, gzip and BGZF byte sources behind a read-ahead chunk queue.
#include "io/byte_source.hpp"

#include <libdeflate.h>
#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "common/error.hpp"
#include "io/raw_file.hpp"

namespace helicase::io {

const char* to_string(Compression c) {
  switch (c) {
    case Compression::Plain: return "plain";
    case Compression::Gzip: return "gzip";
    case Compression::Bgzf: return "BGZF";
  }
  return "?";
}

std::uint64_t file_size_or_zero(const std::string& path) {
  struct stat st {};
  if (path == "-" || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return 0;  // pipes, devices
  return static_cast<std::uint64_t>(st.st_size);
}

namespace {

// Fills one chunk of decompressed bytes per call; false at the end of the data.
class Producer {
 public:
  virtual ~Producer() = default;
  virtual bool produce(std::vector<char>& chunk) = 0;
};

class PlainProducer final : public Producer {
 public:
  PlainProducer(RawFile& file, std::size_t chunk_bytes) : file_(file), chunk_bytes_(chunk_bytes) {}
  bool produce(std::vector<char>& chunk) override {
    chunk.resize(chunk_bytes_);
    chunk.resize(file_.read(chunk.data(), chunk.size()));
    return !chunk.empty();
  }

 private:
  RawFile& file_;
  std::size_t chunk_bytes_;
};

// zlib streaming inflate over concatenated gzip members.
class GzipProducer final : public Producer {
 public:
  // `prefix`: bytes already read from the file that come before its unread rest.
  GzipProducer(RawFile& file, std::size_t chunk_bytes, std::vector<unsigned char> prefix = {})
      : file_(file), chunk_bytes_(chunk_bytes), in_(1u << 20), prefix_(std::move(prefix)) {
    if (inflateInit2(&zs_, 15 + 16) != Z_OK) fail_io(file_.path() + ": cannot initialise zlib");
  }
  ~GzipProducer() override { inflateEnd(&zs_); }

  bool produce(std::vector<char>& chunk) override {
    chunk.resize(chunk_bytes_);
    std::size_t filled = 0;
    while (filled < chunk.size() && !finished_) {
      if (zs_.avail_in == 0 && !refill()) {
        if (!member_done_) fail_data(file_.path() + ": truncated gzip file (unexpected end of data)");
        finished_ = true;
        break;
      }
      if (member_done_) start_next_member();
      if (finished_) break;
      zs_.next_out = reinterpret_cast<Bytef*>(chunk.data() + filled);
      zs_.avail_out = static_cast<uInt>(chunk.size() - filled);
      const int rc = inflate(&zs_, Z_NO_FLUSH);
      filled = chunk.size() - zs_.avail_out;
      if (rc == Z_STREAM_END) {
        member_done_ = true;
      } else if (rc == Z_DATA_ERROR) {
        fail_data(file_.path() + ": corrupt gzip data (" + (zs_.msg ? zs_.msg : "invalid data") +
                  ") near compressed byte " + with_commas(file_.bytes_read() - zs_.avail_in));
      } else if (rc == Z_MEM_ERROR) {
        fail_io(file_.path() + ": out of memory while decompressing");
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        fail_data(file_.path() + ": gzip decompression failed (zlib code " + std::to_string(rc) + ")");
      }
    }
    chunk.resize(filled);
    return filled > 0 || !finished_;
  }

 private:
  bool refill() {
    if (!prefix_used_ && !prefix_.empty()) {  // consumed before the next refill, so it stays valid
      prefix_used_ = true;
      zs_.next_in = prefix_.data();
      zs_.avail_in = static_cast<uInt>(prefix_.size());
      return true;
    }
    const std::size_t got = file_.read(in_.data(), in_.size());
    zs_.next_in = in_.data();
    zs_.avail_in = static_cast<uInt>(got);
    return got > 0;
  }
  // After a member ends: another member must follow, or only NUL padding up to EOF.
  void start_next_member() {
    while (true) {
      while (zs_.avail_in > 0 && *zs_.next_in == 0) {
        ++zs_.next_in;
        --zs_.avail_in;
        saw_padding_ = true;
      }
      if (zs_.avail_in > 0) break;
      if (!refill()) {
        finished_ = true;
        return;
      }
    }
    if (saw_padding_ || zs_.avail_in < 2 || zs_.next_in[0] != 0x1f || zs_.next_in[1] != 0x8b) {
      fail_data(file_.path() + ": unexpected data after the end of a gzip member (corrupt or not gzip)");
    }
    inflateReset(&zs_);
    member_done_ = false;
  }

  RawFile& file_;
  std::size_t chunk_bytes_;
  std::vector<unsigned char> in_, prefix_;
  z_stream zs_{};
  bool member_done_ = false, finished_ = false, saw_padding_ = false, prefix_used_ = false;
};

// BGZF: parse block boundaries, then decompress the blocks of a slab in parallel.
class BgzfProducer final : public Producer {
 public:
  BgzfProducer(RawFile& file, ThreadPool& pool, std::size_t slab_bytes)
      : file_(file), pool_(pool), slab_bytes_(std::max<std::size_t>(slab_bytes, 1u << 17)) {}

  bool produce(std::vector<char>& chunk) override {
    if (fallback_) return fallback_->produce(chunk);
    chunk.clear();
    while (chunk.empty()) {
      if (!fill_slab()) {
        if (!switch_to_gzip_) return false;
        // A plain gzip member follows the BGZF blocks (`cat a.bgz b.gz`): valid gzip, so the
        // rest of the file is inflated as a stream, starting with the bytes already read.
        fallback_ = std::make_unique<GzipProducer>(
            file_, slab_bytes_, std::vector<unsigned char>(raw_.begin() + static_cast<std::ptrdiff_t>(consumed_), raw_.end()));
        return fallback_->produce(chunk);
      }
      decompress_blocks(chunk);
    }
    return true;
  }

 private:
  struct Block {
    std::size_t offset, length;  // within raw_
    std::uint32_t isize;
    std::size_t out_offset;
    std::uint64_t file_offset;
  };

  static std::uint32_t le32(const unsigned char* p) {
    return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
  }

  // Reads raw bytes and walks whole blocks; returns false at a clean end of file.
  bool fill_slab() {
    // Keep the partial block carried from the previous slab.
    raw_.erase(raw_.begin(), raw_.begin() + static_cast<std::ptrdiff_t>(consumed_));
    consumed_ = 0;
    blocks_.clear();
    while (blocks_.empty()) {
      const std::size_t have = raw_.size();
      if (!eof_ && have < slab_bytes_) {
        raw_.resize(slab_bytes_);
        const std::size_t got = file_.read(raw_.data() + have, slab_bytes_ - have);
        raw_.resize(have + got);
        if (got < slab_bytes_ - have) eof_ = true;
      }
      walk_blocks();
      if (blocks_.empty()) {
        if (switch_to_gzip_) return false;
        if (!eof_) continue;  // a block larger than the slab cannot exist; read on
        if (!raw_.empty()) fail_data(file_.path() + ": truncated BGZF file (incomplete last block)");
        if (!saw_eof_block_) fail_data(file_.path() + ": truncated BGZF file (no end-of-file block)");
        return false;
      }
    }
    return true;
  }

  void walk_blocks() {
    std::size_t p = consumed_;
    std::size_t out_bytes = 0;  // a chunk holds about slab_bytes_ of decompressed data, not of compressed
    while (raw_.size() - p >= 18 && out_bytes < slab_bytes_) {
      const unsigned char* h = raw_.data() + p;
      if (h[0] != 0x1f || h[1] != 0x8b || h[2] != 8) {
        fail_data(file_.path() + ": not a gzip member at compressed byte " + with_commas(block_base_ + p) +
                  " (corrupt file, or other data appended)");
      }
      const std::size_t xlen = (h[3] & 4) ? (h[10] | (h[11] << 8)) : 0;
      if (raw_.size() - p < 12 + xlen) break;
      std::size_t bsize = 0;
      for (std::size_t x = 12; x + 4 <= 12 + xlen;) {
        const std::size_t slen = h[x + 2] | (h[x + 3] << 8);
        if (h[x] == 'B' && h[x + 1] == 'C' && slen == 2) bsize = (h[x + 4] | (h[x + 5] << 8)) + 1u;
        x += 4 + slen;
      }
      if (bsize == 0) {  // a gzip member that is not a BGZF block
        switch_to_gzip_ = true;
        break;
      }
      if (bsize < 12 + xlen + 8) fail_data(file_.path() + ": BGZF block without a valid size at compressed byte " +
                                           with_commas(block_base_ + p));
      if (raw_.size() - p < bsize) break;
      const std::uint32_t isize = le32(h + bsize - 4);
      if (isize > 65536) fail_data(file_.path() + ": corrupt BGZF block (size field) at compressed byte " +
                                   with_commas(block_base_ + p));
      blocks_.push_back(Block{p, bsize, isize, 0, block_base_ + p});
      out_bytes += isize;
      saw_eof_block_ = (isize == 0);
      p += bsize;
    }
    block_base_ += p - consumed_;
    consumed_ = p;
  }

  void decompress_blocks(std::vector<char>& chunk) {
    std::size_t total = 0;
    for (auto& b : blocks_) {
      b.out_offset = total;
      total += b.isize;
    }
    chunk.resize(total);
    constexpr std::size_t kGrain = 8;
    const std::size_t groups = (blocks_.size() + kGrain - 1) / kGrain;
    pool_.parallel_for(groups, [&](std::size_t g) {
      libdeflate_decompressor* d = libdeflate_alloc_decompressor();
      if (!d) fail_io(file_.path() + ": out of memory (libdeflate)");
      const std::size_t end = std::min(blocks_.size(), (g + 1) * kGrain);
      for (std::size_t i = g * kGrain; i < end; ++i) {
        const Block& b = blocks_[i];
        const libdeflate_result r = libdeflate_gzip_decompress(d, raw_.data() + b.offset, b.length,
                                                               chunk.data() + b.out_offset, b.isize, nullptr);
        if (r != LIBDEFLATE_SUCCESS) {
          libdeflate_free_decompressor(d);
          fail_data(file_.path() + ": corrupt BGZF block (bad deflate data or CRC) at compressed byte " +
                    with_commas(b.file_offset));
        }
      }
      libdeflate_free_decompressor(d);
    });
  }

  RawFile& file_;
  ThreadPool& pool_;
  std::size_t slab_bytes_;
  std::vector<unsigned char> raw_;
  std::vector<Block> blocks_;
  std::size_t consumed_ = 0;
  std::uint64_t block_base_ = 0;  // file offset of raw_[0] (walks start with consumed_ == 0)
  bool eof_ = false, saw_eof_block_ = false, switch_to_gzip_ = false;
  std::unique_ptr<GzipProducer> fallback_;
};

// Runs a Producer on its own thread, keeping up to `depth` chunks ready.
class QueuedSource final : public ByteSource {
 public:
  QueuedSource(std::unique_ptr<RawFile> file, std::unique_ptr<Producer> producer, Compression c, std::size_t depth)
      : file_(std::move(file)), producer_(std::move(producer)), compression_(c), depth_(std::max<std::size_t>(1, depth)) {
    thread_ = std::thread([this] { run(); });
  }
  ~QueuedSource() override {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

  std::size_t read(char* dst, std::size_t cap) override {
    std::size_t out = 0;
    while (out < cap) {
      if (pos_ == current_.size()) {
        if (!next_chunk()) break;
        continue;
      }
      const std::size_t n = std::min(cap - out, current_.size() - pos_);
      std::memcpy(dst + out, current_.data() + pos_, n);
      pos_ += n;
      out += n;
    }
    return out;
  }
  std::uint64_t raw_bytes_read() const override { return file_->bytes_read(); }
  Compression compression() const override { return compression_; }

 private:
  bool next_chunk() {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [this] { return !ready_.empty() || done_; });
    if (ready_.empty()) {
      if (error_) std::rethrow_exception(error_);
      return false;
    }
    spare_ = std::move(current_);
    current_ = std::move(ready_.front());
    ready_.pop_front();
    pos_ = 0;
    cv_.notify_all();
    return true;
  }

  void run() {
    try {
      for (;;) {
        std::vector<char> chunk;
        {
          std::unique_lock lock(mutex_);
          cv_.wait(lock, [this] { return stop_ || ready_.size() < depth_; });
          if (stop_) break;
          chunk = std::move(spare_);
        }
        if (!producer_->produce(chunk)) break;
        if (chunk.empty()) continue;
        std::lock_guard lock(mutex_);
        ready_.push_back(std::move(chunk));
        cv_.notify_all();
      }
    } catch (...) {
      std::lock_guard lock(mutex_);
      error_ = std::current_exception();
    }
    std::lock_guard lock(mutex_);
    done_ = true;
    cv_.notify_all();
  }

  std::unique_ptr<RawFile> file_;
  std::unique_ptr<Producer> producer_;
  Compression compression_;
  std::size_t depth_;
  std::vector<char> current_, spare_;
  std::size_t pos_ = 0;
  std::deque<std::vector<char>> ready_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false, done_ = false;
  std::exception_ptr error_;
  std::thread thread_;
};

Compression sniff(RawFile& file) {
  const auto& h = file.peek(18);
  if (h.size() < 2 || h[0] != 0x1f || h[1] != 0x8b) return Compression::Plain;
  if (h.size() >= 18 && h[2] == 8 && (h[3] & 4) && h[10] == 6 && h[11] == 0 && h[12] == 'B' && h[13] == 'C' &&
      h[14] == 2 && h[15] == 0) {
    return Compression::Bgzf;
  }
  return Compression::Gzip;
}

}  // namespace

std::unique_ptr<ByteSource> open_byte_source(const std::string& path, ThreadPool& pool,
                                             const ByteSourceOptions& options) {
  auto file = std::make_unique<RawFile>(path);
  const Compression c = sniff(*file);
  std::unique_ptr<Producer> producer;
  switch (c) {
    case Compression::Plain: producer = std::make_unique<PlainProducer>(*file, options.chunk_bytes); break;
    case Compression::Gzip: producer = std::make_unique<GzipProducer>(*file, options.chunk_bytes); break;
    case Compression::Bgzf: producer = std::make_unique<BgzfProducer>(*file, pool, options.chunk_bytes); break;
  }
  return std::make_unique<QueuedSource>(std::move(file), std::move(producer), c, options.queue_chunks);
}

}  // namespace helicase::io
