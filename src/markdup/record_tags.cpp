// record_tags.cpp -- htsjdk's attribute list, emulated on BAM optional fields.
#include "markdup/record_tags.hpp"

#include <cstdlib>
#include <cstring>
#include <new>

#include "common/error.hpp"

namespace helicase::markdup {
namespace {

// SAMTag.makeBinaryTag(): (second char << 8) | first char, compared as a Java short.
std::int16_t tag_code(const std::uint8_t* p) {
  return static_cast<std::int16_t>(static_cast<std::uint16_t>((p[1] << 8) | p[0]));
}

// Size in bytes of the optional field at p (tag, type and value), or 0 when malformed.
std::size_t field_size(const std::uint8_t* p, const std::uint8_t* end) {
  if (end - p < 3) return 0;
  const std::uint8_t type = p[2];
  const std::uint8_t* v = p + 3;
  std::size_t value = 0;
  switch (type) {
    case 'A': case 'c': case 'C': value = 1; break;
    case 's': case 'S': value = 2; break;
    case 'i': case 'I': case 'f': value = 4; break;
    case 'd': value = 8; break;
    case 'Z': case 'H': {
      const void* nul = std::memchr(v, 0, static_cast<std::size_t>(end - v));
      if (!nul) return 0;
      value = static_cast<std::size_t>(static_cast<const std::uint8_t*>(nul) - v) + 1;
      break;
    }
    case 'B': {
      if (end - v < 5) return 0;
      std::size_t elem = 0;
      switch (v[0]) {
        case 'c': case 'C': elem = 1; break;
        case 's': case 'S': elem = 2; break;
        case 'i': case 'I': case 'f': elem = 4; break;
        default: return 0;
      }
      std::uint32_t count = 0;
      std::memcpy(&count, v + 1, 4);
      value = 5 + elem * count;
      break;
    }
    default: return 0;
  }
  if (static_cast<std::size_t>(end - v) < value) return 0;
  return 3 + value;
}

}  // namespace

void fail_tag_type(const std::string& where, const char tag[2], char type) {
  fail_data(where + ": tag " + std::string(tag, 2) + " is not a string (type " + type + ")");
}

bool rewrite_tags(bam1_t* b, PgEdit pg, const std::string& pg_value, TagScratch& sc) {
  std::uint8_t* aux = bam_get_aux(b);
  const std::uint8_t* end = b->data + b->l_data;
  const std::uint8_t* base = aux;
  auto& f = sc.fields;
  f.clear();
  // BinaryTagCodec.readTags(): append when the tag sorts after the tail, else insert into
  // the sorted list from the head (a repeated tag replaces the node in place; `tail` keeps
  // pointing at a replaced node, so a later append there is lost, as in htsjdk).
  constexpr std::int32_t kNone = -1;
  std::int32_t head = kNone, tail = kNone;
  auto insert = [&](std::int32_t node) {
    const std::int16_t code = static_cast<std::int16_t>(f[node].code);
    std::int32_t prev = kNone, cur = head;
    while (cur != kNone && static_cast<std::int16_t>(f[cur].code) < code) {
      prev = cur;
      cur = f[cur].next;
    }
    if (cur != kNone && static_cast<std::int16_t>(f[cur].code) == code) {
      f[node].next = f[cur].next;  // replaces cur
    } else {
      f[node].next = cur;
    }
    if (prev == kNone) head = node;
    else f[prev].next = node;
  };
  for (const std::uint8_t* p = aux; p < end;) {
    const std::size_t size = field_size(p, end);
    if (size == 0) return false;
    const auto node = static_cast<std::int32_t>(f.size());
    f.push_back({static_cast<std::uint32_t>(p - base), static_cast<std::uint32_t>(size), kNone,
                 static_cast<std::uint16_t>(tag_code(p))});
    if (head == kNone) {
      head = tail = node;
    } else if (static_cast<std::int16_t>(f[node].code) > static_cast<std::int16_t>(f[tail].code)) {
      f[tail].next = node;
      tail = node;
    } else {
      insert(node);
    }
    p += size;
  }
  auto remove = [&](std::int16_t code) {
    std::int32_t prev = kNone;
    for (std::int32_t cur = head; cur != kNone; prev = cur, cur = f[cur].next) {
      if (static_cast<std::int16_t>(f[cur].code) == code) {
        if (prev == kNone) head = f[cur].next;
        else f[prev].next = f[cur].next;
        return;
      }
    }
  };
  const std::uint8_t dt[2] = {'D', 'T'}, pgt[2] = {'P', 'G'};
  remove(tag_code(dt));
  std::int32_t pg_node = kNone;
  if (pg == PgEdit::Remove) {
    remove(tag_code(pgt));
  } else if (pg == PgEdit::Set) {
    pg_node = static_cast<std::int32_t>(f.size());
    f.push_back({0, static_cast<std::uint32_t>(pg_value.size() + 4), kNone, static_cast<std::uint16_t>(tag_code(pgt))});
    if (head == kNone) head = pg_node;
    else insert(pg_node);
  }

  auto& out = sc.out;
  out.clear();
  for (std::int32_t cur = head; cur != kNone; cur = f[cur].next) {
    if (cur == pg_node) {
      out.insert(out.end(), {'P', 'G', 'Z'});
      out.insert(out.end(), pg_value.begin(), pg_value.end());
      out.push_back(0);
    } else {
      out.insert(out.end(), base + f[cur].offset, base + f[cur].offset + f[cur].length);
    }
  }
  const auto aux_offset = static_cast<std::size_t>(aux - b->data);
  const std::size_t need = aux_offset + out.size();
  if (need > b->m_data) {
    if (bam_get_mempolicy(b) & BAM_USER_OWNS_DATA) return false;
    auto* grown = static_cast<std::uint8_t*>(std::realloc(b->data, need));
    if (!grown) throw std::bad_alloc();
    b->data = grown;
    b->m_data = static_cast<std::uint32_t>(need);
  }
  std::memcpy(b->data + aux_offset, out.data(), out.size());
  b->l_data = static_cast<int>(need);
  return true;
}

}  // namespace helicase::markdup
