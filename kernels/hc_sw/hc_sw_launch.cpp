// hc_sw_launch.cpp -- CPU launcher and batch packing of the haplotype Smith-Waterman kernel.
#include "hc_sw/hc_sw_launch.hpp"

#include <algorithm>

#include "hc_sw/hc_sw_diagonal.hpp"

namespace helicase::kernels::hc_sw {

SwBatchView SwHostBatch::view(SwParams p, int overhang) {
  SwBatchView v;
  v.n_pairs = static_cast<std::uint32_t>(ref_length.size());
  v.ref_offset = ref_offset.data();
  v.ref_length = ref_length.data();
  v.alt_offset = alt_offset.data();
  v.alt_length = alt_length.data();
  v.ref_bases = ref_bases.data();
  v.alt_bases = alt_bases.data();
  v.params = p;
  v.overhang = overhang;
  v.cigar_offset = cigar_offset.data();
  v.cigar = cigar.data();
  v.n_ops = n_ops.data();
  v.offset = offset.data();
  return v;
}

void sw_cpu(const SwBatchView& b, ThreadPool& pool) {
  const std::size_t n = b.n_pairs;
  if (n == 0) return;
  const std::size_t parts = std::min<std::size_t>(n, pool.size());
  pool.parallel_for(parts, [&](std::size_t part) {
    DiagonalScratch scratch;
    for (std::size_t k = n * part / parts; k < n * (part + 1) / parts; ++k) {
      b.n_ops[k] = sw_align_diagonal(b.ref_bases + b.ref_offset[k], b.ref_length[k], b.alt_bases + b.alt_offset[k],
                                     b.alt_length[k], b.params, b.overhang, scratch, b.cigar + b.cigar_offset[k],
                                     b.offset + k);
    }
  });
}

SwRunner::SwRunner(const Backend& backend) : backend_(backend) {
  if (backend.is_gpu()) gpu_ = make_sw_gpu_state(backend.device());
}

std::vector<SwResult> SwRunner::run(const std::vector<std::pair<std::string, std::string>>& ref_alt, SwParams p,
                                    int overhang) {
  SwHostBatch h;
  std::uint64_t cig = 0;
  for (const auto& [ref, alt] : ref_alt) {
    h.ref_offset.push_back(h.ref_bases.size());
    h.ref_length.push_back(static_cast<std::uint32_t>(ref.size()));
    h.ref_bases += ref;
    h.alt_offset.push_back(h.alt_bases.size());
    h.alt_length.push_back(static_cast<std::uint32_t>(alt.size()));
    h.alt_bases += alt;
    h.cigar_offset.push_back(cig);
    cig += ref.size() + alt.size() + 2;
  }
  h.cigar.assign(cig, 0);
  h.n_ops.assign(ref_alt.size(), 0);
  h.offset.assign(ref_alt.size(), 0);
  const SwBatchView v = h.view(p, overhang);
  if (gpu_) {
    sw_gpu(v, *gpu_);
  } else {
    sw_cpu(v, backend_.pool());
  }
  std::vector<SwResult> out(ref_alt.size());
  for (std::size_t k = 0; k < out.size(); ++k) {
    const auto* c = h.cigar.data() + h.cigar_offset[k];
    out[k].cigar.assign(c, c + h.n_ops[k]);
    out[k].offset = h.offset[k];
  }
  return out;
}

}  // namespace helicase::kernels::hc_sw
