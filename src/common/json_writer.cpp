// json_writer.cpp -- streaming JSON output.
#include "common/json_writer.hpp"

#include <cstdio>

namespace helicase {

std::string JsonWriter::escape(const std::string& s) {
  std::string o = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\r': o += "\\r"; break;
      case '\t': o += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          o += buf;
        } else {
          o.push_back(static_cast<char>(c));
        }
    }
  }
  return o + "\"";
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_items_.empty()) {
    if (has_items_.back()) out_ << ',';
    has_items_.back() = true;
    out_ << '\n' << std::string(has_items_.size() * 2, ' ');
  }
}

JsonWriter& JsonWriter::key(const std::string& k) {
  before_value();
  out_ << escape(k) << ": ";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(const std::string& s) {
  before_value();
  out_ << escape(s);
  return *this;
}

JsonWriter& JsonWriter::raw(const std::string& text) {
  before_value();
  out_ << text;
  return *this;
}

JsonWriter& JsonWriter::open(char c) {
  before_value();
  out_ << c;
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::close(char c) {
  const bool had = has_items_.back();
  has_items_.pop_back();
  if (had) out_ << '\n' << std::string(has_items_.size() * 2, ' ');
  out_ << c;
  return *this;
}

}  // namespace helicase
