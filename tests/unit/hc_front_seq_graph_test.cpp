// hc_front_seq_graph_test.cpp -- SeqGraph steps on small graphs whose results were worked out by
// hand from GATK 4.6.2.0's code: zipLinearChains, MergeDiamonds (SharedVertexSequenceSplitter),
// MergeTails, SplitCommonSuffices + MergeCommonSuffices, cleanupSeqGraph + k-best paths, and
// KBestHaplotypeFinder's cycle removal (which also drops edges into any vertex already visited).
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "haplotypecaller/seq_graph.hpp"

namespace helicase::hc {
namespace {

// Live edges as (source sequence, target sequence, multiplicity, ref), in iteration order.
std::vector<std::tuple<std::string, std::string, int, bool>> edge_list(const SeqGraph& g) {
  std::vector<std::tuple<std::string, std::string, int, bool>> r;
  for (int e : g.edges()) r.emplace_back(g.seq(g.edge_from(e)), g.seq(g.edge_to(e)), g.edge_multiplicity(e), g.edge_ref(e));
  return r;
}

std::vector<std::string> vertex_seqs(const SeqGraph& g) {
  std::vector<std::string> r;
  for (int v : g.vertices()) r.push_back(g.seq(v));
  return r;
}

using E = std::tuple<std::string, std::string, int, bool>;

TEST(HcFrontSeqGraph, ZipLinearChainsJoinsRunsOfEqualReferenceStatus) {
  // ACG -> T -> T -> C (all reference) and T(first) -> A -> C (alternate): the chains are
  // [A] (alone, its target C has two parents) and none of the reference vertices after the
  // branch except the lone T -> T; zipping gives ACGT -> T, ACGT -> A, T -> C, A -> C.
  SeqGraph g(3);
  const int a = g.add_vertex("ACG"), t1 = g.add_vertex("T"), t2 = g.add_vertex("T"), c = g.add_vertex("C"), alt = g.add_vertex("A");
  g.add_edge(a, t1, 4, true);
  g.add_edge(t1, t2, 2, true);
  g.add_edge(t2, c, 2, true);
  g.add_edge(t1, alt, 2, false);
  g.add_edge(alt, c, 2, false);
  EXPECT_TRUE(g.zip_linear_chains());
  // Starts: ACG (no parent) -> chain [ACG, T]; T(2nd) (parent has two children) -> [T] alone;
  // A -> [A] alone. Only the first is merged: a new vertex "ACGT" after the others.
  EXPECT_EQ(vertex_seqs(g), (std::vector<std::string>{"T", "C", "A", "ACGT"}));
  EXPECT_EQ(edge_list(g), (std::vector<E>{{"T", "C", 2, true}, {"A", "C", 2, false}, {"ACGT", "T", 2, true}, {"ACGT", "A", 2, false}}));
  EXPECT_FALSE(g.zip_linear_chains());
}

TEST(HcFrontSeqGraph, MergeDiamondsSplitsTheSharedSuffixOfABubble) {
  // top ACG -> {TTC (ref, 5), ATC (3)} -> bottom A. Common prefix "", common suffix "TC": the
  // middles become T and A, a new TC vertex joins them to the bottom with an edge of
  // multiplicity 1 (makeOREdge), reference because one incoming edge is.
  SeqGraph g(3);
  const int top = g.add_vertex("ACG"), m1 = g.add_vertex("TTC"), m2 = g.add_vertex("ATC"), bot = g.add_vertex("A");
  g.add_edge(top, m1, 5, true);
  g.add_edge(top, m2, 3, false);
  g.add_edge(m1, bot, 5, true);
  g.add_edge(m2, bot, 3, false);
  EXPECT_TRUE(g.merge_diamonds());
  EXPECT_EQ(vertex_seqs(g), (std::vector<std::string>{"ACG", "A", "T", "A", "TC"}));
  EXPECT_EQ(edge_list(g), (std::vector<E>{{"TC", "A", 1, true},
                                          {"ACG", "T", 5, true},
                                          {"ACG", "A", 3, false},
                                          {"T", "TC", 5, true},
                                          {"A", "TC", 3, false}}));
  // Cleanup zips TC with the bottom; the two paths keep their scores.
  SeqGraph h = g;
  ASSERT_TRUE(h.cleanup());
  const auto paths = h.best_paths(128);
  ASSERT_EQ(paths.size(), 2u);
  EXPECT_EQ(paths[0].bases, "ACGTTCA");
  EXPECT_DOUBLE_EQ(paths[0].score, std::log10(5.0) - std::log10(8.0));
  EXPECT_EQ(paths[1].bases, "ACGATCA");
  EXPECT_DOUBLE_EQ(paths[1].score, std::log10(3.0) - std::log10(8.0));
}

TEST(HcFrontSeqGraph, MergeDiamondsWithAnEmptyMiddleSumsIntoOnePrefixSuffixEdge) {
  // top GG -> {CAT (2), AT (1), T (4)} -> bottom C: suffix "T" (min length 1), no prefix. T is
  // all suffix: its in- and out-edges become one prefix -> suffix edge of 4 + 4 = 8, joined as
  // top -> suffix; CA and A become new middles.
  SeqGraph g(3);
  const int top = g.add_vertex("GG"), m1 = g.add_vertex("CAT"), m2 = g.add_vertex("AT"), m3 = g.add_vertex("T"), bot = g.add_vertex("C");
  g.add_edge(top, m1, 2, false);
  g.add_edge(top, m2, 1, false);
  g.add_edge(top, m3, 4, true);
  g.add_edge(m1, bot, 2, false);
  g.add_edge(m2, bot, 1, false);
  g.add_edge(m3, bot, 4, true);
  EXPECT_TRUE(g.merge_diamonds());
  EXPECT_EQ(vertex_seqs(g), (std::vector<std::string>{"GG", "C", "CA", "A", "T"}));
  EXPECT_EQ(edge_list(g), (std::vector<E>{{"T", "C", 1, true},
                                          {"GG", "CA", 2, false},
                                          {"GG", "A", 1, false},
                                          {"GG", "T", 8, true},
                                          {"CA", "T", 2, false},
                                          {"A", "T", 1, false}}));
}

TEST(HcFrontSeqGraph, MergeTailsNeedsTenSharedBases) {
  // top ACGT -> two sinks sharing an 11-base suffix: split into A, T and the suffix; the tails'
  // missing out-edges count as multiplicity 0. With 2 shared bases nothing happens.
  SeqGraph g(3);
  const int top = g.add_vertex("ACGT"), t1 = g.add_vertex("AAAAACCCCCGT"), t2 = g.add_vertex("TAAAACCCCCGT");
  g.add_edge(top, t1, 3, false);
  g.add_edge(top, t2, 2, false);
  EXPECT_TRUE(g.merge_tails());
  EXPECT_EQ(vertex_seqs(g), (std::vector<std::string>{"ACGT", "A", "T", "AAAACCCCCGT"}));
  EXPECT_EQ(edge_list(g), (std::vector<E>{{"ACGT", "A", 3, false},
                                          {"ACGT", "T", 2, false},
                                          {"A", "AAAACCCCCGT", 0, false},
                                          {"T", "AAAACCCCCGT", 0, false}}));
  SeqGraph s(3);
  const int top2 = s.add_vertex("ACGT"), u1 = s.add_vertex("AAACCCCCGT"), u2 = s.add_vertex("TACCCCCGGT");
  s.add_edge(top2, u1, 3, false);
  s.add_edge(top2, u2, 2, false);
  EXPECT_FALSE(s.merge_tails());
}

TEST(HcFrontSeqGraph, SplitThenMergeCommonSuffixMovesItIntoTheChild) {
  // TT -> CAC -> G and AA -> GAC -> G, G -> T: CommonSuffixSplitter gives each parent its own
  // "AC" (C -> AC, G -> AC, each AC -> G).
  SeqGraph g(3);
  const int p1 = g.add_vertex("TT"), a = g.add_vertex("CAC"), v = g.add_vertex("G"), p2 = g.add_vertex("AA"), b = g.add_vertex("GAC"),
            w = g.add_vertex("T");
  g.add_edge(p1, a, 2, false);
  g.add_edge(a, v, 2, false);
  g.add_edge(p2, b, 3, false);
  g.add_edge(b, v, 3, false);
  g.add_edge(v, w, 5, false);
  EXPECT_TRUE(g.split_common_suffices());
  EXPECT_EQ(vertex_seqs(g), (std::vector<std::string>{"TT", "G", "AA", "T", "AC", "C", "AC", "G"}));
  EXPECT_EQ(edge_list(g), (std::vector<E>{{"G", "T", 5, false},
                                          {"C", "AC", 1, false},
                                          {"AC", "G", 2, false},
                                          {"TT", "C", 2, false},
                                          {"G", "AC", 1, false},
                                          {"AC", "G", 3, false},
                                          {"AA", "G", 3, false}}));
  // SharedSequenceMerger folds the two AC into G (ACG, with their in-edges C -> and G -> and
  // G's out-edge -> T); the transformer then starts again and, since a single parent with a
  // parent of its own also qualifies, folds ACG into T: C -> ACGT, G -> ACGT.
  EXPECT_TRUE(g.merge_common_suffices());
  EXPECT_EQ(vertex_seqs(g), (std::vector<std::string>{"TT", "AA", "C", "G", "ACGT"}));
  EXPECT_EQ(edge_list(g), (std::vector<E>{{"TT", "C", 2, false}, {"AA", "G", 3, false}, {"C", "ACGT", 1, false}, {"G", "ACGT", 1, false}}));
}

TEST(HcFrontSeqGraph, CycleRemovalDropsEdgesIntoVisitedVertices) {
  // src -> a -> d, src -> b -> d, d -> snk (reference src-a-d-snk) and a cycle d -> e -> d.
  // The walk from src visits a, d, snk, then e (edge e -> d dropped, e does not reach the sink:
  // dropped), then b, whose edge into the visited d is dropped too, so b goes: one path left.
  SeqGraph g(3);
  const int src = g.add_vertex("ACG"), a = g.add_vertex("T"), b = g.add_vertex("C"), d = g.add_vertex("G"), snk = g.add_vertex("A"),
            e = g.add_vertex("T");
  g.add_edge(src, a, 3, true);
  g.add_edge(src, b, 3, false);
  g.add_edge(a, d, 3, true);
  g.add_edge(b, d, 3, false);
  g.add_edge(d, snk, 6, true);
  g.add_edge(d, e, 1, false);
  g.add_edge(e, d, 1, false);
  ASSERT_TRUE(g.has_cycles());
  const auto paths = g.best_paths(128);
  ASSERT_EQ(paths.size(), 1u);
  EXPECT_EQ(paths[0].bases, "ACGTGA");
  // Score on the graph after the removal: src has only src -> a left, d only d -> snk.
  EXPECT_DOUBLE_EQ(paths[0].score, 0.0);
  // Without the cycle both branches stay.
  SeqGraph h(3);
  const int s2 = h.add_vertex("ACG"), a2 = h.add_vertex("T"), b2 = h.add_vertex("C"), d2 = h.add_vertex("G"), k2 = h.add_vertex("A");
  h.add_edge(s2, a2, 3, true);
  h.add_edge(s2, b2, 1, false);
  h.add_edge(a2, d2, 3, true);
  h.add_edge(b2, d2, 1, false);
  h.add_edge(d2, k2, 4, true);
  const auto two = h.best_paths(128);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].bases, "ACGTGA");
  EXPECT_EQ(two[1].bases, "ACGCGA");
}

TEST(HcFrontSeqGraph, CleanupOfAReferenceOnlyGraphLeavesOneVertexAndADummy) {
  // A single reference chain zips to one vertex; cleanupSeqGraph adds an empty vertex behind it
  // (reference edge of multiplicity 0) so that source and sink differ.
  SeqGraph g(3);
  const int a = g.add_vertex("ACG"), b = g.add_vertex("T"), c = g.add_vertex("A");
  g.add_edge(a, b, 1, true);
  g.add_edge(b, c, 1, true);
  ASSERT_TRUE(g.cleanup());
  EXPECT_EQ(vertex_seqs(g), (std::vector<std::string>{"ACGTA", ""}));
  const auto paths = g.best_paths(128);
  ASSERT_EQ(paths.size(), 1u);
  EXPECT_EQ(paths[0].bases, "ACGTA");
}

TEST(HcFrontSeqGraph, SimplificationKeepsEverySourceToSinkSequenceOfDeBruijnLikeGraphs) {
  // Random acyclic graphs shaped like converted read-threading graphs (a reference chain with
  // the reference source first, alternate edges and vertices, the children of a vertex starting
  // with different bases): cleanup must keep the set of reference-source -> sink sequences and
  // the reference path's sequence (GATK's sanityCheckReferenceGraph).
  std::mt19937 rng(7);
  const char* acgt = "ACGT";
  auto rand_seq = [&](int len) {
    std::string s;
    for (int j = 0; j < len; ++j) s.push_back(acgt[rng() % 4]);
    return s;
  };
  for (int it = 0; it < 3000; ++it) {
    SeqGraph g(3);
    const int n = 4 + static_cast<int>(rng() % 10);
    std::vector<int> v;
    std::string ref;
    for (int i = 0; i < n; ++i) {
      v.push_back(g.add_vertex(rand_seq(i == 0 ? 3 : 1 + static_cast<int>(rng() % 4))));
      ref += g.seq(v.back());
    }
    auto distinct_first_base = [&](int a, int b) {
      for (int e : g.out_edges(a)) {
        if (g.seq(g.edge_to(e))[0] == g.seq(b)[0]) return false;
      }
      return true;
    };
    for (int i = 0; i + 1 < n; ++i) g.add_edge(v[static_cast<std::size_t>(i)], v[static_cast<std::size_t>(i + 1)], 1 + static_cast<int>(rng() % 5), true);
    for (int k = static_cast<int>(rng() % 8); k > 0; --k) {
      const int a = v[rng() % v.size()], b = v[rng() % v.size()];
      if (a < b && distinct_first_base(a, b)) g.add_edge(a, b, 1 + static_cast<int>(rng() % 5), false);
    }
    for (int k = static_cast<int>(rng() % 5); k > 0; --k) {
      const int x = g.add_vertex(rand_seq(1 + static_cast<int>(rng() % 3)));
      const int a = v[rng() % v.size()], b = v[rng() % v.size()];
      if (a < b && distinct_first_base(a, x)) {
        g.add_edge(a, x, 1 + static_cast<int>(rng() % 3), false);
        g.add_edge(x, b, 1 + static_cast<int>(rng() % 3), false);
      }
    }
    std::set<std::string> before, after;
    for (const auto& p : g.best_paths(1 << 20)) before.insert(p.bases);
    SeqGraph h = g;
    h.clean_non_ref_paths();
    ASSERT_TRUE(h.cleanup()) << it;
    ASSERT_FALSE(h.has_cycles()) << it;
    for (const auto& p : h.best_paths(1 << 20)) after.insert(p.bases);
    ASSERT_EQ(before, after) << it;
    std::string ref_after;
    for (int x = h.ref_source(); x >= 0;) {
      ref_after += h.seq(x);
      int next = -1;
      for (int e : h.out_edges(x)) {
        if (h.edge_ref(e)) next = h.edge_to(e);
      }
      x = next;
    }
    ASSERT_EQ(ref_after, ref) << it;
  }
}

}  // namespace
}  // namespace helicase::hc
