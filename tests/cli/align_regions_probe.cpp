// align_regions_probe.cpp -- test-only: prints find_regions() for every read of a FASTQ the
// way `bwa mem -v 4` prints mem_align1_core's result, so the two can be diffed:
//   * <n> chains remain after removing duplicated chains
//   ** <score>, [<qb>,<qe>) <=> [<rb>,<re>)
// usage: align_regions_probe [bwa options] INDEX_PREFIX READS.fq[.gz] [--time]
// bwa options (as `bwa mem` reads them; give -A with every score it would rescale):
//   -k -w -d -r -y -c -A -B -T INT/FLOAT, -O INT[,INT] -E INT[,INT] -L INT[,INT]
// With --time it prints nothing per read, only "<reads> reads in <s> s: <reads/s> reads/s"
// on stderr (the seeding half alone, one thread).
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "align/mem_regions.hpp"
#include "reference/bases.hpp"
#include "reference/reference_index.hpp"

namespace {

bool read_line(gzFile f, std::string& line) {
  line.clear();
  char buf[4096];
  while (gzgets(f, buf, sizeof buf) != nullptr) {
    line += buf;
    if (!line.empty() && line.back() == '\n') {
      line.pop_back();
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
  }
  return !line.empty();
}

}  // namespace

// "A" or "A,B" into two ints (bwa's -O/-E/-L syntax).
void pair_option(const char* v, int& first, int& second) {
  char* end = nullptr;
  first = second = static_cast<int>(std::strtol(v, &end, 10));
  if (*end == ',') second = static_cast<int>(std::strtol(end + 1, nullptr, 10));
}

int main(int argc, char** argv) {
  helicase::align::MemOptions opt;
  int arg = 1;
  for (; arg + 1 < argc && argv[arg][0] == '-' && std::strlen(argv[arg]) == 2; arg += 2) {
    const char* v = argv[arg + 1];
    switch (argv[arg][1]) {
      case 'k': opt.min_seed_len = std::atoi(v); break;
      case 'w': opt.w = std::atoi(v); break;
      case 'd': opt.zdrop = std::atoi(v); break;
      case 'r': opt.split_factor = std::strtof(v, nullptr); break;
      case 'y': opt.max_mem_intv = std::strtoull(v, nullptr, 10); break;
      case 'c': opt.max_occ = std::atoi(v); break;
      case 'A': opt.a = std::atoi(v); break;
      case 'B': opt.b = std::atoi(v); break;
      case 'T': opt.T = std::atoi(v); break;
      case 'O': pair_option(v, opt.o_del, opt.o_ins); break;
      case 'E': pair_option(v, opt.e_del, opt.e_ins); break;
      case 'L': pair_option(v, opt.pen_clip5, opt.pen_clip3); break;
      default: std::fprintf(stderr, "unknown option %s\n", argv[arg]); return 2;
    }
  }
  if (argc - arg < 2) {
    std::fprintf(stderr, "usage: %s [bwa options] INDEX_PREFIX READS.fq[.gz] [--time]\n", argv[0]);
    return 2;
  }
  const bool timing = argc - arg > 2 && std::strcmp(argv[arg + 2], "--time") == 0;
  try {
    const auto index = helicase::reference::ReferenceIndex::load(argv[arg]);
    helicase::align::fill_scoring_matrix(opt);
    gzFile f = gzopen(argv[arg + 1], "rb");
    if (f == nullptr) {
      std::fprintf(stderr, "cannot open %s\n", argv[arg + 1]);
      return 4;
    }
    std::vector<std::vector<std::uint8_t>> reads;
    std::string name, seq, plus, qual;
    while (read_line(f, name) && read_line(f, seq) && read_line(f, plus) && read_line(f, qual)) {
      std::vector<std::uint8_t> codes(seq.size());
      for (std::size_t i = 0; i < seq.size(); ++i) codes[i] = helicase::reference::read_base_code(seq[i]);
      reads.push_back(std::move(codes));
    }
    gzclose(f);
    const auto t0 = std::chrono::steady_clock::now();
    std::size_t total = 0;
    for (const auto& r : reads) {
      const auto regs = helicase::align::find_regions(opt, index, r);
      total += regs.size();
      if (timing) continue;
      std::printf("* %ld chains remain after removing duplicated chains\n", static_cast<long>(regs.size()));
      for (const auto& p : regs)
        std::printf("** %d, [%d,%d) <=> [%ld,%ld)\n", p.score, p.qb, p.qe, static_cast<long>(p.rb), static_cast<long>(p.re));
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (timing)
      std::fprintf(stderr, "%zu reads in %.2f s: %.0f reads/s (%zu regions)\n", reads.size(), s,
                   static_cast<double>(reads.size()) / s, total);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "align_regions_probe: %s\n", e.what());
    return 3;
  }
}
