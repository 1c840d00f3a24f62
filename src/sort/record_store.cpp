// record_store.cpp -- block storage of BAM records.
#include "sort/record_store.hpp"

#include <algorithm>
#include <cstring>

namespace helicase::sort {

RecordStore::RecordStore(std::size_t block_bytes) : block_bytes_(block_bytes) {}

std::size_t RecordStore::cost_of(std::uint32_t l_data, std::size_t extra) const {
  // The record (a new block when it does not fit the current one), its sort arrays, and
  // its index entry; a full index doubles, holding old and new arrays for a moment.
  const std::size_t need = record_bytes(l_data);
  const bool fits = !blocks_.empty() && blocks_.back().size - blocks_.back().used >= need;
  const std::size_t block = fits ? 0 : std::max(next_block_size(), need);
  const std::size_t cap = records_.capacity();
  const std::size_t growth = records_.size() == cap ? 2 * std::max<std::size_t>(cap, 1) * sizeof(const std::uint8_t*) : 0;
  return block + kSortBytesPerRecord + extra + growth;
}

// Blocks start small (a small input never touches a large block) and double up to block_bytes_.
std::size_t RecordStore::next_block_size() const {
  constexpr std::size_t kFirstBlock = 256u << 10;
  const std::size_t shift = std::min<std::size_t>(blocks_.size(), 16);
  return std::min(block_bytes_, std::max(kFirstBlock, block_bytes_ >> (16 - shift)));
}

std::size_t RecordStore::bytes() const {
  return block_total_ + extra_total_ + records_.capacity() * sizeof(const std::uint8_t*) +
         records_.size() * kSortBytesPerRecord;
}

void RecordStore::add(const bam1_t* record, std::size_t extra) {
  const std::uint32_t l = static_cast<std::uint32_t>(record->l_data);
  const std::size_t need = record_bytes(l);
  if (blocks_.empty() || blocks_.back().size - blocks_.back().used < need) {
    Block b;
    b.size = std::max(next_block_size(), need);
    b.bytes = std::make_unique_for_overwrite<std::uint8_t[]>(b.size);
    block_total_ += b.size;
    blocks_.push_back(std::move(b));
  }
  Block& b = blocks_.back();
  std::uint8_t* p = b.bytes.get() + b.used;
  std::memcpy(p, &record->core, sizeof(bam1_core_t));
  std::memcpy(p + sizeof(bam1_core_t), &l, sizeof l);
  std::memcpy(p + kHeader, record->data, l);
  b.used += need;
  records_.push_back(p);
  extra_total_ += extra;
}

std::uint32_t RecordStore::l_data(std::size_t i) const {
  std::uint32_t l = 0;
  std::memcpy(&l, records_[i] + sizeof(bam1_core_t), sizeof l);
  return l;
}

void RecordStore::view(std::size_t i, bam1_t& out) const {
  out = bam1_t{};
  std::memcpy(&out.core, records_[i], sizeof(bam1_core_t));
  out.l_data = static_cast<int>(l_data(i));
  out.m_data = static_cast<std::uint32_t>(out.l_data);
  out.data = const_cast<std::uint8_t*>(data(i));
  bam_set_mempolicy(&out, BAM_USER_OWNS_STRUCT | BAM_USER_OWNS_DATA);
}

void RecordStore::clear() {
  if (blocks_.size() > 1) blocks_.resize(1);
  block_total_ = blocks_.empty() ? 0 : blocks_.front().size;
  if (!blocks_.empty()) blocks_.front().used = 0;
  records_.clear();  // keeps its capacity, still counted by bytes()
  extra_total_ = 0;
}

}  // namespace helicase::sort
