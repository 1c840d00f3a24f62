// json_writer.hpp -- a minimal streaming JSON writer (objects, arrays, numbers, strings).
//
// Commas and indentation are handled here; the caller pairs begin/end calls. Strings are
// escaped per RFC 8259. raw() inserts pre-formatted numbers (fixed decimals).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace helicase {

class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out) {}
  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }
  JsonWriter& key(const std::string& k);
  JsonWriter& value(const std::string& s);
  JsonWriter& value(const char* s) { return value(std::string(s)); }
  JsonWriter& value(std::uint64_t v) { return raw(std::to_string(v)); }
  JsonWriter& value(std::int64_t v) { return raw(std::to_string(v)); }
  JsonWriter& value(bool v) { return raw(v ? "true" : "false"); }
  JsonWriter& raw(const std::string& text);

  static std::string escape(const std::string& s);

 private:
  JsonWriter& open(char c);
  JsonWriter& close(char c);
  void before_value();
  std::ostream& out_;
  std::vector<bool> has_items_;  // per open container
  bool after_key_ = false;
};

}  // namespace helicase
