// extend_chain.cpp -- see extend_chain.hpp.
#include "align/extend_chain.hpp"

#include <algorithm>

#include "align/ref_segment.hpp"
#include "common/error.hpp"

namespace helicase::align {

kernels::ExtendScoring extend_scoring(const MemOptions& opt) {
  kernels::ExtendScoring s;
  for (int i = 0; i < 25; ++i) s.mat[i] = opt.mat[i];
  s.o_del = opt.o_del;
  s.e_del = opt.e_del;
  s.o_ins = opt.o_ins;
  s.e_ins = opt.e_ins;
  return s;
}

int max_gap_for(const MemOptions& opt, int qlen) {
  const int l_del = static_cast<int>(static_cast<double>(qlen * opt.a - opt.o_del) / opt.e_del + 1.);
  const int l_ins = static_cast<int>(static_cast<double>(qlen * opt.a - opt.o_ins) / opt.e_ins + 1.);
  int l = l_del > l_ins ? l_del : l_ins;
  l = l > 1 ? l : 1;
  return l < opt.w << 1 ? l : opt.w << 1;
}

namespace {

constexpr int kMaxBandTry = 2;

// Is seed s already (almost) covered by one of the regions? bwa's test before extending.
bool covered_by_region(const MemOptions& opt, int l_query, const MemSeed& s, const std::vector<AlnReg>& regs) {
  for (const AlnReg& p : regs) {
    if (s.rbeg < p.rb || s.rbeg + s.len > p.re || s.qbeg < p.qb || s.qbeg + s.len > p.qe) continue;
    if (s.len - p.seedlen0 > .1 * l_query) continue;
    int qd = s.qbeg - p.qb;
    std::int64_t rd = s.rbeg - p.rb;
    int max_gap = max_gap_for(opt, static_cast<int>(qd < rd ? qd : rd));
    int w = max_gap < p.w ? max_gap : p.w;
    if (qd - rd < w && rd - qd < w) return true;
    qd = p.qe - (s.qbeg + s.len);
    rd = p.re - (s.rbeg + s.len);
    max_gap = max_gap_for(opt, static_cast<int>(qd < rd ? qd : rd));
    w = max_gap < p.w ? max_gap : p.w;
    if (qd - rd < w && rd - qd < w) return true;
  }
  return false;
}

}  // namespace

void extend_chain(const MemOptions& opt, const kernels::ExtendScoring& scoring, const reference::ReferenceIndex& index,
                  std::span<const std::uint8_t> query, const MemChain& c, ExtendWorkspace& ws, std::vector<AlnReg>& regs) {
  if (c.seeds.empty()) return;
  const auto l_query = static_cast<int>(query.size());
  const auto l_pac = static_cast<std::int64_t>(index.l_pac());
  std::int64_t rmax0 = l_pac << 1, rmax1 = 0;
  for (const MemSeed& t : c.seeds) {  // the widest reference span the seeds could need
    const std::int64_t b = t.rbeg - (t.qbeg + max_gap_for(opt, t.qbeg));
    const int right = l_query - t.qbeg - t.len;
    const std::int64_t e = t.rbeg + t.len + (right + max_gap_for(opt, right));
    rmax0 = rmax0 < b ? rmax0 : b;
    rmax1 = rmax1 > e ? rmax1 : e;
  }
  rmax0 = rmax0 > 0 ? rmax0 : 0;
  rmax1 = rmax1 < l_pac << 1 ? rmax1 : l_pac << 1;
  if (rmax0 < l_pac && l_pac < rmax1) {  // one strand only (all seeds are on one)
    if (c.seeds[0].rbeg < l_pac) rmax1 = l_pac;
    else rmax0 = l_pac;
  }
  int rid = -1;
  ws.rseq = fetch_contig_segment(index, rmax0, c.seeds[0].rbeg, rmax1, rid);
  if (rid != c.rid) fail_internal("chain and its reference window are on different contigs");
  const std::uint8_t* rseq = ws.rseq.data();

  const std::size_t n = c.seeds.size();
  ws.srt.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    ws.srt[i] = static_cast<std::uint64_t>(static_cast<std::uint32_t>(c.seeds[i].score)) << 32 | i;
  std::sort(ws.srt.begin(), ws.srt.end());  // distinct keys: any sort gives bwa's order

  for (int k = static_cast<int>(n) - 1; k >= 0; --k) {
    const MemSeed& s = c.seeds[static_cast<std::uint32_t>(ws.srt[static_cast<std::size_t>(k)])];
    if (covered_by_region(opt, l_query, s, regs)) {
      // Extend anyway when a long overlapping seed of the chain lies on another diagonal.
      std::size_t i = static_cast<std::size_t>(k) + 1;
      for (; i < n; ++i) {
        if (ws.srt[i] == 0) continue;
        const MemSeed& t = c.seeds[static_cast<std::uint32_t>(ws.srt[i])];
        if (t.len < s.len * .95) continue;
        if (s.qbeg <= t.qbeg && s.qbeg + s.len - t.qbeg >= s.len >> 2 && t.qbeg - s.qbeg != t.rbeg - s.rbeg) break;
        if (t.qbeg <= s.qbeg && t.qbeg + t.len - s.qbeg >= s.len >> 2 && s.qbeg - t.qbeg != s.rbeg - t.rbeg) break;
      }
      if (i == n) {
        ws.srt[static_cast<std::size_t>(k)] = 0;  // not extended
        continue;
      }
    }
    AlnReg a;
    int aw[2] = {opt.w, opt.w};
    a.w = opt.w;
    a.score = a.truesc = -1;
    a.rid = c.rid;
    if (s.qbeg) {  // left: reversed query prefix against the reversed reference before the seed
      const int qlen = s.qbeg;
      const auto tlen = static_cast<int>(s.rbeg - rmax0);
      ws.qs.resize(static_cast<std::size_t>(qlen));
      ws.rs.resize(static_cast<std::size_t>(tlen));
      for (int i = 0; i < qlen; ++i) ws.qs[static_cast<std::size_t>(i)] = query[static_cast<std::size_t>(s.qbeg - 1 - i)];
      for (int i = 0; i < tlen; ++i) ws.rs[static_cast<std::size_t>(i)] = rseq[tlen - 1 - i];
      ws.eh.resize(static_cast<std::size_t>(qlen) + 1);
      kernels::ExtendResult r;
      for (int i = 0; i < kMaxBandTry; ++i) {
        const int prev = a.score;
        aw[0] = opt.w << i;
        r = kernels::ksw_extend_one(qlen, ws.qs.data(), tlen, ws.rs.data(), scoring, aw[0], opt.pen_clip5, opt.zdrop,
                                    s.len * opt.a, ws.eh.data());
        a.score = r.score;
        if (a.score == prev || r.max_off < (aw[0] >> 1) + (aw[0] >> 2)) break;
      }
      if (r.gscore <= 0 || r.gscore <= a.score - opt.pen_clip5) {  // local end: clip
        a.qb = s.qbeg - r.qle;
        a.rb = s.rbeg - r.tle;
        a.truesc = a.score;
      } else {  // to the read start
        a.qb = 0;
        a.rb = s.rbeg - r.gtle;
        a.truesc = r.gscore;
      }
    } else {
      a.score = a.truesc = s.len * opt.a;
      a.qb = 0;
      a.rb = s.rbeg;
    }
    if (s.qbeg + s.len != l_query) {  // right
      const int sc0 = a.score;
      const int qe = s.qbeg + s.len;
      const auto re = static_cast<int>(s.rbeg + s.len - rmax0);
      const int qlen = l_query - qe;
      const auto tlen = static_cast<int>(rmax1 - rmax0 - re);
      ws.eh.resize(static_cast<std::size_t>(qlen) + 1);
      kernels::ExtendResult r;
      for (int i = 0; i < kMaxBandTry; ++i) {
        const int prev = a.score;
        aw[1] = opt.w << i;
        r = kernels::ksw_extend_one(qlen, query.data() + qe, tlen, rseq + re, scoring, aw[1], opt.pen_clip3, opt.zdrop,
                                    sc0, ws.eh.data());
        a.score = r.score;
        if (a.score == prev || r.max_off < (aw[1] >> 1) + (aw[1] >> 2)) break;
      }
      if (r.gscore <= 0 || r.gscore <= a.score - opt.pen_clip3) {
        a.qe = qe + r.qle;
        a.re = rmax0 + re + r.tle;
        a.truesc += a.score - sc0;
      } else {
        a.qe = l_query;
        a.re = rmax0 + re + r.gtle;
        a.truesc += r.gscore - sc0;
      }
    } else {
      a.qe = l_query;
      a.re = s.rbeg + s.len;
    }
    a.seedcov = 0;
    for (const MemSeed& t : c.seeds) {
      if (t.qbeg >= a.qb && t.qbeg + t.len <= a.qe && t.rbeg >= a.rb && t.rbeg + t.len <= a.re) a.seedcov += t.len;
    }
    a.w = aw[0] > aw[1] ? aw[0] : aw[1];
    a.seedlen0 = s.len;
    a.frac_rep = c.frac_rep;
    regs.push_back(a);
  }
}

}  // namespace helicase::align
