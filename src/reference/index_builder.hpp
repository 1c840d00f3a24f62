// index_builder.hpp -- helicase-index's job: a BWA index, .fai and .dict for one FASTA.
//
// build_reference_index() reads the FASTA once (scan + pack), then writes, all under the
// prefix P (default: the FASTA path) and nothing beside the FASTA when P is elsewhere:
//   P.ann P.amb P.pac P.bwt P.sa   byte-identical to `bwa index -p P` (0.7.17)
//   P.fai (+ P.gzi for BGZF)       what `samtools faidx` writes (HTSlib's fai_build3);
//                                  not for plain gzip, which samtools cannot index either
//   <P minus .fa/.fasta/...>.dict  what Picard CreateSequenceDictionary writes
// The .fai is built on its own thread while the suffix array is sorted. Every file is
// written under a temporary name and the set is renamed into place only when all are
// complete: a failure leaves none of them (exit 3 bad FASTA, exit 4 I/O). Before sorting, the
// peak memory is estimated (fm_build_peak_bytes) and the run refused with exit 4 if it
// exceeds the memory limit, rather than being killed by the system half-way.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/log.hpp"
#include "common/thread_pool.hpp"
#include "reference/bwt_builder.hpp"
#include "reference/fasta_scanner.hpp"

namespace helicase::reference {

struct IndexPaths {
  std::string ann, amb, pac, bwt, sa, fai, gzi, dict;
  static IndexPaths for_prefix(const std::string& prefix);
};

struct IndexBuildOptions {
  std::string ref;
  std::string prefix;  // empty: the FASTA path
  SaIndexWidth sa_width = SaIndexWidth::Auto;
  std::uint64_t memory_limit = 0;  // bytes the suffix sort may use; 0 = the machine's RAM
};

struct IndexBuildReport {
  FastaScanSummary scan;
  std::uint64_t l_pac = 0;
  std::size_t contigs = 0;
  std::size_t ambiguous_runs = 0;
  std::vector<std::string> written;  // final paths, in the order they were committed
  double read_seconds = 0, bwt_seconds = 0, total_seconds = 0;
};

IndexBuildReport build_reference_index(const IndexBuildOptions& options, ThreadPool& pool, Logger& log);

}  // namespace helicase::reference
