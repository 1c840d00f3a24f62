// reference.hpp -- the reference FASTA as GATK's BQSR sees it (HTSlib faidx underneath).
//
// Bases come upper-cased with IUPAC codes turned into N (CachingIndexedFastaSequenceFile's
// defaults); any other character is marked and reported (exit 3) when a read needs it.
// Contigs are loaded whole, one or two at a time (a coordinate-sorted input touches each
// once). The .fai is built beside the FASTA when missing. check_compatible() applies the
// contig rule of architecture.md: shared names must have equal lengths (exit 3), and at
// least one contig must be shared.
#pragma once

#include <htslib/faidx.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "bqsr/intervals.hpp"
#include "bqsr/plain_fasta.hpp"

namespace helicase::bqsr {

inline constexpr char kBadRefBase = '?';

class Reference {
 public:
  explicit Reference(const std::string& path);
  ~Reference();
  Reference(const Reference&) = delete;
  Reference& operator=(const Reference&) = delete;

  const ContigDict& contigs() const { return dict_; }
  const std::string& path() const { return path_; }
  // The whole normalized sequence of contig `tid` (index in contigs()). Thread-safe.
  std::shared_ptr<const std::string> contig(int tid);

 private:
  std::string path_;
  faidx_t* fai_ = nullptr;
  std::unique_ptr<PlainFasta> plain_;  // fast whole-contig reads of an uncompressed FASTA
  ContigDict dict_;
  std::mutex mutex_;
  std::vector<std::pair<int, std::shared_ptr<const std::string>>> cache_;  // most recent last
};

// `other` names another file's dictionary (`what` describes it in messages).
void check_compatible(const ContigDict& ref, const ContigDict& other, const std::string& what, bool require_shared);

}  // namespace helicase::bqsr
