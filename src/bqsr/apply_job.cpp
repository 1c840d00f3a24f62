// apply_job.cpp -- the ApplyBQSR stream: read batch -> prepare -> kernel -> finish -> write.
#include "bqsr/apply_job.hpp"

#include <htslib/sam.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <unordered_map>

#include "bqsr/apply_launch.hpp"
#include "bqsr/bam_input.hpp"
#include "bqsr/gatk_report.hpp"
#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "common/progress.hpp"
#include "io/bam_writer.hpp"

namespace helicase::bqsr {
namespace {

using kernels::bqsr::ApplyBatchView;
using kernels::bqsr::kFlagReverse;
using kernels::bqsr::kFlagSecond;

constexpr std::int32_t kDropped = -2;  // read filtered out: not written

struct Batch {
  std::vector<std::uint64_t> offset;
  std::vector<std::uint32_t> length;
  std::vector<std::uint8_t> flags;
  std::vector<std::int32_t> rg;
  std::vector<std::int32_t> status;
  std::vector<std::int32_t> keep;  // kDropped or 0
  std::vector<char> bases;
  std::vector<std::uint8_t> quals;
  std::vector<std::uint8_t> add_oq;  // read needs an OQ tag from its input qualities

  void resize(std::size_t n) {
    offset.assign(n, 0);
    length.assign(n, 0);
    flags.assign(n, 0);
    rg.assign(n, 0);
    status.assign(n, 0);
    keep.assign(n, 0);
    add_oq.assign(n, 0);
  }
};

bool coordinate_sorted(const sam_hdr_t* h) {
  kstring_t ks = KS_INITIALIZE;
  const bool sorted = sam_hdr_find_tag_hd(const_cast<sam_hdr_t*>(h), "SO", &ks) == 0 && ks.s && std::string(ks.s) == "coordinate";
  ks_free(&ks);
  return sorted;
}

void parallel_chunks(ThreadPool& pool, std::size_t n, const std::function<void(std::size_t, std::size_t)>& fn) {
  if (n == 0) return;
  const std::size_t parts = std::min<std::size_t>(pool.size() * 4, (n + 511) / 512);
  pool.parallel_for(parts, [&](std::size_t p) { fn(n * p / parts, n * (p + 1) / parts); });
}

}  // namespace

ApplyJobStats run_apply_job(const ApplyJobOptions& opts, const Backend& backend, Logger& log) {
  const io::AlignmentFormat out_fmt = io::alignment_format_for(opts.out_bam);
  if (out_fmt == io::AlignmentFormat::Cram && opts.reference.empty()) fail_usage("CRAM output needs --ref");
  const ParsedRecalReport report = parse_recal_report(read_report(opts.recal_file), opts.recal_file);
  const BuiltApplyModel built = build_apply_model(report, opts.args);
  ThreadPool& pool = backend.pool();
  BamInput input(opts.in_bam, pool.size(), opts.reference);
  const IntervalSet intervals = load_intervals(opts.intervals, input.contigs(), "the input header of " + opts.in_bam);
  const bool use_intervals = !intervals.empty();
  require_writable_dir_for(opts.out_bam);

  // @RG ID -> report read group (-1: not in the report), via GATK's PU-else-ID identifier.
  const HeaderReadGroups header_rgs(input.header());
  std::unordered_map<std::string, int> rg_index;
  for (const auto& id : header_rgs.ids()) {
    const std::string& ident = header_rgs.find(id)->identifier;
    int idx = -1;
    for (std::size_t i = 0; i < report.tables.read_groups.size(); ++i) {
      if (report.tables.read_groups[i] == ident) idx = static_cast<int>(i);
    }
    rg_index.emplace(id, idx);
  }

  sam_hdr_t* out_header = sam_hdr_dup(input.header());
  if (!out_header) throw std::bad_alloc();
  add_pg_line(out_header, opts.pg_line);
  io::BamWriter writer(opts.out_bam, out_header, pool.size(), opts.reference);
  sam_hdr_destroy(out_header);

  kernels::bqsr::BqsrApplier applier(backend, built.model);
  Progress progress(log, "applybqsr", "reads", 0, opts.progress);
  std::vector<bam1_t*> recs;
  Batch b;
  ApplyJobStats stats;
  for (;;) {
    const std::size_t n = input.read_batch(recs, opts.batch_reads);
    if (n == 0) break;
    const std::uint64_t first_record = input.records_read() - n + 1;
    b.resize(n);
    // 1. Which reads are written, and their lengths.
    parallel_chunks(pool, n, [&](std::size_t lo, std::size_t hi) {
      for (std::size_t i = lo; i < hi; ++i) {
        const bam1_t* r = recs[i];
        bool keep = wellformed(r, input.header());
        if (keep && use_intervals) {
          keep = !gatk_unmapped(r) && intervals.overlaps(r->core.tid, r->core.pos + 1, alignment_end(r));
        }
        b.keep[i] = keep ? 0 : kDropped;
        b.length[i] = keep ? static_cast<std::uint32_t>(r->core.l_qseq) : 0;
      }
    });
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < n; ++i) {
      b.offset[i] = total;
      total += b.length[i];
    }
    b.bases.resize(total);
    b.quals.resize(total);
    // 2. Bases, qualities (OQ with -OQ), flags and read groups.
    parallel_chunks(pool, n, [&](std::size_t lo, std::size_t hi) {
      for (std::size_t i = lo; i < hi; ++i) {
        if (b.keep[i] == kDropped) continue;
        const bam1_t* r = recs[i];
        const int len = r->core.l_qseq;
        const char* id = read_group_of(r);
        auto it = rg_index.find(id);
        if (it == rg_index.end()) {
          fail_data(opts.in_bam + " record " + with_commas(first_record + i) + " (" + read_name(r) + "): read group " +
                    id + " is not in the header");
        }
        if (it->second < 0 && !opts.allow_missing_read_group) {
          fail_data("read group " + std::string(id) + " (" + header_rgs.find(id)->identifier + ") of read " + read_name(r) +
                    " is not in the recalibration table " + opts.recal_file +
                    " (--allow-missing-read-group passes its qualities through the quantization)");
        }
        if (it->second >= 0 && !built.has_rg_datum[static_cast<std::size_t>(it->second)]) {
          fail_data(opts.recal_file + ": RecalTable0 has no mismatch row for read group " + header_rgs.find(id)->identifier);
        }
        b.rg[i] = it->second;
        std::uint8_t f = (r->core.flag & BAM_FREVERSE) ? kFlagReverse : 0;
        if ((r->core.flag & BAM_FPAIRED) && (r->core.flag & BAM_FREAD2)) f |= kFlagSecond;
        b.flags[i] = f;
        const std::uint8_t* seq = bam_get_seq(r);
        char* bases = b.bases.data() + b.offset[i];
        for (int k = 0; k < len; ++k) bases[k] = seq_nt16_str[bam_seqi(seq, k)];
        std::uint8_t* q = b.quals.data() + b.offset[i];
        const std::uint8_t* oq = bam_aux_get(r, "OQ");
        const char* oq_text = (oq && *oq == 'Z') ? reinterpret_cast<const char*>(oq + 1) : nullptr;
        if (opts.use_original_quals && oq_text && *oq_text) {
          if (static_cast<int>(std::strlen(oq_text)) != len) {
            fail_data(opts.in_bam + " record " + with_commas(first_record + i) + " (" + read_name(r) +
                      "): the OQ tag's length differs from the read's");
          }
          for (int k = 0; k < len; ++k) q[k] = static_cast<std::uint8_t>(oq_text[k] - 33);
        } else {
          std::memcpy(q, bam_get_qual(r), static_cast<std::size_t>(len));
        }
        b.add_oq[i] = opts.emit_original_quals && !oq ? 1 : 0;
      }
    });
    // 3. The kernel.
    ApplyBatchView view;
    view.n_reads = static_cast<std::uint32_t>(n);
    view.offset = b.offset.data();
    view.length = b.length.data();
    view.flags = b.flags.data();
    view.rg = b.rg.data();
    view.bases = b.bases.data();
    view.quals = b.quals.data();
    view.status = b.status.data();
    applier.run(view);
    // 4. Qualities and tags back into the records.
    parallel_chunks(pool, n, [&](std::size_t lo, std::size_t hi) {
      std::string oq_text;
      for (std::size_t i = lo; i < hi; ++i) {
        if (b.keep[i] == kDropped) continue;
        bam1_t* r = recs[i];
        if (b.status[i] != kernels::bqsr::kApplyOk) {
          const std::string where = opts.in_bam + " record " + with_commas(first_record + i) + " (" + read_name(r) + "): ";
          if (b.status[i] == kernels::bqsr::kApplyCycleOverflow) {
            fail_data(where + "the read is longer than maximum_cycle_value " + std::to_string(report.args.maximum_cycle_value) +
                      " of the recalibration table");
          }
          fail_data(where + "base quality above 93");
        }
        const int len = r->core.l_qseq;
        std::uint8_t* q = bam_get_qual(r);
        if (b.add_oq[i]) {
          oq_text.resize(static_cast<std::size_t>(len));
          for (int k = 0; k < len; ++k) {
            if (q[k] > 93) {
              fail_data(opts.in_bam + " record " + with_commas(first_record + i) + " (" + read_name(r) +
                        "): illegal base quality " + std::to_string(q[k]) + " for the OQ tag");
            }
            oq_text[static_cast<std::size_t>(k)] = static_cast<char>(q[k] + 33);
          }
        }
        std::memcpy(q, b.quals.data() + b.offset[i], static_cast<std::size_t>(len));
        for (const char* tag : {"BI", "BD"}) {
          if (std::uint8_t* t = bam_aux_get(r, tag)) bam_aux_del(r, t);
        }
        if (b.add_oq[i] &&
            bam_aux_append(r, "OQ", 'Z', len + 1, reinterpret_cast<const std::uint8_t*>(oq_text.c_str())) != 0) {
          throw std::bad_alloc();
        }
      }
    });
    // 5. Output, in input order.
    for (std::size_t i = 0; i < n; ++i) {
      if (b.keep[i] == kDropped) continue;
      writer.write(recs[i]);
      ++stats.reads_written;
    }
    stats.reads_in += n;
    progress.update(stats.reads_in);
  }
  free_batch(recs);
  writer.close();
  progress.finish();
  if (opts.create_index && out_fmt != io::AlignmentFormat::Sam && coordinate_sorted(input.header())) {
    const std::string idx_path = opts.out_bam + (out_fmt == io::AlignmentFormat::Cram ? ".crai" : ".bai");
    AtomicOutput idx(idx_path);
    if (sam_index_build3(opts.out_bam.c_str(), idx.temp_path().c_str(), 0, static_cast<int>(pool.size())) != 0) {
      fail_io("cannot write the index " + idx_path);
    }
    idx.commit();
  }
  log.info("read " + with_commas(stats.reads_in) + " records, wrote " + with_commas(stats.reads_written) + " (" +
           with_commas(stats.reads_in - stats.reads_written) + " failed GATK's WellformedReadFilter" +
           (use_intervals ? " or lie outside the intervals" : "") + ")");
  return stats;
}

}  // namespace helicase::bqsr
