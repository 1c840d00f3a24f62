// mem_pair.cpp -- see mem_pair.hpp.
#include "align/mem_pair.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "align/ks_sort.hpp"
#include "align/ref_segment.hpp"
#include "bwa_matesw/mate_sw.hpp"

namespace helicase::align {
namespace {

constexpr double kMinRatio = 0.8;
constexpr int kMinDirCnt = 10;
constexpr double kMinDirRatio = 0.05;
constexpr double kOutlierBound = 2.0;
constexpr double kMappingBound = 3.0;
constexpr double kMaxStddev = 4.0;

// mem_infer_dir: orientation (0 FF, 1 FR, 2 RF, 3 RR) and distance of two hits.
int infer_dir(std::int64_t l_pac, std::int64_t b1, std::int64_t b2, std::int64_t& dist) {
  const int r1 = b1 >= l_pac, r2 = b2 >= l_pac;
  const std::int64_t p2 = r1 == r2 ? b2 : (l_pac << 1) - 1 - b2;
  dist = p2 > b1 ? p2 - b1 : b1 - p2;
  return (r1 == r2 ? 0 : 1) ^ (p2 > b1 ? 0 : 3);
}

int cal_sub(const MemOptions& opt, const std::vector<AlnReg>& r) {
  std::size_t j = 1;
  for (; j < r.size(); ++j) {
    const int b_max = r[j].qb > r[0].qb ? r[j].qb : r[0].qb;
    const int e_min = r[j].qe < r[0].qe ? r[j].qe : r[0].qe;
    if (e_min > b_max) {
      const int lj = r[j].qe - r[j].qb, l0 = r[0].qe - r[0].qb;
      const int min_l = lj < l0 ? lj : l0;
      if (static_cast<float>(e_min - b_max) >= static_cast<float>(min_l) * opt.mask_level) break;
    }
  }
  return j < r.size() ? r[j].score : opt.min_seed_len * opt.a;
}

int raw_mapq(int diff, int a) { return static_cast<int>(6.02 * diff / a + .499); }

std::string fmt(const char* f, double a, double b) {
  char buf[160];
  std::snprintf(buf, sizeof buf, f, a, b);
  return buf;
}

struct Pair64 {
  std::uint64_t x, y;
};
bool pair64_lt(const Pair64& a, const Pair64& b) { return a.x < b.x || (a.x == b.x && a.y < b.y); }

// mem_pair: best pair score (0 if none), sub-optimal score, count near it, chosen hits z.
int pair_hits(const MemOptions& opt, const reference::ReferenceIndex& index, const PeStats& pes,
              std::vector<AlnReg> a[2], std::uint64_t id, int& sub, int& n_sub, int z[2], const int n_pri[2]) {
  const auto l_pac = static_cast<std::int64_t>(index.l_pac());
  const auto& contigs = index.bns().contigs;
  std::vector<Pair64> v, u;
  for (int r = 0; r < 2; ++r) {
    for (int i = 0; i < n_pri[r]; ++i) {
      const AlnReg& e = a[r][static_cast<std::size_t>(i)];
      std::uint64_t x = static_cast<std::uint64_t>(e.rb < l_pac ? e.rb : (l_pac << 1) - 1 - e.rb);
      x = static_cast<std::uint64_t>(e.rid) << 32 | (x - contigs[static_cast<std::size_t>(e.rid)].offset);
      const std::uint64_t y = static_cast<std::uint64_t>(e.score) << 32 | static_cast<std::uint64_t>(i) << 2 |
                              static_cast<std::uint64_t>(e.rb >= l_pac) << 1 | static_cast<std::uint64_t>(r);
      v.push_back({x, y});
    }
  }
  std::sort(v.begin(), v.end(), pair64_lt);  // keys are distinct: same order as bwa's introsort
  // bwa passes the pair number as an int and shifts it in int arithmetic (sign-extended when xored).
  const auto id32 = static_cast<std::int32_t>(id);
  const auto id_shift = static_cast<std::int32_t>(static_cast<std::uint32_t>(id32) << 8);
  int y[4] = {-1, -1, -1, -1};
  for (int i = 0; i < static_cast<int>(v.size()); ++i) {
    for (int r = 0; r < 2; ++r) {
      const int dir = r << 1 | static_cast<int>(v[i].y >> 1 & 1);
      if (pes[dir].failed) continue;
      const int which = r << 1 | static_cast<int>((v[i].y & 1) ^ 1);
      if (y[which] < 0) continue;
      for (int k = y[which]; k >= 0; --k) {
        if (static_cast<int>(v[k].y & 3) != which) continue;
        const auto dist = static_cast<std::int64_t>(v[i].x) - static_cast<std::int64_t>(v[k].x);
        if (dist > pes[dir].high) break;
        if (dist < pes[dir].low) continue;
        const double ns = (static_cast<double>(dist) - pes[dir].avg) / pes[dir].std;
        int q = static_cast<int>(static_cast<double>((v[i].y >> 32) + (v[k].y >> 32)) +
                                 .721 * std::log(2. * std::erfc(std::fabs(ns) * M_SQRT1_2)) * opt.a + .499);
        if (q < 0) q = 0;
        Pair64 p;
        p.y = static_cast<std::uint64_t>(k) << 32 | static_cast<std::uint64_t>(i);
        p.x = static_cast<std::uint64_t>(q) << 32 |
              (hash_64(p.y ^ static_cast<std::uint64_t>(static_cast<std::int64_t>(id_shift))) & 0xffffffffU);
        u.push_back(p);
      }
    }
    y[v[i].y & 3] = i;
  }
  int ret = 0;
  if (!u.empty()) {
    int tmp = opt.a + opt.b;
    tmp = tmp > opt.o_del + opt.e_del ? tmp : opt.o_del + opt.e_del;
    tmp = tmp > opt.o_ins + opt.e_ins ? tmp : opt.o_ins + opt.e_ins;
    std::sort(u.begin(), u.end(), pair64_lt);
    const auto& best = u.back();
    const auto i = static_cast<std::size_t>(best.y >> 32), k = static_cast<std::size_t>(best.y << 32 >> 32);
    z[v[i].y & 1] = static_cast<int>(v[i].y << 32 >> 34);
    z[v[k].y & 1] = static_cast<int>(v[k].y << 32 >> 34);
    ret = static_cast<int>(best.x >> 32);
    sub = u.size() > 1 ? static_cast<int>(u[u.size() - 2].x >> 32) : 0;
    n_sub = 0;
    for (long j = static_cast<long>(u.size()) - 2; j >= 0; --j)
      if (sub - static_cast<int>(u[static_cast<std::size_t>(j)].x >> 32) <= tmp) ++n_sub;
  } else {
    sub = 0, n_sub = 0;
  }
  return ret;
}

}  // namespace

PeStats pestat(const MemOptions& opt, std::int64_t l_pac, std::span<const std::vector<AlnReg>> regs,
               std::vector<std::string>* log) {
  PeStats pes{};
  std::vector<std::uint64_t> isize[4];
  for (std::size_t i = 0; i < regs.size() / 2; ++i) {
    const auto& r0 = regs[i << 1], &r1 = regs[i << 1 | 1];
    if (r0.empty() || r1.empty()) continue;
    if (cal_sub(opt, r0) > kMinRatio * r0[0].score) continue;
    if (cal_sub(opt, r1) > kMinRatio * r1[0].score) continue;
    if (r0[0].rid != r1[0].rid) continue;
    std::int64_t is = 0;
    const int dir = infer_dir(l_pac, r0[0].rb, r1[0].rb, is);
    if (is && is <= opt.max_ins) isize[dir].push_back(static_cast<std::uint64_t>(is));
  }
  if (log) {
    char buf[200];
    std::snprintf(buf, sizeof buf, "[M::mem_pestat] # candidate unique pairs for (FF, FR, RF, RR): (%zu, %zu, %zu, %zu)",
                  isize[0].size(), isize[1].size(), isize[2].size(), isize[3].size());
    log->push_back(buf);
  }
  for (int d = 0; d < 4; ++d) {
    PeStat& r = pes[d];
    auto& q = isize[d];
    const std::string dir_name = {"FR"[d >> 1 & 1], "FR"[d & 1]};
    if (static_cast<int>(q.size()) < kMinDirCnt) {
      if (log) log->push_back("[M::mem_pestat] skip orientation " + dir_name + " as there are not enough pairs");
      r.failed = 1;
      continue;
    }
    if (log) log->push_back("[M::mem_pestat] analyzing insert size distribution for orientation " + dir_name + "...");
    std::sort(q.begin(), q.end());
    const double n = static_cast<double>(q.size());
    const auto p25 = static_cast<int>(q[static_cast<std::size_t>(.25 * n + .499)]);
    const auto p50 = static_cast<int>(q[static_cast<std::size_t>(.50 * n + .499)]);
    const auto p75 = static_cast<int>(q[static_cast<std::size_t>(.75 * n + .499)]);
    r.low = static_cast<int>(p25 - kOutlierBound * (p75 - p25) + .499);
    if (r.low < 1) r.low = 1;
    r.high = static_cast<int>(p75 + kOutlierBound * (p75 - p25) + .499);
    if (log) {
      char buf[200];
      std::snprintf(buf, sizeof buf, "[M::mem_pestat] (25, 50, 75) percentile: (%d, %d, %d)", p25, p50, p75);
      log->push_back(buf);
      std::snprintf(buf, sizeof buf, "[M::mem_pestat] low and high boundaries for computing mean and std.dev: (%d, %d)",
                    r.low, r.high);
      log->push_back(buf);
    }
    int x = 0;
    r.avg = 0;
    for (const std::uint64_t v : q)
      if (v >= static_cast<std::uint64_t>(r.low) && v <= static_cast<std::uint64_t>(r.high)) r.avg += static_cast<double>(v), ++x;
    r.avg /= x;
    r.std = 0;
    for (const std::uint64_t v : q)
      if (v >= static_cast<std::uint64_t>(r.low) && v <= static_cast<std::uint64_t>(r.high))
        r.std += (static_cast<double>(v) - r.avg) * (static_cast<double>(v) - r.avg);
    r.std = std::sqrt(r.std / x);
    if (log) log->push_back(fmt("[M::mem_pestat] mean and std.dev: (%.2f, %.2f)", r.avg, r.std));
    r.low = static_cast<int>(p25 - kMappingBound * (p75 - p25) + .499);
    r.high = static_cast<int>(p75 + kMappingBound * (p75 - p25) + .499);
    if (r.low > r.avg - kMaxStddev * r.std) r.low = static_cast<int>(r.avg - kMaxStddev * r.std + .499);
    if (r.high < r.avg + kMaxStddev * r.std) r.high = static_cast<int>(r.avg + kMaxStddev * r.std + .499);
    if (r.low < 1) r.low = 1;
    if (log) log->push_back(fmt("[M::mem_pestat] low and high boundaries for proper pairs: (%.0f, %.0f)", r.low, r.high));
  }
  std::size_t max = 0;
  for (const auto& q : isize) max = max > q.size() ? max : q.size();
  for (int d = 0; d < 4; ++d) {
    if (pes[d].failed == 0 && static_cast<double>(isize[d].size()) < static_cast<double>(max) * kMinDirRatio) {
      pes[d].failed = 1;
      if (log) log->push_back(std::string("[M::mem_pestat] skip orientation ") + "FR"[d >> 1 & 1] + "FR"[d & 1]);
    }
  }
  return pes;
}

void sort_dedup_no_patch(const MemOptions& opt, std::vector<AlnReg>& a) {
  int n = static_cast<int>(a.size());
  if (n <= 1) return;
  ks_introsort(a.size(), a.data(), [](const AlnReg& x, const AlnReg& y) { return x.re < y.re; });
  for (auto& r : a) r.n_comp = 1;
  for (int i = 1; i < n; ++i) {
    AlnReg& p = a[i];
    if (p.rid != a[i - 1].rid || p.rb >= a[i - 1].re + opt.max_chain_gap) continue;
    for (int j = i - 1; j >= 0 && p.rid == a[j].rid && p.rb < a[j].re + opt.max_chain_gap; --j) {
      AlnReg& q = a[j];
      if (q.qe == q.qb) continue;
      const std::int64_t orr = q.re - p.rb;
      const std::int64_t oq = q.qb < p.qb ? q.qe - p.qb : p.qe - q.qb;
      const std::int64_t mr = q.re - q.rb < p.re - p.rb ? q.re - q.rb : p.re - p.rb;
      const std::int64_t mq = q.qe - q.qb < p.qe - p.qb ? q.qe - q.qb : p.qe - p.qb;
      if (static_cast<float>(orr) > opt.mask_level_redun * static_cast<float>(mr) &&
          static_cast<float>(oq) > opt.mask_level_redun * static_cast<float>(mq)) {
        if (p.score < q.score) {
          p.qe = p.qb;
          break;
        }
        q.qe = q.qb;
      }
      // (patching needs the reference; bwa skips it here)
    }
  }
  int m = 0;
  for (int i = 0; i < n; ++i)
    if (a[i].qe > a[i].qb) a[m++] = a[i];
  n = m;
  a.resize(static_cast<std::size_t>(n));
  ks_introsort(a.size(), a.data(), [](const AlnReg& x, const AlnReg& y) {
    return x.score > y.score || (x.score == y.score && (x.rb < y.rb || (x.rb == y.rb && x.qb < y.qb)));
  });
  for (int i = 1; i < n; ++i)
    if (a[i].score == a[i - 1].score && a[i].rb == a[i - 1].rb && a[i].qb == a[i - 1].qb) a[i].qe = a[i].qb;
  m = 1;
  for (int i = 1; i < n; ++i)
    if (a[i].qe > a[i].qb) a[m++] = a[i];
  a.resize(static_cast<std::size_t>(m));
}

int matesw(const MemOptions& opt, const reference::ReferenceIndex& index, const PeStats& pes, const AlnReg& a,
           std::span<const std::uint8_t> ms, std::vector<AlnReg>& ma) {
  const auto l_pac = static_cast<std::int64_t>(index.l_pac());
  const int l_ms = static_cast<int>(ms.size());
  int skip[4], n = 0;
  for (int r = 0; r < 4; ++r) skip[r] = pes[r].failed ? 1 : 0;
  for (const AlnReg& m : ma) {
    std::int64_t dist = 0;
    const int r = infer_dir(l_pac, a.rb, m.rb, dist);
    if (dist >= pes[r].low && dist <= pes[r].high) skip[r] = 1;
  }
  if (skip[0] + skip[1] + skip[2] + skip[3] == 4) return 0;
  kernels::MateSwParams sp;
  for (int k = 0; k < 25; ++k) sp.mat[k] = opt.mat[k];
  sp.o_del = opt.o_del, sp.e_del = opt.e_del, sp.o_ins = opt.o_ins, sp.e_ins = opt.e_ins;
  std::vector<std::uint8_t> rev(static_cast<std::size_t>(l_ms));
  for (int i = 0; i < l_ms; ++i) rev[static_cast<std::size_t>(l_ms - 1 - i)] = ms[static_cast<std::size_t>(i)] < 4 ? 3 - ms[static_cast<std::size_t>(i)] : 4;
  std::vector<std::int32_t> work;
  for (int r = 0; r < 4; ++r) {
    if (skip[r]) continue;
    const bool is_rev = (r >> 1) != (r & 1);
    const bool is_larger = !(r >> 1);
    const std::uint8_t* seq = is_rev ? rev.data() : ms.data();
    std::int64_t rb = 0, re = 0;
    if (!is_rev) {
      rb = is_larger ? a.rb + pes[r].low : a.rb - pes[r].high;
      re = (is_larger ? a.rb + pes[r].high : a.rb - pes[r].low) + l_ms;
    } else {
      rb = (is_larger ? a.rb + pes[r].low : a.rb - pes[r].high) - l_ms;
      re = is_larger ? a.rb + pes[r].high : a.rb - pes[r].low;
    }
    if (rb < 0) rb = 0;
    if (re > l_pac << 1) re = l_pac << 1;
    std::vector<std::uint8_t> ref;
    int rid = -1;  // bwa leaves rid unset when rb >= re; a fresh -1 never equals a.rid
    if (rb < re) ref = fetch_contig_segment(index, rb, (rb + re) >> 1, re, rid);
    if (a.rid == rid && re - rb >= opt.min_seed_len) {
      const int xtra = kernels::kKswXSubo | kernels::kKswXStart | (l_ms * opt.a < 250 ? kernels::kKswXByte : 0) |
                       (opt.min_seed_len * opt.a);
      work.resize(kernels::mate_sw_work_ints(l_ms, static_cast<int>(re - rb)));
      const kernels::MateSwResult aln =
          kernels::mate_sw_align(l_ms, seq, static_cast<int>(re - rb), ref.data(), sp, xtra, work.data());
      if (aln.score >= opt.min_seed_len && aln.qb >= 0) {
        AlnReg b;
        b.rid = a.rid;
        b.is_alt = a.is_alt;
        b.qb = is_rev ? l_ms - (aln.qe + 1) : aln.qb;
        b.qe = is_rev ? l_ms - aln.qb : aln.qe + 1;
        b.rb = is_rev ? (l_pac << 1) - (rb + aln.te + 1) : rb + aln.tb;
        b.re = is_rev ? (l_pac << 1) - (rb + aln.tb) : rb + aln.te + 1;
        b.score = aln.score;
        b.csub = aln.score2;
        b.secondary = -1;
        b.seedcov = static_cast<int>((b.re - b.rb < b.qe - b.qb ? b.re - b.rb : b.qe - b.qb) >> 1);
        // bwa zeroes the struct: truesc, w, sub... stay 0.
        std::size_t pos = 0;
        for (; pos < ma.size(); ++pos)
          if (ma[pos].score < b.score) break;
        ma.insert(ma.begin() + static_cast<std::ptrdiff_t>(pos), b);
      }
      ++n;
    }
    if (n) sort_dedup_no_patch(opt, ma);
  }
  return n;
}

void sam_se(const MemOptions& opt, const reference::ReferenceIndex& index, std::int64_t id, const ReadText& read,
            std::vector<AlnReg>& regs, std::string_view rg_id, std::string& out) {
  mark_primary_se(opt, regs, id);
  reg2sam(opt, index, out, read, regs, 0, nullptr, rg_id);
}

void sam_pe(const MemOptions& opt, const reference::ReferenceIndex& index, const PeStats& pes, std::uint64_t id,
            const ReadText s[2], std::vector<AlnReg> a[2], std::string_view rg_id, std::string out[2]) {
  int extra_flag = 1;
  MemAln h[2];
  if (!(opt.flag & kMemFNoRescue)) {
    std::vector<AlnReg> b[2];
    for (int i = 0; i < 2; ++i)
      for (const AlnReg& r : a[i])
        if (r.score >= a[i][0].score - opt.pen_unpaired) b[i].push_back(r);
    for (int i = 0; i < 2; ++i)
      for (std::size_t j = 0; j < b[i].size() && static_cast<int>(j) < opt.max_matesw; ++j)
        matesw(opt, index, pes, b[i][j], s[!i].seq, a[!i]);
  }
  int n_pri[2];
  n_pri[0] = mark_primary_se(opt, a[0], static_cast<std::int64_t>(id << 1 | 0));
  n_pri[1] = mark_primary_se(opt, a[1], static_cast<std::int64_t>(id << 1 | 1));
  int z[2] = {0, 0}, subo = 0, n_sub = 0, o = 0;
  bool paired = false;
  if (!(opt.flag & kMemFNoPairing) && n_pri[0] && n_pri[1] &&
      (o = pair_hits(opt, index, pes, a, id, subo, n_sub, z, n_pri)) > 0) {
    int is_multi[2];
    for (int i = 0; i < 2; ++i) {
      int j = 1;
      for (; j < n_pri[i]; ++j)
        if (a[i][static_cast<std::size_t>(j)].secondary < 0 && a[i][static_cast<std::size_t>(j)].score >= opt.T) break;
      is_multi[i] = j < n_pri[i] ? 1 : 0;
    }
    paired = !(is_multi[0] || is_multi[1]);
  }
  if (paired) {
    const int score_un = a[0][0].score + a[1][0].score - opt.pen_unpaired;
    subo = subo > score_un ? subo : score_un;
    int q_pe = raw_mapq(o - subo, opt.a);
    if (n_sub > 0) q_pe -= static_cast<int>(4.343 * std::log(n_sub + 1) + .499);
    if (q_pe < 0) q_pe = 0;
    if (q_pe > 60) q_pe = 60;
    q_pe = static_cast<int>(q_pe * (1. - .5 * (a[0][0].frac_rep + a[1][0].frac_rep)) + .499);
    int q_se[2];
    if (o > score_un) {
      AlnReg* c[2] = {&a[0][static_cast<std::size_t>(z[0])], &a[1][static_cast<std::size_t>(z[1])]};
      for (int i = 0; i < 2; ++i) {
        if (c[i]->secondary >= 0) c[i]->sub = a[i][static_cast<std::size_t>(c[i]->secondary)].score, c[i]->secondary = -2;
        q_se[i] = approx_mapq_se(opt, *c[i]);
      }
      for (int i = 0; i < 2; ++i) {
        q_se[i] = q_se[i] > q_pe ? q_se[i] : q_pe < q_se[i] + 40 ? q_pe : q_se[i] + 40;
      }
      extra_flag |= 2;
      for (int i = 0; i < 2; ++i) {
        const int cap = raw_mapq(c[i]->score - c[i]->csub, opt.a);
        q_se[i] = q_se[i] < cap ? q_se[i] : cap;
      }
    } else {
      z[0] = z[1] = 0;
      q_se[0] = approx_mapq_se(opt, a[0][0]);
      q_se[1] = approx_mapq_se(opt, a[1][0]);
    }
    for (int i = 0; i < 2; ++i) {
      const int k = a[i][static_cast<std::size_t>(z[i])].secondary_all;
      if (k >= 0 && k < n_pri[i]) {
        for (std::size_t j = 0; j < a[i].size(); ++j)
          if (a[i][j].secondary_all == k || static_cast<int>(j) == k) a[i][j].secondary_all = z[i];
        a[i][static_cast<std::size_t>(z[i])].secondary_all = -1;
      }
    }
    std::vector<std::string> xa[2];
    if (!(opt.flag & kMemFAll))
      for (int i = 0; i < 2; ++i) xa[i] = gen_alt(opt, index, a[i], s[i].seq);
    std::vector<MemAln> aa[2];
    for (int i = 0; i < 2; ++i) {
      h[i] = reg2aln(opt, index, s[i].seq, &a[i][static_cast<std::size_t>(z[i])]);
      h[i].mapq = q_se[i];
      h[i].flag |= 0x40 << i | extra_flag;
      if (!xa[i].empty()) h[i].XA = xa[i][static_cast<std::size_t>(z[i])];
      aa[i].push_back(h[i]);
      if (n_pri[i] < static_cast<int>(a[i].size())) {
        const AlnReg& p = a[i][static_cast<std::size_t>(n_pri[i])];
        if (p.score < opt.T || p.secondary >= 0 || !p.is_alt) continue;
        MemAln g = reg2aln(opt, index, s[i].seq, &p);
        g.flag |= 0x800 | 0x40 << i | extra_flag;
        if (!xa[i].empty()) g.XA = xa[i][static_cast<std::size_t>(n_pri[i])];
        aa[i].push_back(std::move(g));
      }
    }
    for (int i = 0; i < 2; ++i)
      for (std::size_t k = 0; k < aa[i].size(); ++k)
        aln2sam(opt, index, out[i], s[i], aa[i], static_cast<int>(k), &h[!i], rg_id);
    return;
  }
  // no pairing
  for (int i = 0; i < 2; ++i) {
    int which = -1;
    if (!a[i].empty()) {
      if (a[i][0].score >= opt.T) which = 0;
      else if (n_pri[i] < static_cast<int>(a[i].size()) && a[i][static_cast<std::size_t>(n_pri[i])].score >= opt.T)
        which = n_pri[i];
    }
    h[i] = reg2aln(opt, index, s[i].seq, which >= 0 ? &a[i][static_cast<std::size_t>(which)] : nullptr);
  }
  if (!(opt.flag & kMemFNoPairing) && h[0].rid == h[1].rid && h[0].rid >= 0) {
    std::int64_t dist = 0;
    const int d = infer_dir(static_cast<std::int64_t>(index.l_pac()), a[0][0].rb, a[1][0].rb, dist);
    if (!pes[d].failed && dist >= pes[d].low && dist <= pes[d].high) extra_flag |= 2;
  }
  reg2sam(opt, index, out[0], s[0], a[0], 0x41 | extra_flag, &h[1], rg_id);
  reg2sam(opt, index, out[1], s[1], a[1], 0x81 | extra_flag, &h[0], rg_id);
}

}  // namespace helicase::align
