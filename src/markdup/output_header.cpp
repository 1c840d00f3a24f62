// output_header.cpp -- sort-order edits and chained @PG lines.
#include "markdup/output_header.hpp"

#include <htslib/kstring.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>
#include <unordered_set>

#include "common/error.hpp"

namespace helicase::markdup {
namespace {

std::string hd_tag(const sam_hdr_t* h, const char* tag) {
  kstring_t ks = KS_INITIALIZE;
  std::string out;
  if (sam_hdr_find_tag_hd(const_cast<sam_hdr_t*>(h), tag, &ks) == 0) out.assign(ks.s, ks.l);
  ks_free(&ks);
  return out;
}

void set_hd(sam_hdr_t* h, const char* so, const char* go) {
  if (sam_hdr_count_lines(h, "HD") <= 0) {
    if (sam_hdr_add_line(h, "HD", "VN", "1.6", "SO", so, NULL) != 0) fail_internal("cannot add an @HD line");
  } else if (sam_hdr_update_hd(h, "SO", so) != 0) {
    fail_internal("cannot update the @HD line");
  }
  if (go && sam_hdr_update_hd(h, "GO", go) != 0) fail_internal("cannot update the @HD line");
}

// Java's String.hashCode() over the value's chars (bytes as Latin-1 chars).
std::int32_t java_string_hash(const std::string& s) {
  std::uint32_t h = 0;
  for (unsigned char c : s) h = 31u * h + c;
  return static_cast<std::int32_t>(h);
}

// The order in which a java.util.HashSet filled in this order iterates: by bucket of the
// final table (hash ^ hash >>> 16, masked), then insertion order. The table starts at 16
// buckets and doubles past 3/4 full, or when a bucket reaches 9 entries while smaller than
// 64 (HashMap.treeifyBin); larger tables turn such buckets into trees, whose iteration order
// is not modelled (more than 8 equal bucket indexes among PG values).
std::vector<std::size_t> java_hash_set_order(const std::vector<std::optional<std::string>>& values) {
  auto spread = [](const std::optional<std::string>& v) -> std::uint32_t {
    if (!v) return 0;
    const auto h = static_cast<std::uint32_t>(java_string_hash(*v));
    return h ^ (h >> 16);
  };
  std::uint32_t cap = 16;
  for (std::size_t n = 1; n <= values.size(); ++n) {
    std::size_t same = 0;
    const std::uint32_t b = spread(values[n - 1]) & (cap - 1);
    for (std::size_t k = 0; k < n; ++k) same += (spread(values[k]) & (cap - 1)) == b;
    if (same >= 9 && cap < 64) cap *= 2;
    if (n > cap * 3 / 4) cap *= 2;
  }
  std::vector<std::size_t> order(values.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return (spread(values[a]) & (cap - 1)) < (spread(values[b]) & (cap - 1));
  });
  return order;
}

std::string header_safe(std::string s) {
  std::replace(s.begin(), s.end(), '\t', ' ');
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s;
}

}  // namespace

std::string header_sort_order(const sam_hdr_t* h) {
  const std::string so = hd_tag(h, "SO");
  return so == "coordinate" || so == "queryname" ? so : std::string();
}

bool header_group_order_query(const sam_hdr_t* h) { return hd_tag(h, "GO") == "query"; }

std::string base36(int value) {
  if (value == 0) return "0";
  std::string out;
  while (value > 0) {
    const int d = value % 36;
    out += static_cast<char>(d < 10 ? '0' + d : 'A' + (d - 10));
    value /= 36;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

PgChain prepare_output_header(sam_hdr_t* h, const MarkdupOptions& o, InputOrder order, const PgValues& seen) {
  const std::string so = header_sort_order(h);
  if (o.assume_sort_order == InputOrder::Queryname) {
    set_hd(h, "unknown", "query");
  } else if (order == InputOrder::Coordinate && so != "coordinate") {
    set_hd(h, "coordinate", nullptr);
  }

  // htsjdk PgIdGenerator.
  std::unordered_set<std::string> taken;
  const int n = sam_hdr_count_lines(h, "PG");
  for (int i = 0; i < n; ++i) {
    if (const char* id = sam_hdr_line_name(h, "PG", i)) taken.insert(id);
  }
  int counter = static_cast<int>(taken.size());
  auto next_id = [&]() {
    if (taken.insert(o.program_id).second) {
      ++counter;
      return o.program_id;
    }
    std::string id;
    do {
      id = o.program_id + "." + base36(counter++);
    } while (!taken.insert(id).second);
    return id;
  };

  PgChain chain;
  const std::string version = header_safe(o.program_version), cl = header_safe(o.command_line);
  // Picard walks its HashSet of seen values: the same order gives the same id to each value.
  for (std::size_t index : java_hash_set_order(seen.values)) {
    const std::optional<std::string>& old = seen.values[index];
    const std::string id = next_id();
    const int rc = old ? sam_hdr_add_line(h, "PG", "ID", id.c_str(), "VN", version.c_str(), "CL", cl.c_str(), "PN",
                                          o.program_id.c_str(), "PP", old->c_str(), NULL)
                       : sam_hdr_add_line(h, "PG", "ID", id.c_str(), "VN", version.c_str(), "CL", cl.c_str(), "PN",
                                          o.program_id.c_str(), NULL);
    if (rc != 0) fail_internal("cannot add the @PG line " + id);
    if (old) chain.by_value.emplace(*old, id);
    else chain.for_none = id;
  }
  return chain;
}

}  // namespace helicase::markdup
