// record_tags.hpp -- reading and rewriting a record's optional fields the way Picard does.
//
// string_tag() returns a Z-typed tag's value (nullptr when absent; exit 3 when the tag has
// another type, where htsjdk would throw). rewrite_tags() leaves the optional fields as
// htsjdk writes them after MarkDuplicates' edits: htsjdk keeps a record's fields ordered by
// its binary tag code (second letter, then first: AS XS MD ... PG RG ...), keeps the last
// of repeated tags, and (as htsjdk's reader does) drops a field that follows a repeat of the
// field before it; DT is removed (CLEAR_DT) and PG is set, removed or left alone.
#pragma once

#include <htslib/sam.h>

#include <cstdint>
#include <string>
#include <vector>

namespace helicase::markdup {

[[noreturn]] void fail_tag_type(const std::string& where, const char tag[2], char type);

// where(): names the record in the message, called only on failure.
template <class Where>
const char* string_tag(const bam1_t* b, const char tag[2], const Where& where) {
  const std::uint8_t* s = bam_aux_get(b, tag);
  if (!s) return nullptr;
  if (*s != 'Z') fail_tag_type(where(), tag, static_cast<char>(*s));
  return bam_aux2Z(s);
}

enum class PgEdit { Keep, Set, Remove };

struct TagScratch {
  struct Field {
    std::uint32_t offset, length;
    std::int32_t next;
    std::uint16_t code;
  };
  std::vector<Field> fields;
  std::vector<std::uint8_t> out;
};

// Returns false when the optional fields are malformed (the caller reports exit 3).
bool rewrite_tags(bam1_t* b, PgEdit pg, const std::string& pg_value, TagScratch& scratch);

}  // namespace helicase::markdup
