// align_job.hpp -- helicase-align's pipeline: FASTQ lanes -> regions -> SAM records -> SAM/BAM.
//
// A reader thread fills batches of at least opt.chunk_size bases (bwa's -K, both mates
// counted, a batch ends after a whole pair), so every batch is exactly one of bwa's chunks
// and insert-size statistics are per batch as in bwa. For each batch: regions of every read
// (the seeding half, given as a RegionFinder so the output half is testable alone) in
// parallel, mem_pestat, then SAM records of every read or pair in parallel, written in input
// order. Output bytes depend on neither the thread count nor work_chunk.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "align/mem_types.hpp"
#include "common/log.hpp"
#include "common/options.hpp"
#include "common/thread_pool.hpp"
#include "reference/reference_index.hpp"

namespace helicase::align {

using RegionFinder = std::function<std::vector<AlnReg>(const MemOptions&, const reference::ReferenceIndex&,
                                                       std::span<const std::uint8_t>)>;

struct AlignJobOptions {
  std::vector<FastqLane> lanes;
  ReadGroupOptions read_group;  // for lanes without an @RG line
  std::string out_path;         // .sam -> SAM, else BAM
  std::string pg_line;
  MemOptions mem;
  std::size_t work_chunk = 64;  // reads (or pairs) per parallel work item
  bool progress = false;
};

struct AlignRunStats {
  std::uint64_t fragments = 0, records = 0, batches = 0;
};

AlignRunStats run_align_job(const AlignJobOptions& o, const reference::ReferenceIndex& index,
                            const RegionFinder& find, ThreadPool& pool, Logger& log);

// The SAM header text: @SQ per contig, the read groups, then @PG (as bwa orders them).
std::string align_header_text(const reference::ReferenceIndex& index, const std::vector<std::string>& rg_lines,
                              const std::string& pg_line);

}  // namespace helicase::align
