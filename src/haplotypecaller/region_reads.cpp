// region_reads.cpp -- finalizeRegion's clipping, overlapping mates and the genotyping filter.
#include "haplotypecaller/region_reads.hpp"

#include <htslib/sam.h>

#include <algorithm>
#include <map>
#include <string>

namespace helicase::hc {
namespace {

constexpr std::uint8_t kMinTailQuality = 9;  // minBaseQualityScore 10 - 1
constexpr std::uint8_t kHalfPcrSnvQual = 20;

std::uint32_t op_of(std::uint32_t c) { return bam_cigar_op(c); }
std::uint32_t len_of(std::uint32_t c) { return bam_cigar_oplen(c); }
bool consumes_query(std::uint32_t op) { return (bam_cigar_type(op) & 1) != 0; }
bool consumes_ref(std::uint32_t op) { return (bam_cigar_type(op) & 2) != 0; }

void erase_seq(RegionRead& r, std::size_t from, std::size_t n) {
  auto cut = [&](auto& v) {
    if (!v.empty()) v.erase(v.begin() + static_cast<std::ptrdiff_t>(from), v.begin() + static_cast<std::ptrdiff_t>(from + n));
  };
  cut(r.bases);
  cut(r.quals);
  cut(r.ins_quals);
  cut(r.del_quals);
}

// GATKRead.mateIsUnmapped (SAMRecordToGATKReadAdapter): the mate-unmapped flag, or no mate
// contig (RNEXT '*'), or no mate position (PNEXT 0).
bool mate_unmapped(const RegionRead& r) { return (r.flag & BAM_FMUNMAP) != 0 || r.mate_tid < 0 || r.mate_pos < 0; }

bool well_defined_fragment(const RegionRead& r) {
  if (r.isize == 0) return false;
  if (!(r.flag & BAM_FPAIRED)) return false;
  if ((r.flag & BAM_FUNMAP) || mate_unmapped(r)) return false;
  if (((r.flag & BAM_FREVERSE) != 0) == ((r.flag & BAM_FMREVERSE) != 0)) return false;
  if (r.flag & BAM_FREVERSE) return read_end(r) - 1 + 1 > r.mate_pos + 1;  // getEnd() > getMateStart() (1-based)
  return r.pos + 1 <= r.mate_pos + 1 + r.isize;
}

// Number of read bases (soft clips included) aligned at reference positions <= ref_stop.
std::size_t bases_up_to(const RegionRead& r, std::int64_t ref_stop) {
  std::int64_t rp = r.pos;
  std::size_t q = 0, n = 0;
  for (std::uint32_t c : r.cigar) {
    const std::uint32_t op = op_of(c), len = len_of(c);
    if (op == BAM_CSOFT_CLIP || op == BAM_CINS) {
      q += len;
      if (rp <= ref_stop) n = q;
      continue;
    }
    if (op == BAM_CHARD_CLIP || op == BAM_CPAD) continue;
    for (std::uint32_t k = 0; k < len; ++k) {
      if (rp > ref_stop) return n;
      if (consumes_query(op)) ++q;
      if (consumes_ref(op)) ++rp;
      n = q;
    }
  }
  return n;
}

// Number of read bases aligned at reference positions >= ref_start (to the read's end).
std::size_t bases_from(const RegionRead& r, std::int64_t ref_start) {
  std::int64_t rp = r.pos;
  std::size_t q = 0;
  for (std::uint32_t c : r.cigar) {
    const std::uint32_t op = op_of(c), len = len_of(c);
    if (op == BAM_CHARD_CLIP || op == BAM_CPAD) continue;
    if (op == BAM_CSOFT_CLIP || op == BAM_CINS) {
      // An insertion just before ref_start stays with the read: GATK clips from the read index
      // of ref_start (getReadIndexForReferenceCoordinate), which lies after it.
      if (rp > ref_start && q < r.bases.size()) return r.bases.size() - q;
      q += len;
      continue;
    }
    for (std::uint32_t k = 0; k < len; ++k) {
      if (rp >= ref_start && consumes_query(op)) return r.bases.size() - q;
      if (consumes_query(op)) ++q;
      if (consumes_ref(op)) ++rp;
    }
  }
  return 0;
}

// ReadCoordinateComparator: start, forward before reverse strand, name, flags, mapping
// quality, mate contig and start (paired reads), insert size. Ties keep their order (Java's
// List.sort is stable).
bool gatk_coordinate_less(const RegionRead& a, const RegionRead& b) {
  if (a.pos != b.pos) return a.pos < b.pos;
  const bool ra = (a.flag & BAM_FREVERSE) != 0, rb = (b.flag & BAM_FREVERSE) != 0;
  if (ra != rb) return rb;
  if (const int c = a.name.compare(b.name); c != 0) return c < 0;
  if (a.flag != b.flag) return a.flag < b.flag;
  if (a.mapq != b.mapq) return a.mapq < b.mapq;
  if ((a.flag & BAM_FPAIRED) && (b.flag & BAM_FPAIRED)) {
    const std::int32_t ta = mate_unmapped(a) ? -1 : a.mate_tid, tb = mate_unmapped(b) ? -1 : b.mate_tid;
    if (ta != tb) return ta < tb;
    const std::int64_t sa = mate_unmapped(a) ? 0 : a.mate_pos + 1, sb = mate_unmapped(b) ? 0 : b.mate_pos + 1;
    if (sa != sb) return sa < sb;
  }
  return a.isize < b.isize;
}

// ReadUtils.getReadIndexForReferenceCoordinate: the read index at reference position `ref`
// (0-based), counting soft clips as aligned from the soft start; inside a deletion the index
// of the next read base. -1 when the position is not covered; *clip tells whether it fell in
// a soft clip.
std::int64_t read_index_at(const RegionRead& r, std::int64_t ref, bool* clip) {
  std::int64_t soft_start = r.pos;
  for (std::uint32_t c : r.cigar) {
    if (op_of(c) == BAM_CHARD_CLIP) continue;
    if (op_of(c) == BAM_CSOFT_CLIP) soft_start -= len_of(c);
    break;
  }
  if (ref < soft_start) return -1;
  std::int64_t read_pos = 0, ref_pos = soft_start;
  for (std::uint32_t c : r.cigar) {
    const std::uint32_t op = op_of(c), len = len_of(c);
    const std::int64_t first_read = read_pos, first_ref = ref_pos;
    if (consumes_query(op)) read_pos += len;
    if (consumes_ref(op) || op == BAM_CSOFT_CLIP) ref_pos += len;
    if (first_ref <= ref && ref < ref_pos) {
      *clip = op == BAM_CSOFT_CLIP || op == BAM_CHARD_CLIP;
      return first_read + (consumes_query(op) ? ref - first_ref : 0);
    }
  }
  return -1;
}

// FragmentUtils.adjustQualsOfOverlappingPairedFragments (conflicting bases set to 0, agreeing
// ones capped at half the PCR SNV error quality); `left` comes first in coordinate order.
void adjust_overlapping_mates(RegionRead& left, RegionRead& right) {
  RegionRead& first = left.pos < right.pos ? left : right;  // soft starts (no soft clips remain)
  RegionRead& second = left.pos < right.pos ? right : left;
  if (read_end(first) - 1 < second.pos) return;
  bool clip = false;
  const std::int64_t offset = read_index_at(first, second.pos, &clip);
  if (offset < 0 || clip) return;
  bool ignored = false;
  const std::int64_t first_end = read_index_at(first, read_end(first) - 1, &ignored);
  const std::int64_t second_offset = read_index_at(second, second.pos, &ignored);
  const std::int64_t second_end = read_index_at(second, read_end(second) - 1, &ignored);
  const std::int64_t n = std::min(first_end - offset, second_end - second_offset) + 1;
  for (std::int64_t i = 0; i < n; ++i) {
    const auto fi = static_cast<std::size_t>(offset + i), si = static_cast<std::size_t>(second_offset + i);
    if (first.bases[fi] == second.bases[si]) {
      first.quals[fi] = std::min(first.quals[fi], kHalfPcrSnvQual);
      second.quals[si] = std::min(second.quals[si], kHalfPcrSnvQual);
    } else {
      first.quals[fi] = 0;
      second.quals[si] = 0;
    }
  }
}

}  // namespace

std::int64_t read_end(const RegionRead& r) {
  std::int64_t e = r.pos;
  for (std::uint32_t c : r.cigar) {
    if (consumes_ref(op_of(c))) e += len_of(c);
  }
  return e;
}

void hard_clip_bases(RegionRead& r, std::size_t n, bool from_left) {
  if (n == 0) return;
  if (n >= r.bases.size()) {
    r.bases.clear();
    r.quals.clear();
    r.ins_quals.clear();
    r.del_quals.clear();
    r.cigar.clear();
    return;
  }
  std::vector<std::uint32_t> cig = r.cigar;
  if (!from_left) std::reverse(cig.begin(), cig.end());
  // Clipped bases become (or join) a hard clip at that end, as ReadClipper writes them.
  std::uint32_t hard = static_cast<std::uint32_t>(n);
  while (!cig.empty() && op_of(cig.front()) == BAM_CHARD_CLIP) {
    hard += len_of(cig.front());
    cig.erase(cig.begin());
  }
  std::uint32_t other_hard = 0;
  while (!cig.empty() && op_of(cig.back()) == BAM_CHARD_CLIP) {
    other_hard += len_of(cig.back());
    cig.pop_back();
  }
  std::vector<std::uint32_t> out;
  std::size_t left = n;
  std::int64_t shift = 0;
  std::size_t i = 0;
  for (; i < cig.size() && left > 0; ++i) {
    const std::uint32_t op = op_of(cig[i]), len = len_of(cig[i]);
    if (op == BAM_CHARD_CLIP || op == BAM_CPAD) continue;
    if (!consumes_query(op)) {  // deletion inside the clipped part
      shift += len;
      continue;
    }
    if (len <= left) {
      left -= len;
      if (consumes_ref(op)) shift += len;
    } else {
      if (consumes_ref(op)) shift += static_cast<std::int64_t>(left);
      out.push_back(bam_cigar_gen(static_cast<std::uint32_t>(len - left), op));
      left = 0;
    }
  }
  for (; i < cig.size(); ++i) {
    if (op_of(cig[i]) == BAM_CHARD_CLIP) continue;
    out.push_back(cig[i]);
  }
  // Deletions left at the new end are dropped (the alignment moves past them).
  while (!out.empty() && op_of(out.front()) == BAM_CDEL) {
    shift += len_of(out.front());
    out.erase(out.begin());
  }
  out.insert(out.begin(), bam_cigar_gen(hard, BAM_CHARD_CLIP));
  if (other_hard) out.push_back(bam_cigar_gen(other_hard, BAM_CHARD_CLIP));
  if (!from_left) std::reverse(out.begin(), out.end());
  r.cigar = out;
  if (from_left) {
    // Only aligned/deleted bases move the start; clipped soft clips did not consume reference.
    r.pos += shift;
    erase_seq(r, 0, n);
  } else {
    erase_seq(r, r.bases.size() - n, n);
  }
}

void hard_clip_to_span(RegionRead& r, std::int64_t start, std::int64_t end) {
  if (r.bases.empty()) return;
  if (r.pos < start) hard_clip_bases(r, bases_up_to(r, start - 1), true);
  if (r.bases.empty()) return;
  if (read_end(r) - 1 > end) hard_clip_bases(r, bases_from(r, end + 1), false);
}

std::vector<RegionRead> finalize_region_reads(const std::vector<RegionRead>& reads, std::int64_t padded_start,
                                              std::int64_t padded_end, std::int64_t max_read_span) {
  std::vector<RegionRead> out;
  auto lo = std::lower_bound(reads.begin(), reads.end(), padded_start - max_read_span,
                             [](const RegionRead& r, std::int64_t p) { return r.pos < p; });
  for (auto it = lo; it != reads.end() && it->pos < padded_end + max_read_span; ++it) {
    // Reads of the region: alignment span (soft clips excluded) overlaps the padded span.
    if (it->pos >= padded_end || it->original_end <= padded_start) continue;
    RegionRead r = *it;
    // 1. Soft clips (decided on the record as read): reverted when the fragment size is well
    // defined, else hard clipped.
    std::size_t first_non_h = 0, last_non_h = r.cigar.size();
    while (first_non_h < r.cigar.size() && op_of(r.cigar[first_non_h]) == BAM_CHARD_CLIP) ++first_non_h;
    while (last_non_h > first_non_h && op_of(r.cigar[last_non_h - 1]) == BAM_CHARD_CLIP) --last_non_h;
    if (well_defined_fragment(*it)) {
      std::int64_t lead = 0;
      if (first_non_h < last_non_h && op_of(r.cigar[first_non_h]) == BAM_CSOFT_CLIP) lead = len_of(r.cigar[first_non_h]);
      for (auto& c : r.cigar) {
        if (op_of(c) == BAM_CSOFT_CLIP) c = bam_cigar_gen(len_of(c), BAM_CMATCH);
      }
      r.pos -= lead;
      std::vector<std::uint32_t> merged;
      for (std::uint32_t c : r.cigar) {
        if (!merged.empty() && op_of(merged.back()) == op_of(c)) {
          merged.back() = bam_cigar_gen(len_of(merged.back()) + len_of(c), op_of(c));
        } else {
          merged.push_back(c);
        }
      }
      r.cigar = merged;
      // A reverted start before the contig start: those bases are hard clipped.
      if (r.pos < 0) {
        const auto before = static_cast<std::size_t>(-r.pos);
        hard_clip_bases(r, before, true);
        r.pos = 0;
      }
    } else {
      std::size_t lead = 0, trail = 0;
      if (first_non_h < last_non_h && op_of(r.cigar[first_non_h]) == BAM_CSOFT_CLIP) lead = len_of(r.cigar[first_non_h]);
      if (last_non_h > first_non_h + 1 && op_of(r.cigar[last_non_h - 1]) == BAM_CSOFT_CLIP) trail = len_of(r.cigar[last_non_h - 1]);
      if (trail) hard_clip_bases(r, trail, false);
      if (lead) hard_clip_bases(r, lead, true);
    }
    if (r.bases.empty()) continue;
    // 2. Low-quality tails of what is left (reverted soft clips included).
    {
      const std::size_t len = r.quals.size();
      std::size_t right = len, left = 0;
      while (right > 0 && r.quals[right - 1] <= kMinTailQuality) --right;
      while (left < len && r.quals[left] <= kMinTailQuality) ++left;
      if (left >= right) continue;
      if (right < len) hard_clip_bases(r, len - right, false);
      if (left > 0) hard_clip_bases(r, left, true);
    }
    if (r.bases.empty() || read_end(r) <= r.pos) continue;
    // 3. Adaptor, from the read as clipped so far (GATKRead.getAdaptorBoundary of the clipped
    // read: its fragment test and, on the forward strand, its start).
    if (well_defined_fragment(r)) {
      if (r.flag & BAM_FREVERSE) {
        const std::int64_t boundary = r.mate_pos - 1;  // 0-based: bases at <= boundary are adaptor
        if (boundary >= r.pos && boundary < read_end(r)) hard_clip_bases(r, bases_up_to(r, boundary), true);
      } else {
        const std::int64_t boundary = r.pos + std::abs(r.isize);  // 0-based first adaptor base
        if (boundary < read_end(r)) hard_clip_bases(r, bases_from(r, boundary), false);
      }
    }
    if (r.bases.empty() || r.cigar.empty()) continue;
    // 4. Clip to the padded span; kept when the adaptor-clipped read overlapped it.
    if (r.pos >= padded_end || read_end(r) <= padded_start) continue;
    hard_clip_to_span(r, padded_start, padded_end - 1);
    if (r.bases.empty() || r.cigar.empty() || read_end(r) <= r.pos) continue;
    out.push_back(std::move(r));
  }
  std::stable_sort(out.begin(), out.end(), gatk_coordinate_less);
  // Overlapping mates (cleanOverlappingReadPairs: FragmentCollection.create pairs the reads, in
  // coordinate order, that may overlap their mate; FragmentUtils.adjustQualsOfOverlappingPairedFragments).
  std::map<std::string, std::size_t> waiting;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const RegionRead& r = out[i];
    // Paired, mate mapped, and the mate's start (as recorded) not past this read's end.
    if (!(r.flag & BAM_FPAIRED) || mate_unmapped(r) || r.mate_pos >= read_end(r)) continue;
    auto [it, fresh] = waiting.emplace(r.name, i);
    if (fresh) continue;
    const std::size_t left = it->second;
    waiting.erase(it);
    adjust_overlapping_mates(out[left], out[i]);
  }
  return out;
}

std::vector<RegionRead> trim_region_reads(const std::vector<RegionRead>& reads, std::int64_t padded_start,
                                          std::int64_t padded_end) {
  std::vector<RegionRead> out;
  for (const RegionRead& in : reads) {
    RegionRead r = in;
    hard_clip_to_span(r, padded_start, padded_end - 1);
    if (r.bases.empty() || r.cigar.empty()) continue;
    if (r.pos >= padded_end || read_end(r) <= padded_start) continue;
    // Read stubs (fewer than MINIMUM_READ_LENGTH_AFTER_TRIMMING = 10 bases; no soft clips are
    // left) leave the region before filterNonPassingReads, so they are not even annotated.
    if (r.bases.size() < 10) continue;
    // filterNonPassingReads: READ_QUALITY_FILTER_THRESHOLD, MateOnSameContigOrNoMappedMate (its
    // length test can no longer fail).
    r.for_genotyping = !(r.mapq < 20 || ((r.flag & BAM_FPAIRED) && !mate_unmapped(r) && r.mate_tid != r.tid));
    out.push_back(std::move(r));
  }
  std::stable_sort(out.begin(), out.end(), gatk_coordinate_less);  // AssemblyRegion.trim re-sorts
  return out;
}

}  // namespace helicase::hc
