// seq_graph.cpp -- SeqGraph simplification and k-best paths, following GATK 4.6.2.0's
// SeqGraph, MergeDiamonds, MergeTails, SplitCommonSuffices/CommonSuffixSplitter,
// MergeCommonSuffices/SharedSequenceMerger, SharedVertexSequenceSplitter, BaseGraph and
// KBestHaplotypeFinder/GraphBasedKBestHaplotypeFinder.
#include "haplotypecaller/seq_graph.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <queue>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace helicase::hc {
namespace {

constexpr int kMaxReasonableSimplificationCycles = 100;
constexpr std::size_t kMinCommonSequenceToMergeTails = 10;

void erase_value(std::vector<int>& v, int x) {
  auto it = std::find(v.begin(), v.end(), x);
  if (it != v.end()) v.erase(it);
}

std::size_t common_prefix_length(const std::vector<const std::string*>& seqs) {
  std::size_t min_len = SIZE_MAX;
  for (const std::string* s : seqs) min_len = std::min(min_len, s->size());
  for (std::size_t i = 0; i < min_len; ++i) {
    for (std::size_t j = 1; j < seqs.size(); ++j) {
      if ((*seqs[j])[i] != (*seqs[0])[i]) return i;
    }
  }
  return min_len;
}

// GraphUtils.commonMaximumSuffixLength(seqs, min_len).
std::size_t common_suffix_length(const std::vector<const std::string*>& seqs, std::size_t min_len) {
  for (std::size_t n = 0; n < min_len; ++n) {
    const char b = (*seqs[0])[seqs[0]->size() - n - 1];
    for (std::size_t j = 1; j < seqs.size(); ++j) {
      if ((*seqs[j])[seqs[j]->size() - n - 1] != b) return n;
    }
  }
  return min_len;
}

// VertexBasedTransformer.transformUntilComplete: `at(v)` is tried on each vertex in iteration
// order, the pass restarting after every change, until a pass changes nothing. True when
// anything changed.
template <class At>
bool transform_until_complete(const SeqGraph& g, At at) {
  bool did = false;
  for (bool found = true; found;) {
    found = false;
    for (int v : g.vertices()) {
      if (at(v)) {
        found = did = true;
        break;
      }
    }
  }
  return did;
}

}  // namespace

int SeqGraph::add_vertex(std::string seq) {
  Vertex v;
  v.seq = std::move(seq);
  v_.push_back(std::move(v));
  ++live_;
  return static_cast<int>(v_.size()) - 1;
}

int SeqGraph::find_edge(int from, int to) const {
  for (int e : v_[static_cast<std::size_t>(from)].out) {
    if (e_[static_cast<std::size_t>(e)].to == to) return e;
  }
  return -1;
}

int SeqGraph::add_edge(int from, int to, int multiplicity, bool ref) {
  if (find_edge(from, to) >= 0) return -1;  // DefaultDirectedGraph: no multiple edges
  Edge e;
  e.from = from;
  e.to = to;
  e.mult = multiplicity;
  e.ref = ref;
  e_.push_back(e);
  const int id = static_cast<int>(e_.size()) - 1;
  v_[static_cast<std::size_t>(from)].out.push_back(id);
  v_[static_cast<std::size_t>(to)].in.push_back(id);
  return id;
}

void SeqGraph::remove_edge(int e) {
  Edge& ed = e_[static_cast<std::size_t>(e)];
  if (!ed.alive) return;
  ed.alive = false;
  erase_value(v_[static_cast<std::size_t>(ed.from)].out, e);
  erase_value(v_[static_cast<std::size_t>(ed.to)].in, e);
}

void SeqGraph::remove_vertex(int v) {
  Vertex& vx = v_[static_cast<std::size_t>(v)];
  if (!vx.alive) return;
  const std::vector<int> out = vx.out, in = vx.in;
  for (int e : out) remove_edge(e);
  for (int e : in) remove_edge(e);
  vx.alive = false;
  --live_;
}

std::vector<int> SeqGraph::vertices() const {
  std::vector<int> r;
  for (std::size_t i = 0; i < v_.size(); ++i) {
    if (v_[i].alive) r.push_back(static_cast<int>(i));
  }
  return r;
}

std::vector<int> SeqGraph::edges() const {
  std::vector<int> r;
  for (std::size_t i = 0; i < e_.size(); ++i) {
    if (e_[i].alive) r.push_back(static_cast<int>(i));
  }
  return r;
}

std::vector<int> SeqGraph::outgoing_vertices(int v) const {
  std::vector<int> r;
  for (int e : v_[static_cast<std::size_t>(v)].out) r.push_back(e_[static_cast<std::size_t>(e)].to);
  return r;
}

std::vector<int> SeqGraph::incoming_vertices(int v) const {
  std::vector<int> r;
  for (int e : v_[static_cast<std::size_t>(v)].in) r.push_back(e_[static_cast<std::size_t>(e)].from);
  return r;
}

bool SeqGraph::any_ref_edge(const std::vector<int>& edges) const {
  for (int e : edges) {
    if (e_[static_cast<std::size_t>(e)].ref) return true;
  }
  return false;
}

// A lone vertex is the reference source, sink and node all at once (BaseGraph's rules).
bool SeqGraph::is_ref_source(int v) const {
  const Vertex& x = v_[static_cast<std::size_t>(v)];
  if (any_ref_edge(x.in)) return false;
  return any_ref_edge(x.out) || live_vertex_count() == 1;
}

bool SeqGraph::is_ref_sink(int v) const {
  const Vertex& x = v_[static_cast<std::size_t>(v)];
  if (any_ref_edge(x.out)) return false;
  return any_ref_edge(x.in) || live_vertex_count() == 1;
}

bool SeqGraph::is_reference_node(int v) const {
  const Vertex& x = v_[static_cast<std::size_t>(v)];
  return any_ref_edge(x.in) || any_ref_edge(x.out) || live_vertex_count() == 1;
}

std::vector<const std::string*> SeqGraph::sequences_of(const std::vector<int>& vs, std::size_t* min_len) const {
  std::vector<const std::string*> seqs;
  *min_len = SIZE_MAX;
  for (int v : vs) {
    seqs.push_back(&v_[static_cast<std::size_t>(v)].seq);
    *min_len = std::min(*min_len, seqs.back()->size());
  }
  return seqs;
}

int SeqGraph::ref_source() const {
  for (int v : vertices()) {
    if (is_ref_source(v)) return v;
  }
  return -1;
}

int SeqGraph::ref_sink() const {
  for (int v : vertices()) {
    if (is_ref_sink(v)) return v;
  }
  return -1;
}

bool SeqGraph::has_cycles() const {
  std::vector<int> state(v_.size(), 0);
  for (int s : vertices()) {
    if (state[static_cast<std::size_t>(s)]) continue;
    std::vector<std::pair<int, std::size_t>> stack{{s, 0}};
    state[static_cast<std::size_t>(s)] = 1;
    while (!stack.empty()) {
      auto& [v, i] = stack.back();
      const auto& outs = v_[static_cast<std::size_t>(v)].out;
      if (i < outs.size()) {
        const int t = e_[static_cast<std::size_t>(outs[i++])].to;
        if (state[static_cast<std::size_t>(t)] == 1) return true;
        if (state[static_cast<std::size_t>(t)] == 0) {
          state[static_cast<std::size_t>(t)] = 1;
          stack.push_back({t, 0});
        }
      } else {
        state[static_cast<std::size_t>(v)] = 2;
        stack.pop_back();
      }
    }
  }
  return false;
}

// BaseGraph.cleanNonRefPaths: non-reference edges into the reference source (and, through
// their sources, everything upstream by non-reference edges) and out of the reference sink
// (and downstream) are removed, then singleton orphans.
void SeqGraph::clean_non_ref_paths() {
  const int src = ref_source(), snk = ref_sink();
  if (src < 0 || snk < 0) return;
  auto sweep = [&](int start, bool upstream) {
    std::vector<int> todo = upstream ? v_[static_cast<std::size_t>(start)].in : v_[static_cast<std::size_t>(start)].out;
    std::unordered_set<int> seen(todo.begin(), todo.end());
    while (!todo.empty()) {
      const int e = todo.back();
      todo.pop_back();
      const Edge& ed = e_[static_cast<std::size_t>(e)];
      if (!ed.alive || ed.ref) continue;
      const int next = upstream ? ed.from : ed.to;
      for (int x : upstream ? v_[static_cast<std::size_t>(next)].in : v_[static_cast<std::size_t>(next)].out) {
        if (seen.insert(x).second) todo.push_back(x);
      }
      remove_edge(e);
    }
  };
  sweep(src, true);
  sweep(snk, false);
  remove_singleton_orphans();
}

// BaseGraph.removeSingletonOrphanVertices: no edges and not the reference source.
void SeqGraph::remove_singleton_orphans() {
  std::vector<int> drop;
  for (int v : vertices()) {
    if (in_degree(v) == 0 && out_degree(v) == 0 && !is_ref_source(v)) drop.push_back(v);
  }
  for (int v : drop) remove_vertex(v);
}

void SeqGraph::remove_not_connected_to_ref_any_direction() {
  std::vector<char> keep(v_.size(), 0);
  const int src = ref_source();
  if (src >= 0) {
    std::vector<int> stack{src};
    keep[static_cast<std::size_t>(src)] = 1;
    while (!stack.empty()) {
      const int v = stack.back();
      stack.pop_back();
      std::vector<int> next = incoming_vertices(v);
      for (int t : outgoing_vertices(v)) next.push_back(t);
      for (int t : next) {
        if (!keep[static_cast<std::size_t>(t)]) {
          keep[static_cast<std::size_t>(t)] = 1;
          stack.push_back(t);
        }
      }
    }
  }
  for (int v : vertices()) {
    if (!keep[static_cast<std::size_t>(v)]) remove_vertex(v);
  }
}

void SeqGraph::remove_paths_not_connected_to_ref() {
  const int src = ref_source(), snk = ref_sink();
  if (src < 0 || snk < 0) return;
  auto reach = [&](int start, bool forward) {
    std::vector<char> seen(v_.size(), 0);
    std::vector<int> stack{start};
    seen[static_cast<std::size_t>(start)] = 1;
    while (!stack.empty()) {
      const int v = stack.back();
      stack.pop_back();
      for (int t : forward ? outgoing_vertices(v) : incoming_vertices(v)) {
        if (!seen[static_cast<std::size_t>(t)]) {
          seen[static_cast<std::size_t>(t)] = 1;
          stack.push_back(t);
        }
      }
    }
    return seen;
  };
  const std::vector<char> fwd = reach(src, true), bwd = reach(snk, false);
  for (int v : vertices()) {
    if (!(fwd[static_cast<std::size_t>(v)] && bwd[static_cast<std::size_t>(v)])) remove_vertex(v);
  }
}

// SeqGraph.zipLinearChains: every maximal chain (one out-edge, the next vertex with one
// in-edge, equal reference-node status) becomes one vertex holding the concatenated sequence.
bool SeqGraph::zip_linear_chains() {
  std::vector<int> starts;
  for (int v : vertices()) {
    if (out_degree(v) != 1) continue;
    if (in_degree(v) != 1 || out_degree(incoming_vertices(v).front()) > 1) starts.push_back(v);
  }
  bool merged = false;
  for (int start : starts) {
    if (!v_[static_cast<std::size_t>(start)].alive) continue;
    std::vector<int> chain{start};
    bool last_ref = is_reference_node(start);
    int last = start;
    for (;;) {
      if (out_degree(last) != 1) break;
      const int target = e_[static_cast<std::size_t>(v_[static_cast<std::size_t>(last)].out.front())].to;
      if (in_degree(target) != 1 || target == last) break;
      const bool target_ref = is_reference_node(target);
      if (last_ref != target_ref) break;
      chain.push_back(target);
      last = target;
      last_ref = target_ref;
    }
    if (chain.size() < 2) continue;
    std::string s;
    for (int v : chain) s += v_[static_cast<std::size_t>(v)].seq;
    const int added = add_vertex(std::move(s));
    const std::vector<int> outs = v_[static_cast<std::size_t>(chain.back())].out;
    for (int e : outs) add_edge(added, e_[static_cast<std::size_t>(e)].to, e_[static_cast<std::size_t>(e)].mult, e_[static_cast<std::size_t>(e)].ref);
    const std::vector<int> ins = v_[static_cast<std::size_t>(chain.front())].in;
    for (int e : ins) add_edge(e_[static_cast<std::size_t>(e)].from, added, e_[static_cast<std::size_t>(e)].mult, e_[static_cast<std::size_t>(e)].ref);
    for (int v : chain) remove_vertex(v);
    merged = true;
  }
  return merged;
}

// SharedVertexSequenceSplitter(graph, middles).splitAndUpdate(top, bottom) (bottom -1: none).
// The common prefix and suffix of the middles become their own vertices (when non-empty), the
// middles keep what is left; the caller has checked the minimum shared length.
bool SeqGraph::split_shared_sequence(const std::vector<int>& middles, int top, int bottom) {
  std::size_t min_len = 0;
  const std::vector<const std::string*> seqs = sequences_of(middles, &min_len);
  const std::size_t pre = common_prefix_length(seqs);
  const std::size_t suf = common_suffix_length(seqs, min_len - pre);
  const std::string& first = *seqs[0];
  const std::string prefix = first.substr(0, pre), suffix = first.substr(first.size() - suf);
  // split(): the split graph, as lists in its insertion order. Entry kind 0: prefix -> middle
  // -> suffix through a remaining middle; kind 1: the one prefix -> suffix edge.
  struct SplitEdge {
    int mult;
    bool ref;
  };
  struct Remaining {
    std::string seq;
    SplitEdge to_mid, from_mid;
    int outer = -1;
  };
  std::vector<Remaining> remaining;
  std::vector<int> prefix_out;  // index into remaining, or -1 for the prefix -> suffix edge
  std::vector<int> suffix_in;
  bool has_ps = false;
  SplitEdge ps{0, false};
  std::vector<int> edges_to_remove;
  for (int mid : middles) {
    auto take = [&](const std::vector<int>& es) {
      if (es.empty()) return SplitEdge{0, is_reference_node(mid)};
      edges_to_remove.push_back(es.front());
      return SplitEdge{e_[static_cast<std::size_t>(es.front())].mult, e_[static_cast<std::size_t>(es.front())].ref};
    };
    const SplitEdge to_mid = take(v_[static_cast<std::size_t>(mid)].in);
    const SplitEdge from_mid = take(v_[static_cast<std::size_t>(mid)].out);
    const std::string& s = v_[static_cast<std::size_t>(mid)].seq;
    if (s.size() > pre + suf) {
      remaining.push_back({s.substr(pre, s.size() - pre - suf), to_mid, from_mid, -1});
      prefix_out.push_back(static_cast<int>(remaining.size()) - 1);
      suffix_in.push_back(static_cast<int>(remaining.size()) - 1);
    } else if (has_ps) {  // addOrUpdateEdge: toMid.copy().add(fromMid) added to the existing edge
      ps.mult += to_mid.mult + from_mid.mult;
      ps.ref = ps.ref || to_mid.ref || from_mid.ref;
    } else {
      has_ps = true;
      ps = {to_mid.mult + from_mid.mult, to_mid.ref || from_mid.ref};
      prefix_out.push_back(-1);
      suffix_in.push_back(-1);
    }
  }
  // updateGraph(top, bottom).
  for (int m : middles) remove_vertex(m);
  for (int e : edges_to_remove) remove_edge(e);
  for (Remaining& r : remaining) r.outer = add_vertex(r.seq);
  const bool only_ps = has_ps && prefix_out.size() == 1;
  const bool need_prefix = !prefix.empty() || (top < 0 && !only_ps);
  const bool need_suffix = !suffix.empty() || (bottom < 0 && !only_ps);
  int prefix_v = -1, suffix_v = -1;
  if (need_prefix) {
    prefix_v = add_vertex(prefix);
    if (top >= 0) {
      bool any_ref = false;
      for (int i : prefix_out) any_ref = any_ref || (i < 0 ? ps.ref : remaining[static_cast<std::size_t>(i)].to_mid.ref);
      add_edge(top, prefix_v, 1, any_ref);
    }
  }
  if (need_suffix) {
    suffix_v = add_vertex(suffix);
    if (bottom >= 0) {
      bool any_ref = false;
      for (int i : suffix_in) any_ref = any_ref || (i < 0 ? ps.ref : remaining[static_cast<std::size_t>(i)].from_mid.ref);
      add_edge(suffix_v, bottom, 1, any_ref);
    }
  }
  const int top_connect = need_prefix ? prefix_v : top;
  const int bot_connect = need_suffix ? suffix_v : bottom;
  bool ps_in_outer = false;
  if (top_connect >= 0) {
    for (int i : prefix_out) {
      if (i < 0) {
        if (bot_connect >= 0) ps_in_outer = add_edge(top_connect, bot_connect, ps.mult, ps.ref) >= 0;
      } else {
        const Remaining& r = remaining[static_cast<std::size_t>(i)];
        add_edge(top_connect, r.outer, r.to_mid.mult, r.to_mid.ref);
      }
    }
  }
  if (bot_connect >= 0) {
    for (int i : suffix_in) {
      if (i < 0) {
        // The same edge object: already in the graph when the top loop added it; otherwise
        // its source is the prefix vertex (GATK would fail if that is not in the graph).
        if (!ps_in_outer && prefix_v >= 0) add_edge(prefix_v, bot_connect, ps.mult, ps.ref);
      } else {
        const Remaining& r = remaining[static_cast<std::size_t>(i)];
        add_edge(r.outer, bot_connect, r.from_mid.mult, r.from_mid.ref);
      }
    }
  }
  return true;
}

// MergeDiamonds: a vertex whose children each have it as only parent and one child, the same
// bottom vertex, which has no other parent; the children's shared prefix/suffix is split off.
bool SeqGraph::merge_diamonds() {
  return transform_until_complete(*this, [&](int top) {
    const std::vector<int> middles = outgoing_vertices(top);
    if (middles.size() <= 1) return false;
    int bottom = -1;
    for (int mi : middles) {
      if (out_degree(mi) < 1 || in_degree(mi) != 1) return false;
      for (int mt : outgoing_vertices(mi)) {
        if (bottom >= 0 && bottom != mt) return false;
        bottom = mt;
      }
    }
    if (in_degree(bottom) != static_cast<int>(middles.size())) return false;
    std::size_t min_len = 0;
    const std::vector<const std::string*> seqs = sequences_of(middles, &min_len);
    const std::size_t pre = common_prefix_length(seqs);
    if (pre < 1 && common_suffix_length(seqs, min_len - pre) < 1) return false;
    split_shared_sequence(middles, top, bottom);
    return true;
  });
}

// MergeTails: a vertex whose children are all sinks with it as only parent and share a suffix
// of at least 10 bases.
bool SeqGraph::merge_tails() {
  return transform_until_complete(*this, [&](int top) {
    const std::vector<int> tails = outgoing_vertices(top);
    if (tails.size() <= 1) return false;
    for (int t : tails) {
      if (out_degree(t) != 0 || in_degree(t) > 1) return false;
    }
    std::size_t min_len = 0;
    const std::vector<const std::string*> seqs = sequences_of(tails, &min_len);
    const std::size_t pre = common_prefix_length(seqs);
    if (common_suffix_length(seqs, min_len - pre) < kMinCommonSequenceToMergeTails) return false;
    split_shared_sequence(tails, top, -1);
    return true;
  });
}

// CommonSuffixSplitter.split(graph, v).
bool SeqGraph::common_suffix_split(int v) {
  const std::vector<int> to_split = incoming_vertices(v);
  if (to_split.size() < 2) return false;
  // safeToSplit.
  const std::vector<int> out_of_bot = outgoing_vertices(v);
  for (int m : to_split) {
    if (m == v || out_degree(m) != 1 || e_[static_cast<std::size_t>(v_[static_cast<std::size_t>(m)].out.front())].to != v) return false;
    if (std::find(out_of_bot.begin(), out_of_bot.end(), m) != out_of_bot.end()) return false;
  }
  std::size_t min_len = 0;
  const std::vector<const std::string*> seqs = sequences_of(to_split, &min_len);
  const std::size_t suf = common_suffix_length(seqs, min_len);
  if (suf == 0) return false;
  for (int m : to_split) {  // wouldEliminateRefSource: the first reference source decides
    if (is_ref_source(m)) {
      if (v_[static_cast<std::size_t>(m)].seq.size() == suf) return false;
      break;
    }
  }
  bool all_suffix = true;
  for (int m : to_split) all_suffix = all_suffix && v_[static_cast<std::size_t>(m)].seq.size() == suf;
  if (all_suffix) return false;
  const std::string suffix = seqs[0]->substr(seqs[0]->size() - suf);
  std::vector<int> edges_to_remove;
  for (int mid : to_split) {
    const int suffix_v = add_vertex(suffix);
    const std::string& ms = v_[static_cast<std::size_t>(mid)].seq;
    const int out = v_[static_cast<std::size_t>(mid)].out.front();
    int incoming_target = suffix_v;
    if (ms.size() > suf) {
      incoming_target = add_vertex(ms.substr(0, ms.size() - suf));
      add_edge(incoming_target, suffix_v, 1, e_[static_cast<std::size_t>(out)].ref);
      edges_to_remove.push_back(out);
    }
    add_edge(suffix_v, e_[static_cast<std::size_t>(out)].to, e_[static_cast<std::size_t>(out)].mult, e_[static_cast<std::size_t>(out)].ref);
    const std::vector<int> ins = v_[static_cast<std::size_t>(mid)].in;
    for (int e : ins) {
      add_edge(e_[static_cast<std::size_t>(e)].from, incoming_target, e_[static_cast<std::size_t>(e)].mult, e_[static_cast<std::size_t>(e)].ref);
      edges_to_remove.push_back(e);
    }
  }
  for (int m : to_split) remove_vertex(m);
  for (int e : edges_to_remove) remove_edge(e);
  return true;
}

bool SeqGraph::split_common_suffices() {
  std::unordered_set<int> already_split;
  return transform_until_complete(*this, [&](int v) { return already_split.insert(v).second && common_suffix_split(v); });
}

// SharedSequenceMerger.merge(graph, v): parents with equal sequences, each with v as only
// child and with a parent of its own, are merged into v.
bool SeqGraph::shared_sequence_merge(int v) {
  const std::vector<int> prevs = incoming_vertices(v);
  if (prevs.empty()) return false;
  const std::string& first = v_[static_cast<std::size_t>(prevs.front())].seq;
  for (int p : prevs) {
    if (v_[static_cast<std::size_t>(p)].seq != first) return false;
    const std::vector<int> outs = outgoing_vertices(p);
    if (outs.size() != 1 || outs.front() != v) return false;
    if (in_degree(p) == 0) return false;
  }
  const int nv = add_vertex(first + v_[static_cast<std::size_t>(v)].seq);
  std::vector<int> edges_to_remove;
  for (int p : prevs) {
    const std::vector<int> ins = v_[static_cast<std::size_t>(p)].in;
    for (int e : ins) {
      add_edge(e_[static_cast<std::size_t>(e)].from, nv, e_[static_cast<std::size_t>(e)].mult, e_[static_cast<std::size_t>(e)].ref);
      edges_to_remove.push_back(e);
    }
  }
  const std::vector<int> outs = v_[static_cast<std::size_t>(v)].out;
  for (int e : outs) add_edge(nv, e_[static_cast<std::size_t>(e)].to, e_[static_cast<std::size_t>(e)].mult, e_[static_cast<std::size_t>(e)].ref);
  for (int p : prevs) remove_vertex(p);
  remove_vertex(v);
  for (int e : edges_to_remove) remove_edge(e);
  return true;
}

bool SeqGraph::merge_common_suffices() {
  return transform_until_complete(*this, [&](int v) { return shared_sequence_merge(v); });
}

bool SeqGraph::simplify_once() {
  bool did = false;
  did |= merge_diamonds();
  did |= merge_tails();
  did |= split_common_suffices();
  did |= merge_common_suffices();
  did |= zip_linear_chains();
  return did;
}

SeqGraph::Snapshot SeqGraph::snapshot() const {
  Snapshot s;
  for (int v : vertices()) s.seqs.push_back(v_[static_cast<std::size_t>(v)].seq);
  for (int e : edges()) s.edges.emplace_back(v_[static_cast<std::size_t>(e_[static_cast<std::size_t>(e)].from)].seq, v_[static_cast<std::size_t>(e_[static_cast<std::size_t>(e)].to)].seq);
  return s;
}

// BaseGraph.graphEquals: same vertex and edge counts, every sequence of one found in the other,
// every edge's (source, target) sequences found among the other's, both ways.
bool SeqGraph::snapshots_equal(const Snapshot& a, const Snapshot& b) {
  if (a.seqs.size() != b.seqs.size() || a.edges.size() != b.edges.size()) return false;
  const std::set<std::string> bs(b.seqs.begin(), b.seqs.end());
  for (const std::string& s : a.seqs) {
    if (!bs.count(s)) return false;
  }
  const std::set<std::pair<std::string, std::string>> ae(a.edges.begin(), a.edges.end()), be(b.edges.begin(), b.edges.end());
  for (const auto& e : a.edges) {
    if (!be.count(e)) return false;
  }
  for (const auto& e : b.edges) {
    if (!ae.count(e)) return false;
  }
  return true;
}

// SeqGraph.simplifyGraph. GATK throws after 100 rounds; here the rounds simply stop.
void SeqGraph::simplify_graph() {
  zip_linear_chains();
  Snapshot prev;
  bool have_prev = false;
  for (int i = 0; i <= kMaxReasonableSimplificationCycles; ++i) {
    if (!simplify_once()) break;
    if (i > 5) {
      Snapshot now = snapshot();
      if (have_prev && snapshots_equal(prev, now)) break;
      prev = std::move(now);
      have_prev = true;
    }
  }
}

bool SeqGraph::cleanup() {
  zip_linear_chains();
  remove_singleton_orphans();
  remove_not_connected_to_ref_any_direction();
  simplify_graph();
  if (ref_source() < 0 || ref_sink() < 0) return false;
  remove_paths_not_connected_to_ref();
  simplify_graph();
  const std::vector<int> vs = vertices();
  if (vs.size() == 1) {
    const int dummy = add_vertex("");
    add_edge(vs.front(), dummy, 0, true);
  }
  return true;
}

// KBestHaplotypeFinder.removeCyclesAndVerticesThatDontLeadToSinks: a depth-first walk from the
// source that never forgets a visited vertex; an edge into a visited vertex is dropped, and so
// is every vertex that does not reach the sink. False when the sink cannot be reached.
bool SeqGraph::remove_cycles(int source, int sink) {
  std::vector<char> visited(v_.size(), 0);
  std::vector<int> drop_edges, drop_vertices;
  struct Frame {
    int v;
    std::size_t next = 0;
    bool reaches = false;
  };
  std::vector<Frame> stack;
  bool found = false;
  auto enter = [&](int v) -> int {  // 1: sink, 0: pushed
    if (v == sink) return 1;
    visited[static_cast<std::size_t>(v)] = 1;
    stack.push_back({v});
    return 0;
  };
  if (enter(source) == 1) found = true;
  while (!stack.empty()) {
    Frame& f = stack.back();
    const std::vector<int>& outs = v_[static_cast<std::size_t>(f.v)].out;
    if (f.next < outs.size()) {
      const int e = outs[f.next++];
      const int child = e_[static_cast<std::size_t>(e)].to;
      if (visited[static_cast<std::size_t>(child)]) {
        drop_edges.push_back(e);
      } else if (enter(child) == 1) {
        f.reaches = true;
      }
      continue;
    }
    const bool reaches = f.reaches;
    if (!reaches) drop_vertices.push_back(f.v);
    stack.pop_back();
    if (stack.empty()) {
      found = reaches;
    } else if (reaches) {
      stack.back().reaches = true;
    }
  }
  if (!found) return false;  // GATK: "could not find any path from the source vertex to the sink vertex"
  for (int e : drop_edges) remove_edge(e);
  for (int v : drop_vertices) remove_vertex(v);
  return true;
}

std::vector<SeqGraph::Path> SeqGraph::best_paths(int n) const {
  std::vector<Path> out;
  const int source = ref_source(), sink = ref_sink();
  if (source < 0 || sink < 0) return out;
  // Cycles (made by dangling-end merges) are removed on a copy; otherwise the graph is searched
  // as it is.
  std::optional<SeqGraph> acyclic;
  if (has_cycles()) {
    acyclic.emplace(*this);
    if (!acyclic->remove_cycles(source, sink)) return out;
  }
  const SeqGraph& g = acyclic ? *acyclic : *this;
  struct Partial {
    double score;
    std::string bases;
    int v;
    bool operator<(const Partial& o) const {  // lower priority
      if (score != o.score) return score < o.score;
      return o.bases > bases;
    }
  };
  std::priority_queue<Partial> pq;
  pq.push({0.0, g.v_[static_cast<std::size_t>(source)].seq, source});
  std::vector<int> extended(g.v_.size(), 0);
  while (!pq.empty() && static_cast<int>(out.size()) < n) {
    Partial p = pq.top();
    pq.pop();
    if (p.v == sink) {
      out.push_back({p.bases, p.score});
      continue;
    }
    if (extended[static_cast<std::size_t>(p.v)]++ >= n) continue;
    const std::vector<int>& outs = g.v_[static_cast<std::size_t>(p.v)].out;
    int total = 0;
    for (int e : outs) total += g.e_[static_cast<std::size_t>(e)].mult;
    for (int e : outs) {
      const Edge& ed = g.e_[static_cast<std::size_t>(e)];
      const double penalty = std::log10(static_cast<double>(ed.mult)) - std::log10(static_cast<double>(total));
      pq.push({p.score + penalty, p.bases + g.v_[static_cast<std::size_t>(ed.to)].seq, ed.to});
    }
  }
  return out;
}

}  // namespace helicase::hc
