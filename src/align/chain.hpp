// chain.hpp -- seeds to chains, as bwa 0.7.17's mem_chain, mem_chain_flt and
// mem_flt_chained_seeds.
//
// build_chains: every hit of every seed interval (at most max_occ per interval, sampled
// with bwa's stride), located by SA lookups, merged into the nearest chain at or below its
// position (bwa's B-tree, duplicate keys included) when colinear, else a new chain; chains
// come out in tree order. filter_chains: weights, bwa's unstable sort by weight, and the
// greedy overlap filter with kept = 1/2/3. filter_chained_seeds: for long reads only, drops
// seeds whose local SW score around them is too low.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "align/mem_types.hpp"
#include "bwa_smem/smem.hpp"
#include "reference/reference_index.hpp"

namespace helicase::align {

struct MemSeed {
  std::int64_t rbeg = 0;
  std::int32_t qbeg = 0, len = 0;
  int score = 0;
};

struct MemChain {
  std::vector<MemSeed> seeds;
  int first = -1, rid = -1;
  int w = 0, kept = 0, is_alt = 0;
  float frac_rep = 0.0f;
  std::int64_t pos = 0;
};

// bwa's kbtree (B-tree of minimum degree 5, mem_chain_t keys) keyed by chain position:
// only the operations mem_chain uses, with its handling of equal keys.
class ChainTree {
 public:
  void clear();
  bool empty() const { return n_keys_ == 0; }
  // Index of the chain at the largest position <= pos (an equal key as bwa finds it), or -1.
  int lower(std::int64_t pos) const;
  void insert(std::int64_t pos, int value);
  // Values in tree (in-order) order.
  void traverse(std::vector<int>& out) const;

 private:
  static constexpr int kT = 5, kMax = 2 * kT - 1;
  struct Node {
    bool internal = false;
    int n = 0;
    std::int64_t key[kMax];
    int value[kMax];
    int child[kMax + 1];
  };
  int find_in_node(const Node& x, std::int64_t k, int& r) const;
  void split(int x, int i, int y);
  void insert_nonfull(int x, std::int64_t k, int v);
  void traverse_node(int x, std::vector<int>& out) const;
  std::vector<Node> nodes_;
  int root_ = -1;
  int n_keys_ = 0;
};

// Reusable per-thread buffers of the chaining step.
struct ChainWorkspace {
  ChainTree tree;
  std::vector<MemChain> pool;  // chains, reused (their seed vectors keep their capacity)
  std::vector<int> order;
  std::vector<std::uint64_t> sa_rows, sa_pos;  // the seeds' suffix-array rows and positions
  std::vector<std::uint32_t> sa_interval;     // each seed's interval (index)
};

// mem_chain after mem_collect_intv: `chains` receives the chains in bwa's order.
void build_chains(const MemOptions& opt, const reference::ReferenceIndex& index, int len,
                  std::span<const kernels::SmemInterval> intervals, ChainWorkspace& ws, std::vector<MemChain>& chains);

int chain_weight(const MemChain& c);

// mem_chain_flt: keeps the chains bwa keeps, in its order.
void filter_chains(const MemOptions& opt, std::vector<MemChain>& chains);

// mem_flt_chained_seeds (a no-op for reads shorter than about 730 bases).
void filter_chained_seeds(const MemOptions& opt, const reference::ReferenceIndex& index,
                          std::span<const std::uint8_t> read, std::vector<MemChain>& chains);

// Reference bases of T[beg, end) (one strand; bns_get_seq) into out.
void fetch_text(const reference::ReferenceIndex& index, std::int64_t beg, std::int64_t end, std::vector<std::uint8_t>& out);

}  // namespace helicase::align
