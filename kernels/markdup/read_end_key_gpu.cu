// read_end_key_gpu.cu -- CUDA launcher of the read-end key kernel.
//
// One thread per record (grid-stride) over device copies of the batch; outputs are copied
// back into the caller's arrays. Each output slot has exactly one writer, so the result
// equals the CPU launcher's byte for byte.
#include <cuda_runtime.h>

#include <algorithm>

#include "markdup/read_end_key_launch.hpp"
#include "runtime/device_buffer.cuh"

namespace helicase::kernels {
namespace {

__global__ void read_end_key_kernel(MarkdupRecordBatch batch, ReadEndKeyParams params, ReadEndKeys out) {
  for (std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; i < batch.n;
       i += static_cast<std::size_t>(gridDim.x) * blockDim.x) {
    read_end_key_one(batch, i, params, out);
  }
}

using gpu::to_device;

using gpu::to_host;

}  // namespace

struct ReadEndKeyGpuState {
  cudaStream_t stream = nullptr;
  gpu::DeviceBuffer<std::uint16_t> flag;
  gpu::DeviceBuffer<std::int32_t> pos, coordinate;
  gpu::DeviceBuffer<std::uint32_t> cigar;
  gpu::DeviceBuffer<std::uint64_t> cigar_offset, qual_offset, name_offset;
  gpu::DeviceBuffer<std::uint8_t> qual, reverse, name_parsed;
  gpu::DeviceBuffer<char> name;
  gpu::DeviceBuffer<std::int16_t> score, tile, x, y;
  ~ReadEndKeyGpuState() {
    if (stream) cudaStreamDestroy(stream);
  }
};

void ReadEndKeyGpuStateDeleter::operator()(ReadEndKeyGpuState* s) const { delete s; }

ReadEndKeyGpuStatePtr make_read_end_key_gpu_state(int device) {
  ReadEndKeyGpuStatePtr s(new ReadEndKeyGpuState);
  HELICASE_CUDA_CHECK(cudaSetDevice(device));
  HELICASE_CUDA_CHECK(cudaStreamCreateWithFlags(&s->stream, cudaStreamNonBlocking));
  return s;
}

void read_end_keys_gpu(const MarkdupRecordBatch& b, const ReadEndKeyParams& params, const ReadEndKeys& out,
                       ReadEndKeyGpuState& s) {
  const std::size_t n = b.n;
  if (n == 0) return;
  const bool quals = params.scoring == DuplicateScoring::SumOfBaseQualities;
  to_device(s.flag, b.flag, n, s.stream);
  to_device(s.pos, b.pos, n, s.stream);
  to_device(s.cigar, b.cigar, b.cigar_offset[n], s.stream);
  to_device(s.cigar_offset, b.cigar_offset, n + 1, s.stream);
  to_device(s.qual, quals ? b.qual : nullptr, quals ? b.qual_offset[n] : 0, s.stream);
  to_device(s.qual_offset, quals ? b.qual_offset : nullptr, quals ? n + 1 : 0, s.stream);
  to_device(s.name, b.name, b.name_offset[n], s.stream);
  to_device(s.name_offset, b.name_offset, n + 1, s.stream);
  for (auto* buf : {&s.score, &s.tile, &s.x, &s.y}) buf->reserve(n);
  s.coordinate.reserve(n);
  s.reverse.reserve(n);
  s.name_parsed.reserve(n);

  MarkdupRecordBatch db;
  db.n = n;
  db.flag = s.flag.data();
  db.pos = s.pos.data();
  db.cigar = s.cigar.data();
  db.cigar_offset = s.cigar_offset.data();
  db.qual = quals ? s.qual.data() : nullptr;
  db.qual_offset = quals ? s.qual_offset.data() : nullptr;
  db.name = s.name.data();
  db.name_offset = s.name_offset.data();
  ReadEndKeys dout{s.coordinate.data(), s.reverse.data(), s.score.data(), s.tile.data(),
                   s.x.data(),          s.y.data(),       s.name_parsed.data()};

  constexpr int kThreads = 256;
  const int blocks = static_cast<int>(std::min<std::size_t>((n + kThreads - 1) / kThreads, 4096));
  read_end_key_kernel<<<blocks, kThreads, 0, s.stream>>>(db, params, dout);
  HELICASE_CUDA_CHECK(cudaGetLastError());

  to_host(out.coordinate, s.coordinate, n, s.stream);
  to_host(out.reverse, s.reverse, n, s.stream);
  to_host(out.score, s.score, n, s.stream);
  to_host(out.tile, s.tile, n, s.stream);
  to_host(out.x, s.x, n, s.stream);
  to_host(out.y, s.y, n, s.stream);
  to_host(out.name_parsed, s.name_parsed, n, s.stream);
  HELICASE_CUDA_CHECK(cudaStreamSynchronize(s.stream));
}

}  // namespace helicase::kernels
