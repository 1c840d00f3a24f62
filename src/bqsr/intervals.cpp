// intervals.cpp -- parsing and merging -L regions.
#include "bqsr/intervals.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/error.hpp"

namespace helicase::bqsr {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::int64_t parse_position(std::string s, const std::string& region) {
  s.erase(std::remove(s.begin(), s.end(), ','), s.end());
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos || s.size() > 15) {
    fail_usage("malformed interval '" + region + "'");
  }
  return std::stoll(s);
}

struct Adder {
  const ContigDict& dict;
  const std::string& what;
  std::int64_t padding;
  IntervalSet& set;

  void add(const std::string& contig, std::int64_t start, std::int64_t end, const std::string& text) {
    const int tid = dict.find(contig);
    if (tid < 0) fail_data("interval '" + text + "' is on contig '" + contig + "', which " + what + " lacks");
    const std::int64_t len = dict.lengths[static_cast<std::size_t>(tid)];
    if (start < 1 || end < start - 1) fail_usage("malformed interval '" + text + "' (start " + std::to_string(start) + ", end " + std::to_string(end) + ")");
    if (start > len) fail_data("interval '" + text + "' starts past the end of contig '" + contig + "' (" + std::to_string(len) + " bp)");
    if (end > len) end = len;
    start = std::max<std::int64_t>(1, start - padding);
    end = std::min(len, end + padding);
    if (end >= start) set.add(tid, start, end);
  }

  void add_text(const std::string& raw) {
    std::string text = raw;
    while (!text.empty() && (text.back() == '\r' || text.back() == ' ' || text.back() == '\t')) text.pop_back();
    if (text.empty()) return;
    const int whole = dict.find(text);
    if (whole >= 0) {
      add(text, 1, dict.lengths[static_cast<std::size_t>(whole)], text);
      return;
    }
    const std::size_t colon = text.rfind(':');
    if (colon == std::string::npos) fail_data("interval '" + text + "' names a contig " + what + " lacks");
    const std::string contig = text.substr(0, colon);
    const std::string range = text.substr(colon + 1);
    const int tid = dict.find(contig);
    if (tid < 0) fail_data("interval '" + text + "' is on contig '" + contig + "', which " + what + " lacks");
    const std::int64_t len = dict.lengths[static_cast<std::size_t>(tid)];
    if (!range.empty() && range.back() == '+') {
      add(contig, parse_position(range.substr(0, range.size() - 1), text), len, text);
      return;
    }
    const std::size_t dash = range.find('-');
    if (dash == std::string::npos) {
      const std::int64_t p = parse_position(range, text);
      add(contig, p, p, text);
    } else {
      add(contig, parse_position(range.substr(0, dash), text), parse_position(range.substr(dash + 1), text), text);
    }
  }

  void add_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) fail_io("cannot open interval file " + path);
    std::string line;
    std::size_t n = 0;
    const bool bed = ends_with(path, ".bed") || ends_with(path, ".bed.txt");
    const bool picard = ends_with(path, ".interval_list");
    while (std::getline(in, line)) {
      ++n;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      if (bed) {
        if (line[0] == '#' || line.rfind("track", 0) == 0 || line.rfind("browser", 0) == 0) continue;
        std::istringstream f(line);
        std::string contig, s, e;
        if (!(f >> contig >> s >> e)) fail_data(path + " line " + std::to_string(n) + ": not a BED record");
        add(contig, parse_position(s, line) + 1, parse_position(e, line), path + " line " + std::to_string(n));
      } else if (picard) {
        if (line[0] == '@') continue;
        std::istringstream f(line);
        std::string contig, s, e;
        if (!(f >> contig >> s >> e)) fail_data(path + " line " + std::to_string(n) + ": not an interval list record");
        add(contig, parse_position(s, line), parse_position(e, line), path + " line " + std::to_string(n));
      } else {
        if (line[0] == '#' || line[0] == '@') continue;
        add_text(line);
      }
    }
  }
};

}  // namespace

int ContigDict::find(const std::string& name) const {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

void IntervalSet::add(int tid, std::int64_t start, std::int64_t end) {
  if (by_tid_.size() <= static_cast<std::size_t>(tid)) by_tid_.resize(static_cast<std::size_t>(tid) + 1);
  by_tid_[static_cast<std::size_t>(tid)].emplace_back(start, end);
  empty_ = false;
}

std::vector<std::pair<std::int64_t, std::int64_t>> IntervalSet::regions(int tid) const {
  if (tid < 0 || static_cast<std::size_t>(tid) >= by_tid_.size()) return {};
  return by_tid_[static_cast<std::size_t>(tid)];
}

void IntervalSet::finish() {
  for (auto& v : by_tid_) {
    std::sort(v.begin(), v.end());
    std::vector<std::pair<std::int64_t, std::int64_t>> merged;
    for (const auto& iv : v) {
      if (!merged.empty() && iv.first <= merged.back().second + 1) {
        merged.back().second = std::max(merged.back().second, iv.second);
      } else {
        merged.push_back(iv);
      }
    }
    v = std::move(merged);
  }
}

std::size_t IntervalSet::size() const {
  std::size_t n = 0;
  for (const auto& v : by_tid_) n += v.size();
  return n;
}

bool IntervalSet::overlaps(int tid, std::int64_t start, std::int64_t end) const {
  if (tid < 0 || static_cast<std::size_t>(tid) >= by_tid_.size()) return false;
  const auto& v = by_tid_[static_cast<std::size_t>(tid)];
  // First region ending at or after `start`; it overlaps if it begins by `end`.
  auto it = std::lower_bound(v.begin(), v.end(), start,
                             [](const std::pair<std::int64_t, std::int64_t>& iv, std::int64_t s) { return iv.second < s; });
  return it != v.end() && it->first <= end;
}

IntervalSet load_intervals(const IntervalOptions& opts, const ContigDict& dict, const std::string& what) {
  IntervalSet set;
  Adder adder{dict, what, opts.padding, set};
  for (const auto& text : opts.intervals) {
    std::error_code ec;
    const bool known_ext = ends_with(text, ".bed") || ends_with(text, ".interval_list") || ends_with(text, ".list") ||
                           ends_with(text, ".intervals");
    if (known_ext || (dict.find(text) < 0 && std::filesystem::is_regular_file(text, ec))) {
      adder.add_file(text);
    } else {
      adder.add_text(text);
    }
  }
  for (const auto& f : opts.interval_files) adder.add_file(f);
  set.finish();
  if ((!opts.intervals.empty() || !opts.interval_files.empty()) && set.empty()) {
    fail_data("the intervals given select no region");
  }
  return set;
}

}  // namespace helicase::bqsr
