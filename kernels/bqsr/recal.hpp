// recal.hpp -- BaseRecalibrator's per-read work on a prepared (clipped) read (HELICASE_HD).
//
// recal_read() does, for one read, what BaseRecalibrationEngine.processRead does after the
// read transform: mismatch/insertion/deletion events against the reference (a deletion marks
// the base before it, or after it on the reverse strand; an insertion the base before it, or
// after it on the reverse strand), BAQ when enabled and the read has an event (a read BAQ
// cannot handle is dropped), fractional errors over BAQ-uncertain blocks, the skip mask
// (non-ACGT base, quality below `preserve`, known site) and the covariate keys of every base.
// Outputs are per base (flat, like the inputs); the ordered accumulation is count.hpp's.
#pragma once

#include <cstdint>

#include "bqsr/baq.hpp"
#include "bqsr/covariates.hpp"
#include "hd.hpp"

namespace helicase::kernels::bqsr {

inline constexpr std::uint8_t kFlagBaqWindow = 4;  // the BAQ reference window lies within the contig

inline constexpr std::int32_t kRecalOk = 0;
inline constexpr std::int32_t kRecalDropped = 1;        // BAQ gave no result: the read is not counted
inline constexpr std::int32_t kRecalCycleOverflow = 2;  // a cycle above --maximum-cycle-value
inline constexpr std::int32_t kRecalBaqTagError = 3;    // GATK's BQ tag would not fit (quality > 63 + BAQ)

struct RecalBatchView {
  std::uint32_t n_reads = 0;
  // Per read.
  const std::uint64_t* offset = nullptr;  // first base in the per-base arrays
  const std::uint32_t* length = nullptr;
  const std::uint32_t* cigar_offset = nullptr;
  const std::uint32_t* cigar_count = nullptr;
  const std::uint64_t* ref_offset = nullptr;  // reference window in `ref`
  const std::uint32_t* ref_length = nullptr;
  const std::int32_t* ref_shift = nullptr;    // read start - window start
  const std::uint8_t* flags = nullptr;        // kFlagReverse | kFlagSecond | kFlagBaqWindow
  const std::int32_t* rg = nullptr;
  const std::uint32_t* cigar = nullptr;       // HTSlib encoding
  const char* ref = nullptr;
  // Per base.
  const char* bases = nullptr;
  const std::uint8_t* quals = nullptr;
  const std::uint8_t* ins_quals = nullptr;
  const std::uint8_t* del_quals = nullptr;
  const std::uint8_t* known = nullptr;
  // Outputs per base.
  std::uint8_t* skip = nullptr;
  double* err_m = nullptr;
  double* err_i = nullptr;
  double* err_d = nullptr;
  std::int32_t* ctx_m = nullptr;
  std::int32_t* ctx_i = nullptr;
  std::int16_t* cyc_m = nullptr;
  std::int16_t* cyc_i = nullptr;
  // Output per read.
  std::int32_t* status = nullptr;
};

struct RecalParams {
  int mismatches_context_size = 2;
  int indels_context_size = 3;
  int max_cycle = 500;
  int low_quality_tail = 2;
  int preserve = 6;
  bool baq = false;
  double baq_gap_open = 1e-4;         // 10^(-40/10)
  const double* qual2prob = nullptr;  // 10^(-q/10), q = 0..93
};

// Scratch a read needs for BAQ (launchers size it with baq_scratch_doubles and the read length).
struct RecalScratch {
  double* hmm = nullptr;
  int* state = nullptr;
  std::uint8_t* bq = nullptr;
};

// BAQ's fractional errors over blocks of uncertain bases (calculateFractionalErrorArray), in place.
HELICASE_HD_INLINE void fractional_errors(double* err, const std::uint8_t* uncertain, int len) {
  bool in_block = false;
  int block_start = -1;
  auto store_block = [&](int i) {
    const int lo = block_start - 1 > 0 ? block_start - 1 : 0;
    int total = 0;
    for (int j = lo; j <= i; ++j) total += static_cast<int>(err[j]);
    for (int j = lo; j <= i; ++j) err[j] = static_cast<double>(total) / static_cast<double>(i - lo + 1);
  };
  int i;
  for (i = 0; i < len; ++i) {
    if (!uncertain[i]) {
      if (in_block) {
        store_block(i);
        in_block = false;
        block_start = -1;
      }
    } else {
      in_block = true;
      if (block_start == -1) block_start = i;
    }
  }
  if (in_block) store_block(i - 1);
}

HELICASE_HD inline void recal_read(const RecalBatchView& b, const RecalParams& p, std::uint32_t r, RecalScratch scratch) {
  const int len = static_cast<int>(b.length[r]);
  const std::uint64_t o = b.offset[r];
  const char* bases = b.bases + o;
  const std::uint8_t* quals = b.quals + o;
  double* em = b.err_m + o;
  double* ei = b.err_i + o;
  double* ed = b.err_d + o;
  const std::uint32_t* cigar = b.cigar + b.cigar_offset[r];
  const int n_cigar = static_cast<int>(b.cigar_count[r]);
  const char* ref = b.ref + b.ref_offset[r];
  const std::uint8_t flags = b.flags[r];
  const bool reverse = (flags & kFlagReverse) != 0;
  for (int i = 0; i < len; ++i) em[i] = ei[i] = ed[i] = 0.0;
  // Events.
  int read_pos = 0, ref_pos = b.ref_shift[r], n_errors = 0;
  for (int c = 0; c < n_cigar; ++c) {
    const int op = static_cast<int>(cigar[c] & 0xf);
    const int l = static_cast<int>(cigar[c] >> 4);
    switch (op) {
      case kOpM:
      case kOpEq:
      case kOpX:
        for (int i = 0; i < l; ++i) {
          const bool snp = base_code(bases[read_pos]) != base_code(ref[ref_pos]);
          em[read_pos] = snp ? 1.0 : 0.0;
          n_errors += snp ? 1 : 0;
          ++read_pos;
          ++ref_pos;
        }
        break;
      case kOpD: {
        const int idx = reverse ? read_pos : read_pos - 1;
        if (idx >= 0 && idx < len) ed[idx] = 1.0;
        ref_pos += l;
        break;
      }
      case kOpN:
        ref_pos += l;
        break;
      case kOpI:
        if (!reverse && read_pos - 1 >= 0 && read_pos - 1 < len) ei[read_pos - 1] = 1.0;
        read_pos += l;
        if (reverse && read_pos < len) ei[read_pos] = 1.0;
        break;
      case kOpS:
        read_pos += l;
        break;
      default:
        break;
    }
  }
  for (int i = 0; i < len; ++i) n_errors += static_cast<int>(ei[i]) + static_cast<int>(ed[i]);
  std::int32_t status = kRecalOk;
  // BAQ (only for reads with an event).
  if (p.baq && n_errors > 0) {
    if (!(flags & kFlagBaqWindow) ||
        !baq_read(ref, static_cast<int>(b.ref_length[r]), -b.ref_shift[r], cigar, n_cigar, bases, quals, len, p.qual2prob,
                  p.baq_gap_open, scratch.hmm, scratch.state, scratch.bq)) {
      b.status[r] = kRecalDropped;
      return;
    }
    std::uint8_t* uncertain = scratch.bq;  // reused in place: 1 where BAQ lowered the quality
    for (int i = 0; i < len; ++i) {
      const int tag = static_cast<int>(quals[i]) + 64 - static_cast<int>(scratch.bq[i]);
      if (tag < 0 || tag > 127) status = kRecalBaqTagError;
      uncertain[i] = tag != 64 ? 1 : 0;
    }
    fractional_errors(em, uncertain, len);
    fractional_errors(ei, uncertain, len);
    fractional_errors(ed, uncertain, len);
  }
  // Skip mask and covariates.
  const std::uint8_t* known = b.known + o;
  std::uint8_t* skip = b.skip + o;
  for (int i = 0; i < len; ++i) {
    skip[i] = (base_code(bases[i]) < 0) | (quals[i] < p.preserve) | (known[i] != 0) ? 1 : 0;
  }
  int first = 0, last = 0;
  low_quality_bounds(quals, len, p.low_quality_tail, &first, &last);
  const bool all_masked = first > last;
  ContextRoller rm, ri;
  rm.init(p.mismatches_context_size);
  ri.init(p.indels_context_size);
  bool overflow = false;
  for (int i = 0; i < len; ++i) {
    const int off = reverse ? len - 1 - i : i;
    const int code = stranded_code(bases, len, reverse, first, last, i);
    const int km = rm.push(code, i);
    const int ki = ri.push(code, i);
    b.ctx_m[o + off] = all_masked ? 0 : km;
    b.ctx_i[o + off] = all_masked ? 0 : ki;
    b.cyc_m[o + off] = static_cast<std::int16_t>(cycle_key(off, len, flags, false, p.max_cycle, &overflow));
    b.cyc_i[o + off] = static_cast<std::int16_t>(cycle_key(off, len, flags, true, p.max_cycle, &overflow));
  }
  b.status[r] = overflow ? kRecalCycleOverflow : status;
}

}  // namespace helicase::kernels::bqsr
