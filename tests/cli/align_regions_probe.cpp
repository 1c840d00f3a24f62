// align_regions_probe.cpp -- test-only: prints find_regions() for every read of a FASTQ the
// way `bwa mem -v 4` prints mem_align1_core's result, so the two can be diffed:
//   * <n> chains remain after removing duplicated chains
//   ** <score>, [<qb>,<qe>) <=> [<rb>,<re>)
// usage: align_regions_probe INDEX_PREFIX READS.fq[.gz] [--time]
// With --time it prints nothing per read, only "<reads> reads in <s> s: <reads/s> reads/s"
// on stderr (the seeding half alone, one thread).
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "align/mem_regions.hpp"
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

std::uint8_t nt4(char c) {
  switch (c) {
    case 'A': case 'a': return 0;
    case 'C': case 'c': return 1;
    case 'G': case 'g': return 2;
    case 'T': case 't': return 3;
    default: return 4;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s INDEX_PREFIX READS.fq[.gz] [--time]\n", argv[0]);
    return 2;
  }
  const bool timing = argc > 3 && std::strcmp(argv[3], "--time") == 0;
  try {
    const auto index = helicase::reference::ReferenceIndex::load(argv[1]);
    helicase::align::MemOptions opt;
    helicase::align::fill_scoring_matrix(opt);
    gzFile f = gzopen(argv[2], "rb");
    if (f == nullptr) {
      std::fprintf(stderr, "cannot open %s\n", argv[2]);
      return 4;
    }
    std::vector<std::vector<std::uint8_t>> reads;
    std::string name, seq, plus, qual;
    while (read_line(f, name) && read_line(f, seq) && read_line(f, plus) && read_line(f, qual)) {
      std::vector<std::uint8_t> codes(seq.size());
      for (std::size_t i = 0; i < seq.size(); ++i) codes[i] = nt4(seq[i]);
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
