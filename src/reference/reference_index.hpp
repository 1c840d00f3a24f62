// reference_index.hpp -- the in-memory BWA index the aligner uses, loaded from P.* files.
//
// ReferenceIndex::load() memory-maps P.bwt, P.sa and P.pac (written by helicase-index or
// by `bwa index`; the prefix may be anywhere, independent of the FASTA's folder) and parses
// P.ann and P.amb. It checks that the five files belong together (same reference length,
// same primary row and base counts, sizes that match the headers); a missing file is exit
// 4 naming it, files that do not belong together or are damaged are exit 3. fm() gives the
// flat view the HELICASE_HD queries of kernels/fmindex/fm_index.hpp run on (CPU, or copied
// to a GPU). check_index_matches_fasta() compares the contigs with the FASTA's (exit 3).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/thread_pool.hpp"
#include "fmindex/fm_index.hpp"
#include "reference/bns_files.hpp"
#include "reference/mapped_file.hpp"

namespace helicase::reference {

struct IndexLoadOptions {
  bool populate = true;  // read the files in at load time (MAP_POPULATE)
};

class ReferenceIndex {
 public:
  static ReferenceIndex load(const std::string& prefix, const IndexLoadOptions& options = {});

  const std::string& prefix() const { return prefix_; }
  const BnsInfo& bns() const { return bns_; }
  std::uint64_t l_pac() const { return bns_.l_pac; }
  const kernels::FmIndexView& fm() const { return fm_; }
  const std::uint8_t* pac() const { return pac_.data(); }
  // Base of the text T (forward strand then reverse complement) at 0 <= pos < 2 * l_pac.
  int text_base(std::uint64_t pos) const;

 private:
  std::string prefix_;
  BnsInfo bns_;
  MappedFile bwt_, sa_, pac_;
  kernels::FmIndexView fm_;
};

struct FastaContig {
  std::string name;
  std::uint64_t length = 0;
};

// Names and lengths of a FASTA's contigs: from FASTA.fai when it exists and is not older
// than the FASTA, otherwise by reading the FASTA.
std::vector<FastaContig> read_fasta_contigs(const std::string& fasta, ThreadPool& pool);

// Exit 3 unless the index has the FASTA's contigs, in the same order, with the same lengths.
void check_index_matches_fasta(const ReferenceIndex& index, const std::string& fasta, ThreadPool& pool);

// Consistency of P.bwt, P.sa and P.pac: for `samples` positions spread over the forward
// strand, the k-mer there (from P.pac) is found by backward search and one of its rows maps
// back (SA) to a position holding the same k-mer. Exit 3 on the first disagreement.
// Returns the number of positions checked.
std::uint64_t verify_index_queries(const ReferenceIndex& index, std::uint64_t samples, ThreadPool& pool);

}  // namespace helicase::reference
