// read_batch.cpp -- flat read storage.
#include "io/read_batch.hpp"

namespace helicase::io {

void ReadSet::clear() {
  names_.clear();
  comments_.clear();
  bases_.clear();
  quals_.clear();
  name_offsets_.assign(1, 0);
  comment_offsets_.assign(1, 0);
  seq_offsets_.assign(1, 0);
}

void ReadSet::push(std::string_view name, std::string_view comment, std::string_view seq, std::string_view qual) {
  names_.append(name);
  name_offsets_.push_back(names_.size());
  comments_.append(comment);
  comment_offsets_.push_back(comments_.size());
  bases_.append(seq);
  quals_.append(qual);
  seq_offsets_.push_back(bases_.size());
}

}  // namespace helicase::io
