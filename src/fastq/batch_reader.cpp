// batch_reader.cpp -- lanes -> validated fixed-size batches.
#include "fastq/batch_reader.hpp"

#include "common/error.hpp"

namespace helicase::fastq {

std::string_view strip_mate_suffix(std::string_view name) {
  if (name.size() > 2 && name[name.size() - 2] == '/' && (name.back() == '1' || name.back() == '2')) {
    name.remove_suffix(2);
  }
  return name;
}

namespace {
// A Casava 1.8 comment: "<mate>:<Y|N>:<control>:<index>".
int casava_mate(const std::string& comment) {
  if (comment.size() >= 4 && (comment[0] == '1' || comment[0] == '2') && comment[1] == ':' &&
      (comment[2] == 'Y' || comment[2] == 'N') && comment[3] == ':') {
    return comment[0] - '0';
  }
  return 0;
}
}  // namespace

FastqBatchReader::FastqBatchReader(std::vector<FastqLane> lanes, ThreadPool& pool, BatchReaderOptions options)
    : lanes_(std::move(lanes)), pool_(pool), options_(options) {
  if (options_.batch_bases == 0) fail_usage("batch size must be at least one base");
  for (const auto& l : lanes_) {
    total_bytes_ += io::file_size_or_zero(l.r1);
    if (l.paired()) total_bytes_ += io::file_size_or_zero(l.r2);
  }
}

FastqBatchReader::~FastqBatchReader() = default;

void FastqBatchReader::note_progress() {
  std::uint64_t b = done_bytes_;
  if (p1_) b += p1_->source().raw_bytes_read();
  if (p2_) b += p2_->source().raw_bytes_read();
  progress_bytes_.store(b, std::memory_order_relaxed);
}

std::string FastqBatchReader::peek_first_name(const FastqLane& lane, ThreadPool& pool) {
  // A pipe or standard input cannot be read twice: no name, so read groups fall back to rg<N>.
  if (io::file_size_or_zero(lane.r1) == 0) return "";
  io::FastqParser parser(io::open_byte_source(lane.r1, pool, io::ByteSourceOptions{1u << 16, 1}), lane.r1);
  io::FastqRecord rec;
  return parser.next(rec) ? std::string(strip_mate_suffix(rec.name)) : std::string();
}

bool FastqBatchReader::open_next_lane() {
  if (lane_open_) {
    done_bytes_ += p1_->source().raw_bytes_read() + (p2_ ? p2_->source().raw_bytes_read() : 0);
    p1_.reset();
    p2_.reset();
    lane_open_ = false;
    ++lane_;
  }
  if (lane_ >= lanes_.size()) return false;
  const FastqLane& l = lanes_[lane_];
  if (l.paired() && l.r1 == l.r2 && l.r1 != "-") fail_usage("--in-fq names " + l.r1 + " as both R1 and R2");
  p1_ = std::make_unique<io::FastqParser>(io::open_byte_source(l.r1, pool_, options_.source), l.r1);
  if (l.paired()) p2_ = std::make_unique<io::FastqParser>(io::open_byte_source(l.r2, pool_, options_.source), l.r2);
  lane_open_ = true;
  return true;
}

void FastqBatchReader::check_pair(const io::FastqRecord& r1, const io::FastqRecord& r2) const {
  const std::string_view n1 = strip_mate_suffix(r1.name), n2 = strip_mate_suffix(r2.name);
  if (n1.size() != r1.name.size() && n2.size() != r2.name.size() &&
      (r1.name.back() != '1' || r2.name.back() != '2')) {
    fail_data(p1_->display_name() + " record " + with_commas(p1_->records()) + ": read names end in /" +
              r1.name.back() + " in R1 and /" + r2.name.back() + " in R2 (files swapped?)");
  }
  if (n1 != n2) {
    fail_data(p2_->display_name() + " record " + with_commas(p2_->records()) + ": read name '" + r2.name +
              "' does not match '" + r1.name + "' in " + p1_->display_name() + " (files out of step?)");
  }
  const int m1 = casava_mate(r1.comment), m2 = casava_mate(r2.comment);
  if ((m1 && m1 != 1) || (m2 && m2 != 2)) {
    fail_data(p1_->display_name() + " record " + with_commas(p1_->records()) +
              ": Casava comments say read " + std::to_string(m1) + " in R1 and read " + std::to_string(m2) +
              " in R2 (files swapped?)");
  }
}

bool FastqBatchReader::next(io::ReadBatch& batch) {
  batch.clear();
  for (;;) {
    if (!lane_open_ && !open_next_lane()) return false;
    batch.index = batches_;
    batch.first_fragment = fragments_;
    batch.lane = lane_;
    batch.paired = lanes_[lane_].paired();
    while (batch.bases() < options_.batch_bases) {
      const bool got1 = p1_->next(rec1_);
      if (p2_) {
        const bool got2 = p2_->next(rec2_);
        if (got1 != got2) {
          const auto& longer = got1 ? *p1_ : *p2_;
          const auto& shorter = got1 ? *p2_ : *p1_;
          fail_data(shorter.display_name() + " ends after " + with_commas(shorter.records()) + " records but " +
                    longer.display_name() + " has more (record " + with_commas(longer.records()) + ")");
        }
        if (got1) check_pair(rec1_, rec2_);
      }
      if (!got1) break;
      const std::string_view name = strip_mate_suffix(rec1_.name);
      batch.mate[0].push(name, rec1_.comment, rec1_.seq, rec1_.qual);
      if (p2_) batch.mate[1].push(name, rec2_.comment, rec2_.seq, rec2_.qual);
    }
    if (batch.fragments() > 0) {
      fragments_ += batch.fragments();
      ++batches_;
      if (batch.bases() < options_.batch_bases) open_next_lane();  // lane ended inside this batch
      note_progress();
      return true;
    }
    open_next_lane();  // lane exhausted exactly at a batch boundary (or empty)
    note_progress();
    if (!lane_open_ && lane_ >= lanes_.size()) return false;
  }
}

}  // namespace helicase::fastq
