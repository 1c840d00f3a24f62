// libraries.hpp -- read groups and libraries as Picard's LibraryIdGenerator sees them.
//
// A record's library is the LB of its read group (RG tag -> @RG line); a record without an
// RG tag, with an RG not in the header, or whose @RG has no LB belongs to "Unknown Library".
// Library ids (for sorting read ends) are given 1, 2, ... in order of first use; the read
// group number used by optical detection is the @RG line's 0-based position in the header
// (the number of @RG lines when the RG is not in the header, 0 when the record has none).
#pragma once

#include <htslib/sam.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace helicase::markdup {

inline constexpr const char* kUnknownLibrary = "Unknown Library";

class Libraries {
 public:
  explicit Libraries(const sam_hdr_t* header);

  // Library name index (into names()) of a record's RG value; null rg = no RG tag.
  std::size_t library_of(const char* rg) const;
  // 0-based @RG line of a record's RG value (see above).
  std::int16_t read_group_number(const char* rg) const;
  // Picard's library id (1, 2, ... by first use) of a library name index.
  std::int16_t library_id(std::size_t library);

  const std::vector<std::string>& names() const { return names_; }
  // Libraries named by header @RG lines (they get a metrics row even without reads).
  const std::vector<std::size_t>& header_libraries() const { return header_libraries_; }
  // Picard's id of a library name index; 0 when no read end used it (Picard's null).
  std::int16_t id_if_used(std::size_t library) const { return id_of_library_[library]; }

 private:
  std::size_t intern(const std::string& name);
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::size_t> name_index_;
  std::unordered_map<std::string, std::size_t> rg_library_;
  std::unordered_map<std::string, std::int16_t> rg_number_;
  std::int16_t rg_count_ = 0;
  std::size_t unknown_ = 0;
  std::vector<std::size_t> header_libraries_;
  std::vector<std::int16_t> id_of_library_;  // per name index; 0 = none yet
  std::int16_t next_id_ = 1;
};

}  // namespace helicase::markdup
