// seq_graph.hpp -- GATK 4.6.2.0's SeqGraph: the read-threading graph turned into a sequence
// graph, simplified, and searched for the best haplotypes (ReadThreadingAssembler.
// cleanupSeqGraph, SeqGraph.simplifyGraph, GraphBasedKBestHaplotypeFinder).
//
// The graph behaves as GATK's JGraphT DefaultDirectedGraph does: vertices and edges are
// iterated in insertion order (removal keeps the order of the rest), at most one edge joins two
// vertices (adding a second is ignored), self-loops are allowed. Vertices are compared by
// identity, as SeqVertex is. cleanup() is cleanupSeqGraph after BaseGraph.cleanNonRefPaths:
// zipLinearChains, removeSingletonOrphanVertices, removeVerticesNotConnectedToRef-
// RegardlessOfEdgeDirection, simplifyGraph (MergeDiamonds, MergeTails, SplitCommonSuffices,
// MergeCommonSuffices, zipLinearChains until nothing changes; from the 7th round also until the
// graph equals the previous round's), removePathsNotConnectedToRef, simplifyGraph again.
// best_paths() is GraphBasedKBestHaplotypeFinder on the reference source and sink, after
// KBestHaplotypeFinder's cycle removal when the graph has cycles.
#pragma once

#include <string>
#include <vector>

namespace helicase::hc {

class SeqGraph {
 public:
  struct Path {
    std::string bases;
    double score = 0.0;
  };

  explicit SeqGraph(int kmer) : kmer_(kmer) {}

  int add_vertex(std::string seq);
  // An edge from -> to; -1 (nothing added) when one already joins them.
  int add_edge(int from, int to, int multiplicity, bool ref);
  void remove_edge(int e);
  void remove_vertex(int v);

  // BaseGraph.cleanNonRefPaths.
  void clean_non_ref_paths();
  // ReadThreadingAssembler.cleanupSeqGraph; false when the reference source or sink is lost
  // (AssemblyResult JUST_ASSEMBLED_REFERENCE: the graph yields no haplotype).
  bool cleanup();
  // Up to n best reference-source -> reference-sink paths, best first.
  std::vector<Path> best_paths(int n) const;

  // Steps, exposed for the unit tests.
  bool zip_linear_chains();
  void simplify_graph();
  bool merge_diamonds();
  bool merge_tails();
  bool split_common_suffices();
  bool merge_common_suffices();

  // Inspection (live vertices/edges in iteration order).
  std::vector<int> vertices() const;
  std::vector<int> edges() const;
  const std::string& seq(int v) const { return v_[static_cast<std::size_t>(v)].seq; }
  int edge_from(int e) const { return e_[static_cast<std::size_t>(e)].from; }
  int edge_to(int e) const { return e_[static_cast<std::size_t>(e)].to; }
  int edge_multiplicity(int e) const { return e_[static_cast<std::size_t>(e)].mult; }
  bool edge_ref(int e) const { return e_[static_cast<std::size_t>(e)].ref; }
  const std::vector<int>& out_edges(int v) const { return v_[static_cast<std::size_t>(v)].out; }
  const std::vector<int>& in_edges(int v) const { return v_[static_cast<std::size_t>(v)].in; }
  int ref_source() const;  // first vertex (iteration order) that is a reference source; -1 if none
  int ref_sink() const;
  bool has_cycles() const;

 private:
  struct Vertex {
    std::string seq;
    bool alive = true;
    std::vector<int> in, out;
  };
  struct Edge {
    int from = -1, to = -1, mult = 0;
    bool ref = false, alive = true;
  };
  struct Snapshot {
    std::vector<std::string> seqs;
    std::vector<std::pair<std::string, std::string>> edges;
  };

  int in_degree(int v) const { return static_cast<int>(v_[static_cast<std::size_t>(v)].in.size()); }
  int out_degree(int v) const { return static_cast<int>(v_[static_cast<std::size_t>(v)].out.size()); }
  int find_edge(int from, int to) const;
  bool is_ref_source(int v) const;
  bool is_ref_sink(int v) const;
  bool is_reference_node(int v) const;
  bool any_ref_edge(const std::vector<int>& edges) const;  // one of these edges is on the reference
  // The vertices' sequences, and the shortest one's length in *min_len.
  std::vector<const std::string*> sequences_of(const std::vector<int>& vs, std::size_t* min_len) const;
  std::vector<int> outgoing_vertices(int v) const;
  std::vector<int> incoming_vertices(int v) const;
  void remove_singleton_orphans();
  void remove_not_connected_to_ref_any_direction();
  void remove_paths_not_connected_to_ref();
  bool simplify_once();
  bool remove_cycles(int source, int sink);
  bool split_shared_sequence(const std::vector<int>& middles, int top, int bottom);
  bool common_suffix_split(int v);
  bool shared_sequence_merge(int v);
  int live_vertex_count() const { return live_; }
  Snapshot snapshot() const;
  static bool snapshots_equal(const Snapshot& a, const Snapshot& b);

  int kmer_;
  int live_ = 0;  // live vertices
  std::vector<Vertex> v_;
  std::vector<Edge> e_;
};

}  // namespace helicase::hc
