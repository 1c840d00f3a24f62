// markdup_probe.cpp -- answers MarkdupOracle's cases with helicase-markdup's own functions.
//
// Reads the oracle's lines (KIND<TAB>INPUT...<TAB>ANSWER) on stdin and prints each with
// Helicase's answer in place of Picard's, so the two outputs can be compared with cmp.
#include <htslib/sam.h>

#include <cstdint>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "markdup/java_format.hpp"
#include "markdup/metrics.hpp"
#include "markdup/read_end_key.hpp"
#include "markdup/read_name_regex.hpp"

using namespace helicase;
using namespace helicase::markdup;

namespace {

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == '\t') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

double from_hex(const std::string& h) {
  const std::uint64_t bits = std::stoull(h, nullptr, 16);
  double v;
  std::memcpy(&v, &bits, 8);
  return v;
}

std::vector<std::uint32_t> parse_cigar(const std::string& c) {
  std::vector<std::uint32_t> out;
  std::uint32_t n = 0;
  for (char ch : c) {
    if (ch >= '0' && ch <= '9') {
      n = n * 10 + static_cast<std::uint32_t>(ch - '0');
    } else {
      out.push_back(n << 4 | static_cast<std::uint32_t>(std::strchr(BAM_CIGAR_STR, ch) - BAM_CIGAR_STR));
      n = 0;
    }
  }
  return out;
}

std::string library(const std::vector<std::string>& f) {
  LibraryMetrics m;
  m.read_pairs_examined = std::stoll(f[1]);
  m.read_pair_duplicates = std::stoll(f[2]);
  m.unpaired_reads_examined = std::stoll(f[4]);
  m.unpaired_read_duplicates = std::stoll(f[5]);
  m.derive(std::stoll(f[3]));
  std::string roi;
  if (const auto h = roi_histogram(m)) {
    for (const auto& [k, v] : h->bins) roi += (roi.empty() ? "" : ",") + java_decimal6(v);
  } else {
    roi = "-";
  }
  return java_decimal6(m.percent_duplication) + "\t" +
         (m.estimated_library_size ? std::to_string(*m.estimated_library_size) : std::string()) + "\t" + roi;
}

std::string name_default(const std::string& name) {
  std::int32_t tokens[3] = {-1, -1, -1};
  bool ok = true;
  const int fields = kernels::last_three_fields(name.data(), name.size(), tokens, ok);
  if (ok && (fields == 5 || fields == 7)) {
    return "1 " + std::to_string(kernels::java_short(tokens[0])) + " " + std::to_string(kernels::java_short(tokens[1])) +
           " " + std::to_string(kernels::java_short(tokens[2]));
  }
  return "0 -1 -1 -1";
}

std::string name_regex(const ReadNameRegex& re, const std::string& name) {
  std::int16_t tile = -1, x = -1, y = -1;
  const bool ok = re.parse(name, tile, x, y);
  return std::string(ok ? "1" : "0") + " " + std::to_string(tile) + " " + std::to_string(x) + " " + std::to_string(y);
}

std::string score(const std::vector<std::string>& f) {
  const auto strategy = static_cast<kernels::DuplicateScoring>(std::stoi(f[1]));
  const auto flag = static_cast<std::uint16_t>(std::stoi(f[2]));
  const std::string& name = f[3];
  const std::vector<std::uint32_t> cigar = parse_cigar(f[4]);
  const auto pos = static_cast<std::int32_t>(std::stol(f[5]));
  std::vector<std::uint8_t> qual;
  if (f[6] != "-") {
    std::stringstream ss(f[6]);
    std::string q;
    while (std::getline(ss, q, ',')) qual.push_back(static_cast<std::uint8_t>(std::stoi(q)));
  }
  const std::uint64_t cigar_off[2] = {0, cigar.size()}, qual_off[2] = {0, qual.size()}, name_off[2] = {0, name.size()};
  kernels::MarkdupRecordBatch b;
  b.n = 1;
  b.flag = &flag;
  b.pos = &pos;
  b.cigar = cigar.data();
  b.cigar_offset = cigar_off;
  b.qual = qual.data();
  b.qual_offset = qual_off;
  b.name = name.data();
  b.name_offset = name_off;
  std::int32_t coord = 0;
  std::uint8_t reverse = 0, parsed = 0;
  std::int16_t s = 0, tile = 0, x = 0, y = 0;
  kernels::ReadEndKeyParams p;
  p.scoring = strategy;
  kernels::read_end_key_one(b, 0, p, kernels::ReadEndKeys{&coord, &reverse, &s, &tile, &x, &y, &parsed});
  return std::to_string(s) + " " + std::to_string(coord);
}

}  // namespace

int main() {
  const ReadNameRegex re("(?:.*:)?([0-9]+)[^:]*:([0-9]+)[^:]*:([0-9]+)[^:]*$");
  std::string line;
  while (std::getline(std::cin, line)) {
    std::vector<std::string> f = split(line);
    std::string answer;
    const std::string& kind = f[0];
    if (kind == "lib") {
      answer = library(f);
      f.resize(6);
    } else {
      if (kind == "fmt") answer = java_decimal6(from_hex(f[1]));
      else if (kind == "key") answer = java_double_to_string(from_hex(f[1]));
      else if (kind == "name") answer = name_default(f[1]);
      else if (kind == "regex") answer = name_regex(re, f[1]);
      else if (kind == "score") answer = score(f);
      else answer = "?unknown case";
      f.pop_back();
    }
    std::string out;
    for (const auto& x : f) out += x + "\t";
    std::cout << out << answer << "\n";
  }
  return 0;
}
