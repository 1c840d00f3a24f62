// mem_regions.cpp -- find_regions(): bwa 0.7.17's mem_align1_core, step by step.
//
// Per-thread buffers (seeding scratch, chain tree and pool, extension scratch) live in a
// thread_local workspace, so a read allocates little beyond its result.
#include "align/mem_regions.hpp"

#include "align/chain.hpp"
#include "align/dedup.hpp"
#include "align/extend_chain.hpp"
#include "bwa_smem/smem_launch.hpp"

namespace helicase::align {
namespace {

struct RegionWorkspace {
  kernels::SmemScratch smem;
  std::vector<kernels::SmemInterval> intervals;
  ChainWorkspace chain;
  std::vector<MemChain> chains;
  ExtendWorkspace extend;
};

}  // namespace

std::vector<AlnReg> find_regions(const MemOptions& opt, const reference::ReferenceIndex& index,
                                 std::span<const std::uint8_t> read) {
  thread_local RegionWorkspace ws;
  std::vector<AlnReg> regs;
  const auto len = static_cast<int>(read.size());
  if (len < opt.min_seed_len) return regs;  // shorter than a seed: no match (bwa's mem_chain)
  kernels::SmemParams sp;
  sp.min_seed_len = opt.min_seed_len;
  sp.split_factor = opt.split_factor;
  sp.split_width = opt.split_width;
  sp.max_mem_intv = opt.max_mem_intv;
  kernels::collect_intervals_host(index.fm(), sp, read.data(), len, ws.intervals, ws.smem);
  build_chains(opt, index, len, ws.intervals, ws.chain, ws.chains);
  filter_chains(opt, ws.chains);
  filter_chained_seeds(opt, index, read, ws.chains);
  const kernels::ExtendScoring scoring = extend_scoring(opt);
  for (const MemChain& c : ws.chains) extend_chain(opt, scoring, index, read, c, ws.extend, regs);
  sort_dedup_patch(opt, index, read, regs);
  for (auto& r : regs) r.is_alt = 0;  // no ALT contigs (helicase indexes carry no .alt file)
  return regs;
}

}  // namespace helicase::align
