// read_threading.cpp -- the read-threading de Bruijn graph and k-best haplotype paths.
#include "haplotypecaller/read_threading.hpp"

#include "haplotypecaller/seq_graph.hpp"
#include "hc_sw/hc_sw.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace helicase::hc {
namespace {

// Heterogeneous lookup: k-mer sets and maps are searched with string_views into the reads
// without building a std::string (a heap allocation for k > 15) per lookup.
struct KmerHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using KmerSet = std::unordered_set<std::string, KmerHash, std::equal_to<>>;
using KmerMap = std::unordered_map<std::string, int, KmerHash, std::equal_to<>>;

// determineNonUniqueKmers on one sequence: on_repeat(k-mer) for each k-mer of seq[0, stop) that
// occurs earlier in it too (more than once for k-mers seen three times or more). Each k-mer's
// rolling hash is sorted with its position (a reused integer buffer); only k-mers of equal hash
// are compared as strings.
using RepeatedKmerBuffer = std::vector<std::pair<std::uint64_t, std::uint32_t>>;
template <class OnRepeat>
void for_each_repeated_kmer(std::string_view seq, std::size_t stop, std::size_t k, RepeatedKmerBuffer& hashed,
                            OnRepeat on_repeat) {
  if (k == 0 || stop < k) return;
  constexpr std::uint64_t kBase = 0x100000001b3ULL;
  std::uint64_t top = 1;  // kBase^(k-1)
  for (std::size_t i = 1; i < k; ++i) top *= kBase;
  std::uint64_t h = 0;
  for (std::size_t i = 0; i < k; ++i) h = h * kBase + static_cast<unsigned char>(seq[i]);
  hashed.clear();
  for (std::size_t i = 0;; ++i) {
    hashed.emplace_back(h, static_cast<std::uint32_t>(i));
    if (i + k >= stop) break;
    h = (h - static_cast<unsigned char>(seq[i]) * top) * kBase + static_cast<unsigned char>(seq[i + k]);
  }
  std::sort(hashed.begin(), hashed.end());
  for (std::size_t a = 0; a < hashed.size();) {
    std::size_t b = a + 1;
    while (b < hashed.size() && hashed[b].first == hashed[a].first) ++b;
    for (std::size_t x = a + 1; x < b; ++x) {
      const std::string_view kx = seq.substr(hashed[x].second, k);
      for (std::size_t y = a; y < x; ++y) {
        if (seq.substr(hashed[y].second, k) == kx) {
          on_repeat(kx);
          break;
        }
      }
    }
    a = b;
  }
}

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
    RepeatedKmerBuffer buffer;
    auto add_non_unique = [&](std::string_view seq, std::size_t stop) {
      for_each_repeated_kmer(seq, stop, static_cast<std::size_t>(k_), buffer, [&](std::string_view km) { non_unique_.emplace(km); });
    };
    add_non_unique(ref, ref.size());
    for (const Chunk& c : reads) add_non_unique(c.seq, c.stop);
    thread(Chunk{ref, 0, ref.size(), true});
    flush();
    for (const Chunk& c : reads) thread(c);
    flush();
    built_ = true;
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

  // AbstractReadThreadingGraph.recoverDanglingTails (recoverAll false, minMatchingBases -1):
  // the dangling branch up to its lowest common ancestor (a vertex with two out-edges, on the
  // reference or not) is aligned to the reference path below that ancestor (dangling-end SW
  // parameters, LEADING_INDEL); when the CIGAR has at most 3 elements and ends in M, the branch
  // is joined to that path where its longest matching suffix starts.
  void recover_dangling_tails(int prune_factor, int min_len) {
    const std::size_t nv = vertices_.size();
    std::vector<std::int32_t> scratch;
    std::vector<std::uint32_t> cig;
    for (std::size_t v0 = 0; v0 < nv; ++v0) {
      const int v = static_cast<int>(v0);
      if (!vertices_[v0].alive || v == ref_sink_ || !live_out(v).empty()) continue;
      std::deque<int> path;
      std::unordered_set<int> visited;
      int cur = v;
      bool loop = false;
      for (;;) {
        const std::vector<int> ins = live_in(cur);
        if (ins.size() != 1 || live_out(cur).size() >= 2) break;
        const Edge& e = edges_[static_cast<std::size_t>(ins[0])];
        if (e.pruning < prune_factor) {
          visited.insert(path.begin(), path.end());
          path.clear();
        } else {
          path.push_front(cur);
        }
        cur = e.from;
        if (visited.count(cur) || std::find(path.begin(), path.end(), cur) != path.end()) {
          loop = true;
          break;
        }
      }
      if (loop) continue;
      path.push_front(cur);
      if (live_out(cur).size() <= 1) continue;
      if (cur == ref_source_ || static_cast<int>(path.size()) < std::max(1, min_len) + 1) continue;
      // getReferencePath(ancestor, downwards, blacklisted = the edge into the branch): follow
      // reference edges, or the single other out-edge where there is none (the ancestor may be
      // a non-reference vertex).
      const std::vector<int> ref_down = reference_path_down(cur, heaviest(live_in(path[1])));
      std::string ref_bases, alt_bases;
      for (int x : ref_down) ref_bases.push_back(vertices_[static_cast<std::size_t>(x)].kmer.back());
      for (int x : path) alt_bases.push_back(vertices_[static_cast<std::size_t>(x)].kmer.back());
      int nops = align_dangling(ref_bases, alt_bases, scratch, cig);
      while (nops > 0 && (cig[static_cast<std::size_t>(nops - 1)] & 0xf) == kernels::hc_sw::kOpD) --nops;
      if (nops == 0 || nops > 3 || (cig[static_cast<std::size_t>(nops - 1)] & 0xf) != kernels::hc_sw::kOpM) continue;
      const auto [ref_len, read_len] = cigar_spans(cig, nops);
      const std::int64_t last_ref = ref_len - 1;
      std::int64_t suffix = 0;
      for (std::int64_t len = 1; len <= static_cast<std::int64_t>(alt_bases.size()); ++len) {
        const std::int64_t si = last_ref - len + 1, ki = static_cast<std::int64_t>(alt_bases.size()) - len;
        if (si < 0 || ref_bases[static_cast<std::size_t>(si)] != alt_bases[static_cast<std::size_t>(ki)]) break;
        suffix = len;
      }
      suffix = std::min<std::int64_t>(suffix, cig[static_cast<std::size_t>(nops - 1)] >> 4);
      if (suffix == 0) continue;
      const std::int64_t alt_idx = std::max<std::int64_t>(read_len - suffix - 1, 0);
      const bool first_del = (cig[0] & 0xf) == kernels::hc_sw::kOpD;
      const bool lead_case = first_del && (static_cast<std::int64_t>(cig[0] >> 4) + suffix == last_ref + 1);
      const std::int64_t ref_idx = last_ref - suffix + 1 + (lead_case ? 1 : 0);
      if (ref_idx == 0) continue;
      if (alt_idx >= static_cast<std::int64_t>(path.size())) continue;
      if (ref_idx >= static_cast<std::int64_t>(ref_down.size())) continue;
      add_edge(path[static_cast<std::size_t>(alt_idx)], ref_down[static_cast<std::size_t>(ref_idx)], 1, false);
    }
  }

  // AbstractReadThreadingGraph.recoverDanglingHeads (recoverAll false, minMatchingBases -1,
  // i.e. mergeDanglingHeadLegacy). Every vertex with in-degree 0 other than the reference
  // source (collected before any change) is followed down its single out-edges to the first
  // reference vertex (the highest common descendant); the branch and the reference above that
  // vertex, both read backwards (a source contributes its whole k-mer reversed), are aligned
  // (dangling-end SW parameters, LEADING_INDEL, trailing deletions dropped). When the CIGAR has
  // at most 3 elements and starts with M, the last mismatch inside that first M (at most
  // max(1, len / k) mismatches) picks where the reference joins the branch; when it lies
  // inside the source k-mer, the branch is first extended with reference bases.
  void recover_dangling_heads(int prune_factor, int min_len) {
    std::unordered_map<int, std::size_t> ref_index;
    for (std::size_t i = 0; i < ref_path_.size(); ++i) ref_index.emplace(ref_path_[i], i);
    std::vector<int> heads;
    for (std::size_t v0 = 0; v0 < vertices_.size(); ++v0) {
      const int v = static_cast<int>(v0);
      if (vertices_[v0].alive && v != ref_source_ && in_degree(v) == 0) heads.push_back(v);
    }
    std::vector<std::int32_t> scratch;
    std::vector<std::uint32_t> cig;
    for (int v : heads) {
      if (!vertices_[static_cast<std::size_t>(v)].alive || in_degree(v) != 0) continue;
      // findPathDownwardsToHighestCommonDescendantOfReference (give up at branches); the path
      // is in reverse genomic order: path[0] is the reference vertex, path.back() the head.
      std::deque<int> path;
      std::unordered_set<int> visited;
      int cur = v;
      bool loop = false;
      while (!is_ref_node(cur) && live_out(cur).size() == 1) {
        const Edge& e = edges_[static_cast<std::size_t>(live_out(cur)[0])];
        if (e.pruning < prune_factor) {
          visited.insert(path.begin(), path.end());
          path.clear();
        } else {
          path.push_front(cur);
        }
        cur = e.to;
        if (visited.count(cur) || std::find(path.begin(), path.end(), cur) != path.end()) {
          loop = true;
          break;
        }
      }
      if (loop || !is_ref_node(cur)) continue;
      path.push_front(cur);
      if (cur == ref_sink_ || static_cast<int>(path.size()) < min_len + 1) continue;
      auto it = ref_index.find(cur);
      if (it == ref_index.end()) continue;
      std::vector<int> ref_up;  // reference path upwards from the descendant to the source
      for (std::size_t i = it->second + 1; i-- > 0;) ref_up.push_back(ref_path_[i]);
      const std::string ref_bases = bases_upwards(ref_up.begin(), ref_up.end());
      const std::string alt_bases = bases_upwards(path.begin(), path.end());
      int nops = align_dangling(ref_bases, alt_bases, scratch, cig);
      if (nops > 0 && (cig[static_cast<std::size_t>(nops - 1)] & 0xf) == kernels::hc_sw::kOpD) --nops;
      if (nops == 0 || nops > 3 || (cig[0] & 0xf) != kernels::hc_sw::kOpM) continue;
      // bestPrefixMatchLegacy over the first M element.
      const std::int64_t max_index = cig[0] >> 4;
      const std::int64_t max_mismatches = std::max<std::int64_t>(1, max_index / k_);
      std::int64_t mismatches = 0, last_good = -1;
      bool too_many = false;
      for (std::int64_t i = 0; i < max_index; ++i) {
        if (ref_bases[static_cast<std::size_t>(i)] != alt_bases[static_cast<std::size_t>(i)]) {
          if (++mismatches > max_mismatches) {
            too_many = true;
            break;
          }
          last_good = i;
        }
      }
      if (too_many || last_good <= 0) continue;
      if (last_good >= static_cast<std::int64_t>(ref_up.size()) - 1) continue;
      std::vector<int> dangling_path(path.begin(), path.end());
      if (last_good >= static_cast<std::int64_t>(dangling_path.size())) {
        const auto [ref_len, read_len] = cigar_spans(cig, nops);
        const std::int64_t ref_minus_read = ref_len - read_len;
        const std::int64_t extend = last_good - static_cast<std::int64_t>(dangling_path.size()) + 2;
        if (!extend_head(dangling_path, ref_up, extend, ref_minus_read)) continue;
      }
      add_edge(ref_up[static_cast<std::size_t>(last_good + 1)], dangling_path[static_cast<std::size_t>(last_good)], 1, false);
    }
  }

  // BaseGraph.toSequenceGraph: one sequence vertex per k-mer vertex (a source keeps its whole
  // k-mer, any other vertex its last base), the edges with their multiplicity and reference
  // flag, both in insertion order.
  SeqGraph to_seq_graph() const {
    SeqGraph sg(k_);
    std::vector<int> map(vertices_.size(), -1);
    for (std::size_t v = 0; v < vertices_.size(); ++v) {
      if (!vertices_[v].alive) continue;
      const std::string& km = vertices_[v].kmer;
      map[v] = sg.add_vertex(in_degree(static_cast<int>(v)) == 0 ? km : std::string(1, km.back()));
    }
    for (const Edge& e : edges_) {
      if (!e.alive) continue;
      sg.add_edge(map[static_cast<std::size_t>(e.from)], map[static_cast<std::size_t>(e.to)], e.mult, e.ref);
    }
    return sg;
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
  // The edge of largest multiplicity among `edges` (the first of equals); -1 when none.
  int heaviest(const std::vector<int>& edges) const {
    int best = -1;
    for (int e : edges) {
      if (best < 0 || edges_[static_cast<std::size_t>(e)].mult > edges_[static_cast<std::size_t>(best)].mult) best = e;
    }
    return best;
  }
  // The dangling-end alignment of both recoveries: alt against ref with GATK's dangling-end
  // Smith-Waterman parameters (25/-50/-110/-6) and LEADING_INDEL; the CIGAR in cig, returns its
  // number of elements.
  static int align_dangling(const std::string& ref, const std::string& alt, std::vector<std::int32_t>& scratch,
                            std::vector<std::uint32_t>& cig) {
    const auto n = static_cast<std::uint32_t>(ref.size()), m = static_cast<std::uint32_t>(alt.size());
    scratch.resize(kernels::hc_sw::sw_scratch_ints(n, m));
    cig.resize(n + m + 2);
    std::int32_t offset = 0;
    const kernels::hc_sw::SwParams dangling{25, -50, -110, -6};
    return kernels::hc_sw::sw_align(ref.data(), n, alt.data(), m, dangling, kernels::hc_sw::kLeadingIndel, scratch.data(),
                                    cig.data(), &offset);
  }
  // Reference and read bases covered by the first nops CIGAR elements.
  static std::pair<std::int64_t, std::int64_t> cigar_spans(const std::vector<std::uint32_t>& cig, int nops) {
    std::int64_t ref = 0, read = 0;
    for (int i = 0; i < nops; ++i) {
      const std::uint32_t op = cig[static_cast<std::size_t>(i)] & 0xf, len = cig[static_cast<std::size_t>(i)] >> 4;
      if (op == kernels::hc_sw::kOpM || op == kernels::hc_sw::kOpD) ref += len;
      if (op == kernels::hc_sw::kOpM || op == kernels::hc_sw::kOpI) read += len;
    }
    return {ref, read};
  }
  // BaseGraph.getNextReferenceVertex(v, allowNonRefPaths = true, blacklisted) repeated from start.
  std::vector<int> reference_path_down(int start, int blacklisted) const {
    std::vector<int> path;
    std::unordered_set<int> seen;
    int v = start;
    while (v >= 0 && seen.insert(v).second) {
      path.push_back(v);
      int next = -1;
      const std::vector<int> outs = live_out(v);
      for (int e : outs) {
        if (edges_[static_cast<std::size_t>(e)].ref) {
          next = edges_[static_cast<std::size_t>(e)].to;
          break;
        }
      }
      if (next < 0) {
        int only = -1, count = 0;
        for (int e : outs) {
          if (e == blacklisted) continue;
          only = e;
          ++count;
        }
        if (count == 1) next = edges_[static_cast<std::size_t>(only)].to;
      }
      v = next;
    }
    return path;
  }
  bool is_ref_node(int v) const {
    const Vertex& vx = vertices_[static_cast<std::size_t>(v)];
    for (int e : vx.in) {
      if (edges_[static_cast<std::size_t>(e)].alive && edges_[static_cast<std::size_t>(e)].ref) return true;
    }
    for (int e : vx.out) {
      if (edges_[static_cast<std::size_t>(e)].alive && edges_[static_cast<std::size_t>(e)].ref) return true;
    }
    return false;
  }
  // getBasesForPath(path, expandSource = true): each vertex's last base, a source's whole
  // k-mer reversed (paths here run upwards, so the result is the sequence read backwards).
  template <class It>
  std::string bases_upwards(It first, It last) const {
    std::string s;
    for (It i = first; i != last; ++i) {
      const std::string& km = vertices_[static_cast<std::size_t>(*i)].kmer;
      if (in_degree(*i) == 0) {
        s.append(km.rbegin(), km.rend());
      } else {
        s.push_back(km.back());
      }
    }
    return s;
  }
  // extendDanglingPathAgainstReference: the head vertex is replaced by `extend` new vertices
  // whose k-mers shift reference bases in front of it, so that the join can reach them.
  bool extend_head(std::vector<int>& path, const std::vector<int>& ref_up, std::int64_t extend, std::int64_t ref_minus_read) {
    const std::int64_t last_index = static_cast<std::int64_t>(path.size()) - 1;
    const std::int64_t ref_node = last_index + ref_minus_read + extend;
    if (ref_node < 0 || ref_node >= static_cast<std::int64_t>(ref_up.size()) || extend > k_ || extend <= 0) return false;
    const int source = path.back();
    path.pop_back();
    const std::string& ref_kmer = vertices_[static_cast<std::size_t>(ref_up[static_cast<std::size_t>(ref_node)])].kmer;
    const std::string seq = ref_kmer.substr(0, static_cast<std::size_t>(extend)) + vertices_[static_cast<std::size_t>(source)].kmer;
    const int source_edge = heaviest(live_out(source));  // here: its only outgoing edge
    if (source_edge < 0) return false;
    const int mult = edges_[static_cast<std::size_t>(source_edge)].mult;
    int prev = edges_[static_cast<std::size_t>(source_edge)].to;
    edges_[static_cast<std::size_t>(source_edge)].alive = false;
    for (std::int64_t i = extend; i > 0; --i) {
      const int nv = static_cast<int>(vertices_.size());
      vertices_.push_back(Vertex{seq.substr(static_cast<std::size_t>(i), static_cast<std::size_t>(k_)), {}, {}, true});
      add_edge(nv, prev, mult, false);
      path.push_back(nv);
      prev = nv;
    }
    return true;
  }
  void kill_vertex(int v) {
    Vertex& vx = vertices_[static_cast<std::size_t>(v)];
    if (!vx.alive) return;
    vx.alive = false;
    for (int e : vx.out) edges_[static_cast<std::size_t>(e)].alive = false;
    for (int e : vx.in) edges_[static_cast<std::size_t>(e)].alive = false;
    // AbstractReadThreadingGraph.removeVertex drops the k-mer from kmerToVertexMap whichever
    // vertex it maps to (a copy of the reference source's k-mer can be made by a read).
    unique_.erase(vx.kmer);
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
    if (!non_unique_.contains(km) && !unique_.contains(km)) unique_.emplace(std::string(km), id);
    return id;
  }
  int add_edge(int from, int to, int count, bool ref) {
    const int id = static_cast<int>(edges_.size());
    Edge e;
    e.from = from;
    e.to = to;
    e.mult = count;
    e.single = count;
    // An edge made after the build (dangling-end merges, head extension) keeps the pruning
    // multiplicity MultiSampleEdge starts with: 1.
    e.pruning = built_ ? 1 : 0;
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
    auto it = unique_.find(km);
    return it == unique_.end() ? -1 : it->second;
  }
  // increaseCountsInMatchedKmers (INCREASE_COUNTS_BACKWARDS, not through branches): a sequence
  // that starts threading at an existing vertex also counts for the edges behind it, up to
  // k - 1 of them, while each vertex has one incoming edge whose source ends in the k-mer's
  // matching base.
  void increase_counts_backwards(int v, const std::string& kmer, int offset) {
    if (offset < 0) return;
    const std::vector<int> ins = vertices_[static_cast<std::size_t>(v)].in;
    for (int e : ins) {
      Edge& ed = edges_[static_cast<std::size_t>(e)];
      if (vertices_[static_cast<std::size_t>(ed.from)].kmer.back() == kmer[static_cast<std::size_t>(offset)] && ins.size() == 1) {
        ed.mult += 1;
        ed.single += 1;
        increase_counts_backwards(ed.from, kmer, offset - 1);
      }
    }
  }
  void thread(const Chunk& c) {
    const auto k = static_cast<std::size_t>(k_);
    std::size_t start = c.start;
    if (!c.ref) {
      bool found = false;
      for (std::size_t i = c.start; i + k < c.stop; ++i) {
        if (!non_unique_.contains(c.seq.substr(i, k))) {
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
    increase_counts_backwards(v, vertices_[static_cast<std::size_t>(v)].kmer, k_ - 2);
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
  KmerSet non_unique_;
  KmerMap unique_;
  int ref_source_ = -1, ref_sink_ = -1;
  std::vector<int> ref_path_;
  bool built_ = false;
};

bool ref_has_non_unique(const std::string& ref, int k) {
  RepeatedKmerBuffer buffer;
  bool any = false;
  for_each_repeated_kmer(ref, ref.size(), static_cast<std::size_t>(k), buffer, [&](std::string_view) { any = true; });
  return any;
}

// One graph for k (createGraph): false when GATK returns null (non-unique reference k-mers,
// cycles, low complexity), true with the haplotypes otherwise (none for FAILED or
// JUST_ASSEMBLED_REFERENCE results, which still stop the retries with larger k).
bool try_graph(const std::string& ref, const std::vector<Chunk>& chunks, int k, bool allow_non_unique,
               bool allow_low_complexity, const AssemblyOptions& opt, std::vector<AssembledHaplotype>& out) {
  // A reference shorter than k is AssemblyResult FAILED: not null, so it counts as a result
  // (no retries with larger k) but yields no haplotype.
  if (static_cast<int>(ref.size()) < k) {
    out.clear();
    return true;
  }
  if (!allow_non_unique && ref_has_non_unique(ref, k)) return false;
  std::vector<Chunk> usable;
  for (const Chunk& c : chunks) {
    if (c.stop - c.start >= static_cast<std::size_t>(k)) usable.push_back(c);
  }
  Graph g(k);
  g.build(ref, usable);
  // GATK 4.6 prunes before counting cycles (--enable-legacy-graph-cycle-detection off), so
  // that sequencing errors do not make false cycles; the low-complexity test then counts the
  // unique k-mers that survived pruning.
  g.prune(opt.prune_factor);
  if (g.has_cycles()) return false;
  if (!allow_low_complexity && g.non_unique_count() * 4 > g.unique_count()) return false;
  if (opt.recover_dangling) {
    g.recover_dangling_tails(opt.prune_factor, opt.min_dangling_branch);
    g.recover_dangling_heads(opt.prune_factor, opt.min_dangling_branch);
  }
  g.keep_ref_connected();
  // The sequence graph, cleaned up and simplified; a graph that lost its reference source or
  // sink on the way still counts as assembled (JUST_ASSEMBLED_REFERENCE) but adds no haplotype.
  // Cycles made by dangling-end recovery stay: the k-best search removes them.
  SeqGraph sg = g.to_seq_graph();
  sg.clean_non_ref_paths();
  out.clear();
  if (!sg.cleanup()) return true;
  for (SeqGraph::Path& p : sg.best_paths(opt.max_haplotypes)) out.push_back({std::move(p.bases), p.score, k});
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
