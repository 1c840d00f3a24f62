// ubam.cpp -- FASTQ batches to unaligned BAM records.
#include "fastq/ubam.hpp"

#include <map>

#include "common/error.hpp"

namespace helicase::fastq {

std::string unaligned_header_text(const std::vector<io::ReadGroup>& read_groups, const std::string& pg_line) {
  std::string text = "@HD\tVN:1.6\tSO:unsorted\n";
  std::map<std::string, std::string> by_id;
  for (const auto& rg : read_groups) {
    const std::string line = rg.header_line();
    auto [it, inserted] = by_id.emplace(rg.id(), line);
    if (inserted) text += line + "\n";
    else if (it->second != line) fail_usage("two lanes use read group ID " + rg.id() + " with different @RG lines");
  }
  return text + pg_line + "\n";
}

UnalignedBamWriter::UnalignedBamWriter(const std::string& path, const std::vector<io::ReadGroup>& read_groups,
                                       const std::string& pg_line, unsigned threads)
    : rec_(bam_init1()) {
  if (!rec_) fail_io("out of memory");
  for (const auto& rg : read_groups) lane_rg_.push_back(rg.id());
  const std::string text = unaligned_header_text(read_groups, pg_line);
  std::unique_ptr<sam_hdr_t, io::SamHeaderDeleter> hdr(sam_hdr_parse(text.size(), text.c_str()));
  if (!hdr) fail_internal("cannot parse the unaligned BAM header");
  writer_ = std::make_unique<io::BamWriter>(path, hdr.get(), threads);
}

UnalignedBamWriter::~UnalignedBamWriter() = default;

void UnalignedBamWriter::add_record(const io::ReadSet& reads, std::size_t i, std::uint16_t flag, const std::string& rg) {
  const std::string_view name = reads.name(i), seq = reads.seq(i), qual = reads.qual(i);
  if (name.size() > 254) fail_data("read name longer than 254 characters, which BAM cannot store: " + std::string(name));
  phred_.resize(qual.size());
  for (std::size_t k = 0; k < qual.size(); ++k) phred_[k] = static_cast<std::uint8_t>(qual[k] - 33);
  const int rc = bam_set1(rec_.get(), name.size(), name.data(), flag, -1, -1, 0, 0, nullptr, -1, -1, 0, seq.size(),
                          seq.data(), reinterpret_cast<const char*>(phred_.data()), 0);
  if (rc < 0) fail_io("cannot build a BAM record for read " + std::string(name));
  if (bam_aux_append(rec_.get(), "RG", 'Z', static_cast<int>(rg.size() + 1),
                     reinterpret_cast<const std::uint8_t*>(rg.c_str())) != 0) {
    fail_io("cannot add the RG tag to read " + std::string(name));
  }
  writer_->write(rec_.get());
}

void UnalignedBamWriter::write(const io::ReadBatch& batch) {
  const std::string& rg = lane_rg_.at(batch.lane);
  for (std::size_t i = 0; i < batch.fragments(); ++i) {
    if (batch.paired) {
      add_record(batch.mate[0], i, BAM_FPAIRED | BAM_FUNMAP | BAM_FMUNMAP | BAM_FREAD1, rg);
      add_record(batch.mate[1], i, BAM_FPAIRED | BAM_FUNMAP | BAM_FMUNMAP | BAM_FREAD2, rg);
    } else {
      add_record(batch.mate[0], i, BAM_FUNMAP, rg);
    }
  }
}

void UnalignedBamWriter::close() { writer_->close(); }

}  // namespace helicase::fastq
