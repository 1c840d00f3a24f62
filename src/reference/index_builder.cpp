// index_builder.cpp -- scan, pack, sort and write the index file set atomically.
#include "reference/index_builder.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <fstream>
#include <memory>
#include <thread>

#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "io/byte_source.hpp"
#include "reference/bns_files.hpp"
#include "reference/fai_dict.hpp"
#include "reference/reference_packer.hpp"

namespace helicase::reference {
namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string fixed1(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

std::string gib(std::uint64_t bytes) { return fixed1(static_cast<double>(bytes) / (1u << 30)) + " GiB"; }

std::uint64_t physical_memory() {
  const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
  return pages > 0 && page > 0 ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page) : 0;
}

void write_text(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) fail_io("cannot write " + path + ": " + errno_text(errno));
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  const int err = errno;
  if (std::fclose(f) != 0 || !ok) fail_io("cannot write " + path + ": " + errno_text(ok ? errno : err));
}

void write_bytes(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  write_text(path, std::string(bytes.begin(), bytes.end()));
}

// A first allocation for the packed text: enough for both strands of the expected bases
// (address space only until touched). Compressed FASTA holds about 4 bases per byte.
std::uint64_t expected_bases(const std::string& path) {
  const std::uint64_t size = io::file_size_or_zero(path);
  unsigned char magic[2] = {0, 0};
  std::ifstream in(path, std::ios::binary);
  in.read(reinterpret_cast<char*>(magic), 2);
  const bool gz = in.gcount() == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  return gz ? size * 5 : size;
}

// Renames every output into place; if one rename fails, removes those already renamed,
// so the set is all or nothing.
void commit_all(std::vector<AtomicOutput*>& outs, std::vector<std::string>& written) {
  try {
    for (AtomicOutput* o : outs) {
      o->commit();
      written.push_back(o->final_path());
    }
  } catch (...) {
    for (const std::string& p : written) std::remove(p.c_str());
    written.clear();
    throw;
  }
}

}  // namespace

IndexPaths IndexPaths::for_prefix(const std::string& p) {
  return IndexPaths{p + ".ann", p + ".amb", p + ".pac", p + ".bwt", p + ".sa", p + ".fai", p + ".gzi", dict_path_for(p)};
}

IndexBuildReport build_reference_index(const IndexBuildOptions& options, ThreadPool& pool, Logger& log) {
  const auto start = Clock::now();
  require_readable(options.ref);
  const std::string prefix = options.prefix.empty() ? options.ref : options.prefix;
  const IndexPaths paths = IndexPaths::for_prefix(prefix);
  IndexBuildReport report;

  // Temporary files first: an unwritable output folder fails now, not after the sort.
  AtomicOutput ann(paths.ann), amb(paths.amb), pac(paths.pac), bwt(paths.bwt), sa(paths.sa), dict(paths.dict);

  // 1. Read, validate and pack the FASTA.
  ReferencePacker packer(2 * expected_bases(options.ref));
  report.scan = scan_fasta(options.ref, pool, packer);
  PackedReference ref = packer.take();
  report.l_pac = ref.bns.l_pac;
  report.contigs = ref.bns.contigs.size();
  report.ambiguous_runs = ref.bns.holes.size();
  report.read_seconds = seconds_since(start);
  log.info("read " + with_commas(report.contigs) + " contig(s), " + with_commas(report.l_pac) + " bases, " +
           with_commas(report.ambiguous_runs) + " ambiguous run(s) from " + options.ref + " (" +
           io::to_string(report.scan.compression) + ") in " + fixed1(report.read_seconds) + " s");

  const std::uint64_t need = fm_build_peak_bytes(2 * ref.bns.l_pac, options.sa_width);
  const std::uint64_t limit = options.memory_limit ? options.memory_limit : physical_memory();
  if (limit && need > limit) {
    fail_io("indexing " + with_commas(ref.bns.l_pac) + " bases needs about " + gib(need) + " of memory, more than " +
            (options.memory_limit ? "--memory-limit (" + gib(limit) + ")" : "this machine has (" + gib(limit) + ")"));
  }
  log.info("will sort the suffixes of both strands (" + with_commas(2 * ref.bns.l_pac) + " bases; about " + gib(need) +
           " of memory)");

  // 2. The FASTA index on its own thread (HTSlib reads the file again) while we sort.
  std::unique_ptr<AtomicOutput> fai, gzi;
  std::exception_ptr fai_error;
  std::jthread fai_thread;
  if (report.scan.compression == io::Compression::Gzip) {
    log.warn(options.ref + " is gzip-compressed, not BGZF: no " + paths.fai +
             " written (samtools faidx cannot index plain gzip, and GATK needs an indexed uncompressed or BGZF "
             "FASTA; recompress it with bgzip)");
  } else {
    fai = std::make_unique<AtomicOutput>(paths.fai);
    if (report.scan.compression == io::Compression::Bgzf) gzi = std::make_unique<AtomicOutput>(paths.gzi);
    const std::string fai_tmp = fai->temp_path(), gzi_tmp = gzi ? gzi->temp_path() : paths.gzi + ".unused";
    fai_thread = std::jthread([&options, fai_tmp, gzi_tmp, &fai_error] {
      try {
        write_fai(options.ref, fai_tmp, gzi_tmp);
      } catch (...) {
        fai_error = std::current_exception();
      }
    });
  }

  // 3. The annotation, packed sequence and dictionary files.
  write_text(ann.temp_path(), format_ann(ref.bns));
  write_text(amb.temp_path(), format_amb(ref.bns));
  write_bytes(pac.temp_path(), pack_pac(ref.codes.data(), ref.bns.l_pac));
  write_text(dict.temp_path(), format_dict(ref.bns, ref.md5, java_file_uri(options.ref)));

  // 4. Both strands, suffix array, BWT and SA samples.
  const auto bwt_start = Clock::now();
  append_reverse_complement(ref.codes);
  const FmArrays fm = build_fm_arrays(std::move(ref.codes), pool, options.sa_width);
  write_bwt_file(bwt.temp_path(), fm);
  write_sa_file(sa.temp_path(), fm);
  report.bwt_seconds = seconds_since(bwt_start);
  log.info("suffix array and BWT of " + with_commas(fm.seq_len) + " bases (both strands) in " +
           fixed1(report.bwt_seconds) + " s");

  if (fai_thread.joinable()) fai_thread.join();
  if (fai_error) std::rethrow_exception(fai_error);

  std::vector<AtomicOutput*> outs{&ann, &amb, &pac, &bwt, &sa};
  if (fai) outs.push_back(fai.get());
  if (gzi) outs.push_back(gzi.get());
  outs.push_back(&dict);
  commit_all(outs, report.written);
  report.total_seconds = seconds_since(start);
  return report;
}

}  // namespace helicase::reference
