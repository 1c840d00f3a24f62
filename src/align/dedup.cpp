// dedup.cpp -- see dedup.hpp.
#include "align/dedup.hpp"

#include <algorithm>
#include <cstdlib>

#include "align/chain.hpp"
#include "align/ks_sort.hpp"

namespace helicase::align {

int ksw_global_score(int qlen, const std::uint8_t* query, int tlen, const std::uint8_t* target, const std::int8_t* mat,
                     int o_del, int e_del, int o_ins, int e_ins, int w) {
  constexpr std::int32_t kMinusInf = -0x40000000;
  const int oe_del = o_del + e_del, oe_ins = o_ins + e_ins;
  std::vector<std::int32_t> H(static_cast<std::size_t>(qlen) + 1), E(static_cast<std::size_t>(qlen) + 1);
  H[0] = 0;
  E[0] = kMinusInf;
  int j = 1;
  for (; j <= qlen && j <= w; ++j) {
    H[static_cast<std::size_t>(j)] = -(o_ins + e_ins * j);
    E[static_cast<std::size_t>(j)] = kMinusInf;
  }
  for (; j <= qlen; ++j) H[static_cast<std::size_t>(j)] = E[static_cast<std::size_t>(j)] = kMinusInf;
  for (int i = 0; i < tlen; ++i) {
    std::int32_t f = kMinusInf;
    const int beg = i > w ? i - w : 0;
    const int end = i + w + 1 < qlen ? i + w + 1 : qlen;
    std::int32_t h1 = beg == 0 ? -(o_del + e_del * (i + 1)) : kMinusInf;
    const std::int8_t* row = &mat[target[i] * 5];
    for (j = beg; j < end; ++j) {
      const auto uj = static_cast<std::size_t>(j);
      std::int32_t m = H[uj], e = E[uj];
      H[uj] = h1;
      m += row[query[j]];
      std::int32_t h = m >= e ? m : e;
      h = h >= f ? h : f;
      h1 = h;
      std::int32_t t = m - oe_del;
      e -= e_del;
      e = e > t ? e : t;
      E[uj] = e;
      t = m - oe_ins;
      f -= e_ins;
      f = f > t ? f : t;
    }
    H[static_cast<std::size_t>(end)] = h1;
    E[static_cast<std::size_t>(end)] = kMinusInf;
  }
  return H[static_cast<std::size_t>(qlen)];
}

int global_score(const MemOptions& opt, const reference::ReferenceIndex& index, std::span<const std::uint8_t> query_in,
                 std::int64_t rb, std::int64_t re, int w_) {
  const auto l_pac = static_cast<std::int64_t>(index.l_pac());
  const auto l_query = static_cast<int>(query_in.size());
  if (l_query <= 0 || rb >= re || (rb < l_pac && re > l_pac)) return 0;
  std::vector<std::uint8_t> rseq;
  fetch_text(index, rb, re, rseq);
  if (static_cast<std::int64_t>(rseq.size()) != re - rb) return 0;
  std::vector<std::uint8_t> query(query_in.begin(), query_in.end());
  if (rb >= l_pac) {  // bwa reverses both so that indels go left; the band depends on it
    std::reverse(query.begin(), query.end());
    std::reverse(rseq.begin(), rseq.end());
  }
  const auto rlen = static_cast<int>(rseq.size());
  if (l_query == re - rb && w_ == 0) {
    int score = 0;
    for (int i = 0; i < l_query; ++i) score += opt.mat[rseq[static_cast<std::size_t>(i)] * 5 + query[static_cast<std::size_t>(i)]];
    return score;
  }
  const int max_ins = static_cast<int>(static_cast<double>(((l_query + 1) >> 1) * opt.mat[0] - opt.o_ins) / opt.e_ins + 1.);
  const int max_del = static_cast<int>(static_cast<double>(((l_query + 1) >> 1) * opt.mat[0] - opt.o_del) / opt.e_del + 1.);
  int max_gap = max_ins > max_del ? max_ins : max_del;
  max_gap = max_gap > 1 ? max_gap : 1;
  int w = (max_gap + std::abs(rlen - l_query) + 1) >> 1;
  w = w < w_ ? w : w_;
  const int min_w = std::abs(rlen - l_query) + 3;
  w = w > min_w ? w : min_w;
  return ksw_global_score(l_query, query.data(), rlen, rseq.data(), opt.mat, opt.o_del, opt.e_del, opt.o_ins, opt.e_ins, w);
}

namespace {

constexpr float kPatchMaxRBw = 0.05f;
constexpr float kPatchMinScRatio = 0.90f;

// mem_patch_reg: the merged score of a and b (a before b), or 0 when they do not merge.
int patch_regions(const MemOptions& opt, const reference::ReferenceIndex& index, std::span<const std::uint8_t> query,
                  const AlnReg& a, const AlnReg& b, int& w_out) {
  const auto l_pac = static_cast<std::int64_t>(index.l_pac());
  if (a.rb < l_pac && b.rb >= l_pac) return 0;
  if (a.qb >= b.qb || a.qe >= b.qe || a.re >= b.re) return 0;
  int w = static_cast<int>((a.re - b.rb) - (a.qe - b.qb));
  w = w > 0 ? w : -w;
  double r = static_cast<double>(a.re - b.rb) / static_cast<double>(b.re - a.rb) -
             static_cast<double>(a.qe - b.qb) / static_cast<double>(b.qe - a.qb);
  r = r > 0. ? r : -r;
  if (a.re < b.rb || a.qe < b.qb) {
    if (w > opt.w << 1 || r >= kPatchMaxRBw) return 0;
  } else if (w > opt.w << 2 || r >= kPatchMaxRBw * 2) {
    return 0;
  }
  w += a.w + b.w;
  w = w < opt.w << 2 ? w : opt.w << 2;
  const int score = global_score(opt, index, query.subspan(static_cast<std::size_t>(a.qb), static_cast<std::size_t>(b.qe - a.qb)),
                                 a.rb, b.re, w);
  const int q_s = static_cast<int>(static_cast<double>(b.qe - a.qb) / ((b.qe - b.qb) + (a.qe - a.qb)) * (b.score + a.score) + .499);
  const int r_s = static_cast<int>(static_cast<double>(b.re - a.rb) / static_cast<double>((b.re - b.rb) + (a.re - a.rb)) *
                                       (b.score + a.score) + .499);
  if (static_cast<double>(score) / (q_s > r_s ? q_s : r_s) < kPatchMinScRatio) return 0;
  w_out = w;
  return score;
}

}  // namespace

void sort_dedup_patch(const MemOptions& opt, const reference::ReferenceIndex& index, std::span<const std::uint8_t> query,
                      std::vector<AlnReg>& a) {
  const int n = static_cast<int>(a.size());
  if (n <= 1) return;
  ks_introsort(a.size(), a.data(), [](const AlnReg& x, const AlnReg& y) { return x.re < y.re; });
  for (auto& r : a) r.n_comp = 1;
  for (int i = 1; i < n; ++i) {
    AlnReg& p = a[static_cast<std::size_t>(i)];
    const AlnReg& prev = a[static_cast<std::size_t>(i - 1)];
    if (p.rid != prev.rid || p.rb >= prev.re + opt.max_chain_gap) continue;
    for (int j = i - 1; j >= 0 && p.rid == a[static_cast<std::size_t>(j)].rid &&
                        p.rb < a[static_cast<std::size_t>(j)].re + opt.max_chain_gap;
         --j) {
      AlnReg& q = a[static_cast<std::size_t>(j)];
      if (q.qe == q.qb) continue;  // already excluded
      const std::int64_t o_r = q.re - p.rb;
      const std::int64_t o_q = q.qb < p.qb ? q.qe - p.qb : p.qe - q.qb;
      const std::int64_t m_r = q.re - q.rb < p.re - p.rb ? q.re - q.rb : p.re - p.rb;
      const std::int64_t m_q = q.qe - q.qb < p.qe - p.qb ? q.qe - q.qb : p.qe - p.qb;
      int score = 0, w = 0;
      if (static_cast<float>(o_r) > opt.mask_level_redun * static_cast<float>(m_r) &&
          static_cast<float>(o_q) > opt.mask_level_redun * static_cast<float>(m_q)) {
        if (p.score < q.score) {
          p.qe = p.qb;
          break;
        }
        q.qe = q.qb;
      } else if (q.rb < p.rb && (score = patch_regions(opt, index, query, q, p, w)) > 0) {  // merge q into p
        p.n_comp += q.n_comp + 1;
        p.seedcov = p.seedcov > q.seedcov ? p.seedcov : q.seedcov;
        p.sub = p.sub > q.sub ? p.sub : q.sub;
        p.csub = p.csub > q.csub ? p.csub : q.csub;
        p.qb = q.qb;
        p.rb = q.rb;
        p.truesc = p.score = score;
        p.w = w;
        q.qb = q.qe;
      }
    }
  }
  std::size_t m = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].qe > a[i].qb) {
      if (m != i) a[m] = a[i];
      ++m;
    }
  }
  a.resize(m);
  ks_introsort(a.size(), a.data(), [](const AlnReg& x, const AlnReg& y) {
    return x.score > y.score || (x.score == y.score && (x.rb < y.rb || (x.rb == y.rb && x.qb < y.qb)));
  });
  for (std::size_t i = 1; i < a.size(); ++i) {
    if (a[i].score == a[i - 1].score && a[i].rb == a[i - 1].rb && a[i].qb == a[i - 1].qb) a[i].qe = a[i].qb;
  }
  m = a.empty() ? 0 : 1;
  for (std::size_t i = 1; i < a.size(); ++i) {
    if (a[i].qe > a[i].qb) {
      if (m != i) a[m] = a[i];
      ++m;
    }
  }
  a.resize(m);
}

}  // namespace helicase::align
