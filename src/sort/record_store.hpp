// record_store.hpp -- BAM records held in memory for sorting, with a byte count.
//
// Records are copied into large blocks (no reallocation, no per-record allocation):
// each is its bam1_core_t, its data length and its data bytes, 8-byte aligned. bytes()
// counts the blocks, the index of records and the per-record arrays the sort builds
// (kSortBytesPerRecord), so a caller can keep the whole sort under a memory limit.
// view() fills a bam1_t that points into the store (it owns nothing: never pass it to
// bam_destroy1 or anything that reallocates its data).
#pragma once

#include <htslib/sam.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace helicase::sort {

// Flat arrays of the sort (keys, indices, their radix/merge buffers, gathered fields).
inline constexpr std::size_t kSortBytesPerRecord = 48;

class RecordStore {
 public:
  explicit RecordStore(std::size_t block_bytes);

  void add(const bam1_t* record, std::size_t extra = 0);
  // What adding a record with this data length would cost, in bytes().
  std::size_t cost_of(std::uint32_t l_data, std::size_t extra = 0) const;
  std::size_t bytes() const;
  std::size_t size() const { return records_.size(); }
  bool empty() const { return records_.empty(); }
  void clear();  // keeps one block for reuse

  const bam1_core_t& core(std::size_t i) const { return *reinterpret_cast<const bam1_core_t*>(records_[i]); }
  const char* qname(std::size_t i) const { return reinterpret_cast<const char*>(data(i)); }
  void view(std::size_t i, bam1_t& out) const;
  // Hints that record i will be read soon (records are visited in sorted, i.e. random, order).
  void prefetch(std::size_t i) const { __builtin_prefetch(records_[i]); }

 private:
  static constexpr std::size_t kHeader = (sizeof(bam1_core_t) + sizeof(std::uint32_t) + 7) / 8 * 8;
  static std::size_t record_bytes(std::uint32_t l_data) { return kHeader + (std::size_t{l_data} + 7) / 8 * 8; }
  const std::uint8_t* data(std::size_t i) const { return records_[i] + kHeader; }
  std::uint32_t l_data(std::size_t i) const;
  std::size_t next_block_size() const;

  struct Block {
    std::unique_ptr<std::uint8_t[]> bytes;
    std::size_t size = 0, used = 0;
  };
  std::size_t block_bytes_;
  std::vector<Block> blocks_;
  std::size_t block_total_ = 0;
  std::size_t extra_total_ = 0;
  std::vector<const std::uint8_t*> records_;
};

}  // namespace helicase::sort
