// chain.cpp -- see chain.hpp.
#include "align/chain.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "align/ks_sort.hpp"
#include "align/ref_segment.hpp"
#include "common/error.hpp"
#include "bwa_smem/bwa_occ.hpp"
#include "fmindex/fm_index.hpp"

namespace helicase::align {

// ---- ChainTree: bwa's kbtree semantics ----

void ChainTree::clear() {
  nodes_.clear();
  nodes_.emplace_back();
  root_ = 0;
  n_keys_ = 0;
}

// kbtree's __kb_getp_aux: the first key >= k; if that key is greater than k, the one before
// (-1 when none). r = 0 on an exact match.
int ChainTree::find_in_node(const Node& x, std::int64_t k, int& r) const {
  if (x.n == 0) return -1;
  int begin = 0, end = x.n;
  while (begin < end) {
    const int mid = (begin + end) >> 1;
    if (x.key[mid] < k) begin = mid + 1;
    else end = mid;
  }
  if (begin == x.n) {
    r = 1;
    return x.n - 1;
  }
  r = (x.key[begin] < k) - (k < x.key[begin]);
  if (r < 0) --begin;
  return begin;
}

int ChainTree::lower(std::int64_t pos) const {
  int r = 0, lower = -1;
  int x = root_;
  while (x >= 0) {
    const Node& node = nodes_[static_cast<std::size_t>(x)];
    const int i = find_in_node(node, pos, r);
    if (i >= 0 && r == 0) return node.value[i];
    if (i >= 0) lower = node.value[i];
    if (!node.internal) break;
    x = node.child[i + 1];
  }
  return lower;
}

void ChainTree::split(int x, int i, int y) {
  const int z = static_cast<int>(nodes_.size());
  nodes_.emplace_back();
  Node& zn = nodes_[static_cast<std::size_t>(z)];
  Node& yn = nodes_[static_cast<std::size_t>(y)];
  Node& xn = nodes_[static_cast<std::size_t>(x)];
  zn.internal = yn.internal;
  zn.n = kT - 1;
  for (int j = 0; j < kT - 1; ++j) {
    zn.key[j] = yn.key[kT + j];
    zn.value[j] = yn.value[kT + j];
  }
  if (yn.internal) {
    for (int j = 0; j < kT; ++j) zn.child[j] = yn.child[kT + j];
  }
  yn.n = kT - 1;
  for (int j = xn.n; j >= i + 1; --j) xn.child[j + 1] = xn.child[j];
  xn.child[i + 1] = z;
  for (int j = xn.n - 1; j >= i; --j) {
    xn.key[j + 1] = xn.key[j];
    xn.value[j + 1] = xn.value[j];
  }
  xn.key[i] = yn.key[kT - 1];
  xn.value[i] = yn.value[kT - 1];
  ++xn.n;
}

void ChainTree::insert_nonfull(int x, std::int64_t k, int v) {
  for (;;) {
    int r = 0;
    Node& xn = nodes_[static_cast<std::size_t>(x)];
    if (!xn.internal) {
      const int i = find_in_node(xn, k, r);
      for (int j = xn.n - 1; j > i; --j) {
        xn.key[j + 1] = xn.key[j];
        xn.value[j + 1] = xn.value[j];
      }
      xn.key[i + 1] = k;
      xn.value[i + 1] = v;
      ++xn.n;
      return;
    }
    int i = find_in_node(xn, k, r) + 1;
    const int c = xn.child[i];
    if (nodes_[static_cast<std::size_t>(c)].n == kMax) {
      split(x, i, c);
      const Node& xs = nodes_[static_cast<std::size_t>(x)];
      if (k > xs.key[i]) ++i;
    }
    x = nodes_[static_cast<std::size_t>(x)].child[i];
  }
}

void ChainTree::insert(std::int64_t pos, int value) {
  if (root_ < 0) clear();
  ++n_keys_;
  if (nodes_[static_cast<std::size_t>(root_)].n == kMax) {
    const int s = static_cast<int>(nodes_.size());
    nodes_.emplace_back();
    nodes_[static_cast<std::size_t>(s)].internal = true;
    nodes_[static_cast<std::size_t>(s)].n = 0;
    nodes_[static_cast<std::size_t>(s)].child[0] = root_;
    const int old = root_;
    root_ = s;
    split(s, 0, old);
  }
  insert_nonfull(root_, pos, value);
}

void ChainTree::traverse_node(int x, std::vector<int>& out) const {
  const Node& n = nodes_[static_cast<std::size_t>(x)];
  for (int i = 0; i <= n.n; ++i) {
    if (n.internal) traverse_node(n.child[i], out);
    if (i < n.n) out.push_back(n.value[i]);
  }
}

void ChainTree::traverse(std::vector<int>& out) const {
  out.clear();
  if (root_ >= 0) traverse_node(root_, out);
}

// ---- mem_chain ----

namespace {

// bwa's test_and_merge: true when the seed joins (or is contained in) chain c.
bool test_and_merge(const MemOptions& opt, std::int64_t l_pac, MemChain& c, const MemSeed& p, int seed_rid) {
  const MemSeed& last = c.seeds.back();
  const std::int64_t qend = last.qbeg + last.len;
  const std::int64_t rend = last.rbeg + last.len;
  if (seed_rid != c.rid) return false;
  if (p.qbeg >= c.seeds[0].qbeg && p.qbeg + p.len <= qend && p.rbeg >= c.seeds[0].rbeg && p.rbeg + p.len <= rend)
    return true;  // contained
  if ((last.rbeg < l_pac || c.seeds[0].rbeg < l_pac) && p.rbeg >= l_pac) return false;  // other strand
  const std::int64_t x = p.qbeg - last.qbeg;
  const std::int64_t y = p.rbeg - last.rbeg;
  if (y >= 0 && x - y <= opt.w && y - x <= opt.w && x - last.len < opt.max_chain_gap && y - last.len < opt.max_chain_gap) {
    c.seeds.push_back(p);
    return true;
  }
  return false;
}

}  // namespace

void fetch_text(const reference::ReferenceIndex& index, std::int64_t beg, std::int64_t end, std::vector<std::uint8_t>& out) {
  const auto l_pac = static_cast<std::int64_t>(index.l_pac());
  out.clear();
  if (end < beg) std::swap(beg, end);
  if (end > 2 * l_pac) end = 2 * l_pac;
  if (beg < 0) beg = 0;
  if (!(beg >= l_pac || end <= l_pac)) return;
  out.resize(static_cast<std::size_t>(end - beg));
  const std::uint8_t* pac = index.pac();
  std::size_t l = 0;
  if (beg >= l_pac) {
    for (std::int64_t k = 2 * l_pac - 1 - beg; k > 2 * l_pac - 1 - end; --k)
      out[l++] = static_cast<std::uint8_t>(3 - kernels::fm_pac_base(pac, static_cast<std::uint64_t>(k)));
  } else {
    for (std::int64_t k = beg; k < end; ++k) out[l++] = static_cast<std::uint8_t>(kernels::fm_pac_base(pac, static_cast<std::uint64_t>(k)));
  }
}

void build_chains(const MemOptions& opt, const reference::ReferenceIndex& index, int len,
                  std::span<const kernels::SmemInterval> intervals, ChainWorkspace& ws, std::vector<MemChain>& chains) {
  chains.clear();
  const auto l_pac = static_cast<std::int64_t>(index.l_pac());
  const kernels::FmIndexView& fm = index.fm();
  int b = 0, e = 0, l_rep = 0;
  for (const auto& p : intervals) {  // fraction of the read covered by repetitive seeds
    const int sb = static_cast<int>(p.info >> 32), se = static_cast<int>(static_cast<std::uint32_t>(p.info));
    if (p.size <= static_cast<std::uint64_t>(opt.max_occ)) continue;
    if (sb > e) {
      l_rep += e - b;
      b = sb;
      e = se;
    } else {
      e = e > se ? e : se;
    }
  }
  l_rep += e - b;
  ws.tree.clear();
  std::size_t n_chains = 0;
  auto& pool = ws.pool;
  const auto max_occ = static_cast<std::uint64_t>(opt.max_occ);
  // Every seed's text position first, all walks at once (their cache misses overlap); the
  // loop below then takes them in bwa's order. Seeds sampled as bwa does: at most max_occ rows
  // of an interval, evenly spaced.
  ws.sa_rows.clear();
  ws.sa_interval.clear();
  for (std::size_t pi = 0; pi < intervals.size(); ++pi) {
    const auto& p = intervals[pi];
    const std::uint64_t step = p.size > max_occ ? p.size / max_occ : 1;
    std::uint64_t k = 0;
    for (int count = 0; k < p.size && count < opt.max_occ; k += step, ++count) {
      ws.sa_rows.push_back(p.x0 + k);
      ws.sa_interval.push_back(static_cast<std::uint32_t>(pi));
    }
  }
  ws.sa_pos.resize(ws.sa_rows.size());
  kernels::bwa_sa_batch(fm, ws.sa_rows.data(), ws.sa_pos.data(), static_cast<int>(ws.sa_rows.size()));
  for (std::size_t i = 0; i < ws.sa_pos.size(); ++i) {
    const auto& p = intervals[ws.sa_interval[i]];
    MemSeed s;
    s.rbeg = static_cast<std::int64_t>(ws.sa_pos[i]);
    s.qbeg = static_cast<std::int32_t>(p.info >> 32);
    s.score = s.len = kernels::smem_length(p);
    const int rid = contig_of_interval(index, s.rbeg, s.rbeg + s.len);
    if (rid < 0) continue;  // across two contigs or the strand boundary: dropped, as bwa
    bool add = true;
    if (!ws.tree.empty()) {
      const int lower = ws.tree.lower(s.rbeg);
      if (lower >= 0 && test_and_merge(opt, l_pac, pool[static_cast<std::size_t>(lower)], s, rid)) add = false;
    }
    if (add) {
      if (pool.size() <= n_chains) pool.emplace_back();
      MemChain& c = pool[n_chains];
      c.seeds.clear();
      c.seeds.push_back(s);
      c.rid = rid;
      c.is_alt = 0;  // no ALT contigs: helicase indexes carry no .alt file
      c.pos = s.rbeg;
      c.first = -1;
      c.w = c.kept = 0;
      ws.tree.insert(c.pos, static_cast<int>(n_chains));
      ++n_chains;
    }
  }
  ws.tree.traverse(ws.order);
  chains.reserve(ws.order.size());
  const float frac_rep = static_cast<float>(l_rep) / static_cast<float>(len);
  for (int i : ws.order) {
    chains.push_back(std::move(pool[static_cast<std::size_t>(i)]));
    chains.back().frac_rep = frac_rep;
  }
}

int chain_weight(const MemChain& c) {
  std::int64_t end = 0;
  int w = 0;
  for (const auto& s : c.seeds) {
    if (s.qbeg >= end) w += s.len;
    else if (s.qbeg + s.len > end) w += static_cast<int>(s.qbeg + s.len - end);
    end = end > s.qbeg + s.len ? end : s.qbeg + s.len;
  }
  const int tmp = w;
  w = 0;
  end = 0;
  for (const auto& s : c.seeds) {
    if (s.rbeg >= end) w += s.len;
    else if (s.rbeg + s.len > end) w += static_cast<int>(s.rbeg + s.len - end);
    end = end > s.rbeg + s.len ? end : s.rbeg + s.len;
  }
  w = w < tmp ? w : tmp;
  return w < (1 << 30) ? w : (1 << 30) - 1;
}

namespace {
int chain_beg(const MemChain& c) { return c.seeds.front().qbeg; }
int chain_end(const MemChain& c) { return c.seeds.back().qbeg + c.seeds.back().len; }
}  // namespace

void filter_chains(const MemOptions& opt, std::vector<MemChain>& a) {
  if (a.empty()) return;
  std::size_t k = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    MemChain& c = a[i];
    c.first = -1;
    c.kept = 0;
    c.w = chain_weight(c);
    if (c.w >= opt.min_chain_weight) {
      if (k != i) a[k] = std::move(c);
      ++k;
    }
  }
  a.resize(k);
  if (a.empty()) return;
  ks_introsort(a.size(), a.data(), [](const MemChain& x, const MemChain& y) { return x.w > y.w; });
  const int n = static_cast<int>(a.size());
  std::vector<int> kept_idx;
  kept_idx.reserve(a.size());
  a[0].kept = 3;
  kept_idx.push_back(0);
  for (int i = 1; i < n; ++i) {
    bool large_ovlp = false;
    std::size_t kk = 0;
    for (; kk < kept_idx.size(); ++kk) {
      const int j = kept_idx[kk];
      const int b_max = std::max(chain_beg(a[static_cast<std::size_t>(j)]), chain_beg(a[static_cast<std::size_t>(i)]));
      const int e_min = std::min(chain_end(a[static_cast<std::size_t>(j)]), chain_end(a[static_cast<std::size_t>(i)]));
      MemChain& cj = a[static_cast<std::size_t>(j)];
      const MemChain& ci = a[static_cast<std::size_t>(i)];
      if (e_min > b_max && (!cj.is_alt || ci.is_alt)) {
        const int li = chain_end(ci) - chain_beg(ci);
        const int lj = chain_end(cj) - chain_beg(cj);
        const int min_l = li < lj ? li : lj;
        if (static_cast<float>(e_min - b_max) >= static_cast<float>(min_l) * opt.mask_level && min_l < opt.max_chain_gap) {
          large_ovlp = true;
          if (cj.first < 0) cj.first = i;
          if (static_cast<float>(ci.w) < static_cast<float>(cj.w) * opt.drop_ratio && cj.w - ci.w >= opt.min_seed_len << 1)
            break;
        }
      }
    }
    if (kk == kept_idx.size()) {
      kept_idx.push_back(i);
      a[static_cast<std::size_t>(i)].kept = large_ovlp ? 2 : 3;
    }
  }
  for (int j : kept_idx) {
    const MemChain& c = a[static_cast<std::size_t>(j)];
    if (c.first >= 0) a[static_cast<std::size_t>(c.first)].kept = 1;
  }
  int i = 0;
  for (int cnt = 0; i < n; ++i) {  // at most max_chain_extend chains with kept 1 or 2
    if (a[static_cast<std::size_t>(i)].kept == 0 || a[static_cast<std::size_t>(i)].kept == 3) continue;
    if (++cnt >= opt.max_chain_extend) break;
  }
  for (; i < n; ++i) {
    if (a[static_cast<std::size_t>(i)].kept < 3) a[static_cast<std::size_t>(i)].kept = 0;
  }
  k = 0;
  for (std::size_t j = 0; j < a.size(); ++j) {
    if (a[j].kept == 0) continue;
    if (k != j) a[k] = std::move(a[j]);
    ++k;
  }
  a.resize(k);
}

namespace {

// Best local alignment score (ksw_align2's score; affine gaps, deletions consume target).
int local_sw_score(const MemOptions& opt, const std::uint8_t* q, int qlen, const std::uint8_t* t, int tlen) {
  constexpr int kNeg = -0x40000000;
  std::vector<int> H(static_cast<std::size_t>(qlen) + 1, 0), E(static_cast<std::size_t>(qlen) + 1, kNeg);
  int best = 0;
  for (int i = 0; i < tlen; ++i) {
    int diag = 0, F = kNeg, left = 0;
    for (int j = 1; j <= qlen; ++j) {
      const auto uj = static_cast<std::size_t>(j);
      E[uj] = std::max(H[uj] - opt.o_del - opt.e_del, E[uj] - opt.e_del);
      F = std::max(left - opt.o_ins - opt.e_ins, F - opt.e_ins);
      int h = diag + opt.mat[t[i] * 5 + q[j - 1]];
      h = std::max({h, E[uj], F, 0});
      diag = H[uj];
      H[uj] = h;
      left = h;
      best = std::max(best, h);
    }
  }
  return best;
}

// mem_seed_sw: -1 when the seed needs no check.
int seed_sw(const MemOptions& opt, const reference::ReferenceIndex& index, std::span<const std::uint8_t> query,
            const MemSeed& s, std::vector<std::uint8_t>& rseq) {
  constexpr int kShortExt = 50, kShortLen = 200;
  const auto l_query = static_cast<int>(query.size());
  const auto l_pac = static_cast<std::int64_t>(index.l_pac());
  if (s.len >= kShortLen) return -1;
  int qb = s.qbeg, qe = s.qbeg + s.len;
  std::int64_t rb = s.rbeg, re = s.rbeg + s.len;
  const std::int64_t mid = (rb + re) >> 1;
  qb -= kShortExt;
  qb = qb > 0 ? qb : 0;
  qe += kShortExt;
  qe = qe < l_query ? qe : l_query;
  rb -= kShortExt;
  rb = rb > 0 ? rb : 0;
  re += kShortExt;
  re = re < 2 * l_pac ? re : 2 * l_pac;
  if (rb < l_pac && l_pac < re) {
    if (mid < l_pac) re = l_pac;
    else rb = l_pac;
  }
  if (qe - qb >= kShortLen || re - rb >= kShortLen) return -1;
  int rid = 0;
  rseq = fetch_contig_segment(index, rb, mid, re, rid);
  return local_sw_score(opt, query.data() + qb, qe - qb, rseq.data(), static_cast<int>(re - rb));
}

}  // namespace

void filter_chained_seeds(const MemOptions& opt, const reference::ReferenceIndex& index,
                          std::span<const std::uint8_t> read, std::vector<MemChain>& chains) {
  const auto l_query = static_cast<int>(read.size());
  const double min_l = opt.min_chain_weight ? static_cast<double>(1.1f * static_cast<float>(opt.min_chain_weight))
                                            : static_cast<double>(5.5f) * std::log(static_cast<double>(l_query));
  const int min_hsp_score = static_cast<int>(opt.a * min_l + .499);
  if (min_l > static_cast<double>(0.05f * static_cast<float>(l_query))) return;
  std::vector<std::uint8_t> rseq;
  for (auto& c : chains) {
    std::size_t k = 0;
    for (std::size_t j = 0; j < c.seeds.size(); ++j) {
      MemSeed s = c.seeds[j];
      s.score = seed_sw(opt, index, read, s, rseq);
      if (s.score < 0 || s.score >= min_hsp_score) {
        s.score = s.score < 0 ? s.len * opt.a : s.score;
        c.seeds[k++] = s;
      }
    }
    c.seeds.resize(k);
  }
}

}  // namespace helicase::align
