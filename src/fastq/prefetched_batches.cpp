// prefetched_batches.cpp -- see prefetched_batches.hpp.
#include "fastq/prefetched_batches.hpp"

namespace helicase::fastq {

PrefetchedBatches::PrefetchedBatches(FastqBatchReader& reader, std::size_t depth) : queue_(depth) {
  producer_ = std::thread([this, &reader] {
    try {
      io::ReadBatch batch;
      while (reader.next(batch)) {
        if (!queue_.push(std::move(batch))) return;
        batch = io::ReadBatch{};
      }
    } catch (...) {
      error_ = std::current_exception();
    }
    queue_.close();
  });
}

PrefetchedBatches::~PrefetchedBatches() {
  queue_.abort();
  if (producer_.joinable()) producer_.join();
}

bool PrefetchedBatches::next(io::ReadBatch& batch) {
  if (queue_.pop(batch)) return true;
  if (producer_.joinable()) producer_.join();
  if (error_) std::rethrow_exception(error_);
  return false;
}

}  // namespace helicase::fastq
