// read_threading.cpp -- the read-threading de Bruijn graph and k-best haplotype paths.
#include "haplotypecaller/read_threading.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <queue>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace helicase::hc {
namespace {

struct Edge {
  int from = -1, to = -1;
  int mult = 0;
  int single = 0;       // current sample's multiplicity (flushed per sample group)
  int pruning = 0;      // largest per-sample multiplicity
  bool ref = false;
  bool alive = true;
};

struct Vertex {
  std::string kmer;
  std::vector<int> out, in;  // edge indices, insertion order
  bool alive = true;
};

struct Chunk {
  std::string_view seq;   // whole read (or reference)
  std::size_t start = 0, stop = 0;
  bool ref = false;
};

class Graph {
 public:
  explicit Graph(int k) : k_(k) {}

  bool build(const std::string& ref, const std::vector<Chunk>& reads) {
    // Non-unique k-mers: any k-mer seen twice within one sequence (from its position 0 to its stop).
    auto add_non_unique = [&](std::string_view seq, std::size_t stop) {
      std::unordered_set<std::string_view> seen;
      if (stop < static_cast<std::size_t>(k_)) return;
      for (std::size_t i = 0; i + k_ <= stop; ++i) {
        const std::string_view km = seq.substr(i, static_cast<std::size_t>(k_));
        if (!seen.insert(km).second) non_unique_.insert(std::string(km));
      }
    };
    add_non_unique(ref, ref.size());
    for (const Chunk& c : reads) add_non_unique(c.seq, c.stop);
    thread(Chunk{ref, 0, ref.size(), true});
    flush();
    for (const Chunk& c : reads) thread(c);
    flush();
    return true;
  }

  std::size_t non_unique_count() const { return non_unique_.size(); }
  std::size_t unique_count() const { return unique_.size(); }

  bool has_cycles() const {
    std::vector<int> state(vertices_.size(), 0);
    for (std::size_t s = 0; s < vertices_.size(); ++s) {
      if (!vertices_[s].alive || state[s]) continue;
      std::vector<std::pair<int, std::size_t>> stack{{static_cast<int>(s), 0}};
      state[s] = 1;
      while (!stack.empty()) {
        auto& [v, i] = stack.back();
        const auto& outs = vertices_[static_cast<std::size_t>(v)].out;
        if (i < outs.size()) {
          const Edge& e = edges_[static_cast<std::size_t>(outs[i++])];
          if (!e.alive) continue;
          const auto t = static_cast<std::size_t>(e.to);
          if (state[t] == 1) return true;
          if (state[t] == 0) {
            state[t] = 1;
            stack.push_back({e.to, 0});
          }
        } else {
          state[static_cast<std::size_t>(v)] = 2;
          stack.pop_back();
        }
      }
    }
    return false;
  }

  // LowWeightChainPruner.
  void prune(int factor) {
    std::vector<std::vector<int>> chains;
    std::deque<int> starts;
    std::unordered_set<int> seen;
    for (std::size_t v = 0; v < vertices_.size(); ++v) {
      if (vertices_[v].alive && in_degree(static_cast<int>(v)) == 0) {
        starts.push_back(static_cast<int>(v));
        seen.insert(static_cast<int>(v));
      }
    }
    while (!starts.empty()) {
      const int s = starts.front();
      starts.pop_front();
      for (int e0 : live_out(s)) {
        std::vector<int> chain{e0};
        int last = edges_[static_cast<std::size_t>(e0)].to;
        for (;;) {
          const std::vector<int> outs = live_out(last);
          if (outs.size() != 1 || in_degree(last) > 1 || last == s) break;
          chain.push_back(outs[0]);
          last = edges_[static_cast<std::size_t>(outs[0])].to;
        }
        chains.push_back(chain);
        if (seen.insert(last).second) starts.push_back(last);
      }
    }
    for (const auto& chain : chains) {
      bool prune_it = true;
      for (int e : chain) {
        const Edge& ed = edges_[static_cast<std::size_t>(e)];
        if (ed.pruning >= factor || ed.ref) prune_it = false;
      }
      if (prune_it) {
        for (int e : chain) edges_[static_cast<std::size_t>(e)].alive = false;
      }
    }
    remove_orphans();
  }

  // removePathsNotConnectedToRef: keep vertices reachable from the ref source that reach the ref sink.
  void keep_ref_connected() {
    std::vector<char> fwd(vertices_.size(), 0), bwd(vertices_.size(), 0);
    std::vector<int> stack{ref_source_};
    fwd[static_cast<std::size_t>(ref_source_)] = 1;
    while (!stack.empty()) {
      const int v = stack.back();
      stack.pop_back();
      for (int e : live_out(v)) {
        const int t = edges_[static_cast<std::size_t>(e)].to;
        if (!fwd[static_cast<std::size_t>(t)]) {
          fwd[static_cast<std::size_t>(t)] = 1;
          stack.push_back(t);
        }
      }
    }
    stack = {ref_sink_};
    bwd[static_cast<std::size_t>(ref_sink_)] = 1;
    while (!stack.empty()) {
      const int v = stack.back();
      stack.pop_back();
      for (int e : vertices_[static_cast<std::size_t>(v)].in) {
        const Edge& ed = edges_[static_cast<std::size_t>(e)];
        if (!ed.alive) continue;
        if (!bwd[static_cast<std::size_t>(ed.from)]) {
          bwd[static_cast<std::size_t>(ed.from)] = 1;
          stack.push_back(ed.from);
        }
      }
    }
    for (std::size_t v = 0; v < vertices_.size(); ++v) {
      if (!(fwd[v] && bwd[v])) kill_vertex(static_cast<int>(v));
    }
  }

  // Merges dangling tails back into the reference path where their last bases match it.
  void recover_dangling_tails(int prune_factor, int min_len) {
    std::unordered_map<int, std::size_t> ref_index;
    for (std::size_t i = 0; i < ref_path_.size(); ++i) ref_index.emplace(ref_path_[i], i);
    const std::size_t nv = vertices_.size();
    for (std::size_t v = 0; v < nv; ++v) {
      if (!vertices_[v].alive || static_cast<int>(v) == ref_sink_ || !live_out(static_cast<int>(v)).empty()) continue;
      if (ref_index.count(static_cast<int>(v))) continue;
      // Walk back to the reference along single-parent vertices.
      std::string branch;
      int cur = static_cast<int>(v);
      bool ok = false;
      std::size_t anchor = 0;
      int last_in_mult = 0;
      for (int steps = 0; steps < 10000; ++steps) {
        const std::vector<int> ins = live_in(cur);
        if (ins.size() != 1) break;
        if (steps == 0) last_in_mult = edges_[static_cast<std::size_t>(ins[0])].mult;
        branch.push_back(vertices_[static_cast<std::size_t>(cur)].kmer.back());
        const int p = edges_[static_cast<std::size_t>(ins[0])].from;
        auto it = ref_index.find(p);
        if (it != ref_index.end()) {
          ok = true;
          anchor = it->second;
          break;
        }
        if (live_out(p).size() != 1) break;
        cur = p;
      }
      if (!ok || last_in_mult < prune_factor) continue;
      std::reverse(branch.begin(), branch.end());
      if (static_cast<int>(branch.size()) < min_len) continue;
      // The branch replaces ref bases after the anchor: find the shortest ref continuation whose
      // end matches the branch's last min_len bases (a substitution or indel before them).
      const std::size_t tail = static_cast<std::size_t>(min_len);
      const std::string_view btail = std::string_view(branch).substr(branch.size() - tail);
      for (std::size_t d = 0; d < 3 * branch.size() + 10; ++d) {
        // Candidate: the branch's last base corresponds to ref path vertex anchor + j.
        for (int sign = 0; sign < 2; ++sign) {
          const std::int64_t j = static_cast<std::int64_t>(branch.size()) + (sign ? -static_cast<std::int64_t>(d) : static_cast<std::int64_t>(d));
          if (sign && d == 0) continue;
          if (j < 1) continue;
          const std::size_t idx = anchor + static_cast<std::size_t>(j);
          if (idx >= ref_path_.size()) continue;
          // Ref bases ending at ref_path_[idx]: its kmer's last `tail` bases.
          const std::string& km = vertices_[static_cast<std::size_t>(ref_path_[idx])].kmer;
          std::string ref_tail;
          // Collect the last bases of ref path vertices idx-tail+1..idx.
          if (idx + 1 < tail + 1) continue;
          for (std::size_t t = idx + 1 - tail; t <= idx; ++t) ref_tail.push_back(vertices_[static_cast<std::size_t>(ref_path_[t])].kmer.back());
          (void)km;
          if (ref_tail == btail && idx + 1 < ref_path_.size()) {
            add_edge(static_cast<int>(v), ref_path_[idx + 1], 1, false);
            goto next_vertex;
          }
        }
      }
    next_vertex:;
    }
  }

  // Up to n best ref-source -> ref-sink paths, best score first, ties by bases.
  std::vector<AssembledHaplotype> best_paths(int n) const {
    struct Partial {
      double score;
      std::string bases;
      int v;
      bool operator<(const Partial& o) const {
        if (score != o.score) return score < o.score;
        return bases > o.bases;
      }
    };
    std::vector<AssembledHaplotype> out;
    if (ref_source_ < 0 || !vertices_[static_cast<std::size_t>(ref_source_)].alive) return out;
    std::priority_queue<Partial> pq;
    pq.push({0.0, vertices_[static_cast<std::size_t>(ref_source_)].kmer, ref_source_});
    std::size_t expansions = 0;
    while (!pq.empty() && static_cast<int>(out.size()) < n && expansions < 200000) {
      Partial p = pq.top();
      pq.pop();
      ++expansions;
      if (p.v == ref_sink_) {
        out.push_back({p.bases, p.score, k_});
        continue;
      }
      const std::vector<int> outs = live_out(p.v);
      double total = 0.0;
      for (int e : outs) total += edges_[static_cast<std::size_t>(e)].mult;
      for (int e : outs) {
        const Edge& ed = edges_[static_cast<std::size_t>(e)];
        Partial q{p.score + std::log10(ed.mult) - std::log10(total), p.bases, ed.to};
        q.bases.push_back(vertices_[static_cast<std::size_t>(ed.to)].kmer.back());
        pq.push(std::move(q));
      }
    }
    return out;
  }

  int ref_source() const { return ref_source_; }

 private:
  int in_degree(int v) const {
    int n = 0;
    for (int e : vertices_[static_cast<std::size_t>(v)].in) n += edges_[static_cast<std::size_t>(e)].alive ? 1 : 0;
    return n;
  }
  std::vector<int> live_out(int v) const {
    std::vector<int> r;
    for (int e : vertices_[static_cast<std::size_t>(v)].out) {
      if (edges_[static_cast<std::size_t>(e)].alive) r.push_back(e);
    }
    return r;
  }
  std::vector<int> live_in(int v) const {
    std::vector<int> r;
    for (int e : vertices_[static_cast<std::size_t>(v)].in) {
      if (edges_[static_cast<std::size_t>(e)].alive) r.push_back(e);
    }
    return r;
  }
  void kill_vertex(int v) {
    Vertex& vx = vertices_[static_cast<std::size_t>(v)];
    if (!vx.alive) return;
    vx.alive = false;
    for (int e : vx.out) edges_[static_cast<std::size_t>(e)].alive = false;
    for (int e : vx.in) edges_[static_cast<std::size_t>(e)].alive = false;
    auto it = unique_.find(vx.kmer);
    if (it != unique_.end() && it->second == v) unique_.erase(it);
  }
  void remove_orphans() {
    for (std::size_t v = 0; v < vertices_.size(); ++v) {
      if (vertices_[v].alive && live_out(static_cast<int>(v)).empty() && in_degree(static_cast<int>(v)) == 0) {
        kill_vertex(static_cast<int>(v));
      }
    }
  }
  int create_vertex(std::string_view km) {
    const int id = static_cast<int>(vertices_.size());
    vertices_.push_back(Vertex{std::string(km), {}, {}, true});
    const std::string key(km);
    if (!non_unique_.count(key) && !unique_.count(key)) unique_.emplace(key, id);
    return id;
  }
  int add_edge(int from, int to, int count, bool ref) {
    const int id = static_cast<int>(edges_.size());
    Edge e;
    e.from = from;
    e.to = to;
    e.mult = count;
    e.single = count;
    e.ref = ref;
    edges_.push_back(e);
    vertices_[static_cast<std::size_t>(from)].out.push_back(id);
    vertices_[static_cast<std::size_t>(to)].in.push_back(id);
    return id;
  }
  void flush() {
    for (Edge& e : edges_) {
      e.pruning = std::max(e.pruning, e.single);
      e.single = 0;
    }
  }
  int find_unique(std::string_view km, bool allow_ref_source) const {
    if (!allow_ref_source && ref_source_ >= 0 && vertices_[static_cast<std::size_t>(ref_source_)].kmer == km) return -1;
    auto it = unique_.find(std::string(km));
    return it == unique_.end() ? -1 : it->second;
  }
  void thread(const Chunk& c) {
    const auto k = static_cast<std::size_t>(k_);
    std::size_t start = c.start;
    if (!c.ref) {
      bool found = false;
      for (std::size_t i = c.start; i + k < c.stop; ++i) {
        if (!non_unique_.count(std::string(c.seq.substr(i, k)))) {
          start = i;
          found = true;
          break;
        }
      }
      if (!found) return;
    }
    const std::string_view first = c.seq.substr(start, k);
    int v = find_unique(first, true);
    if (v < 0) v = create_vertex(first);
    if (c.ref) {
      ref_source_ = v;
      ref_path_.push_back(v);
    }
    for (std::size_t i = start + 1; i + k <= c.stop; ++i) {
      const char next = c.seq[i + k - 1];
      int target = -1;
      for (int e : vertices_[static_cast<std::size_t>(v)].out) {
        Edge& ed = edges_[static_cast<std::size_t>(e)];
        if (vertices_[static_cast<std::size_t>(ed.to)].kmer.back() == next) {
          ed.mult += 1;
          ed.single += 1;
          if (c.ref) ed.ref = true;
          target = ed.to;
          break;
        }
      }
      if (target < 0) {
        const std::string_view km = c.seq.substr(i, k);
        int merge = find_unique(km, false);
        if (c.ref) merge = -1;
        target = merge >= 0 ? merge : create_vertex(km);
        add_edge(v, target, 1, c.ref);
      }
      v = target;
      if (c.ref) ref_path_.push_back(v);
    }
    if (c.ref) ref_sink_ = v;
  }

  int k_;
  std::vector<Vertex> vertices_;
  std::vector<Edge> edges_;
  std::unordered_set<std::string> non_unique_;
  std::unordered_map<std::string, int> unique_;
  int ref_source_ = -1, ref_sink_ = -1;
  std::vector<int> ref_path_;
};

bool ref_has_non_unique(const std::string& ref, int k) {
  std::unordered_set<std::string_view> seen;
  const auto kk = static_cast<std::size_t>(k);
  for (std::size_t i = 0; i + kk <= ref.size(); ++i) {
    if (!seen.insert(std::string_view(ref).substr(i, kk)).second) return true;
  }
  return false;
}

// One graph for k; empty optional-like result (false) when it fails.
bool try_graph(const std::string& ref, const std::vector<Chunk>& chunks, int k, bool allow_non_unique,
               bool allow_low_complexity, const AssemblyOptions& opt, std::vector<AssembledHaplotype>& out) {
  if (static_cast<int>(ref.size()) < k) return false;
  if (!allow_non_unique && ref_has_non_unique(ref, k)) return false;
  std::vector<Chunk> usable;
  for (const Chunk& c : chunks) {
    if (c.stop - c.start >= static_cast<std::size_t>(k)) usable.push_back(c);
  }
  Graph g(k);
  g.build(ref, usable);
  if (g.has_cycles()) return false;
  if (!allow_low_complexity && g.non_unique_count() * 4 > g.unique_count()) return false;
  g.prune(opt.prune_factor);
  if (opt.recover_dangling) g.recover_dangling_tails(opt.prune_factor, opt.min_dangling_branch);
  g.keep_ref_connected();
  if (g.has_cycles()) return false;
  out = g.best_paths(opt.max_haplotypes);
  return true;
}

}  // namespace

AssemblyOutcome assemble_region(const std::string& ref_haplotype, const std::vector<RegionRead>& reads,
                                const AssemblyOptions& opt) {
  // Read chunks: maximal runs of usable bases (not N, quality >= min).
  std::vector<Chunk> chunks;
  for (const RegionRead& r : reads) {
    std::size_t i = 0;
    const std::size_t n = r.bases.size();
    while (i < n) {
      while (i < n && (r.bases[i] == 'N' || r.quals[i] < opt.min_base_quality)) ++i;
      const std::size_t s = i;
      while (i < n && r.bases[i] != 'N' && r.quals[i] >= opt.min_base_quality) ++i;
      if (i > s) chunks.push_back(Chunk{r.bases, s, i, false});
    }
  }
  AssemblyOutcome outcome;
  std::set<std::string> seen;
  auto add = [&](std::vector<AssembledHaplotype>& hs, int k) {
    outcome.kmers_used.push_back(k);
    for (auto& h : hs) {
      if (seen.insert(h.bases).second) outcome.haplotypes.push_back(std::move(h));
    }
  };
  int max_k = 0;
  for (int k : opt.kmer_sizes) {
    std::vector<AssembledHaplotype> hs;
    if (try_graph(ref_haplotype, chunks, k, false, false, opt, hs)) add(hs, k);
    max_k = std::max(max_k, k);
  }
  if (outcome.kmers_used.empty()) {
    int k = max_k + 10;
    for (int it = 1; it <= 6 && outcome.kmers_used.empty(); ++it, k += 10) {
      const bool last = it == 6;
      std::vector<AssembledHaplotype> hs;
      if (try_graph(ref_haplotype, chunks, k, last, last, opt, hs)) add(hs, k);
    }
  }
  return outcome;
}

}  // namespace helicase::hc
