// count.hpp -- BaseRecalibrator's table counting, deterministic on any thread count.
//
// RecalCounts holds GATK's RecalTable1 and the Context and Cycle tables as dense cells
// (observations as integers; errors as GATK's double, mismatches x 100000). Counting adds every
// non-skipped base of every counted read, for each enabled event, exactly as
// updateRecalTablesForRead does. Without BAQ every error is 0 or 1, so every cell holds exact
// integers and any split sums to the same bytes: add_batch() gives each thread a contiguous
// range of reads and its own RecalCounts, merged at the end. With BAQ, errors are fractions and
// each cell must receive its additions in GATK's order (read order, then base order):
// add_batch_ordered() splits the work by reported quality (every cell belongs to one), each part
// scanning the batch in order and updating only its own cells.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "bqsr/recal.hpp"
#include "common/thread_pool.hpp"

namespace helicase::kernels::bqsr {

struct CountCell {
  std::int64_t observations = 0;
  double mismatches_scaled = 0;  // mismatches * 100000
};

class RecalCounts {
 public:
  RecalCounts(int n_rg, int context_keys, int cycle_keys, bool indels);

  // Without BAQ (integer errors): parts[t] counts thread t's reads; merge_from() them at the end.
  static void add_batch(const RecalBatchView& batch, std::vector<RecalCounts>& parts, ThreadPool& pool);
  // With BAQ (fractional errors): ordered, quality-partitioned counting into this object.
  void add_batch_ordered(const RecalBatchView& batch, ThreadPool& pool);
  // Adds another object's counts (exact for integer counts).
  void merge_from(const RecalCounts& other);

  int n_rg() const { return n_rg_; }
  int context_keys() const { return ctx_keys_; }
  int cycle_keys() const { return cyc_keys_; }
  int n_events() const { return n_events_; }
  // nullptr when nothing was counted there.
  const CountCell* qual_cell(int rg, int qual, int event) const;
  const CountCell* context_block(int rg, int qual, int event) const;  // context_keys() cells
  const CountCell* cycle_block(int rg, int qual, int event) const;    // cycle_keys() cells

 private:
  std::size_t slot(int rg, int qual, int event) const {
    return (static_cast<std::size_t>(rg) * 94 + static_cast<std::size_t>(qual)) * static_cast<std::size_t>(n_events_) +
           static_cast<std::size_t>(event);
  }
  // Counts reads [lo, hi); with parts > 1 only the cells of qualities q % parts == part.
  void count(const RecalBatchView& b, std::uint32_t lo, std::uint32_t hi, int part, int parts);

  int n_rg_, ctx_keys_, cyc_keys_, n_events_;
  std::vector<CountCell> qual_;
  std::vector<std::unique_ptr<CountCell[]>> ctx_, cyc_;
};

}  // namespace helicase::kernels::bqsr
