// read_end_key_launch.hpp -- the entry point stages call to compute read-end keys of a batch.
//
// ReadEndKeyComputer runs read_end_key_one() over a MarkdupRecordBatch on the backend chosen
// at construction (CPU threads or one GPU); both give identical outputs. GPU state (device
// buffers, stream) lives behind a pointer to an incomplete type, so this header needs no CUDA.
#pragma once

#include <memory>

#include "markdup/read_end_key.hpp"
#include "runtime/backend.hpp"

namespace helicase::kernels {

// CPU launcher: contiguous parts of the batch over the pool.
void read_end_keys_cpu(const MarkdupRecordBatch& batch, const ReadEndKeyParams& params, const ReadEndKeys& out,
                       ThreadPool& pool);

// CUDA launcher (CUDA builds only; exit 5 otherwise).
struct ReadEndKeyGpuState;
struct ReadEndKeyGpuStateDeleter { void operator()(ReadEndKeyGpuState*) const; };
using ReadEndKeyGpuStatePtr = std::unique_ptr<ReadEndKeyGpuState, ReadEndKeyGpuStateDeleter>;
ReadEndKeyGpuStatePtr make_read_end_key_gpu_state(int device);
void read_end_keys_gpu(const MarkdupRecordBatch& batch, const ReadEndKeyParams& params, const ReadEndKeys& out,
                       ReadEndKeyGpuState& state);

class ReadEndKeyComputer {
 public:
  explicit ReadEndKeyComputer(const Backend& backend);
  void compute(const MarkdupRecordBatch& batch, const ReadEndKeyParams& params, const ReadEndKeys& out);

 private:
  const Backend& backend_;
  ReadEndKeyGpuStatePtr gpu_;
};

}  // namespace helicase::kernels
