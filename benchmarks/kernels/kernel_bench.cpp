// kernel_bench.cpp -- helicase-kernel-bench: throughput of the HELICASE_HD kernels on their CPU
// launcher (all threads, and one thread) and, in a CUDA build with a usable GPU, on their CUDA
// launcher (with and, where the launcher exposes it, without host<->device copies), plus whether
// the GPU output equals the CPU output item by item.
//
// Input is generated, deterministic for a seed: a reference (the first sequence of --ref, a
// plain FASTA, when given; else uniform random bases), 150 bp reads cut from it with ~1%
// substitutions and occasional 1-3 bp indels, qualities 2..41 skewed high. Per kernel:
//   bwa_smem    SMEM seeding (re-seeding, third round) of each read over an FM index of the
//               first 4 Mbp of the reference + reverse complement, built first (not timed); no
//               DP, so reads/s only
//   bwa_matesw  mate-rescue SW of each read against its reference window +-300 bp (byte mode
//               under 250 bases, xtra flags as bwa's mem_matesw)
//   bwa_extend  two ksw_extend jobs per read (left: reversed read prefix before a 19 bp seed
//               against the reversed reference before it; right: the suffix after it), band 100
//   bwa_global  the whole read against its reference window (read length +- indels + 10), band 50
//   pairhmm     a read x a 300 bp haplotype containing its origin (GATK PairHMM, float then
//               double), quals: base as generated, insertion/deletion 45, gap continuation 10
// Cells are the full DP matrix, query length x target length, for every kernel (the banded
// kernels compute fewer, so their GCUPS are "matrix-equivalent"). Reads/s: items/s for
// smem, matesw, bwa_global and pairhmm (one read, or read x haplotype pair, per item), extensions/s / 2 for
// bwa_extend. Each measurement repeats the batch until --seconds have passed (at least once).
// Output: one line per kernel and measurement, "kernel device threads items cells seconds
// reads/s GCUPS note", then "kernel gpu==cpu: identical|DIFFER|no GPU".
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "bwa_extend/extend_launch.hpp"
#include "bwa_global/global_sw_launch.hpp"
#include "bwa_matesw/mate_sw_launch.hpp"
#include "bwa_smem/smem_launch.hpp"
#include "common/thread_pool.hpp"
#include "pairhmm/pairhmm_batch.hpp"
#include "pairhmm/pairhmm_launch.hpp"
#include "reference/bases.hpp"
#include "reference/bwt_builder.hpp"
#include "runtime/backend.hpp"
#include "runtime/gpu_runtime.hpp"

namespace {

using namespace helicase;
using namespace helicase::kernels;
using Clock = std::chrono::steady_clock;

struct Options {
  std::uint32_t reads = 20000;   // reads per batch (extend, global)
  std::uint32_t pairs = 20000;   // read x haplotype pairs per batch (pairhmm)
  unsigned threads = 0;          // 0: all cores
  double seconds = 2.0;          // per measurement
  std::uint64_t seed = 4242;
  std::string ref;               // plain FASTA; empty: random
  std::string kernels = "smem,extend,global,matesw,pairhmm";
};

std::string load_reference(const Options& o, std::mt19937_64& rng) {
  std::string seq;
  if (!o.ref.empty()) {
    std::ifstream in(o.ref);
    std::string line;
    bool first = true;
    while (std::getline(in, line) && seq.size() < 4000000) {
      if (!line.empty() && line[0] == '>') {
        if (!first) break;
        first = false;
        continue;
      }
      for (char c : line) {
        const char u = static_cast<char>(c & ~0x20);
        if (u == 'A' || u == 'C' || u == 'G' || u == 'T') seq += u;  // N runs dropped
      }
    }
    if (seq.size() >= 10000) return seq;
    std::fprintf(stderr, "kernel-bench: %s unreadable or too short: using a random reference\n", o.ref.c_str());
    seq.clear();
  }
  for (int i = 0; i < 4000000; ++i) seq += "ACGT"[rng() & 3];
  return seq;
}

struct SimRead {
  std::string bases;
  std::vector<std::uint8_t> quals;
  std::uint64_t ref_pos = 0;  // origin on the reference
  std::uint32_t ref_span = 0;
};

std::vector<SimRead> simulate(const std::string& ref, std::uint32_t n, std::mt19937_64& rng) {
  std::vector<SimRead> reads(n);
  for (auto& r : reads) {
    r.ref_pos = 200 + rng() % (ref.size() - 800);
    std::uint64_t p = r.ref_pos;
    while (r.bases.size() < 150) {
      const auto u = rng() % 1000;
      if (u < 10) r.bases += "ACGT"[rng() & 3];                      // substitution
      else if (u < 12) r.bases += "ACGT"[rng() & 3], --p;             // insertion
      else if (u < 14) p += 1 + rng() % 3, r.bases += ref[p];         // deletion
      else r.bases += ref[p];
      ++p;
      const auto q = rng() % 100;
      r.quals.push_back(static_cast<std::uint8_t>(q < 80 ? 30 + rng() % 12 : 2 + rng() % 28));
    }
    r.ref_span = static_cast<std::uint32_t>(p - r.ref_pos);
  }
  return reads;
}

// Bases as bwa codes them (0..3, 4 for N), appended to out.
std::uint8_t code(char c) { return reference::read_base_code(c); }
void append_codes(std::vector<std::uint8_t>& out, const char* s, std::size_t n) {
  for (std::size_t k = 0; k < n; ++k) out.push_back(code(s[k]));
}

// fn(read codes, reference codes) per read, the read's reference span widened by `pad` bases on
// each side (within the reference).
template <class F>
void each_read_and_window(const std::vector<SimRead>& reads, const std::string& ref, std::uint64_t pad, F fn) {
  std::vector<std::uint8_t> q, t;
  for (const auto& r : reads) {
    q.clear();
    t.clear();
    append_codes(q, r.bases.data(), r.bases.size());
    const std::uint64_t beg = r.ref_pos > pad ? r.ref_pos - pad : 0;
    const std::uint64_t end = std::min<std::uint64_t>(ref.size(), r.ref_pos + r.ref_span + pad);
    append_codes(t, ref.data() + beg, end - beg);
    fn(q, t);
  }
}

// Runs fn until `seconds` passed (at least once); returns seconds per run.
double time_per_run(double seconds, const std::function<void()>& fn) {
  int runs = 0;
  const auto t0 = Clock::now();
  double s = 0;
  do {
    fn();
    ++runs;
    s = std::chrono::duration<double>(Clock::now() - t0).count();
  } while (s < seconds);
  return s / runs;
}

void row(const char* kernel, const std::string& device, const std::string& threads, std::uint64_t items, double reads_per_item,
         std::uint64_t cells, double s, const char* note) {
  std::printf("%-8s %-5s %7s %9llu %13llu %9.4f %12.0f %8.3f  %s\n", kernel, device.c_str(), threads.c_str(),
              static_cast<unsigned long long>(items), static_cast<unsigned long long>(cells), s,
              static_cast<double>(items) * reads_per_item / s, static_cast<double>(cells) / s / 1e9, note);
}

void no_gpu_rows(const char* kernel, const std::string& why) {
  std::printf("%-8s %-5s %7s %9s %13s %9s %12s %8s  %s\n", kernel, "gpu", "-", "-", "-", "-", "-", "-", why.c_str());
  std::printf("%s gpu==cpu: no GPU\n", kernel);
}


// One kernel's measurement: what it is called, how many items, reads per item and cells.
struct Measured {
  const char* kernel;
  std::size_t items;
  double reads_per_item;
  std::uint64_t cells;
};

// The CPU rows: the launcher on every thread of the pool, then on one thread.
void cpu_rows(const Options& o, const Measured& m, const ThreadPool& pool, const std::function<void()>& all,
              const std::function<void()>& single, const char* note = "") {
  row(m.kernel, "cpu", std::to_string(pool.size()), m.items, m.reads_per_item, m.cells, time_per_run(o.seconds, all), note);
  row(m.kernel, "cpu", "1", m.items, m.reads_per_item, m.cells, time_per_run(o.seconds / 2, single), note);
}

// The GPU row (after one untimed warm-up launch) and the item-by-item comparison with the CPU.
void gpu_rows(const Options& o, const Measured& m, const std::function<void()>& launch, const char* note,
              const char* item_word, const std::function<std::size_t()>& count_differing) {
  launch();
  row(m.kernel, "gpu", "-", m.items, m.reads_per_item, m.cells, time_per_run(o.seconds, launch), note);
  const std::size_t diff = count_differing();
  std::printf("%s gpu==cpu: %s (%zu %s, %zu differ)\n", m.kernel, diff ? "DIFFER" : "identical", m.items, item_word, diff);
}

// bwa's default scoring (-A 1 -B 4, N scores -1) as a 5x5 matrix.
void bwa_matrix(std::int8_t* mat) {
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 5; ++j) mat[i * 5 + j] = static_cast<std::int8_t>(i == 4 || j == 4 ? -1 : i == j ? 1 : -4);
}

// ------------------------------------------------------------------ bwa_extend
void bench_extend(const Options& o, const std::vector<SimRead>& reads, const std::string& ref, const std::string& gpu_why,
                  ThreadPool& pool, ThreadPool& one) {
  ExtendBatch b;
  bwa_matrix(b.scoring.mat);
  std::mt19937_64 rng(o.seed + 1);
  std::uint64_t cells = 0;
  for (const auto& r : reads) {
    const int L = static_cast<int>(r.bases.size());
    const int seed_beg = 10 + static_cast<int>(rng() % static_cast<std::uint64_t>(L - 40)), seed_end = seed_beg + 19;
    const std::uint64_t rseed = r.ref_pos + static_cast<std::uint64_t>(seed_beg);  // approximate origin of the seed
    // Left: reversed prefix against the reversed reference before the seed (query length + band).
    ExtendJob left;
    left.query_offset = b.query.size();
    left.qlen = seed_beg;
    for (int k = seed_beg - 1; k >= 0; --k) b.query.push_back(code(r.bases[static_cast<std::size_t>(k)]));
    left.target_offset = b.target.size();
    left.tlen = std::min<int>(seed_beg + 100, static_cast<int>(rseed));
    for (int k = 1; k <= left.tlen; ++k) b.target.push_back(code(ref[rseed - static_cast<std::uint64_t>(k)]));
    left.h0 = 19;
    ExtendJob right;
    right.query_offset = b.query.size();
    right.qlen = L - seed_end;
    append_codes(b.query, r.bases.data() + seed_end, static_cast<std::size_t>(L - seed_end));
    right.target_offset = b.target.size();
    right.tlen = right.qlen + 100;
    append_codes(b.target, ref.data() + rseed + 19, static_cast<std::size_t>(right.tlen));
    right.h0 = 19;
    for (const ExtendJob& j : {left, right}) {
      b.jobs.push_back(j);
      cells += static_cast<std::uint64_t>(j.qlen) * static_cast<std::uint64_t>(j.tlen);
    }
  }
  const std::size_t n = b.jobs.size();
  std::vector<ExtendResult> cpu(n), gpu(n);
  const Measured m{"extend", n, 0.5, cells};
  cpu_rows(o, m, pool, [&] { ksw_extend_batch_cpu(b, cpu.data(), pool); }, [&] { ksw_extend_batch_cpu(b, gpu.data(), one); });
  if (!gpu_why.empty()) return no_gpu_rows("extend", gpu_why);
  gpu_rows(o, m, [&] { ksw_extend_batch_gpu(0, b, gpu.data()); }, "with copies and allocation", "jobs", [&] {
    std::size_t diff = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (std::memcmp(&cpu[i], &gpu[i], sizeof(ExtendResult)) != 0) ++diff;
    return diff;
  });
}

// ------------------------------------------------------------------ bwa_global
void bench_global(const Options& o, const std::vector<SimRead>& reads, const std::string& ref, const std::string& gpu_why,
                  ThreadPool& pool, ThreadPool& one) {
  GlobalSwParams params;
  bwa_matrix(params.mat);
  GlobalSwJobs jobs;
  std::uint64_t cells = 0;
  each_read_and_window(reads, ref, 0, [&](const std::vector<std::uint8_t>& q, const std::vector<std::uint8_t>& t) {
    jobs.add(q, t, 50);
    cells += q.size() * t.size();
  });
  const std::size_t n = jobs.size();
  GlobalSwResults cpu, cpu1, gpu;
  const Measured m{"global", n, 1.0, cells};
  cpu_rows(o, m, pool, [&] { global_sw_cpu(jobs, params, cpu, pool); }, [&] { global_sw_cpu(jobs, params, cpu1, one); });
  if (!gpu_why.empty()) return no_gpu_rows("global", gpu_why);
  auto state = make_global_sw_gpu_state(0);
  gpu_rows(o, m, [&] { global_sw_gpu(jobs, params, gpu, *state); }, "with copies", "alignments", [&] {
    std::size_t diff = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto a = cpu.ops(i), g = gpu.ops(i);
      if (cpu.score[i] != gpu.score[i] || a.size() != g.size() || !std::equal(a.begin(), a.end(), g.begin())) ++diff;
    }
    return diff;
  });
}

// ------------------------------------------------------------------ bwa_smem
// SMEM seeding (with re-seeding and the third round) of every read over an FM index of the
// first 4 Mbp of the reference and its reverse complement (built here, not timed). No DP: reads/s.
void bench_smem(const Options& o, const std::vector<SimRead>& reads, const std::string& ref, const std::string& gpu_why,
                ThreadPool& pool, ThreadPool& one) {
  const std::size_t n_fwd = std::min<std::size_t>(ref.size(), 4'000'000);
  std::vector<std::uint8_t> text;
  text.reserve(2 * n_fwd);
  for (std::size_t i = 0; i < n_fwd; ++i) {
    const std::uint8_t c = code(ref[i]);
    text.push_back(c > 3 ? 0 : c);  // the index alphabet has no N (bwa turns N into random bases)
  }
  for (std::size_t i = 0; i < n_fwd; ++i) text.push_back(static_cast<std::uint8_t>(3 - text[n_fwd - 1 - i]));
  const reference::FmArrays fm = reference::build_fm_arrays(std::move(text), pool);
  SmemBatch batch;
  std::vector<std::uint8_t> q;
  for (const auto& r : reads) {
    if (r.ref_pos + r.ref_span > n_fwd) continue;
    q.clear();
    append_codes(q, r.bases.data(), r.bases.size());
    batch.add(q.data(), q.size());
  }
  const std::size_t n = batch.size();
  const SmemParams p;
  SmemResult cpu, cpu1, gpu;
  const Measured m{"smem", n, 1.0, 0};
  cpu_rows(
      o, m, pool, [&] { cpu = {}; collect_intervals_batch_cpu(fm.view(), p, batch, cpu, pool); },
      [&] { cpu1 = {}; collect_intervals_batch_cpu(fm.view(), p, batch, cpu1, one); }, "no DP cells");
  if (!gpu_why.empty()) return no_gpu_rows("smem", gpu_why);
  auto state = make_smem_gpu_state(0, fm.view());
  gpu_rows(o, m, [&] { gpu = {}; collect_intervals_batch_gpu(*state, p, batch, gpu); }, "with copies (index uploaded once)",
           "reads", [&] {
             std::size_t diff = 0;
             for (std::size_t i = 0; i < n; ++i) {
               const std::uint64_t a0 = cpu.offsets[i], a1 = cpu.offsets[i + 1], g0 = gpu.offsets[i], g1 = gpu.offsets[i + 1];
               bool same = a1 - a0 == g1 - g0;
               for (std::uint64_t k = 0; same && k < a1 - a0; ++k) {
                 const SmemInterval &x = cpu.intervals[a0 + k], &y = gpu.intervals[g0 + k];
                 same = x.x0 == y.x0 && x.x1 == y.x1 && x.size == y.size && x.info == y.info;
               }
               if (!same) ++diff;
             }
             return diff;
           });
}

// ------------------------------------------------------------------ bwa_matesw
// Mate rescue: each read against a window of its reference +-300 bp, as bwa searches for a
// missing mate inside the insert-size range (byte mode under 250 bases, as bwa).
void bench_matesw(const Options& o, const std::vector<SimRead>& reads, const std::string& ref, const std::string& gpu_why,
                  ThreadPool& pool, ThreadPool& one) {
  MateSwParams params;
  bwa_matrix(params.mat);
  MateSwJobs jobs;
  std::uint64_t cells = 0;
  each_read_and_window(reads, ref, 300, [&](const std::vector<std::uint8_t>& q, const std::vector<std::uint8_t>& t) {
    jobs.add(q, t, kKswXSubo | kKswXStart | (q.size() < 250 ? kKswXByte : 0) | 19);
    cells += q.size() * t.size();
  });
  const std::size_t n = jobs.size();
  std::vector<MateSwResult> cpu, cpu1, gpu;
  const Measured m{"matesw", n, 1.0, cells};
  cpu_rows(o, m, pool, [&] { mate_sw_cpu(jobs, params, cpu, pool); }, [&] { mate_sw_cpu(jobs, params, cpu1, one); });
  if (!gpu_why.empty()) return no_gpu_rows("matesw", gpu_why);
  auto state = make_mate_sw_gpu_state(0);
  gpu_rows(o, m, [&] { mate_sw_gpu(jobs, params, gpu, *state); }, "with copies", "jobs", [&] {
    std::size_t diff = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const MateSwResult &x = cpu[i], &g = gpu[i];
      if (x.score != g.score || x.te != g.te || x.qe != g.qe || x.score2 != g.score2 || x.te2 != g.te2 || x.tb != g.tb ||
          x.qb != g.qb)
        ++diff;
    }
    return diff;
  });
}

// ------------------------------------------------------------------ pairhmm
void bench_pairhmm(const Options& o, const std::vector<SimRead>& reads, const std::string& ref, const std::string& gpu_why,
                   ThreadPool& pool) {
  using namespace helicase::kernels::pairhmm;
  PairHmmBatch batch;
  std::mt19937_64 rng(o.seed + 2);
  const std::uint32_t n_reads = static_cast<std::uint32_t>(reads.size());
  std::vector<std::uint8_t> indel(160, 45), gcp(320, 10);
  for (std::uint32_t p = 0; p < o.pairs; ++p) {
    const SimRead& r = reads[p % n_reads];
    // A 300 bp haplotype around the read's origin (an active region's haplotype).
    const std::uint64_t start = r.ref_pos - 20 - rng() % 60;
    const std::uint32_t hl = 280 + static_cast<std::uint32_t>(rng() % 41);
    const std::uint32_t h = batch.add_haplotype(std::string_view(ref).substr(start, hl));
    const std::uint32_t ri = batch.add_read(r.bases, r.quals.data(), indel.data(), indel.data(), gcp.data());
    batch.add_pair(ri, h);
  }
  const std::uint64_t cells = batch.cells();
  const std::uint32_t n = batch.n_pairs();
  const PairHmmTables tables = pairhmm_make_tables();
  PairHmmBatchView cpu = batch.view();
  const double s_all = time_per_run(o.seconds, [&] { pairhmm_cpu(cpu, batch.n_reads(), batch.n_haps(), tables, pool); });
  row("pairhmm", "cpu", std::to_string(pool.size()), n, 1.0, cells, s_all, "");
  const std::vector<double> cpu_raw(cpu.raw, cpu.raw + n);
  const std::vector<std::uint8_t> cpu_dbl(cpu.used_double, cpu.used_double + n);
  PairHmmBatchView one = batch.view();
  const double s_one = time_per_run(o.seconds / 2, [&] { pairhmm_cpu_serial(one, batch.n_reads(), batch.n_haps(), tables); });
  row("pairhmm", "cpu", "1", n, 1.0, cells, s_one, "");
  std::size_t doubles = 0;
  for (auto d : cpu_dbl) doubles += d;
  std::printf("pairhmm cpu: %zu of %u pairs took the double pass\n", doubles, n);
  if (!gpu_why.empty()) return no_gpu_rows("pairhmm", gpu_why);
  auto state = make_pairhmm_gpu_state(0, tables);
  PairHmmBatchView gpu = batch.view();
  pairhmm_gpu(gpu, batch.n_reads(), batch.n_haps(), *state);  // warm-up (allocations)
  double kernel_s = 0;
  int runs = 0;
  const double s_gpu = time_per_run(o.seconds, [&] {
    pairhmm_gpu(gpu, batch.n_reads(), batch.n_haps(), *state);
    kernel_s += pairhmm_gpu_last_kernel_ms(*state) / 1e3;
    ++runs;
  });
  row("pairhmm", "gpu", "-", n, 1.0, cells, s_gpu, "with copies");
  row("pairhmm", "gpu", "-", n, 1.0, cells, kernel_s / runs, "kernels only");
  std::size_t diff = 0;
  for (std::uint32_t p = 0; p < n; ++p)
    if (std::memcmp(&cpu_raw[p], &gpu.raw[p], sizeof(double)) != 0 || cpu_dbl[p] != gpu.used_double[p]) ++diff;
  std::printf("pairhmm gpu==cpu: %s (%u pairs, %zu differ)\n", diff ? "DIFFER" : "identical", n, diff);
  // Edge lengths too: reads 1..300, haplotypes 1..600, odd bytes and qualities.
  std::mt19937_64 vr(o.seed + 3);
  PairHmmBatch varied;
  for (int t = 0; t < 2001; ++t) {
    const int R = 1 + static_cast<int>(vr() % 300), H = 1 + static_cast<int>(vr() % 600);
    std::string rb, hb;
    std::vector<std::uint8_t> q, iq;
    for (int i = 0; i < R; ++i) {
      rb += "ACGTNx"[vr() % 30 == 0 ? vr() % 6 : vr() % 4];
      q.push_back(static_cast<std::uint8_t>(vr() % 128));
      iq.push_back(static_cast<std::uint8_t>(30 + vr() % 20));
    }
    const int at = static_cast<int>(vr() % static_cast<std::uint64_t>(H));
    for (int j = 0; j < H; ++j) hb += j >= at && j - at < R && vr() % 4 != 0 ? rb[static_cast<std::size_t>(j - at)] : "ACGT"[vr() % 4];
    varied.add_pair(varied.add_read(rb, q.data(), iq.data(), iq.data(), gcp.data()), varied.add_haplotype(hb));
  }
  PairHmmBatchView vc = varied.view();
  pairhmm_cpu(vc, varied.n_reads(), varied.n_haps(), tables, pool);
  const std::vector<double> vraw(vc.raw, vc.raw + vc.n_pairs);
  const std::vector<std::uint8_t> vdbl(vc.used_double, vc.used_double + vc.n_pairs);
  PairHmmBatchView vg = varied.view();
  pairhmm_gpu(vg, varied.n_reads(), varied.n_haps(), *state);
  std::size_t vdiff = 0;
  for (std::uint32_t p = 0; p < vg.n_pairs; ++p)
    if (std::memcmp(&vraw[p], &vg.raw[p], sizeof(double)) != 0 || vdbl[p] != vg.used_double[p]) ++vdiff;
  std::printf("pairhmm gpu==cpu (lengths 1..300 x 1..600): %s (%u pairs, %zu differ)\n", vdiff ? "DIFFER" : "identical", vg.n_pairs,
              vdiff);
}

int usage() {
  std::fprintf(stderr,
               "usage: helicase-kernel-bench [--kernels smem,extend,global,matesw,pairhmm] [--reads N] [--pairs N]\n"
               "       [--threads N] [--seconds S] [--seed N] [--ref plain.fa]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return usage();
    const std::string v = argv[++i];
    try {
      if (a == "--reads") o.reads = static_cast<std::uint32_t>(std::stoul(v));
      else if (a == "--pairs") o.pairs = static_cast<std::uint32_t>(std::stoul(v));
      else if (a == "--threads") o.threads = static_cast<unsigned>(std::stoul(v));
      else if (a == "--seconds") o.seconds = std::stod(v);
      else if (a == "--seed") o.seed = std::stoull(v);
      else if (a == "--ref") o.ref = v;
      else if (a == "--kernels") o.kernels = v;
      else return usage();
    } catch (const std::exception&) {
      return usage();
    }
  }
  if (o.reads == 0 || o.pairs == 0) return usage();
  try {
    std::mt19937_64 rng(o.seed);
    const std::string ref = load_reference(o, rng);
    const std::vector<SimRead> reads = simulate(ref, o.reads, rng);
    ThreadPool pool(o.threads), one(1);
    std::string gpu_why;
    const gpu::Probe probe = gpu::probe_gpus();
    if (!probe.built_with_cuda) gpu_why = "no GPU (CPU-only build)";
    else if (!probe.unavailable_reason.empty() || probe.devices.empty())
      gpu_why = "no GPU (" + (probe.unavailable_reason.empty() ? std::string("no CUDA device") : probe.unavailable_reason) + ")";
    std::printf("# helicase-kernel-bench: %s reference (%zu bp), %u reads 2x150-like, %u pairhmm pairs, seed %llu\n",
                o.ref.empty() ? "random" : o.ref.c_str(), ref.size(), o.reads, o.pairs,
                static_cast<unsigned long long>(o.seed));
    std::printf("# cells = query length x target length (full matrix; banded kernels compute fewer)\n");
    std::printf("%-8s %-5s %7s %9s %13s %9s %12s %8s  %s\n", "kernel", "dev", "threads", "items", "cells", "s/batch", "reads/s",
                "GCUPS", "note");
    const auto want = [&](const char* k) { return ("," + o.kernels + ",").find(std::string(",") + k + ",") != std::string::npos; };
    if (want("smem")) bench_smem(o, reads, ref, gpu_why, pool, one);
    if (want("extend")) bench_extend(o, reads, ref, gpu_why, pool, one);
    if (want("global")) bench_global(o, reads, ref, gpu_why, pool, one);
    if (want("matesw")) bench_matesw(o, reads, ref, gpu_why, pool, one);
    if (want("pairhmm")) bench_pairhmm(o, reads, ref, gpu_why, pool);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kernel-bench: %s\n", e.what());
    return 5;
  }
  return 0;
}
