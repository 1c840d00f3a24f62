// read_end_builder.hpp -- pass 1 of MarkDuplicates: the read ends of every fragment and pair.
//
// Reads the input once (Picard's buildSortedReadEndLists): every primary mapped record gives
// a fragment end; a record whose mate is mapped is matched with its mate by name (keyed by
// the contig the other end is expected on) and the two give one pair end. The per-record
// keys (unclipped 5' coordinate, strand, score, read-name location) come from the
// read-end key kernel, batch by batch. In coordinate mode reading stops at the first
// unmapped record without a contig, as Picard does. Also collects the distinct PG tag
// values (Picard chains one new @PG line per value) and checks the input order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/log.hpp"
#include "common/thread_pool.hpp"
#include "markdup/bam_input.hpp"
#include "markdup/libraries.hpp"
#include "markdup/markdup_options.hpp"
#include "markdup/read_ends.hpp"
#include "markdup/read_name_regex.hpp"
#include "markdup/read_end_key_launch.hpp"

namespace helicase::markdup {

// Distinct PG tag values in order of first appearance (nullopt: records without one).
struct PgValues {
  std::vector<std::optional<std::string>> values;
  bool has_null = false;
  void add(const char* value);

 private:
  std::unordered_set<std::string> seen_;
  std::string last_;  // most records repeat the previous value
  bool last_valid_ = false;
};

struct Pass1Result {
  ReadEndStore pairs, fragments;
  PgValues pg;
  std::uint64_t records = 0;          // records examined
  std::uint64_t unmatched_pairs = 0;  // mates never found (their fragment ends still count)
  // Queryname mode: 0-based index of the first record whose name had an earlier, separate
  // run of records (the input is not grouped), else -1.
  std::int64_t regrouped_record = -1;
};

struct Pass1Context {
  const MarkdupOptions& options;
  InputOrder order;
  Libraries& libraries;
  const ReadNameRegex* regex;  // custom READ_NAME_REGEX, or null
  kernels::ReadEndKeyComputer& keys;
  ThreadPool& pool;
  Logger& log;
};

Pass1Result build_read_ends(AlignmentInput& in, const Pass1Context& ctx);

}  // namespace helicase::markdup
