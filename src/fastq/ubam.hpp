// ubam.hpp -- unaligned BAM records from FASTQ batches, as Picard FastqToSam writes them.
//
// Header: @HD VN:1.6 SO:unsorted, one @RG per distinct read group, one @PG. Records in
// input order: flags 77/141 for the first/second read of a pair, 4 for single-end reads;
// no position, mapping quality 0; the name without /1 /2; bases as read (upper-cased);
// Phred qualities; an RG:Z tag. Picard's default SORT_ORDER=queryname would sort the
// records instead: docs/compatibility.md.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "io/bam_writer.hpp"
#include "io/read_batch.hpp"
#include "io/read_group.hpp"

namespace helicase::fastq {

class UnalignedBamWriter {
 public:
  // read_groups: one per lane (lanes may share one); pg_line: a complete "@PG\t..." line.
  UnalignedBamWriter(const std::string& path, const std::vector<io::ReadGroup>& read_groups,
                     const std::string& pg_line, unsigned threads);
  ~UnalignedBamWriter();
  void write(const io::ReadBatch& batch);
  void close();

 private:
  void add_record(const io::ReadSet& reads, std::size_t i, std::uint16_t flag, const std::string& rg);
  std::vector<std::string> lane_rg_;
  std::unique_ptr<io::BamWriter> writer_;
  std::unique_ptr<bam1_t, io::BamRecordDeleter> rec_;
  std::vector<std::uint8_t> phred_;
};

// Header text of the unaligned BAM (exposed for tests). Fails (usage, exit 2) when two
// lanes give different @RG lines with the same ID.
std::string unaligned_header_text(const std::vector<io::ReadGroup>& read_groups, const std::string& pg_line);

}  // namespace helicase::fastq
