// read_batch.hpp -- a batch of reads as flat arrays (structure of arrays).
//
// ReadSet holds n reads back to back: names, comments, bases and qualities concatenated,
// with n+1 offsets each, so a batch moves to a kernel (or a GPU) as a few large arrays.
// ReadBatch holds one lane's reads in input order: mate[0] the first reads, mate[1] the
// second reads of pairs (empty for single-end); pair i is mate[0][i] with mate[1][i].
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace helicase::io {

class ReadSet {
 public:
  std::size_t size() const { return seq_offsets_.size() - 1; }
  bool empty() const { return size() == 0; }
  std::uint64_t total_bases() const { return bases_.size(); }

  void clear();
  void push(std::string_view name, std::string_view comment, std::string_view seq, std::string_view qual);

  std::string_view name(std::size_t i) const { return slice(names_, name_offsets_, i); }
  std::string_view comment(std::size_t i) const { return slice(comments_, comment_offsets_, i); }
  std::string_view seq(std::size_t i) const { return slice(bases_, seq_offsets_, i); }
  std::string_view qual(std::size_t i) const { return slice(quals_, seq_offsets_, i); }
  // Read i's bases, writable in place (the aligner turns them into 0..4 codes where they lie,
  // as bwa does, instead of holding a second copy of the batch).
  char* seq_data(std::size_t i) { return bases_.data() + seq_offsets_[i]; }

  // Flat arrays for kernels: bases and quals share seq_offsets (n + 1 entries).
  const char* bases_data() const { return bases_.data(); }
  const char* quals_data() const { return quals_.data(); }
  const std::uint64_t* seq_offsets_data() const { return seq_offsets_.data(); }

 private:
  static std::string_view slice(const std::string& s, const std::vector<std::uint64_t>& off, std::size_t i) {
    return std::string_view(s).substr(off[i], off[i + 1] - off[i]);
  }
  std::string names_, comments_, bases_, quals_;
  std::vector<std::uint64_t> name_offsets_{0}, comment_offsets_{0}, seq_offsets_{0};
};

struct ReadBatch {
  std::uint64_t index = 0;       // batch number in the run, from 0
  std::uint64_t first_fragment = 0;  // input-order number of its first read or pair, from 0
  std::size_t lane = 0;          // which input lane
  bool paired = false;
  ReadSet mate[2];

  std::size_t fragments() const { return mate[0].size(); }
  std::uint64_t bases() const { return mate[0].total_bases() + mate[1].total_bases(); }
  void clear() {
    mate[0].clear();
    mate[1].clear();
  }
};

}  // namespace helicase::io
