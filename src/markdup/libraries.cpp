// libraries.cpp -- @RG lines to libraries and read group numbers.
#include "markdup/libraries.hpp"

#include <htslib/kstring.h>

#include "markdup/read_end_key.hpp"

namespace helicase::markdup {

Libraries::Libraries(const sam_hdr_t* header) {
  unknown_ = intern(kUnknownLibrary);
  const int n = sam_hdr_count_lines(const_cast<sam_hdr_t*>(header), "RG");
  kstring_t ks = KS_INITIALIZE;
  for (int i = 0; i < n; ++i) {
    const char* id = sam_hdr_line_name(const_cast<sam_hdr_t*>(header), "RG", i);
    if (!id) continue;
    std::string library = kUnknownLibrary;
    if (sam_hdr_find_tag_pos(const_cast<sam_hdr_t*>(header), "RG", i, "LB", &ks) == 0) library.assign(ks.s, ks.l);
    const std::size_t lib = intern(library);
    // Picard's header.getReadGroup(id) finds the first @RG line with that ID.
    rg_library_.emplace(id, lib);
    rg_number_.emplace(id, static_cast<std::int16_t>(i));
    bool seen = false;
    for (std::size_t h : header_libraries_) seen |= h == lib;
    if (!seen) header_libraries_.push_back(lib);
  }
  rg_count_ = static_cast<std::int16_t>(n);
  ks_free(&ks);
}

std::size_t Libraries::intern(const std::string& name) {
  auto [it, inserted] = name_index_.emplace(name, names_.size());
  if (inserted) {
    names_.push_back(name);
    id_of_library_.push_back(0);
  }
  return it->second;
}

std::size_t Libraries::library_of(const char* rg) const {
  if (!rg) return unknown_;
  const auto it = rg_library_.find(rg);
  return it == rg_library_.end() ? unknown_ : it->second;
}

std::int16_t Libraries::read_group_number(const char* rg) const {
  if (!rg) return 0;
  const auto it = rg_number_.find(rg);
  return it == rg_number_.end() ? rg_count_ : it->second;
}

std::int16_t Libraries::library_id(std::size_t library) {
  if (id_of_library_[library] == 0) {
    id_of_library_[library] = next_id_;
    next_id_ = kernels::java_short(next_id_ + 1);
  }
  return id_of_library_[library];
}

}  // namespace helicase::markdup
