// bqsr_gpu_test.cpp -- the BQSR kernels' CUDA launchers equal their CPU launchers, exactly:
// ApplyBQSR's recalibrated qualities, and BaseRecalibrator's per-base outputs (events, BAQ
// fractional errors, skip mask, covariate keys) on random reads, CIGARs and references.
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "bqsr/apply_launch.hpp"
#include "bqsr/recal_launch.hpp"

namespace helicase::kernels::bqsr {
namespace {

TEST(BqsrGpu, ApplyEqualsCpu) {
  std::mt19937 rng(11);
  ApplyModel m;
  m.allocate(3, 2, 500);
  for (auto& v : m.y2) v = static_cast<std::int16_t>(5 + rng() % 40);
  for (auto& v : m.ctx_delta) v = static_cast<std::int8_t>(static_cast<int>(rng() % 9) - 4);
  for (auto& v : m.cyc_delta) v = static_cast<std::int8_t>(static_cast<int>(rng() % 9) - 4);
  for (std::size_t q = 0; q < m.qmap.size(); ++q) m.qmap[q] = static_cast<std::uint8_t>(q / 3 * 3);
  for (std::size_t q = 0; q < m.missing_map.size(); ++q) m.missing_map[q] = static_cast<std::uint8_t>(q);
  std::vector<std::uint64_t> offset;
  std::vector<std::uint32_t> length;
  std::vector<std::uint8_t> flags, quals;
  std::vector<std::int32_t> rg;
  std::string bases;
  for (int r = 0; r < 20000; ++r) {
    const int len = 1 + static_cast<int>(rng() % 250);
    offset.push_back(bases.size());
    length.push_back(static_cast<std::uint32_t>(len));
    flags.push_back(static_cast<std::uint8_t>(rng() % 4));
    rg.push_back(static_cast<std::int32_t>(rng() % 4) - 1);
    for (int i = 0; i < len; ++i) {
      bases += "ACGTNacgt"[rng() % 9];
      quals.push_back(static_cast<std::uint8_t>(rng() % 60));
    }
  }
  std::vector<std::uint8_t> qc = quals, qg = quals;
  std::vector<std::int32_t> sc(rg.size()), sg(rg.size());
  ApplyBatchView v{static_cast<std::uint32_t>(rg.size()), offset.data(), length.data(), flags.data(), rg.data(),
                   bases.data(), qc.data(), sc.data()};
  ThreadPool pool(2);
  apply_cpu(v, m.view(), pool);
  auto state = make_apply_gpu_state(0, m);
  v.quals = qg.data();
  v.status = sg.data();
  apply_gpu(v, *state);
  EXPECT_EQ(qc, qg);
  EXPECT_EQ(sc, sg);
  EXPECT_NE(qc, quals);
}

struct RecalInput {
  std::vector<std::uint64_t> offset, ref_offset;
  std::vector<std::uint32_t> length, cigar_offset, cigar_count, ref_length, cigar;
  std::vector<std::int32_t> ref_shift, rg;
  std::vector<std::uint8_t> flags, quals, ins, del, known;
  std::string ref, bases;
};

// Reads built from a random reference window with random edits, as aligned reads look.
RecalInput random_recal_input(unsigned seed, int n) {
  std::mt19937 rng(seed);
  RecalInput in;
  for (int r = 0; r < n; ++r) {
    const int pad = 3 + static_cast<int>(rng() % 2);
    std::string window;
    const int wlen = 60 + static_cast<int>(rng() % 120);
    for (int i = 0; i < wlen; ++i) window += "ACGTACGTACGTN"[rng() % 13];
    // CIGAR: [H] M (I|D M)* [H], consuming the window from `pad`.
    std::vector<std::uint32_t> cig;
    std::string read;
    int rp = pad;
    if (rng() % 4 == 0) cig.push_back(static_cast<std::uint32_t>(1 + rng() % 5) << 4 | kOpH);
    const int blocks = 1 + static_cast<int>(rng() % 3);
    for (int blk = 0; blk < blocks && rp < wlen - pad - 5; ++blk) {
      if (blk > 0) {
        if (rng() % 2) {
          const int l = 1 + static_cast<int>(rng() % 3);
          cig.push_back(static_cast<std::uint32_t>(l) << 4 | kOpI);
          for (int i = 0; i < l; ++i) read += "ACGT"[rng() % 4];
        } else {
          const int l = 1 + static_cast<int>(rng() % 3);
          cig.push_back(static_cast<std::uint32_t>(l) << 4 | kOpD);
          rp += l;
        }
      }
      const int m = std::min(5 + static_cast<int>(rng() % 60), wlen - pad - rp);
      if (m <= 0) break;
      cig.push_back(static_cast<std::uint32_t>(m) << 4 | kOpM);
      for (int i = 0; i < m; ++i) read += rng() % 25 == 0 ? "ACGTN"[rng() % 5] : window[static_cast<std::size_t>(rp + i)];
      rp += m;
    }
    if (read.empty()) {
      --r;
      continue;
    }
    in.offset.push_back(in.bases.size());
    in.length.push_back(static_cast<std::uint32_t>(read.size()));
    in.cigar_offset.push_back(static_cast<std::uint32_t>(in.cigar.size()));
    in.cigar_count.push_back(static_cast<std::uint32_t>(cig.size()));
    in.cigar.insert(in.cigar.end(), cig.begin(), cig.end());
    in.ref_offset.push_back(in.ref.size());
    in.ref_length.push_back(static_cast<std::uint32_t>(rp + pad));
    in.ref += window.substr(0, static_cast<std::size_t>(rp + pad));
    in.ref_shift.push_back(pad);
    in.flags.push_back(static_cast<std::uint8_t>((rng() % 4) | (rng() % 8 ? kFlagBaqWindow : 0)));
    in.rg.push_back(0);
    in.bases += read;
    for (std::size_t i = 0; i < read.size(); ++i) {
      in.quals.push_back(static_cast<std::uint8_t>(rng() % 10 == 0 ? rng() % 5 : 10 + rng() % 31));
      in.ins.push_back(45);
      in.del.push_back(static_cast<std::uint8_t>(30 + rng() % 10));
      in.known.push_back(rng() % 50 == 0 ? 1 : 0);
    }
  }
  return in;
}

struct RecalOutput {
  std::vector<std::uint8_t> skip;
  std::vector<double> em, ei, ed;
  std::vector<std::int32_t> cm, ci, status;
  std::vector<std::int16_t> ym, yi;
};

RecalOutput run(const RecalInput& in, const RecalParams& p, bool gpu) {
  RecalOutput o;
  const std::size_t nb = in.bases.size(), n = in.offset.size();
  o.skip.assign(nb, 9);
  o.em.assign(nb, -1);
  o.ei.assign(nb, -1);
  o.ed.assign(nb, -1);
  o.cm.assign(nb, -9);
  o.ci.assign(nb, -9);
  o.ym.assign(nb, -9);
  o.yi.assign(nb, -9);
  o.status.assign(n, -9);
  RecalBatchView v;
  v.n_reads = static_cast<std::uint32_t>(n);
  v.offset = in.offset.data();
  v.length = in.length.data();
  v.cigar_offset = in.cigar_offset.data();
  v.cigar_count = in.cigar_count.data();
  v.ref_offset = in.ref_offset.data();
  v.ref_length = in.ref_length.data();
  v.ref_shift = in.ref_shift.data();
  v.flags = in.flags.data();
  v.rg = in.rg.data();
  v.cigar = in.cigar.data();
  v.ref = in.ref.data();
  v.bases = in.bases.data();
  v.quals = in.quals.data();
  v.ins_quals = in.ins.data();
  v.del_quals = in.del.data();
  v.known = in.known.data();
  v.skip = o.skip.data();
  v.err_m = o.em.data();
  v.err_i = o.ei.data();
  v.err_d = o.ed.data();
  v.ctx_m = o.cm.data();
  v.ctx_i = o.ci.data();
  v.cyc_m = o.ym.data();
  v.cyc_i = o.yi.data();
  v.status = o.status.data();
  if (gpu) {
    auto s = make_recal_gpu_state(0);
    recal_gpu(v, p, in.cigar.size(), in.ref.size(), *s);
  } else {
    ThreadPool pool(3);
    recal_cpu(v, p, pool);
  }
  // Outputs of dropped reads are unspecified: blank them on both sides.
  for (std::size_t r = 0; r < n; ++r) {
    if (o.status[r] != kRecalDropped) continue;
    for (std::uint64_t k = in.offset[r]; k < in.offset[r] + in.length[r]; ++k) {
      o.skip[k] = 0;
      o.em[k] = o.ei[k] = o.ed[k] = 0;
      o.cm[k] = o.ci[k] = 0;
      o.ym[k] = o.yi[k] = 0;
    }
  }
  return o;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

TEST(BqsrGpu, RecalEqualsCpuWithAndWithoutBaq) {
  const RecalInput in = random_recal_input(5, 30000);
  const std::vector<double> q2p = baq_qual_to_prob_table();
  for (bool baq : {false, true}) {
    RecalParams p;
    p.baq = baq;
    p.qual2prob = q2p.data();
    const RecalOutput c = run(in, p, false), g = run(in, p, true);
    EXPECT_EQ(c.status, g.status) << "baq " << baq;
    EXPECT_EQ(c.skip, g.skip) << "baq " << baq;
    EXPECT_TRUE(same_bits(c.em, g.em)) << "baq " << baq;
    EXPECT_TRUE(same_bits(c.ei, g.ei)) << "baq " << baq;
    EXPECT_TRUE(same_bits(c.ed, g.ed)) << "baq " << baq;
    EXPECT_EQ(c.cm, g.cm);
    EXPECT_EQ(c.ci, g.ci);
    EXPECT_EQ(c.ym, g.ym);
    EXPECT_EQ(c.yi, g.yi);
    std::size_t fractional = 0;
    for (double e : c.em) fractional += (e != 0.0 && e != 1.0) ? 1 : 0;
    if (baq) {
      EXPECT_GT(fractional, 1000u);  // BAQ really ran
    }
  }
}

}  // namespace
}  // namespace helicase::kernels::bqsr
