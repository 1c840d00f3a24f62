// read_threading.hpp -- local re-assembly of one region (GATK 4.6.2.0 ReadThreadingAssembler
// with ReadThreadingGraph), from reads to candidate haplotype sequences.
//
// For each k (10, 25; then 35, 45, ... up to 6 retries when none worked, the last allowing
// non-unique reference k-mers and low-complexity graphs): k-mers that occur twice in one
// sequence (reference or read chunk) are non-unique; the reference is threaded first, then
// every read chunk (bases N or quality < 10 split reads; chunks shorter than k ignored),
// starting at the first unique k-mer (which also credits the up to k - 1 single-entry edges
// behind that vertex) and merging into existing unique k-mer vertices; edge multiplicities
// count reads (pruning uses the largest per-sample count). Low-weight chains
// (every edge with multiplicity < 2 and not on the reference) are pruned first; then a graph is
// rejected when the reference has non-unique k-mers (unless allowed; checked before building),
// when it has cycles, or when it is low-complexity (non-unique k-mers * 4 > unique vertices
// left) -- GATK 4.6's default order (pruning before cycle counting). Dangling tails and heads
// are merged back (recoverDanglingTails/Heads, min branch length 4, Smith-Waterman of the
// branch against the reference path -- for tails the path below the branching vertex, which
// may itself lie on an alternate branch; heads with the legacy merge), paths not connecting
// the reference source to the sink removed. The graph then becomes a SeqGraph (seq_graph.hpp:
// cleanNonRefPaths, zipping, MergeDiamonds/MergeTails/SplitCommonSuffices/MergeCommonSuffices),
// whose up to 128 best source-to-sink paths are taken by score (sum of log10(edge multiplicity
// / outgoing multiplicity)), ties broken by bases in reverse order, each vertex extended at most
// 128 times, after KBestHaplotypeFinder's cycle removal where dangling-end merges made cycles.
#pragma once

#include <string>
#include <vector>

#include "haplotypecaller/assembled_region.hpp"

namespace helicase::hc {

struct AssemblyOptions {
  std::vector<int> kmer_sizes{10, 25};
  int prune_factor = 2;
  int max_haplotypes = 128;
  int min_base_quality = 10;
  int min_dangling_branch = 4;
  bool recover_dangling = true;
};

struct AssembledHaplotype {
  std::string bases;
  double score = 0.0;
  int kmer = 0;
};

struct AssemblyOutcome {
  std::vector<AssembledHaplotype> haplotypes;  // per graph in k order, best first; duplicates removed
  std::vector<int> kmers_used;
};

AssemblyOutcome assemble_region(const std::string& ref_haplotype, const std::vector<RegionRead>& reads,
                                const AssemblyOptions& opt = {});

}  // namespace helicase::hc
