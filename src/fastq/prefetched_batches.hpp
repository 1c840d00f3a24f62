// prefetched_batches.hpp -- reads the next batches of a FastqBatchReader on a thread of its own
// while the caller works on the current one.
//
// At most `depth` batches wait in the queue (plus the one the reader thread is filling). next()
// hands them over in input order; at the end it rethrows the reader's error, if any. Destroying
// the object early (e.g. while the caller's exception unwinds) stops and joins the reader.
#pragma once

#include <cstddef>
#include <exception>
#include <thread>

#include "common/bounded_queue.hpp"
#include "fastq/batch_reader.hpp"
#include "io/read_batch.hpp"

namespace helicase::fastq {

class PrefetchedBatches {
 public:
  PrefetchedBatches(FastqBatchReader& reader, std::size_t depth);
  ~PrefetchedBatches();
  PrefetchedBatches(const PrefetchedBatches&) = delete;
  PrefetchedBatches& operator=(const PrefetchedBatches&) = delete;

  // The next batch; false once the input is exhausted (throws the reader's error instead).
  bool next(io::ReadBatch& batch);

 private:
  BoundedQueue<io::ReadBatch> queue_;
  std::exception_ptr error_;
  std::thread producer_;
};

}  // namespace helicase::fastq
