// extend_launch.hpp -- batched seed extensions (ksw_extend_one) on CPU or GPU.
//
// A batch is flat: all query bytes in `query`, all target bytes in `target`, and one
// ExtendJob per extension naming its slices and parameters. Results come back in job order
// and are identical on both backends (integer arithmetic only). The aligner's per-read path
// calls ksw_extend_one directly (each extension depends on the previous one); the batch
// form is what a GPU pipeline and the GPU==CPU tests use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "bwa_extend/ksw_extend.hpp"
#include "common/thread_pool.hpp"

namespace helicase::kernels {

struct ExtendJob {
  std::uint64_t query_offset = 0, target_offset = 0;
  int qlen = 0, tlen = 0;
  int w = 100, end_bonus = 5, zdrop = 100, h0 = 1;
};

struct ExtendBatch {
  ExtendScoring scoring;
  std::vector<std::uint8_t> query, target;
  std::vector<ExtendJob> jobs;
};

// CPU launcher: jobs in contiguous parts over the pool.
void ksw_extend_batch_cpu(const ExtendBatch& batch, ExtendResult* out, ThreadPool& pool);

// CUDA launcher (one thread per job; exit 5 in a CPU-only build).
void ksw_extend_batch_gpu(int device, const ExtendBatch& batch, ExtendResult* out);

}  // namespace helicase::kernels
