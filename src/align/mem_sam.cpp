// mem_sam.cpp -- see mem_sam.hpp.
#include "align/mem_sam.hpp"

#include <climits>
#include <cstdio>

namespace helicase::align {
namespace {

void add_cigar(const MemOptions& opt, const MemAln& p, std::string& s, int which) {
  if (p.cigar.empty()) {
    s += '*';
    return;
  }
  for (const std::uint32_t c : p.cigar) {
    unsigned op = c & 0xf;
    if (!(opt.flag & kMemFSoftclip) && !p.is_alt && (op == 3 || op == 4)) op = which ? 4 : 3;
    s += std::to_string(c >> 4);
    s += "MIDSH"[op];
  }
}

std::int64_t ref_len(const std::vector<std::uint32_t>& cigar) {
  std::int64_t l = 0;
  for (const std::uint32_t c : cigar) {
    const unsigned op = c & 0xf;
    if (op == 0 || op == 2) l += c >> 4;
  }
  return l;
}

bool is_clip(std::uint32_t c) { return (c & 0xf) == 4 || (c & 0xf) == 3; }

}  // namespace

void aln2sam(const MemOptions& opt, const reference::ReferenceIndex& index, std::string& s, const ReadText& read,
             std::span<const MemAln> list, int which, const MemAln* mate_in, std::string_view rg_id) {
  MemAln p = list[static_cast<std::size_t>(which)];
  MemAln mtmp;
  MemAln* m = nullptr;
  if (mate_in) mtmp = *mate_in, m = &mtmp;
  const auto& contigs = index.bns().contigs;
  p.flag |= m ? 0x1 : 0;
  p.flag |= p.rid < 0 ? 0x4 : 0;
  p.flag |= m && m->rid < 0 ? 0x8 : 0;
  if (p.rid < 0 && m && m->rid >= 0) p.rid = m->rid, p.pos = m->pos, p.is_rev = m->is_rev, p.cigar.clear();
  if (m && m->rid < 0 && p.rid >= 0) m->rid = p.rid, m->pos = p.pos, m->is_rev = p.is_rev, m->cigar.clear();
  p.flag |= p.is_rev ? 0x10 : 0;
  p.flag |= m && m->is_rev ? 0x20 : 0;

  s += read.name;
  s += '\t';
  s += std::to_string((p.flag & 0xffff) | (p.flag & 0x10000 ? 0x100 : 0));
  s += '\t';
  if (p.rid >= 0) {
    s += contigs[static_cast<std::size_t>(p.rid)].name;
    s += '\t';
    s += std::to_string(p.pos + 1);
    s += '\t';
    s += std::to_string(p.mapq);
    s += '\t';
    add_cigar(opt, p, s, which);
  } else {
    s += "*\t0\t0\t*";
  }
  s += '\t';
  if (m && m->rid >= 0) {
    if (p.rid == m->rid) s += '=';
    else s += contigs[static_cast<std::size_t>(m->rid)].name;
    s += '\t';
    s += std::to_string(m->pos + 1);
    s += '\t';
    if (p.rid == m->rid) {
      const std::int64_t p0 = p.pos + (p.is_rev ? ref_len(p.cigar) - 1 : 0);
      const std::int64_t p1 = m->pos + (m->is_rev ? ref_len(m->cigar) - 1 : 0);
      if (m->cigar.empty() || p.cigar.empty()) s += '0';
      else s += std::to_string(-(p0 - p1 + (p0 > p1 ? 1 : p0 < p1 ? -1 : 0)));
    } else {
      s += '0';
    }
  } else {
    s += "*\t0\t0";
  }
  s += '\t';
  const int l_seq = static_cast<int>(read.seq.size());
  if (p.flag & 0x100) {
    s += "*\t*";
  } else {
    int qb = 0, qe = l_seq;
    const bool trim = !p.cigar.empty() && which && !(opt.flag & kMemFSoftclip) && !p.is_alt;
    if (!p.is_rev) {
      if (trim) {
        if (is_clip(p.cigar.front())) qb += static_cast<int>(p.cigar.front() >> 4);
        if (is_clip(p.cigar.back())) qe -= static_cast<int>(p.cigar.back() >> 4);
      }
      for (int i = qb; i < qe; ++i) s += "ACGTN"[read.seq[static_cast<std::size_t>(i)]];
      s += '\t';
      if (!read.qual.empty()) s.append(read.qual.substr(static_cast<std::size_t>(qb), static_cast<std::size_t>(qe - qb)));
      else s += '*';
    } else {
      if (trim) {
        if (is_clip(p.cigar.front())) qe -= static_cast<int>(p.cigar.front() >> 4);
        if (is_clip(p.cigar.back())) qb += static_cast<int>(p.cigar.back() >> 4);
      }
      for (int i = qe - 1; i >= qb; --i) s += "TGCAN"[read.seq[static_cast<std::size_t>(i)]];
      s += '\t';
      if (!read.qual.empty()) {
        for (int i = qe - 1; i >= qb; --i) s += read.qual[static_cast<std::size_t>(i)];
      } else {
        s += '*';
      }
    }
  }
  if (!p.cigar.empty()) {
    s += "\tNM:i:";
    s += std::to_string(p.NM);
    s += "\tMD:Z:";
    s += p.MD;
  }
  if (m && !m->cigar.empty()) {
    s += "\tMC:Z:";
    add_cigar(opt, *m, s, which);
  }
  if (p.score >= 0) {
    s += "\tAS:i:";
    s += std::to_string(p.score);
  }
  if (p.sub >= 0) {
    s += "\tXS:i:";
    s += std::to_string(p.sub);
  }
  if (!rg_id.empty()) {
    s += "\tRG:Z:";
    s += rg_id;
  }
  if (!(p.flag & 0x100)) {
    const int n = static_cast<int>(list.size());
    int i = 0;
    for (; i < n; ++i)
      if (i != which && !(list[static_cast<std::size_t>(i)].flag & 0x100)) break;
    if (i < n) {
      s += "\tSA:Z:";
      for (i = 0; i < n; ++i) {
        const MemAln& r = list[static_cast<std::size_t>(i)];
        if (i == which || (r.flag & 0x100)) continue;
        s += contigs[static_cast<std::size_t>(r.rid)].name;
        s += ',';
        s += std::to_string(r.pos + 1);
        s += ',';
        s += "+-"[r.is_rev];
        s += ',';
        for (const std::uint32_t c : r.cigar) {
          s += std::to_string(c >> 4);
          s += "MIDSH"[c & 0xf];
        }
        s += ',';
        s += std::to_string(r.mapq);
        s += ',';
        s += std::to_string(r.NM);
        s += ';';
      }
    }
    if (p.alt_sc > 0) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "\tpa:f:%.3f", static_cast<double>(p.score) / p.alt_sc);
      s += buf;
    }
  }
  if (!p.XA.empty()) {
    s += "\tXA:Z:";
    s += p.XA;
  }
  s += '\n';
}

void reg2sam(const MemOptions& opt, const reference::ReferenceIndex& index, std::string& out, const ReadText& read,
             std::vector<AlnReg>& a, int extra_flag, const MemAln* m, std::string_view rg_id) {
  std::vector<std::string> xa;
  if (!(opt.flag & kMemFAll)) xa = gen_alt(opt, index, a, read.seq);
  std::vector<MemAln> aa;
  int l = 0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    const AlnReg& p = a[k];
    if (p.score < opt.T) continue;
    if (p.secondary >= 0 && (p.is_alt || !(opt.flag & kMemFAll))) continue;
    if (p.secondary >= 0 && p.secondary < INT_MAX &&
        static_cast<float>(p.score) < static_cast<float>(a[static_cast<std::size_t>(p.secondary)].score) * opt.drop_ratio)
      continue;
    MemAln q = reg2aln(opt, index, read.seq, &p);
    if (!xa.empty()) q.XA = xa[k];
    q.flag |= extra_flag;
    if (p.secondary >= 0) q.sub = -1;
    if (l && p.secondary < 0) q.flag |= (opt.flag & kMemFNoMulti) ? 0x10000 : 0x800;
    if (!(opt.flag & kMemFKeepSuppMapq) && l && !p.is_alt && q.mapq > aa[0].mapq) q.mapq = aa[0].mapq;
    aa.push_back(std::move(q));
    ++l;
  }
  if (aa.empty()) {
    MemAln t = reg2aln(opt, index, read.seq, nullptr);
    t.flag |= extra_flag;
    aln2sam(opt, index, out, read, std::span<const MemAln>(&t, 1), 0, m, rg_id);
  } else {
    for (std::size_t k = 0; k < aa.size(); ++k) aln2sam(opt, index, out, read, aa, static_cast<int>(k), m, rg_id);
  }
}

}  // namespace helicase::align
