// recal_job.cpp -- the BaseRecalibrator stream: read batch -> prepare -> kernel -> count.
#include "bqsr/recal_job.hpp"

#include <htslib/sam.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <unordered_map>

#include "bqsr/bam_input.hpp"
#include "bqsr/count.hpp"
#include "bqsr/gatk_report.hpp"
#include "bqsr/known_sites.hpp"
#include "bqsr/read_prep.hpp"
#include "bqsr/recal_launch.hpp"
#include "bqsr/recal_report.hpp"
#include "bqsr/reference.hpp"
#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "common/progress.hpp"

namespace helicase::bqsr {
namespace {

using namespace kernels::bqsr;

void parallel_chunks(ThreadPool& pool, std::size_t n, const std::function<void(std::size_t, std::size_t)>& fn) {
  if (n == 0) return;
  const std::size_t parts = std::min<std::size_t>(pool.size() * 4, (n + 255) / 256);
  pool.parallel_for(parts, [&](std::size_t p) { fn(n * p / parts, n * (p + 1) / parts); });
}

// One read's place in the batch (per record of the input batch).
struct Slot {
  bool counted = false;
  PreparedRead prep;
  int ref_tid = -1;
  std::int64_t window_start = 0, window_end = 0;  // clamped to the contig
  bool baq_window = false;
  const std::uint8_t* oq = nullptr;  // OQ qualities (-OQ) or nullptr
  int rg = 0;                        // read-group key
};

struct BatchArrays {
  std::vector<std::uint64_t> offset, ref_offset;
  std::vector<std::uint32_t> length, cigar_offset, cigar_count, ref_length, cigar;
  std::vector<std::int32_t> ref_shift, rg, status, ctx_m, ctx_i;
  std::vector<std::uint8_t> flags, quals, ins_quals, del_quals, known, skip;
  std::vector<char> ref, bases;
  std::vector<double> err_m, err_i, err_d;
  std::vector<std::int16_t> cyc_m, cyc_i;

  RecalBatchView view() {
    RecalBatchView v;
    v.n_reads = static_cast<std::uint32_t>(offset.size());
    v.offset = offset.data();
    v.length = length.data();
    v.cigar_offset = cigar_offset.data();
    v.cigar_count = cigar_count.data();
    v.ref_offset = ref_offset.data();
    v.ref_length = ref_length.data();
    v.ref_shift = ref_shift.data();
    v.flags = flags.data();
    v.rg = rg.data();
    v.cigar = cigar.data();
    v.ref = ref.data();
    v.bases = bases.data();
    v.quals = quals.data();
    v.ins_quals = ins_quals.data();
    v.del_quals = del_quals.data();
    v.known = known.data();
    v.skip = skip.data();
    v.err_m = err_m.data();
    v.err_i = err_i.data();
    v.err_d = err_d.data();
    v.ctx_m = ctx_m.data();
    v.ctx_i = ctx_i.data();
    v.cyc_m = cyc_m.data();
    v.cyc_i = cyc_i.data();
    v.status = status.data();
    return v;
  }
};

int first_insertion(const Cigar& c) { return !c.empty() && c.front().op == BAM_CINS ? c.front().len : 0; }
int last_insertion(const Cigar& c) { return !c.empty() && c.back().op == BAM_CINS ? c.back().len : 0; }

// BI/BD qualities of the record (FASTQ-encoded strings), or nullptr.
const char* indel_quals(const bam1_t* b, const char* tag) {
  const std::uint8_t* t = bam_aux_get(b, tag);
  return (t && *t == 'Z') ? reinterpret_cast<const char*>(t + 1) : nullptr;
}

RecalTables tables_from_counts(const RecalCounts& counts, const std::vector<std::string>& read_groups) {
  RecalTables t;
  t.read_groups = read_groups;
  for (int g = 0; g < counts.n_rg(); ++g) {
    for (int q = 0; q < kNumQuals; ++q) {
      for (int e = 0; e < counts.n_events(); ++e) {
        const auto datum = [&](const CountCell& c) {
          RecalDatum d;
          d.observations = c.observations;
          d.mismatches_scaled = c.mismatches_scaled;
          d.reported_quality = q;
          return d;
        };
        if (const CountCell* c = counts.qual_cell(g, q, e)) t.qual_table[{g, q, e}] = datum(*c);
        if (const CountCell* blk = counts.context_block(g, q, e)) {
          for (int k = 0; k < counts.context_keys(); ++k) {
            if (blk[k].observations > 0) t.context_table[{g, q, k, e}] = datum(blk[k]);
          }
        }
        if (const CountCell* blk = counts.cycle_block(g, q, e)) {
          for (int k = 0; k < counts.cycle_keys(); ++k) {
            if (blk[k].observations > 0) t.cycle_table[{g, q, k, e}] = datum(blk[k]);
          }
        }
      }
    }
  }
  return t;
}

}  // namespace

RecalJobStats run_recal_job(const RecalJobOptions& opts, const Backend& backend, Logger& log) {
  const RecalArgs& a = opts.args;
  if (a.mismatches_context_size < 1 || a.mismatches_context_size > 13 || a.indels_context_size < 1 ||
      a.indels_context_size > 13) {
    fail_usage("context sizes must be between 1 and 13");
  }
  if (a.maximum_cycle_value < 1 || a.maximum_cycle_value > 16383) fail_usage("--maximum-cycle-value must be between 1 and 16383");
  ThreadPool& pool = backend.pool();
  Reference reference(opts.reference);
  BamInput input(opts.in_bam, pool.size(), opts.reference);
  const ContigDict bam_contigs = input.contigs();
  check_compatible(reference.contigs(), bam_contigs, "the header of " + opts.in_bam, true);
  std::vector<int> bam_to_ref(bam_contigs.names.size());
  for (std::size_t i = 0; i < bam_contigs.names.size(); ++i) bam_to_ref[i] = reference.contigs().find(bam_contigs.names[i]);
  ContigDict shared = bam_contigs;  // intervals must name contigs of both the reads and the reference
  for (std::size_t i = 0; i < shared.names.size(); ++i) {
    if (bam_to_ref[i] < 0) shared.names[i] = std::string(1, '\0');
  }
  const IntervalSet intervals = load_intervals(opts.intervals, shared, "the reference or the header of " + opts.in_bam);
  const bool use_intervals = !intervals.empty();
  const KnownSites known(opts.known_sites, reference.contigs());
  log.info("known sites: " + with_commas(known.size()) + " records from " + std::to_string(opts.known_sites.size()) + " file(s)");

  const HeaderReadGroups header_rgs(input.header());
  if (header_rgs.identifiers().empty()) fail_data(opts.in_bam + ": the header has no read group (@RG)");
  std::unordered_map<std::string, int> rg_key;
  for (const auto& id : header_rgs.ids()) {
    const auto& ident = header_rgs.find(id)->identifier;
    const auto& ids = header_rgs.identifiers();
    rg_key.emplace(id, static_cast<int>(std::find(ids.begin(), ids.end(), ident) - ids.begin()));
  }
  require_writable_dir_for(opts.out_recal);

  const std::vector<double> qual2prob = baq_qual_to_prob_table();
  RecalParams params;
  params.mismatches_context_size = a.mismatches_context_size;
  params.indels_context_size = a.indels_context_size;
  params.max_cycle = a.maximum_cycle_value;
  params.low_quality_tail = a.low_quality_tail;
  params.preserve = opts.preserve;
  params.baq = opts.enable_baq;
  params.baq_gap_open = std::pow(10, -opts.baq_gap_open_penalty / 10);
  params.qual2prob = qual2prob.data();

  const int n_rg = static_cast<int>(header_rgs.identifiers().size());
  const int ctx_keys = max_context_key(a.mismatches_context_size, a.indels_context_size) + 1;
  const int cyc_keys = (a.maximum_cycle_value << 1) + 2;
  RecalCounts counts(n_rg, ctx_keys, cyc_keys, opts.indel_tables);
  // Without BAQ errors are whole numbers: per-thread counts, summed at the end (count.hpp).
  std::vector<RecalCounts> parts;
  if (!opts.enable_baq) {
    for (unsigned t = 0; t < pool.size(); ++t) parts.emplace_back(n_rg, ctx_keys, cyc_keys, opts.indel_tables);
  }
  BqsrRecalRunner runner(backend);
  Progress progress(log, "bqsr", "reads", 0, opts.progress);
  std::vector<bam1_t*> recs;
  std::vector<Slot> slots;
  BatchArrays b;
  RecalJobStats stats;
  const auto& ref_dict = reference.contigs();
  for (;;) {
    const std::size_t n = input.read_batch(recs, opts.batch_reads);
    if (n == 0) break;
    const std::uint64_t first_record = input.records_read() - n + 1;
    auto where = [&](std::size_t i) {
      return opts.in_bam + " record " + with_commas(first_record + i) + " (" + read_name(recs[i]) + ")";
    };
    slots.assign(n, Slot{});
    // 1. Filters and the read transform.
    parallel_chunks(pool, n, [&](std::size_t lo, std::size_t hi) {
      for (std::size_t i = lo; i < hi; ++i) {
        const bam1_t* r = recs[i];
        Slot& s = slots[i];
        if (!passes_bqsr_filters(r) || !wellformed(r, input.header())) continue;
        if (use_intervals && !intervals.overlaps(r->core.tid, r->core.pos + 1, alignment_end(r))) continue;
        const char* why = nullptr;
        s.prep = prepare_read(r, &why);
        if (why) fail_data(where(i) + ": " + why);
        if (s.prep.empty) continue;
        s.counted = true;
        const char* id = read_group_of(r);
        const HeaderReadGroup* hrg = header_rgs.find(id);
        if (!hrg) fail_data(where(i) + ": read group " + std::string(id) + " is not in the header");
        s.rg = rg_key.at(id);
        if (hrg->platform.empty()) {
          fail_data(where(i) + ": read group " + std::string(id) + " has no platform (PL); BaseRecalibrator needs it");
        }
        s.ref_tid = bam_to_ref[static_cast<std::size_t>(r->core.tid)];
        if (s.ref_tid < 0) {
          fail_data(where(i) + ": the read is on contig " + bam_contigs.names[static_cast<std::size_t>(r->core.tid)] +
                    ", which the reference lacks");
        }
        const std::int64_t contig_len = ref_dict.lengths[static_cast<std::size_t>(s.ref_tid)];
        const std::int64_t end = s.prep.start + reference_length(s.prep.cigar) - 1;
        if (end > contig_len) fail_data(where(i) + ": the alignment runs past the end of its contig");
        const std::int64_t wstart = std::max<std::int64_t>(s.prep.start - kBaqBandWidth / 2 - first_insertion(s.prep.cigar), 1);
        const std::int64_t wend = end + kBaqBandWidth / 2 + last_insertion(s.prep.cigar);
        s.baq_window = wend <= contig_len;
        s.window_start = wstart;
        s.window_end = std::min(wend, contig_len);
        if (opts.use_original_quals) {
          const std::uint8_t* oq = bam_aux_get(r, "OQ");
          if (oq && *oq == 'Z' && oq[1]) {
            if (static_cast<int>(std::strlen(reinterpret_cast<const char*>(oq + 1))) != r->core.l_qseq) {
              fail_data(where(i) + ": the OQ tag's length differs from the read's");
            }
            s.oq = oq + 1;
          }
        }
      }
    });
    // 2. Offsets of the counted reads in the flat arrays.
    std::size_t m = 0;
    std::uint64_t nbases = 0, ncigar = 0, nref = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!slots[i].counted) continue;
      ++m;
      nbases += static_cast<std::uint64_t>(slots[i].prep.hi - slots[i].prep.lo);
      ncigar += slots[i].prep.cigar.size();
      nref += static_cast<std::uint64_t>(slots[i].window_end - slots[i].window_start + 1);
    }
    stats.reads_counted += m;
    for (auto* v : {&b.offset, &b.ref_offset}) v->resize(m);
    for (auto* v : {&b.length, &b.cigar_offset, &b.cigar_count, &b.ref_length}) v->resize(m);
    for (auto* v : {&b.ref_shift, &b.rg, &b.status}) v->resize(m);
    b.flags.resize(m);
    b.cigar.resize(ncigar);
    b.ref.resize(nref);
    for (auto* v : {&b.quals, &b.ins_quals, &b.del_quals, &b.known, &b.skip}) v->resize(nbases);
    b.bases.resize(nbases);
    for (auto* v : {&b.err_m, &b.err_i, &b.err_d}) v->resize(nbases);
    for (auto* v : {&b.ctx_m, &b.ctx_i}) v->resize(nbases);
    for (auto* v : {&b.cyc_m, &b.cyc_i}) v->resize(nbases);
    std::vector<std::size_t> record_of(m);
    {
      std::size_t j = 0;
      std::uint64_t ob = 0, oc = 0, orf = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const Slot& s = slots[i];
        if (!s.counted) continue;
        record_of[j] = i;
        b.offset[j] = ob;
        b.length[j] = static_cast<std::uint32_t>(s.prep.hi - s.prep.lo);
        b.cigar_offset[j] = static_cast<std::uint32_t>(oc);
        b.cigar_count[j] = static_cast<std::uint32_t>(s.prep.cigar.size());
        b.ref_offset[j] = orf;
        b.ref_length[j] = static_cast<std::uint32_t>(s.window_end - s.window_start + 1);
        ob += b.length[j];
        oc += b.cigar_count[j];
        orf += b.ref_length[j];
        ++j;
      }
    }
    // 3. Fill the read's arrays: bases, qualities, CIGAR, reference window, known sites.
    parallel_chunks(pool, m, [&](std::size_t lo, std::size_t hi) {
      for (std::size_t j = lo; j < hi; ++j) {
        const std::size_t i = record_of[j];
        const bam1_t* r = recs[i];
        const Slot& s = slots[i];
        const int len = static_cast<int>(b.length[j]);
        const std::uint64_t o = b.offset[j];
        const std::uint8_t* seq = bam_get_seq(r);
        const std::uint8_t* q = s.oq ? s.oq : bam_get_qual(r);
        const int qshift = s.oq ? 33 : 0;
        const char* bi = opts.indel_tables ? indel_quals(r, "BI") : nullptr;  // only indel events use them
        const char* bd = opts.indel_tables ? indel_quals(r, "BD") : nullptr;
        if ((bi && static_cast<int>(std::strlen(bi)) != r->core.l_qseq) || (bd && static_cast<int>(std::strlen(bd)) != r->core.l_qseq)) {
          fail_data(where(i) + ": the BI or BD tag's length differs from the read's");
        }
        for (int k = 0; k < len; ++k) {
          const int src = s.prep.lo + k;
          b.bases[o + static_cast<std::uint64_t>(k)] = seq_nt16_str[bam_seqi(seq, src)];
          const int qual = static_cast<int>(q[src]) - qshift;
          if (qual < 0 || qual > 93) fail_data(where(i) + ": base quality " + std::to_string(qual) + " is outside 0..93");
          b.quals[o + static_cast<std::uint64_t>(k)] = static_cast<std::uint8_t>(qual);
          b.ins_quals[o + static_cast<std::uint64_t>(k)] = bi ? static_cast<std::uint8_t>(bi[src] - 33) : 45;
          b.del_quals[o + static_cast<std::uint64_t>(k)] = bd ? static_cast<std::uint8_t>(bd[src] - 33) : 45;
          b.known[o + static_cast<std::uint64_t>(k)] = 0;
        }
        std::uint8_t f = (r->core.flag & BAM_FREVERSE) ? kFlagReverse : 0;
        if ((r->core.flag & BAM_FPAIRED) && (r->core.flag & BAM_FREAD2)) f |= kFlagSecond;
        if (s.baq_window) f |= kFlagBaqWindow;
        b.flags[j] = f;
        b.rg[j] = s.rg;
        for (std::size_t c = 0; c < s.prep.cigar.size(); ++c) {
          b.cigar[b.cigar_offset[j] + c] =
              static_cast<std::uint32_t>(s.prep.cigar[c].len) << 4 | static_cast<std::uint32_t>(s.prep.cigar[c].op);
        }
        const auto contig = reference.contig(s.ref_tid);
        const std::int64_t end = s.prep.start + reference_length(s.prep.cigar) - 1;
        const char* src = contig->data() + (s.window_start - 1);
        char* dst = b.ref.data() + b.ref_offset[j];
        std::memcpy(dst, src, b.ref_length[j]);
        const std::int64_t check_lo = opts.enable_baq ? s.window_start : s.prep.start;
        const std::int64_t check_hi = opts.enable_baq ? s.window_end : end;
        if (std::memchr(contig->data() + (check_lo - 1), kBadRefBase, static_cast<std::size_t>(check_hi - check_lo + 1))) {
          fail_data(reference.path() + ": a non-IUPAC character in contig " + ref_dict.names[static_cast<std::size_t>(s.ref_tid)] +
                    " near " + std::to_string(s.prep.start));
        }
        b.ref_shift[j] = static_cast<std::int32_t>(s.prep.start - s.window_start);
        // Known sites over the clipped read (BaseRecalibrationEngine.calculateKnownSites).
        std::uint8_t* kmask = b.known.data() + o;
        known.overlapping(s.ref_tid, s.prep.start, end, [&](const KnownSites::Site& site) {
          const ReadIndex a0 = read_index_for_reference(s.prep.start, s.prep.cigar, site.start);
          int fs = a0.offset < 0 ? 0 : a0.offset;
          if (a0.op == BAM_CDEL) --fs;
          const ReadIndex a1 = read_index_for_reference(s.prep.start, s.prep.cigar, site.end);
          int fe = a1.offset < 0 ? len : a1.offset;
          if (fs > len) fs = fe = len;
          for (int k = std::max(0, fs); k < std::min(len, fe + 1); ++k) kmask[k] = 1;
        });
      }
    });
    // 4. The kernel, then the ordered counting.
    RecalBatchView view = b.view();
    runner.run(view, params, ncigar, nref);
    for (std::size_t j = 0; j < m; ++j) {
      if (b.status[j] == kRecalCycleOverflow) {
        fail_data(where(record_of[j]) + ": a cycle is above --maximum-cycle-value " + std::to_string(a.maximum_cycle_value));
      }
      if (b.status[j] == kRecalBaqTagError) {
        fail_data(where(record_of[j]) + ": a base quality too high for the BAQ tag (misencoded qualities?)");
      }
    }
    if (opts.enable_baq) {
      counts.add_batch_ordered(view, pool);
    } else {
      RecalCounts::add_batch(view, parts, pool);
    }
    stats.records += n;
    progress.update(stats.records);
  }
  free_batch(recs);
  progress.finish();
  for (const auto& part : parts) counts.merge_from(part);
  RecalTables tables = tables_from_counts(counts, header_rgs.identifiers());
  tables.finalize();
  const QuantizationInfo quant = quantization_from_tables(tables, a.quantizing_levels);
  write_report_file(make_recal_report(a, quant, tables), opts.out_recal);
  log.info("BaseRecalibrator would report: was able to recalibrate " + with_commas(stats.reads_counted) + " reads (" +
           with_commas(stats.records) + " records read)");
  return stats;
}

}  // namespace helicase::bqsr
