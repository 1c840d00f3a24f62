// read_end_builder.cpp -- pass 1: batches of records -> kernel keys -> fragment and pair ends.
#include "markdup/read_end_builder.hpp"

#include <cstring>
#include <memory>
#include <string_view>
#include <unordered_map>

#include "common/error.hpp"
#include "common/progress.hpp"
#include "markdup/input_order.hpp"
#include "markdup/record_tags.hpp"

namespace helicase::markdup {

using namespace kernels;

void PgValues::add(const char* value) {
  if (!value) {
    if (!has_null) {
      has_null = true;
      values.emplace_back(std::nullopt);
    }
    return;
  }
  if (last_valid_ && last_ == value) return;
  last_ = value;
  last_valid_ = true;
  if (seen_.insert(last_).second) values.emplace_back(last_);
}

namespace {

struct RecordBuffers {
  std::vector<bam1_t*> recs;
  // Flat batch of the records that need keys (primary, mapped).
  std::vector<std::uint32_t> selected;
  std::vector<std::uint16_t> flag;
  std::vector<std::int32_t> pos;
  std::vector<std::uint32_t> cigar;
  std::vector<std::uint64_t> cigar_offset, qual_offset, name_offset;
  std::vector<std::uint8_t> qual;
  std::vector<char> name;
  // Kernel outputs.
  std::vector<std::int32_t> coordinate;
  std::vector<std::uint8_t> reverse, name_parsed;
  std::vector<std::int16_t> score, tile, x, y;

  explicit RecordBuffers(std::size_t n) : recs(n) {
    for (auto& b : recs) {
      b = bam_init1();
      if (!b) throw std::bad_alloc();
    }
  }
  ~RecordBuffers() {
    for (auto* b : recs) bam_destroy1(b);
  }
  RecordBuffers(const RecordBuffers&) = delete;
  RecordBuffers& operator=(const RecordBuffers&) = delete;

  void fill(std::size_t n, bool quals) {
    selected.clear();
    flag.clear();
    pos.clear();
    cigar.clear();
    qual.clear();
    name.clear();
    cigar_offset.assign(1, 0);
    qual_offset.assign(1, 0);
    name_offset.assign(1, 0);
    for (std::size_t k = 0; k < n; ++k) {
      const bam1_t* b = recs[k];
      if (b->core.flag & (kFlagUnmapped | kFlagSecondary | kFlagSupplementary)) continue;
      selected.push_back(static_cast<std::uint32_t>(k));
      flag.push_back(b->core.flag);
      pos.push_back(static_cast<std::int32_t>(b->core.pos));
      const std::uint32_t* c = bam_get_cigar(b);
      cigar.insert(cigar.end(), c, c + b->core.n_cigar);
      cigar_offset.push_back(cigar.size());
      if (quals) {
        const std::uint8_t* q = bam_get_qual(b);
        qual.insert(qual.end(), q, q + b->core.l_qseq);
      }
      qual_offset.push_back(qual.size());
      const char* nm = bam_get_qname(b);
      name.insert(name.end(), nm, nm + std::strlen(nm));
      name_offset.push_back(name.size());
    }
    const std::size_t m = selected.size();
    coordinate.resize(m);
    reverse.resize(m);
    name_parsed.resize(m);
    score.resize(m);
    tile.resize(m);
    x.resize(m);
    y.resize(m);
  }

  MarkdupRecordBatch batch() const {
    MarkdupRecordBatch v;
    v.n = selected.size();
    v.flag = flag.data();
    v.pos = pos.data();
    v.cigar = cigar.data();
    v.cigar_offset = cigar_offset.data();
    v.qual = qual.data();
    v.qual_offset = qual_offset.data();
    v.name = name.data();
    v.name_offset = name_offset.data();
    return v;
  }
  ReadEndKeys outputs() {
    return ReadEndKeys{coordinate.data(), reverse.data(), score.data(), tile.data(),
                       x.data(),          y.data(),       name_parsed.data()};
  }
};

// Picard keeps unmatched first ends in a map keyed by the contig where the mate will be
// found and by the read name ("RG" + name: the literal tag name, not its value).
std::string pending_key(std::int32_t contig, const char* name) {
  std::string key(4 + std::strlen(name), '\0');
  std::memcpy(key.data(), &contig, 4);
  std::memcpy(key.data() + 4, name, key.size() - 4);
  return key;
}

}  // namespace

Pass1Result build_read_ends(AlignmentInput& in, const Pass1Context& ctx) {
  const MarkdupOptions& o = ctx.options;
  const bool coordinate = ctx.order == InputOrder::Coordinate;
  const bool quals = o.scoring == DuplicateScoring::SumOfBaseQualities;
  ReadEndKeyParams params;
  params.scoring = o.scoring;
  params.parse_names = o.read_name_regex.empty();

  Pass1Result r;
  RecordBuffers buf(std::max<std::size_t>(1, o.batch_records));
  std::unordered_map<std::string, ReadEnd> pending;
  CoordinateOrderCheck order_check;
  NameGroupingCheck grouping;
  std::string group_name;
  bool have_group = false;
  std::int64_t group_index = 0;
  std::uint64_t index = 0;
  bool done = false;
  Progress progress(ctx.log, "pass 1: read ends", "records", 0, o.progress);

  while (!done) {
    std::size_t n = 0;
    while (n < buf.recs.size() && in.next(buf.recs[n])) ++n;
    if (n == 0) break;
    buf.fill(n, quals);
    ctx.keys.compute(buf.batch(), params, buf.outputs());

    std::size_t sel = 0;
    for (std::size_t k = 0; k < n; ++k, ++index) {
      bam1_t* b = buf.recs[k];
      const std::uint16_t flag = b->core.flag;
      auto where = [&] {
        return in.path() + " record " + with_commas(index + 1) + " (" + bam_get_qname(b) + ")";
      };
      r.pg.add(string_tag(b, "PG", where));
      ++r.records;
      if (coordinate) {
        order_check.check(b, in.header(), where);
      } else if (!have_group || group_name != bam_get_qname(b)) {
        group_name = bam_get_qname(b);
        have_group = true;
        group_index = static_cast<std::int64_t>(index);
        grouping.add_group(group_name.c_str(), index);
      }
      if (flag & kFlagUnmapped) {
        if (b->core.tid == -1 && coordinate) {
          done = true;  // the unplaced unmapped reads at the end: Picard stops reading here
          break;
        }
        continue;
      }
      if (flag & (kFlagSecondary | kFlagSupplementary)) continue;

      const std::size_t j = sel++;
      const std::int64_t read_index = coordinate ? static_cast<std::int64_t>(index) : group_index;
      const char* rg = string_tag(b, "RG", where);
      ReadEnd f;
      f.ref1 = b->core.tid;
      f.coord1 = buf.coordinate[j];
      f.orientation = buf.reverse[j] ? kR : kF;
      f.index1 = read_index;
      f.score = buf.score[j];
      const bool mate_mapped = (flag & kFlagPaired) && !(flag & kFlagMateUnmapped);
      if (mate_mapped) f.ref2 = b->core.mtid;
      f.library = ctx.libraries.library_id(ctx.libraries.library_of(rg));
      bool parsed = buf.name_parsed[j] != 0;
      f.tile = buf.tile[j];
      f.x = buf.x[j];
      f.y = buf.y[j];
      if (ctx.regex) parsed = ctx.regex->parse(bam_get_qname(b), f.tile, f.x, f.y);
      if (parsed) f.read_group = ctx.libraries.read_group_number(rg);
      r.fragments.push(f);

      if (!mate_mapped) continue;
      auto found = pending.find(pending_key(b->core.tid, bam_get_qname(b)));
      if (found == pending.end()) {
        std::string key = pending_key(f.ref2, bam_get_qname(b));
        const auto [it, inserted] = pending.try_emplace(std::move(key), f);
        if (!inserted) {
          // Picard's coordinate-mode map refuses a second waiting end under one key; its
          // queryname-mode map silently replaces it.
          if (coordinate) {
            fail_data(where() + ": another record of this name is already waiting for its mate on the same contig "
                                "(more than two primary records per name?)");
          }
          it->second = f;
        }
        continue;
      }
      ReadEnd p = found->second;
      pending.erase(found);
      const bool negative = buf.reverse[j] != 0;
      const bool stored_negative = p.orientation == kR;
      p.optical_orientation = (flag & kFlagFirstOfPair) ? orientation_byte(negative, stored_negative)
                                                        : orientation_byte(stored_negative, negative);
      if (f.ref1 > p.ref1 || (f.ref1 == p.ref1 && f.coord1 >= p.coord1)) {
        p.ref2 = f.ref1;
        p.coord2 = f.coord1;
        p.index2 = read_index;
        p.orientation = orientation_byte(stored_negative, negative);
        // Same position, opposite strands: the orientation would depend on the record order.
        if (p.ref2 == p.ref1 && p.coord2 == p.coord1 && p.orientation == kRF) p.orientation = kFR;
      } else {
        p.ref2 = p.ref1;
        p.coord2 = p.coord1;
        p.index2 = p.index1;
        p.ref1 = f.ref1;
        p.coord1 = f.coord1;
        p.index1 = read_index;
        p.orientation = orientation_byte(negative, stored_negative);
      }
      p.score = java_short(p.score + f.score);
      r.pairs.push(p);
    }
    progress.update(index);
  }
  progress.finish();
  r.unmatched_pairs = pending.size();

  if (!coordinate) r.regrouped_record = grouping.first_regrouped_record();
  return r;
}

}  // namespace helicase::markdup
