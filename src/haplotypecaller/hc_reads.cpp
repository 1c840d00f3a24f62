// hc_reads.cpp -- reads in for helicase-haplotypecaller: BQSR, IUPAC, filters, downsampling.
#include "haplotypecaller/hc_reads.hpp"

#include <htslib/sam.h>

#include <algorithm>

#include <optional>
#include <unordered_map>

#include "bqsr/apply_model.hpp"
#include "bqsr/bam_input.hpp"
#include "bqsr/gatk_report.hpp"
#include "bqsr/recal_report.hpp"
#include "common/error.hpp"

namespace helicase::hc {
namespace {

bool is_indel(std::uint32_t op) { return op == BAM_CINS || op == BAM_CDEL; }

std::uint8_t* aux_array_u8(const bam1_t* b, const char tag[2], std::vector<std::uint8_t>& out) {
  out.clear();
  std::uint8_t* a = bam_aux_get(b, tag);
  if (!a || *a != 'Z') return nullptr;
  for (const char* s = reinterpret_cast<const char*>(a + 1); *s; ++s) out.push_back(static_cast<std::uint8_t>(*s - 33));
  return a;
}

}  // namespace

bool good_cigar(const std::vector<std::uint32_t>& cigar) {
  std::size_t first = 0, last = cigar.size();
  while (first < last && (bam_cigar_op(cigar[first]) == BAM_CSOFT_CLIP || bam_cigar_op(cigar[first]) == BAM_CHARD_CLIP)) ++first;
  while (last > first && (bam_cigar_op(cigar[last - 1]) == BAM_CSOFT_CLIP || bam_cigar_op(cigar[last - 1]) == BAM_CHARD_CLIP)) --last;
  if (first == last) return false;
  if (bam_cigar_op(cigar[first]) == BAM_CDEL || bam_cigar_op(cigar[last - 1]) == BAM_CDEL) return false;
  for (std::size_t i = first + 1; i < last; ++i) {
    if (is_indel(bam_cigar_op(cigar[i])) && is_indel(bam_cigar_op(cigar[i - 1]))) return false;
  }
  return true;
}

std::uint64_t downsample_per_start(std::vector<RegionRead>& reads, int target, JavaRandom& rng) {
  if (target <= 0) return 0;
  std::vector<RegionRead> out;
  out.reserve(reads.size());
  std::uint64_t dropped = 0;
  std::size_t i = 0;
  while (i < reads.size()) {
    std::size_t j = i;
    while (j < reads.size() && reads[j].pos == reads[i].pos) ++j;
    std::vector<std::size_t> reservoir;
    int seen = 0;
    for (std::size_t k = i; k < j; ++k) {
      ++seen;
      if (seen <= target) {
        reservoir.push_back(k);
      } else {
        const int slot = rng.next_int(seen);
        if (slot < target) reservoir[static_cast<std::size_t>(slot)] = k;
        ++dropped;
      }
    }
    for (std::size_t k : reservoir) out.push_back(std::move(reads[k]));
    i = j;
  }
  reads = std::move(out);
  return dropped;
}

struct ContigReadSource::Impl {
  ReadSourceOptions opt;
  const Backend& backend;
  bqsr::BamInput input;
  std::optional<bqsr::BuiltApplyModel> model;
  std::unique_ptr<kernels::bqsr::BqsrApplier> applier;
  std::unordered_map<std::string, int> rg_index;
  std::vector<bam1_t*> batch;
  std::size_t batch_n = 0, batch_i = 0;
  bool eof = false;
  std::vector<bool> seen_tid;
  std::int32_t tid = -1;      // contig being pulled (-1: none)
  std::int64_t last_pos = -1; // of the last record of that contig (sortedness check)

  Impl(const ReadSourceOptions& o, const Backend& b) : opt(o), backend(b), input(o.in_bam, b.pool().size(), o.reference) {
    seen_tid.assign(static_cast<std::size_t>(sam_hdr_nref(input.header())), false);
    if (!opt.recal_file.empty()) {
      const bqsr::ParsedRecalReport report = bqsr::parse_recal_report(bqsr::read_report(opt.recal_file), opt.recal_file);
      model = bqsr::build_apply_model(report, bqsr::ApplyArgs{});
      applier = std::make_unique<kernels::bqsr::BqsrApplier>(backend, model->model);
      const bqsr::HeaderReadGroups rgs(input.header());
      for (const auto& id : rgs.ids()) {
        int idx = -1;
        for (std::size_t i = 0; i < report.tables.read_groups.size(); ++i) {
          if (report.tables.read_groups[i] == rgs.find(id)->identifier) idx = static_cast<int>(i);
        }
        if (idx < 0) {
          fail_data("read group " + id + " is not in the recalibration table " + opt.recal_file);
        }
        rg_index.emplace(id, idx);
      }
    }
  }
  ~Impl() { bqsr::free_batch(batch); }

  bam1_t* peek() {
    if (batch_i < batch_n) return batch[batch_i];
    if (eof) return nullptr;
    batch_n = input.read_batch(batch, 20000);
    batch_i = 0;
    if (batch_n == 0) {
      eof = true;
      return nullptr;
    }
    return batch[0];
  }

  bool passes(const bam1_t* b) const {
    const auto& c = b->core;
    if (bqsr::gatk_unmapped(b)) return false;
    if (c.flag & (BAM_FSECONDARY | BAM_FDUP | BAM_FQCFAIL)) return false;
    if (c.qual < opt.min_mapq || c.qual == 255) return false;
    if (bam_cigar2rlen(static_cast<int>(c.n_cigar), bam_get_cigar(b)) <= 0) return false;
    const std::uint32_t* cg = bam_get_cigar(b);
    if (!good_cigar(std::vector<std::uint32_t>(cg, cg + c.n_cigar))) return false;
    return bqsr::wellformed(b, input.header());
  }

  RegionRead convert(const bam1_t* b) const {
    RegionRead r;
    const auto& c = b->core;
    r.name = bam_get_qname(b);
    const std::uint8_t* seq = bam_get_seq(b);
    r.bases.resize(static_cast<std::size_t>(c.l_qseq));
    for (int k = 0; k < c.l_qseq; ++k) {
      const char ch = seq_nt16_str[bam_seqi(seq, k)];
      r.bases[static_cast<std::size_t>(k)] = (ch == 'A' || ch == 'C' || ch == 'G' || ch == 'T') ? ch : 'N';
    }
    const std::uint8_t* q = bam_get_qual(b);
    r.quals.assign(q, q + c.l_qseq);
    if (!model) {
      aux_array_u8(b, "BI", r.ins_quals);
      aux_array_u8(b, "BD", r.del_quals);
      if (r.ins_quals.size() != r.quals.size()) r.ins_quals.clear();
      if (r.del_quals.size() != r.quals.size()) r.del_quals.clear();
    }
    r.pos = c.pos;
    const std::uint32_t* cg = bam_get_cigar(b);
    r.cigar.assign(cg, cg + c.n_cigar);
    r.mapq = c.qual;
    r.flag = c.flag;
    r.tid = c.tid;
    r.mate_tid = c.mtid;
    r.mate_pos = c.mpos;
    r.isize = c.isize;
    r.original_start = c.pos;
    r.original_end = c.pos + bam_cigar2rlen(static_cast<int>(c.n_cigar), cg);
    return r;
  }

  void recalibrate(std::vector<const bam1_t*>& recs, std::vector<RegionRead>& reads) {
    const std::size_t n = reads.size();
    std::vector<std::uint64_t> offset(n);
    std::vector<std::uint32_t> length(n);
    std::vector<std::uint8_t> flags(n);
    std::vector<std::int32_t> rg(n), status(n, 0);
    std::string bases;
    std::vector<std::uint8_t> quals;
    for (std::size_t i = 0; i < n; ++i) {
      const bam1_t* b = recs[i];
      offset[i] = bases.size();
      length[i] = static_cast<std::uint32_t>(b->core.l_qseq);
      std::uint8_t f = (b->core.flag & BAM_FREVERSE) ? kernels::bqsr::kFlagReverse : 0;
      if ((b->core.flag & BAM_FPAIRED) && (b->core.flag & BAM_FREAD2)) f |= kernels::bqsr::kFlagSecond;
      flags[i] = f;
      const char* id = bqsr::read_group_of(b);
      auto it = id ? rg_index.find(id) : rg_index.end();
      if (it == rg_index.end()) fail_data(opt.in_bam + ": read " + reads[i].name + " has a read group absent from the header");
      rg[i] = it->second;
      const std::uint8_t* seq = bam_get_seq(b);
      for (int k = 0; k < b->core.l_qseq; ++k) bases.push_back(seq_nt16_str[bam_seqi(seq, k)]);
      quals.insert(quals.end(), reads[i].quals.begin(), reads[i].quals.end());
    }
    kernels::bqsr::ApplyBatchView v;
    v.n_reads = static_cast<std::uint32_t>(n);
    v.offset = offset.data();
    v.length = length.data();
    v.flags = flags.data();
    v.rg = rg.data();
    v.bases = bases.data();
    v.quals = quals.data();
    v.status = status.data();
    if (n) applier->run(v);
    for (std::size_t i = 0; i < n; ++i) {
      if (status[i] != kernels::bqsr::kApplyOk) fail_data(opt.in_bam + ": read " + reads[i].name + " cannot be recalibrated with " + opt.recal_file);
      reads[i].quals.assign(quals.begin() + static_cast<std::ptrdiff_t>(offset[i]),
                            quals.begin() + static_cast<std::ptrdiff_t>(offset[i] + length[i]));
    }
  }
};

ContigReadSource::ContigReadSource(const ReadSourceOptions& opt, const Backend& backend)
    : impl_(std::make_unique<Impl>(opt, backend)) {}
ContigReadSource::~ContigReadSource() = default;

std::vector<std::pair<std::string, std::int64_t>> ContigReadSource::header_contigs() const {
  std::vector<std::pair<std::string, std::int64_t>> out;
  const sam_hdr_t* h = impl_->input.header();
  for (int i = 0; i < sam_hdr_nref(h); ++i) out.emplace_back(sam_hdr_tid2name(h, i), sam_hdr_tid2len(h, i));
  return out;
}

std::string ContigReadSource::sample_name() const {
  sam_hdr_t* h = const_cast<sam_hdr_t*>(impl_->input.header());
  std::vector<std::string> samples;
  const int n = sam_hdr_count_lines(h, "RG");
  for (int i = 0; i < n; ++i) {
    kstring_t ks = KS_INITIALIZE;
    if (sam_hdr_find_tag_pos(h, "RG", i, "SM", &ks) == 0 && ks.s &&
        std::find(samples.begin(), samples.end(), ks.s) == samples.end()) {
      samples.emplace_back(ks.s);
    }
    ks_free(&ks);
  }
  if (samples.empty()) fail_data(impl_->opt.in_bam + ": no read group with a sample name (SM) in the header");
  // One sample per run (issue 7: single-sample calling); several would be genotyped as one.
  if (samples.size() > 1) {
    fail_data(impl_->opt.in_bam + ": the read groups name " + std::to_string(samples.size()) + " samples (" +
              samples[0] + ", " + samples[1] + (samples.size() > 2 ? ", ..." : "") +
              "); helicase-haplotypecaller calls one sample per run");
  }
  return samples[0];
}

bool ContigReadSource::next_contig(ContigStart& out) {
  Impl& m = *impl_;
  // Finish the current contig (reads the caller did not pull), then skip reads with no position.
  bam1_t* b = m.peek();
  while (b && (bqsr::gatk_unmapped(b) || b->core.tid == m.tid)) {
    ++m.batch_i;
    b = m.peek();
  }
  if (!b) {
    m.tid = -1;
    return false;
  }
  const std::int32_t tid = b->core.tid;
  if (m.seen_tid[static_cast<std::size_t>(tid)]) fail_data(m.opt.in_bam + " is not coordinate-sorted");
  m.seen_tid[static_cast<std::size_t>(tid)] = true;
  m.tid = tid;
  m.last_pos = -1;
  out.tid = tid;
  out.contig = sam_hdr_tid2name(m.input.header(), tid);
  return true;
}

bool ContigReadSource::pull(std::vector<RegionRead>& out, JavaRandom& rng, ReadCounts& counts, std::size_t batch) {
  Impl& m = *impl_;
  if (m.tid < 0) return false;
  std::vector<RegionRead> reads;
  std::vector<bam1_t*> kept;
  std::size_t seen = 0;
  std::int64_t last_kept = -1;
  for (bam1_t* b = m.peek(); b && b->core.tid == m.tid; ++m.batch_i, b = m.peek()) {
    if (bqsr::gatk_unmapped(b)) continue;
    // Stop between start positions only, so that each position is downsampled whole.
    if (seen >= batch && b->core.pos != last_kept && !reads.empty()) break;
    ++seen;
    if (b->core.pos < m.last_pos) fail_data(m.opt.in_bam + " is not coordinate-sorted (read " + bqsr::read_name(b) + ")");
    m.last_pos = b->core.pos;
    if (!m.passes(b)) {
      ++counts.filtered;
      continue;
    }
    last_kept = b->core.pos;
    reads.push_back(m.convert(b));
    if (m.applier) kept.push_back(bam_dup1(b));
  }
  if (m.applier) {
    std::vector<const bam1_t*> recs(kept.begin(), kept.end());
    m.recalibrate(recs, reads);
    for (bam1_t* k : kept) bam_destroy1(k);
  }
  if (reads.empty()) return false;
  counts.downsampled += downsample_per_start(reads, m.opt.max_reads_per_start, rng);
  for (RegionRead& r : reads) out.push_back(std::move(r));
  return true;
}

}  // namespace helicase::hc
