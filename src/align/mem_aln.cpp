// mem_aln.cpp -- see mem_aln.hpp.
#include "align/mem_aln.hpp"

#include <climits>
#include <cmath>
#include <cstdlib>

#include "align/ks_sort.hpp"
#include "align/ref_segment.hpp"
#include "bwa_global/global_sw.hpp"

namespace helicase::align {
namespace {

// Penalty difference below which a shadowed hit counts as a near-tie (sub_n).
int near_tie(const MemOptions& opt) {
  int tmp = opt.a + opt.b;
  tmp = opt.o_del + opt.e_del > tmp ? opt.o_del + opt.e_del : tmp;
  tmp = opt.o_ins + opt.e_ins > tmp ? opt.o_ins + opt.e_ins : tmp;
  return tmp;
}

// mem_mark_primary_se_core over the first n regions; z receives the kept indices.
void mark_core(const MemOptions& opt, int n, std::vector<AlnReg>& a, std::vector<int>& z) {
  const int tmp = near_tie(opt);
  z.clear();
  z.push_back(0);
  for (int i = 1; i < n; ++i) {
    std::size_t k = 0;
    for (; k < z.size(); ++k) {
      const int j = z[k];
      const int b_max = a[j].qb > a[i].qb ? a[j].qb : a[i].qb;
      const int e_min = a[j].qe < a[i].qe ? a[j].qe : a[i].qe;
      if (e_min > b_max) {
        const int li = a[i].qe - a[i].qb, lj = a[j].qe - a[j].qb;
        const int min_l = li < lj ? li : lj;
        if (static_cast<float>(e_min - b_max) >= static_cast<float>(min_l) * opt.mask_level) {
          if (a[j].sub == 0) a[j].sub = a[i].score;
          if (a[j].score - a[i].score <= tmp && (a[j].is_alt || !a[i].is_alt)) ++a[j].sub_n;
          break;
        }
      }
    }
    if (k == z.size()) z.push_back(i);
    else a[i].secondary = z[k];
  }
}

int infer_bw(int l1, int l2, int score, int a, int q, int r) {
  if (l1 == l2 && l1 * a - score < (q + r - a) << 1) return 0;
  int w = static_cast<int>(static_cast<double>((l1 < l2 ? l1 : l2) * a - score - q) / r + 2.);
  if (w < std::abs(l1 - l2)) w = std::abs(l1 - l2);
  return w;
}

}  // namespace

int mark_primary_se(const MemOptions& opt, std::vector<AlnReg>& a, std::int64_t id) {
  const int n = static_cast<int>(a.size());
  if (n == 0) return 0;
  int n_pri = 0;
  for (int i = 0; i < n; ++i) {
    a[i].sub = a[i].alt_sc = 0;
    a[i].secondary = a[i].secondary_all = -1;
    a[i].hash = hash_64(static_cast<std::uint64_t>(id + i));
    if (!a[i].is_alt) ++n_pri;
  }
  ks_introsort(a.size(), a.data(), [](const AlnReg& x, const AlnReg& y) {
    return x.score > y.score ||
           (x.score == y.score && (x.is_alt < y.is_alt || (x.is_alt == y.is_alt && x.hash < y.hash)));
  });
  std::vector<int> z;
  mark_core(opt, n, a, z);
  for (int i = 0; i < n; ++i) {
    AlnReg& p = a[i];
    p.secondary_all = i;
    if (!p.is_alt && p.secondary >= 0 && a[p.secondary].is_alt) p.alt_sc = a[p.secondary].score;
  }
  if (n_pri < n) {
    z.resize(static_cast<std::size_t>(n));
    if (n_pri > 0) {
      ks_introsort(a.size(), a.data(), [](const AlnReg& x, const AlnReg& y) {
        return x.is_alt < y.is_alt ||
               (x.is_alt == y.is_alt && (x.score > y.score || (x.score == y.score && x.hash < y.hash)));
      });
    }
    for (int i = 0; i < n; ++i) z[a[i].secondary_all] = i;
    for (int i = 0; i < n; ++i) {
      if (a[i].secondary >= 0) {
        a[i].secondary_all = z[a[i].secondary];
        if (a[i].is_alt) a[i].secondary = INT_MAX;
      } else {
        a[i].secondary_all = -1;
      }
    }
    if (n_pri > 0) {
      for (int i = 0; i < n_pri; ++i) a[i].sub = 0, a[i].secondary = -1;
      mark_core(opt, n_pri, a, z);
    }
  } else {
    for (int i = 0; i < n; ++i) a[i].secondary_all = a[i].secondary;
  }
  return n_pri;
}

int approx_mapq_se(const MemOptions& opt, const AlnReg& a) {
  int sub = a.sub ? a.sub : opt.min_seed_len * opt.a;
  sub = a.csub > sub ? a.csub : sub;
  if (sub >= a.score) return 0;
  const int l = a.qe - a.qb > a.re - a.rb ? a.qe - a.qb : static_cast<int>(a.re - a.rb);
  const double identity = 1. - static_cast<double>(l * opt.a - a.score) / (opt.a + opt.b) / l;
  int mapq = 0;
  if (a.score == 0) {
    mapq = 0;
  } else if (opt.mapQ_coef_len > 0) {
    double tmp = static_cast<float>(l) < opt.mapQ_coef_len ? 1. : opt.mapQ_coef_fac / std::log(l);
    tmp *= identity * identity;
    mapq = static_cast<int>(6.02 * (a.score - sub) / opt.a * tmp * tmp + .499);
  } else {
    mapq = static_cast<int>(30.0 * (1. - static_cast<double>(sub) / a.score) * std::log(a.seedcov) + .499);
    mapq = identity < 0.95 ? static_cast<int>(mapq * identity * identity + .499) : mapq;
  }
  if (a.sub_n > 0) mapq -= static_cast<int>(4.343 * std::log(a.sub_n + 1) + .499);
  if (mapq > 60) mapq = 60;
  if (mapq < 0) mapq = 0;
  mapq = static_cast<int>(mapq * (1. - a.frac_rep) + .499);
  return mapq;
}

GlobalAln gen_cigar(const MemOptions& opt, int w_, const reference::ReferenceIndex& index,
                    std::span<const std::uint8_t> query_in, std::int64_t rb, std::int64_t re) {
  GlobalAln out;
  const auto l_pac = static_cast<std::int64_t>(index.l_pac());
  const int l_query = static_cast<int>(query_in.size());
  if (l_query <= 0 || rb >= re || (rb < l_pac && re > l_pac)) return out;
  std::vector<std::uint8_t> rseq = text_segment(index, rb, re);
  const auto rlen = static_cast<std::int64_t>(rseq.size());
  if (re - rb != rlen) return out;
  std::vector<std::uint8_t> query(query_in.begin(), query_in.end());
  if (rb >= l_pac) {  // reverse both so that indels are placed leftmost on the forward strand
    std::reverse(query.begin(), query.end());
    std::reverse(rseq.begin(), rseq.end());
  }
  if (l_query == re - rb && w_ == 0) {  // unreachable from reg2aln (as in bwa), kept for the patch caller
    out.cigar.push_back(static_cast<std::uint32_t>(l_query) << 4);
    for (int i = 0; i < l_query; ++i) out.score += opt.mat[rseq[i] * 5 + query[i]];
  } else {
    const int max_ins = static_cast<int>(static_cast<double>(((l_query + 1) >> 1) * opt.mat[0] - opt.o_ins) / opt.e_ins + 1.);
    const int max_del = static_cast<int>(static_cast<double>(((l_query + 1) >> 1) * opt.mat[0] - opt.o_del) / opt.e_del + 1.);
    int max_gap = max_ins > max_del ? max_ins : max_del;
    max_gap = max_gap > 1 ? max_gap : 1;
    const int diff = std::abs(static_cast<int>(rlen) - l_query);
    int w = (max_gap + diff + 1) >> 1;
    w = w < w_ ? w : w_;
    const int min_w = diff + 3;
    w = w > min_w ? w : min_w;
    kernels::GlobalSwParams p;
    for (int k = 0; k < 25; ++k) p.mat[k] = opt.mat[k];
    p.o_del = opt.o_del, p.e_del = opt.e_del, p.o_ins = opt.o_ins, p.e_ins = opt.e_ins;
    std::vector<std::int32_t> eh(2 * static_cast<std::size_t>(l_query + 1) + 2);
    std::vector<std::uint8_t> z(kernels::global_sw_z_bytes(l_query, static_cast<int>(rlen), w) + 1);
    out.cigar.resize(static_cast<std::size_t>(l_query + rlen));
    int n_cigar = 0;
    out.score = kernels::global_sw_align(l_query, query.data(), static_cast<int>(rlen), rseq.data(), p, w, eh.data(),
                                         z.data(), out.cigar.data(), &n_cigar);
    out.cigar.resize(static_cast<std::size_t>(n_cigar));
  }
  // NM and MD, bases named on the forward strand.
  const char* int2base = rb < l_pac ? "ACGTN" : "TGCAN";
  int x = 0, y = 0, u = 0, n_mm = 0, n_gap = 0;
  const int n_cigar = static_cast<int>(out.cigar.size());
  for (int k = 0; k < n_cigar; ++k) {
    const int op = static_cast<int>(out.cigar[k] & 0xf), len = static_cast<int>(out.cigar[k] >> 4);
    if (op == 0) {
      for (int i = 0; i < len; ++i) {
        if (query[x + i] != rseq[y + i]) {
          out.MD += std::to_string(u);
          out.MD += int2base[rseq[y + i]];
          ++n_mm;
          u = 0;
        } else {
          ++u;
        }
      }
      x += len, y += len;
    } else if (op == 2) {
      if (k > 0 && k < n_cigar - 1) {
        out.MD += std::to_string(u);
        out.MD += '^';
        for (int i = 0; i < len; ++i) out.MD += int2base[rseq[y + i]];
        u = 0;
        n_gap += len;
      }
      y += len;
    } else if (op == 1) {
      x += len, n_gap += len;
    }
  }
  out.MD += std::to_string(u);
  out.NM = n_mm + n_gap;
  return out;
}

MemAln reg2aln(const MemOptions& opt, const reference::ReferenceIndex& index, std::span<const std::uint8_t> query,
               const AlnReg* ar) {
  MemAln a;
  if (ar == nullptr || ar->rb < 0 || ar->re < 0) {
    a.rid = -1, a.pos = -1, a.flag |= 0x4;
    return a;
  }
  const int l_query = static_cast<int>(query.size());
  const int qb = ar->qb, qe = ar->qe;
  const std::int64_t rb = ar->rb, re = ar->re;
  a.mapq = ar->secondary < 0 ? approx_mapq_se(opt, *ar) : 0;
  if (ar->secondary >= 0) a.flag |= 0x100;
  const int tmp = infer_bw(qe - qb, static_cast<int>(re - rb), ar->truesc, opt.a, opt.o_del, opt.e_del);
  int w2 = infer_bw(qe - qb, static_cast<int>(re - rb), ar->truesc, opt.a, opt.o_ins, opt.e_ins);
  w2 = w2 > tmp ? w2 : tmp;
  if (w2 > opt.w) w2 = w2 < ar->w ? w2 : ar->w;
  int last_sc = -(1 << 30), i = 0;
  GlobalAln g;
  const auto sub_query = query.subspan(static_cast<std::size_t>(qb), static_cast<std::size_t>(qe - qb));
  do {
    w2 = w2 < opt.w << 2 ? w2 : opt.w << 2;
    g = gen_cigar(opt, w2, index, sub_query, rb, re);
    if (g.score == last_sc || w2 == opt.w << 2) break;
    last_sc = g.score;
    w2 <<= 1;
  } while (++i < 3 && g.score < ar->truesc - opt.a);
  a.NM = g.NM;
  a.MD = std::move(g.MD);
  a.cigar = std::move(g.cigar);
  bool is_rev = false;
  std::int64_t pos = forward_position(index, rb < static_cast<std::int64_t>(index.l_pac()) ? rb : re - 1, is_rev);
  a.is_rev = is_rev;
  if (!a.cigar.empty()) {  // squeeze out a leading or trailing deletion
    if ((a.cigar.front() & 0xf) == 2) {
      pos += a.cigar.front() >> 4;
      a.cigar.erase(a.cigar.begin());
    } else if ((a.cigar.back() & 0xf) == 2) {
      a.cigar.pop_back();
    }
  }
  if (qb != 0 || qe != l_query) {
    const int clip5 = is_rev ? l_query - qe : qb;
    const int clip3 = is_rev ? qb : l_query - qe;
    if (clip5) a.cigar.insert(a.cigar.begin(), static_cast<std::uint32_t>(clip5) << 4 | 3);
    if (clip3) a.cigar.push_back(static_cast<std::uint32_t>(clip3) << 4 | 3);
  }
  a.rid = contig_of(index, pos);
  a.pos = pos - static_cast<std::int64_t>(index.bns().contigs[static_cast<std::size_t>(a.rid)].offset);
  a.score = ar->score;
  a.sub = ar->sub > ar->csub ? ar->sub : ar->csub;
  a.is_alt = ar->is_alt != 0;
  a.alt_sc = ar->alt_sc;
  return a;
}

void append_cigar_text(std::string& out, std::span<const std::uint32_t> cigar) {
  for (const std::uint32_t c : cigar) {
    out += std::to_string(c >> 4);
    out += "MIDSHN"[c & 0xf];
  }
}

std::vector<std::string> gen_alt(const MemOptions& opt, const reference::ReferenceIndex& index,
                                 const std::vector<AlnReg>& a, std::span<const std::uint8_t> query) {
  const std::size_t n = a.size();
  std::vector<std::string> xa(n);
  std::vector<int> cnt(n, 0);
  std::vector<char> has_alt(n, 0);
  auto pri_idx = [&](std::size_t i) {
    const int k = a[i].secondary_all;
    // bwa's get_pri_idx takes the ratio as a double: the product is not rounded to float.
    if (k >= 0 && a[i].score >= a[static_cast<std::size_t>(k)].score * static_cast<double>(opt.XA_drop_ratio)) return k;
    return -1;
  };
  int tot = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const int r = pri_idx(i);
    if (r >= 0) {
      ++cnt[static_cast<std::size_t>(r)], ++tot;
      if (a[i].is_alt) has_alt[static_cast<std::size_t>(r)] = 1;
    }
  }
  if (tot == 0) return xa;
  const auto& contigs = index.bns().contigs;
  for (std::size_t i = 0; i < n; ++i) {
    const int r = pri_idx(i);
    if (r < 0) continue;
    const auto ru = static_cast<std::size_t>(r);
    if (cnt[ru] > opt.max_XA_hits_alt || (!has_alt[ru] && cnt[ru] > opt.max_XA_hits)) continue;
    const MemAln t = reg2aln(opt, index, query, &a[i]);
    std::string& s = xa[ru];
    s += contigs[static_cast<std::size_t>(t.rid)].name;
    s += ',';
    s += "+-"[t.is_rev];
    s += std::to_string(t.pos + 1);
    s += ',';
    append_cigar_text(s, t.cigar);
    s += ',';
    s += std::to_string(t.NM);
    s += ';';
  }
  return xa;
}

}  // namespace helicase::align
