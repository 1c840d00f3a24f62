// count.hpp -- BaseRecalibrator's table counting, deterministic on any thread count.
//
// RecalCounts holds GATK's RecalTable1 and the Context and Cycle tables as dense cells
// (observations as integers; errors as GATK's double, mismatches x 100000). add_batch() adds
// every non-skipped base of every counted read of a batch, for each enabled event, exactly as
// updateRecalTablesForRead does. Fractional (BAQ) errors are doubles, so each cell must
// receive its additions in GATK's order (read order, then base order): the work is split by
// reported quality (every cell belongs to one quality), each part scanning the batch in order
// and updating only its own cells. The result is the same bytes for any number of parts.
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

  void add_batch(const RecalBatchView& batch, ThreadPool& pool);

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
  void count_part(const RecalBatchView& b, int part, int parts);

  int n_rg_, ctx_keys_, cyc_keys_, n_events_;
  std::vector<CountCell> qual_;
  std::vector<std::unique_ptr<CountCell[]>> ctx_, cyc_;
};

}  // namespace helicase::kernels::bqsr
