// batch_reader.hpp -- reads input lanes into fixed-size batches, validating pairs.
//
// Lanes are read in order, each from its own FASTQ parser(s). A batch closes once it
// holds at least `batch_bases` bases (both mates counted, as bwa counts -K), so batch
// boundaries depend only on the input, never on threads. Batches never span lanes.
// Pair checks: the two names must agree after removing a trailing "/1" or "/2" (which is
// stripped from stored names, as bwa and Picard do); Casava comments ("1:N:0:...") must
// say 1 in R1 and 2 in R2; both files must hold the same number of records. Violations
// throw exit 3 naming the file and record.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/options.hpp"
#include "common/thread_pool.hpp"
#include "io/fastq_parser.hpp"
#include "io/read_batch.hpp"

namespace helicase::fastq {

struct BatchReaderOptions {
  std::uint64_t batch_bases = 10'000'000;
  io::ByteSourceOptions source;
};

class FastqBatchReader {
 public:
  FastqBatchReader(std::vector<FastqLane> lanes, ThreadPool& pool, BatchReaderOptions options = {});
  ~FastqBatchReader();

  // Fills batch with the next reads; false when every lane is exhausted.
  bool next(io::ReadBatch& batch);

  const std::vector<FastqLane>& lanes() const { return lanes_; }
  // Compressed bytes consumed as of the last batch (safe to read from any thread), and
  // the sum of the input file sizes (0 if unknown).
  std::uint64_t raw_bytes_read() const { return progress_bytes_.load(std::memory_order_relaxed); }
  std::uint64_t raw_bytes_total() const { return total_bytes_; }

  // The first read name of a lane (mate suffix removed; "" for an empty file), read
  // ahead of the batches so read groups can be built before any output is written. "" for
  // pipes and standard input, which cannot be read twice.
  static std::string peek_first_name(const FastqLane& lane, ThreadPool& pool);

 private:
  bool open_next_lane();
  void note_progress();
  void check_pair(const io::FastqRecord& r1, const io::FastqRecord& r2) const;

  std::vector<FastqLane> lanes_;
  ThreadPool& pool_;
  BatchReaderOptions options_;
  std::size_t lane_ = 0;
  bool lane_open_ = false;
  std::unique_ptr<io::FastqParser> p1_, p2_;
  io::FastqRecord rec1_, rec2_;
  std::atomic<std::uint64_t> progress_bytes_{0};
  std::uint64_t batches_ = 0, fragments_ = 0, done_bytes_ = 0, total_bytes_ = 0;
};

// Strips a trailing "/1" or "/2" (mate 1 or 2) from a read name; other names unchanged.
std::string_view strip_mate_suffix(std::string_view name);

}  // namespace helicase::fastq
