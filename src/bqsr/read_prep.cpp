// read_prep.cpp -- CigarBuilder, ReadClipper's hard clips and the adaptor boundary, on ranges.
#include "bqsr/read_prep.hpp"

#include <cstdlib>

namespace helicase::bqsr {
namespace {

bool consumes_read(int op) { return op == BAM_CMATCH || op == BAM_CINS || op == BAM_CSOFT_CLIP || op == BAM_CEQUAL || op == BAM_CDIFF; }
bool consumes_ref(int op) { return op == BAM_CMATCH || op == BAM_CDEL || op == BAM_CREF_SKIP || op == BAM_CEQUAL || op == BAM_CDIFF; }
bool is_clip(int op) { return op == BAM_CSOFT_CLIP || op == BAM_CHARD_CLIP; }

// CigarBuilder with removeDeletionsAtEnds = true.
class CigarBuilder {
 public:
  bool add(int op, int len) {
    if (len == 0) return true;
    if (op == BAM_CDEL) {
      if (last_ < 0 || is_clip(last_)) return true;  // leading deletion: dropped
      if (last_ == BAM_CINS && (els_.size() == 1 || is_clip(els_[els_.size() - 2].op))) return true;
    }
    if (!advance_section(op)) return false;
    if (op == last_) {
      els_.back().len += len;
    } else if (last_ < 0) {
      els_.push_back({op, len});
      last_ = op;
    } else if (is_clip(op)) {
      if (!consumes_read(last_) && !is_clip(last_)) {
        els_.back() = {op, len};  // a deletion before a right clip: dropped
        last_ = op;
      } else if (last_two_deletion_insertion()) {
        els_[els_.size() - 2] = els_.back();
        els_.back() = {op, len};  // (GATK leaves its last operator at I here)
      } else {
        els_.push_back({op, len});
        last_ = op;
      }
    } else if (op == BAM_CDEL && last_ == BAM_CINS) {
      // Deletions go before an adjacent insertion (merged into one already there).
      const std::size_t n = els_.size();
      if (n > 1 && els_[n - 2].op == BAM_CDEL) {
        els_[n - 2].len += len;
      } else {
        els_.insert(els_.end() - 1, CigarEl{op, len});
      }
    } else {
      els_.push_back({op, len});
      last_ = op;
    }
    return true;
  }

  bool make(Cigar& out) {
    if (section_ == kLeftSoft && !els_.empty() && els_[0].op == BAM_CSOFT_CLIP) return false;
    if (last_ == BAM_CDEL) {
      els_.pop_back();
    } else if (last_two_deletion_insertion()) {
      els_.erase(els_.end() - 2);
    }
    if (els_.empty()) return false;
    out = els_;
    return true;
  }

 private:
  enum Section { kLeftHard, kLeftSoft, kMiddle, kRightSoft, kRightHard };
  bool last_two_deletion_insertion() const {
    return last_ == BAM_CINS && els_.size() > 1 && els_[els_.size() - 2].op == BAM_CDEL;
  }
  bool advance_section(int op) {
    if (op == BAM_CHARD_CLIP) {
      if (section_ == kLeftSoft || section_ == kMiddle || section_ == kRightSoft) section_ = kRightHard;
    } else if (op == BAM_CSOFT_CLIP) {
      if (section_ == kRightHard) return false;
      if (section_ == kLeftHard) section_ = kLeftSoft;
      else if (section_ == kMiddle) section_ = kRightSoft;
    } else {
      if (section_ == kRightSoft || section_ == kRightHard) return false;
      if (section_ == kLeftHard || section_ == kLeftSoft) section_ = kMiddle;
    }
    return true;
  }
  Cigar els_;
  int last_ = -1;
  Section section_ = kLeftHard;
};

int read_length(const Cigar& c) {
  int n = 0;
  for (const auto& e : c) n += consumes_read(e.op) ? e.len : 0;
  return n;
}

// CigarUtils.clipCigar(cigar, start, stop, HARD_CLIP): clips read offsets [start, stop).
bool clip_cigar(const Cigar& cigar, int start, int stop, Cigar& out) {
  const bool clip_left = start == 0;
  CigarBuilder b;
  int el_start = 0;
  for (const auto& e : cigar) {
    if (e.op == BAM_CHARD_CLIP) {
      if (!b.add(e.op, e.len)) return false;
      continue;
    }
    const int el_end = el_start + (consumes_read(e.op) ? e.len : 0);
    if (el_end <= start || el_start >= stop) {
      if (consumes_read(e.op) || (el_start != start && el_start != stop)) {
        if (!b.add(e.op, e.len)) return false;
      }
    } else {
      const int unclipped = clip_left ? el_end - stop : start - el_start;
      const int clipped = e.len - unclipped;
      if (unclipped <= 0) {
        if (consumes_read(e.op) && !b.add(BAM_CHARD_CLIP, e.len)) return false;
      } else if (clip_left) {
        if (!b.add(BAM_CHARD_CLIP, clipped) || !b.add(e.op, unclipped)) return false;
      } else {
        if (!b.add(e.op, unclipped) || !b.add(BAM_CHARD_CLIP, clipped)) return false;
      }
    }
    el_start = el_end;
  }
  return b.make(out);
}

// CigarUtils.alignmentStartShift.
std::int64_t alignment_start_shift(const Cigar& cigar, int num_clipped) {
  std::int64_t shift = 0;
  int el_start = 0;
  for (const auto& e : cigar) {
    if (e.op == BAM_CHARD_CLIP) continue;
    const int el_end = el_start + (consumes_read(e.op) ? e.len : 0);
    if (el_end <= num_clipped) {
      shift += consumes_ref(e.op) ? e.len : 0;
    } else if (el_start < num_clipped) {
      shift += consumes_ref(e.op) ? num_clipped - el_start : 0;
      break;
    }
    el_start = el_end;
  }
  return shift;
}

std::int64_t soft_start(std::int64_t start, const Cigar& c) {
  for (const auto& e : c) {
    if (e.op == BAM_CSOFT_CLIP) start -= e.len;
    else if (e.op != BAM_CHARD_CLIP) break;
  }
  return start;
}

// ClippingOp.applyHardClipBases of read offsets [start, stop] (one end of the read).
bool hard_clip(PreparedRead& r, int start, int stop) {
  const int len = r.hi - r.lo;
  const int new_len = len - (stop - start + 1);
  if (new_len <= 0) {
    r.empty = true;
    return true;
  }
  Cigar c;
  if (!clip_cigar(r.cigar, start, stop + 1, c)) return false;
  if (start == 0) {
    r.start += alignment_start_shift(r.cigar, stop + 1);
    r.lo += stop + 1;
  } else {
    r.hi -= stop - start + 1;
  }
  r.cigar = std::move(c);
  return true;
}

// ReadClipper.clipRead with one ClippingOp: a stop past the end is pulled in.
bool clip_op(PreparedRead& r, int start, int stop) {
  const int len = r.hi - r.lo;
  if (r.empty || start >= len) return true;
  if (stop >= len) stop = len - 1;
  return hard_clip(r, start, stop);
}

}  // namespace

bool consolidate_cigar(const Cigar& in, Cigar& out) {
  CigarBuilder b;
  for (const auto& e : in) {
    if (!b.add(e.op, e.len)) return false;
  }
  return b.make(out);
}

std::int64_t reference_length(const Cigar& c) {
  std::int64_t n = 0;
  for (const auto& e : c) n += consumes_ref(e.op) ? e.len : 0;
  return n;
}

ReadIndex read_index_for_reference(std::int64_t alignment_start, const Cigar& cigar, std::int64_t ref_coord) {
  if (ref_coord < alignment_start) return {-1, -1};
  int last_read = 0;
  std::int64_t last_ref = alignment_start;
  for (const auto& e : cigar) {
    const int first_read = last_read;
    const std::int64_t first_ref = last_ref;
    last_read += consumes_read(e.op) ? e.len : 0;
    last_ref += (consumes_ref(e.op) || e.op == BAM_CSOFT_CLIP) ? e.len : 0;
    if (first_ref <= ref_coord && ref_coord < last_ref) {
      return {first_read + (consumes_read(e.op) ? static_cast<int>(ref_coord - first_ref) : 0), e.op};
    }
  }
  return {-1, -1};
}

PreparedRead prepare_read(const bam1_t* b, const char** reason) {
  *reason = nullptr;
  PreparedRead r;
  r.start = static_cast<std::int64_t>(b->core.pos) + 1;
  r.lo = 0;
  r.hi = b->core.l_qseq;
  Cigar raw;
  const std::uint32_t* cig = bam_get_cigar(b);
  for (std::uint32_t i = 0; i < b->core.n_cigar; ++i) {
    raw.push_back({static_cast<int>(bam_cigar_op(cig[i])), static_cast<int>(bam_cigar_oplen(cig[i]))});
  }
  if (!consolidate_cigar(raw, r.cigar)) {
    *reason = "the CIGAR is malformed (clipping inside the alignment, or only clips)";
    return r;
  }
  // Adaptor boundary (ReadUtils.getAdaptorBoundary / hasWellDefinedFragmentSize).
  const auto& c = b->core;
  const bool reverse = c.flag & BAM_FREVERSE;
  const std::int64_t end = r.start + reference_length(r.cigar) - 1;
  const bool mate_unmapped = (c.flag & BAM_FMUNMAP) || c.mtid < 0 || c.mpos < 0;
  const std::int64_t mate_start = static_cast<std::int64_t>(c.mpos) + 1;
  const std::int64_t tlen = c.isize;
  bool defined = tlen != 0 && (c.flag & BAM_FPAIRED) && !mate_unmapped && reverse != static_cast<bool>(c.flag & BAM_FMREVERSE);
  if (defined) defined = reverse ? end > mate_start : r.start <= mate_start + tlen;
  if (defined) {
    const std::int64_t boundary = reverse ? mate_start - 1 : r.start + std::llabs(tlen);
    if (boundary >= r.start && boundary <= end) {
      const std::int64_t ss = soft_start(r.start, r.cigar);
      const int len = r.hi - r.lo;
      int start, stop;
      if (reverse) {  // clip the left tail up to the boundary
        const ReadIndex ri = read_index_for_reference(ss, r.cigar, boundary);
        start = 0;
        stop = ri.op < 0 ? -1 : ri.offset - (consumes_read(ri.op) ? 0 : 1);
      } else {  // clip the right tail from the boundary
        start = read_index_for_reference(ss, r.cigar, boundary).offset;
        stop = len - 1;
      }
      if (start != -1 && stop != -1) {
        if (start < 0 || stop > len - 1 || start > stop || (start > 0 && stop < len - 1)) {
          *reason = "the adaptor boundary cannot be clipped (GATK fails on this read)";
          return r;
        }
        if (!clip_op(r, start, stop)) {
          *reason = "clipping the adaptor leaves a malformed CIGAR";
          return r;
        }
      }
    }
  }
  // Hard-clip soft clips (ReadClipper.hardClipSoftClippedBases): the right tail first.
  if (!r.empty) {
    int index = 0, cut_left = -1, cut_right = -1;
    bool right_tail = false;
    for (const auto& e : r.cigar) {
      if (e.op == BAM_CSOFT_CLIP) {
        if (right_tail) cut_right = index;
        else cut_left = index + e.len - 1;
      } else if (e.op != BAM_CHARD_CLIP) {
        right_tail = true;
      }
      if (consumes_read(e.op)) index += e.len;
    }
    const int len = r.hi - r.lo;
    if (cut_right >= 0 && !clip_op(r, cut_right, len - 1)) {
      *reason = "clipping soft-clipped bases leaves a malformed CIGAR";
      return r;
    }
    if (cut_left >= 0 && !clip_op(r, 0, cut_left)) {
      *reason = "clipping soft-clipped bases leaves a malformed CIGAR";
      return r;
    }
  }
  if (!r.empty && read_length(r.cigar) != r.hi - r.lo) {
    *reason = "the CIGAR does not cover the bases after clipping";
  }
  return r;
}

}  // namespace helicase::bqsr
