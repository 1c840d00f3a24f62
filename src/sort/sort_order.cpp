// sort_order.cpp -- sort order names and the sorted header.
#include "sort/sort_order.hpp"

#include "common/error.hpp"

namespace helicase::sort {

SortOrder parse_sort_order(const std::string& text) {
  if (text == "coordinate") return SortOrder::Coordinate;
  if (text == "queryname") return SortOrder::Queryname;
  fail_usage("unknown sort order '" + text + "' (expected coordinate or queryname)");
}

const char* to_string(SortOrder order) { return order == SortOrder::Queryname ? "queryname" : "coordinate"; }

SamHeaderPtr sorted_header(const sam_hdr_t* input, SortOrder order, const std::string& program,
                           const std::string& version, const std::string& command_line) {
  SamHeaderPtr h(sam_hdr_dup(input));
  if (!h) fail_io("out of memory copying the header");
  const char* so = to_string(order);
  // samtools: update SO on the existing @HD, or add "@HD VN:1.6 SO:..." when there is none.
  if (sam_hdr_update_hd(h.get(), "SO", so) == -1 &&
      sam_hdr_add_line(h.get(), "HD", "VN", SAM_FORMAT_VERSION, "SO", so, NULL) == -1) {
    fail_data("cannot set the sort order in the header");
  }
  if (sam_hdr_remove_tag_hd(h.get(), "GO") == -1 || sam_hdr_remove_tag_hd(h.get(), "SS") == -1) {
    fail_data("cannot remove GO/SS from the header's @HD line");
  }
  if (!program.empty() && sam_hdr_add_pg(h.get(), program.c_str(), "VN", version.c_str(), "CL", command_line.c_str(), NULL) != 0) {
    fail_data("cannot add the @PG line to the header");
  }
  return h;
}

}  // namespace helicase::sort
