// duplicate_marker.cpp -- pass 2: flags, tags, metrics counts and the output records.
#include "markdup/duplicate_marker.hpp"

#include <cstring>
#include <limits>
#include <memory>

#include "common/error.hpp"
#include "common/progress.hpp"
#include "io/bam_writer.hpp"
#include "markdup/input_order.hpp"
#include "markdup/record_tags.hpp"

namespace helicase::markdup {

using namespace kernels;

const std::string* PgChain::find(const char* old_value) const {
  if (!old_value) return for_none ? &*for_none : nullptr;
  const auto it = by_value.find(old_value);
  return it == by_value.end() ? nullptr : &it->second;
}

Pass2Result mark_duplicates(AlignmentInput& in, io::BamWriter& out, const Pass2Context& ctx) {
  const bool coordinate = ctx.order == InputOrder::Coordinate;
  constexpr std::int64_t kNoSuchIndex = std::numeric_limits<std::int64_t>::max();
  Pass2Result r;
  r.metrics.resize(ctx.libraries.names().size());
  for (std::size_t i = 0; i < r.metrics.size(); ++i) r.metrics[i].library = ctx.libraries.names()[i];
  r.library_seen.assign(r.metrics.size(), false);

  std::unique_ptr<bam1_t, io::BamRecordDeleter> rec(bam_init1());
  if (!rec) throw std::bad_alloc();
  bam1_t* b = rec.get();
  TagScratch scratch;
  CoordinateOrderCheck order_check;
  std::size_t next_pos = 0;
  auto pop = [&]() -> std::int64_t {
    return next_pos < ctx.duplicate_indexes.size() ? ctx.duplicate_indexes[next_pos++] : kNoSuchIndex;
  };
  std::int64_t next_duplicate = pop();
  std::string duplicate_name;
  bool have_duplicate_name = false;
  Progress progress(ctx.log, "pass 2: marking", "records", 0, ctx.options.progress);

  for (std::int64_t index = 0; in.next(b); ++index) {
    auto where = [&] { return in.where(b); };
    const char* name = bam_get_qname(b);
    if (coordinate) order_check.check(b, in.header(), where);
    const std::size_t lib = ctx.libraries.library_of(string_tag(b, "RG", where));
    LibraryMetrics& metrics = r.metrics[lib];
    r.library_seen[lib] = true;
    metrics.add_read(b->core.flag);

    // MarkDuplicates.nextIndexIfNeeded(): in queryname mode the next index is only taken
    // once the records of the last duplicate's name are behind.
    const bool same_name = !coordinate && have_duplicate_name && duplicate_name == name;
    if (index > next_duplicate && (coordinate || !same_name)) next_duplicate = pop();
    const bool duplicate = index == next_duplicate || (!coordinate && index > next_duplicate && same_name);
    if (duplicate) {
      b->core.flag |= kFlagDuplicate;
      metrics.add_duplicate(b->core.flag);
      ++r.duplicates;
      if (!coordinate && !same_name) {
        duplicate_name = name;
        have_duplicate_name = true;
      }
    } else {
      b->core.flag &= static_cast<std::uint16_t>(~kFlagDuplicate);
    }

    PgEdit edit = PgEdit::Keep;
    const std::string* new_pg = nullptr;
    if (ctx.options.add_pg_tag) {
      new_pg = ctx.pg.find(string_tag(b, "PG", where));
      edit = new_pg ? PgEdit::Set : PgEdit::Remove;
    }
    if (!rewrite_tags(b, edit, new_pg ? *new_pg : std::string(), scratch)) {
      fail_data(where() + ": malformed optional fields");
    }
    ++r.records;
    progress.update(r.records);
    if (duplicate && ctx.options.remove_duplicates) continue;
    out.write(b);
    ++r.written;
  }
  progress.finish();
  return r;
}

}  // namespace helicase::markdup
