// output_header.cpp -- sort-order edits and chained @PG lines.
#include "markdup/output_header.hpp"

#include <htslib/kstring.h>

#include <algorithm>
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
  for (const auto& old : seen.values) {
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
