// hc_job.cpp -- the helicase-haplotypecaller driver: contigs, intervals, regions, threads, VCF.
#include "haplotypecaller/hc_job.hpp"

#include <htslib/sam.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <limits>
#include <memory>
#include <sstream>
#include <thread>

#include "bqsr/intervals.hpp"
#include "bqsr/reference.hpp"
#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "common/thread_pool.hpp"
#include "haplotypecaller/hc_reads.hpp"
#include "haplotypecaller/locus_activity.hpp"
#include "haplotypecaller/read_likelihoods.hpp"
#include "haplotypecaller/read_realign.hpp"
#include "haplotypecaller/vcf_writer.hpp"

namespace helicase::hc {
namespace {

struct RegionResult {
  std::optional<AssembledRegion> region;
  std::optional<ReadLikelihoods> likelihoods;
  std::vector<ReadAlignment> realigned;
  RegionDebug debug;
};

std::string cigar_text(const std::vector<std::uint32_t>& c) {
  std::string s;
  for (std::uint32_t x : c) s += std::to_string(bam_cigar_oplen(x)) + bam_cigar_opchr(x);
  return s;
}

void write_debug(std::ostream& out, const std::string& contig, const RegionResult& r) {
  out << "REGION\t" << contig << '\t' << r.debug.untrimmed_start + 1 << '-' << r.debug.untrimmed_end << "\treads="
      << r.debug.reads << "\tassembled=" << r.debug.haplotypes_assembled << "\tk=";
  for (std::size_t i = 0; i < r.debug.kmers.size(); ++i) out << (i ? "," : "") << r.debug.kmers[i];
  for (const std::string& u : r.debug.untrimmed) out << "\n  UNTRIMMED\t" << u;
  if (!r.region) {
    out << "\tno-variation\n";
    return;
  }
  const AssembledRegion& a = *r.region;
  out << "\tactive=" << a.active_start + 1 << '-' << a.active_end << "\tpadded=" << a.padded_start + 1 << '-'
      << a.padded_end << "\treads_trimmed=" << a.reads.size() << "\thaplotypes=" << a.haplotypes.size() << '\n';
  for (const Haplotype& h : a.haplotypes) {
    out << "HAP\t" << (h.is_ref ? "ref" : "alt") << '\t' << h.ref_start + 1 << '\t' << cigar_text(h.cigar) << '\t'
        << h.score << '\t' << h.bases.size();
    for (const HaplotypeEvent& e : h.events) out << '\t' << e.pos + 1 << ':' << e.ref << '>' << e.alt;
    out << '\n';
  }
  // Per read: its region alignment, the realigned one, its best haplotype (index in the HAP
  // lines) with likelihood, and the runner-up; reads dropped as poorly modelled or filtered
  // out of genotyping say so.
  if (!r.likelihoods) return;
  const ReadLikelihoods& lk = *r.likelihoods;
  auto read_head = [&](std::uint32_t i) {
    const RegionRead& rd = a.reads[i];
    out << "READ\t" << rd.name << '\t' << rd.pos + 1 << '\t' << cigar_text(rd.cigar) << '\t' << rd.bases.size();
  };
  for (std::size_t k = 0; k < lk.reads.size(); ++k) {
    const std::uint32_t i = lk.reads[k];
    std::size_t best = 0, second = lk.n_haps;
    for (std::size_t h = 1; h < lk.n_haps; ++h) {
      if (lk.at(k, h) > lk.at(k, best)) best = h;
    }
    for (std::size_t h = 0; h < lk.n_haps; ++h) {
      if (h != best && (second == lk.n_haps || lk.at(k, h) > lk.at(k, second))) second = h;
    }
    read_head(i);
    out << "\tbest=" << best << ':' << lk.at(k, best);
    if (second < lk.n_haps) out << "\tsecond=" << second << ':' << lk.at(k, second);
    if (i < r.realigned.size()) out << "\trealigned=" << r.realigned[i].pos + 1 << ':' << cigar_text(r.realigned[i].cigar);
    out << '\n';
  }
  for (std::size_t k = 0; k < lk.dropped.size(); ++k) {
    read_head(lk.dropped[k]);
    out << "\tpoorly-modelled=" << lk.dropped_best[k] << '\n';
  }
  for (std::uint32_t i = 0; i < a.reads.size(); ++i) {
    if (a.reads[i].for_genotyping) continue;
    read_head(i);
    out << "\tnot-for-genotyping\n";
  }
}

// Builds regions[0, n) and scores their reads on `workers` threads (results by index, so the
// order does not depend on the threads). Each worker has its own single-thread CPU backend (the
// shared pool is not used for nested work) or, on a GPU, its own runners on the device.
std::vector<RegionResult> build_regions(const ContigView& view, const std::vector<ProfileRegion>& regions, std::size_t n,
                                        unsigned workers, const Backend& backend, const HaplotypeCallerJob& job) {
  std::vector<RegionResult> results(n);
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> errors(workers);
  auto work = [&](unsigned w) {
    try {
      ThreadPool single(1);
      const Backend local = backend.is_gpu() ? backend : Backend::cpu(single);
      kernels::hc_sw::SwRunner sw(local);
      kernels::pairhmm::PairHmmRunner hmm(local);
      for (std::size_t i = next++; i < n; i = next++) {
        RegionResult& r = results[i];
        r.region = build_region(view, regions[i], sw, job.regions, &r.debug);
        if (r.region) {
          r.likelihoods = compute_read_likelihoods(*r.region, hmm, job.caller.likelihood);
          r.realigned = realign_reads_to_best_haplotypes(*r.region, *r.likelihoods, sw);
        }
      }
    } catch (...) {
      errors[w] = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned w = 1; w < std::min<std::size_t>(workers, n); ++w) threads.emplace_back(work, w);
  work(0);
  for (auto& t : threads) t.join();
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  return results;
}

}  // namespace

HaplotypeCallerStats run_haplotypecaller(const HaplotypeCallerJob& job, const Backend& backend, Logger& log) {
  bqsr::Reference reference(job.reference);
  const bqsr::ContigDict& rdict = reference.contigs();
  ReadSourceOptions ro;
  ro.in_bam = job.in_bam;
  ro.reference = job.reference;
  ro.recal_file = job.recal_file;
  ro.max_reads_per_start = job.max_reads_per_start;
  ContigReadSource source(ro, backend);
  bqsr::ContigDict bdict;
  for (const auto& [name, len] : source.header_contigs()) {
    bdict.names.push_back(name);
    bdict.lengths.push_back(len);
  }
  bqsr::check_compatible(rdict, bdict, "the header of " + job.in_bam, true);
  const bqsr::IntervalSet intervals = bqsr::load_intervals(job.intervals, rdict, "the reference " + job.reference);
  const bool use_intervals = !intervals.empty();
  const std::string sample = source.sample_name();
  require_writable_dir_for(job.out_vcf);

  VcfHeaderInfo header;
  for (std::size_t i = 0; i < rdict.names.size(); ++i) header.contigs.emplace_back(rdict.names[i], rdict.lengths[i]);
  header.sample = sample;
  VcfWriter writer(job.out_vcf, header, static_cast<int>(backend.pool().size()));
  std::unique_ptr<std::ofstream> debug;
  if (!job.debug_regions.empty()) {
    debug = std::make_unique<std::ofstream>(job.debug_regions);
    if (!*debug) fail_io("cannot write " + job.debug_regions);
  }

  JavaRandom rng;
  HaplotypeCallerStats stats;
  std::vector<std::pair<int, VariantCall>> calls;  // reference tid, call
  // Every CPU worker builds regions; on a GPU each has its own PairHMM and Smith-Waterman
  // runners (own stream and buffers), so assembly on the cores overlaps the kernels.
  const unsigned workers = std::max(1u, backend.pool().size());
  // Regions are built in batches once the reads they need are in; a batch this large keeps
  // the workers busy while the reads held stay those of a few hundred kb.
  const std::size_t batch_regions = 32u * workers;
  constexpr std::size_t kMaxWindowReads = 200000;  // or earlier when active regions are sparse
  ContigStart cs;
  while (source.next_contig(cs)) {
    ReadCounts counts;
    std::vector<RegionRead> window;  // sorted by start: the reads still needed
    bool done = !source.pull(window, rng, counts);
    stats.peak_window = std::max<std::uint64_t>(stats.peak_window, window.size());
    const int rtid = rdict.find(cs.contig);
    std::vector<std::pair<std::int64_t, std::int64_t>> spans;  // 0-based half-open
    if (!done && rtid < 0) {
      fail_data(job.in_bam + ": reads on contig " + cs.contig + ", which the reference " + job.reference + " lacks");
    }
    if (!done) {
      if (use_intervals) {
        for (const auto& [s, e] : intervals.regions(rtid)) spans.emplace_back(s - 1, e);
      } else {
        spans.emplace_back(0, rdict.lengths[static_cast<std::size_t>(rtid)]);
      }
    }
    if (spans.empty()) {  // nothing to call here; the reads are still drawn for downsampling
      stats.reads += window.size();
      for (window.clear(); source.pull(window, rng, counts); window.clear()) stats.reads += window.size();
      stats.filtered += counts.filtered;
      stats.downsampled += counts.downsampled;
      continue;
    }
    const std::shared_ptr<const std::string> ref = reference.contig(rtid);
    const auto contig_len = static_cast<std::int64_t>(ref->size());
    ContigView view;
    view.tid = cs.tid;
    view.name = cs.contig;
    view.ref = ref.get();
    view.reads = &window;
    std::size_t span_i = 0, fed = 0, checked = 0;
    std::optional<ActiveRegionScanner> scanner;
    // Loci states use the shared pool: it is idle while the main thread scans (region batches
    // run on their own threads, each with a single-thread backend or its own GPU runners).
    ThreadPool* scan_pool = &backend.pool();
    scanner.emplace(*ref, spans[0].first, spans[0].second, job.caller.ploidy, ActivityProfileParams{}, scan_pool);
    std::vector<ProfileRegion> pending;
    std::int64_t evicted_upto = std::numeric_limits<std::int64_t>::min();
    UpstreamDeletions upstream;
    auto padded = [&](const ProfileRegion& a) {
      return std::pair{std::max<std::int64_t>(0, a.start - job.regions.region_padding),
                       std::min(contig_len, a.end + 1 + job.regions.region_padding)};
    };
    while (true) {
      for (; checked < window.size(); ++checked) {
        const RegionRead& r = window[checked];
        if (r.original_end > contig_len) {
          fail_data(job.in_bam + ": read " + r.name + " ends past the end of contig " + cs.contig + " in the reference");
        }
        std::int64_t lead = 0, trail = 0;
        if (!r.cigar.empty() && bam_cigar_op(r.cigar.front()) == BAM_CSOFT_CLIP) lead = bam_cigar_oplen(r.cigar.front());
        if (!r.cigar.empty() && bam_cigar_op(r.cigar.back()) == BAM_CSOFT_CLIP) trail = bam_cigar_oplen(r.cigar.back());
        view.max_read_span = std::max(view.max_read_span, r.original_end - r.pos + lead + trail);
        ++stats.reads;
      }
      // Every read starting before `known` is in the window.
      const std::int64_t known = done ? std::numeric_limits<std::int64_t>::max() : window.back().pos + 1;
      while (scanner) {
        for (; fed < window.size(); ++fed) scanner->add_read(window[fed].pos, window[fed].original_end);
        if (!done && known < spans[span_i].second) {
          scanner->advance(window, known, pending);
          break;
        }
        scanner->finish(window, pending);
        if (++span_i < spans.size()) {
          scanner.emplace(*ref, spans[span_i].first, spans[span_i].second, job.caller.ploidy, ActivityProfileParams{}, scan_pool);
          fed = 0;
        } else {
          scanner.reset();
        }
      }
      std::size_t ready = 0;
      while (ready < pending.size() && padded(pending[ready]).second <= known) ++ready;
      if (ready > 0 && (ready >= batch_regions || done || window.size() > kMaxWindowReads)) {
        stats.active_regions += ready;
        for (std::size_t i = 0; i < ready; ++i) {
          if (padded(pending[i]).first < evicted_upto) fail_internal("haplotypecaller: reads of a region were released early");
        }
        std::vector<RegionResult> results = build_regions(view, pending, ready, workers, backend, job);
        for (RegionResult& r : results) {
          if (debug) write_debug(*debug, cs.contig, r);
          if (!r.region) continue;
          ++stats.assembled_regions;
          for (VariantCall& c : genotype_region(*r.region, *r.likelihoods, job.caller, upstream, &r.realigned)) {
            calls.emplace_back(rtid, std::move(c));
          }
        }
        pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(ready));
      }
      if (done) break;
      // Release the reads no later locus or region can use: those ending before the scanner's
      // floor less the region padding and before every pending region's padded span.
      std::int64_t floor = scanner ? scanner->floor() - job.regions.region_padding : std::numeric_limits<std::int64_t>::max();
      for (const ProfileRegion& a : pending) floor = std::min(floor, padded(a).first);
      std::size_t drop = 0;
      while (drop < window.size() && window[drop].pos + view.max_read_span <= floor) ++drop;
      if (drop > 0) {
        window.erase(window.begin(), window.begin() + static_cast<std::ptrdiff_t>(drop));
        evicted_upto = std::max(evicted_upto, floor);
        fed = fed >= drop ? fed - drop : 0;
        checked -= drop;
      }
      done = !source.pull(window, rng, counts);
      stats.peak_window = std::max<std::uint64_t>(stats.peak_window, window.size());
    }
    stats.filtered += counts.filtered;
    stats.downsampled += counts.downsampled;
  }
  std::stable_sort(calls.begin(), calls.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return a.second.pos < b.second.pos;
  });
  for (auto& [tid, call] : calls) {
    call.tid = tid;
    writer.write(std::move(call), rng);
    ++stats.calls;
  }
  writer.close();
  if (debug) debug->close();
  log.info("haplotypecaller: " + std::to_string(stats.reads) + " reads used (" + std::to_string(stats.filtered) +
           " filtered, " + std::to_string(stats.downsampled) + " downsampled), " + std::to_string(stats.active_regions) +
           " active regions, " + std::to_string(stats.assembled_regions) + " with variation, " +
           std::to_string(stats.calls) + " variants written; at most " + std::to_string(stats.peak_window) +
           " reads held at once");
  return stats;
}

}  // namespace helicase::hc
