// sort_key_gpu.cu -- CUDA launchers of the sort-key kernel.
//
// Coordinate order: one thread per record computes its key with the HELICASE_HD functions
// of sort_key.hpp, then cub::DeviceRadixSort::SortPairs (stable LSD) sorts (key, index)
// pairs on the significant bits only; when the ranks do not fit one 64-bit key, a second
// stable pass sorts by contig rank. Queryname order: names are packed into one buffer and
// cub::DeviceMergeSort::StableSortKeys sorts indices with qname_compare(). Both are stable,
// so the permutation equals the CPU launcher's exactly.
#include <cuda_runtime.h>

#include <cub/device/device_merge_sort.cuh>
#include <cub/device/device_radix_sort.cuh>

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>

#include "runtime/device_buffer.cuh"
#include "sortkey/sort_key_launch.hpp"

namespace helicase::kernels {
namespace {

constexpr int kThreads = 256;

int blocks_for(std::size_t n) {
  return static_cast<int>(std::min<std::size_t>((n + kThreads - 1) / kThreads, 65535));
}

__global__ void packed_key_kernel(CoordBatchView batch, unsigned pos_bits, std::uint64_t* keys,
                                  std::uint32_t* values) {
  for (std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; i < batch.n;
       i += static_cast<std::size_t>(gridDim.x) * blockDim.x) {
    keys[i] = coord_pack(coord_tid_rank_of(batch, i), coord_pos_rank_of(batch, i), pos_bits);
    values[i] = static_cast<std::uint32_t>(i);
  }
}

__global__ void pos_key_kernel(CoordBatchView batch, std::uint64_t* keys, std::uint32_t* values) {
  for (std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; i < batch.n;
       i += static_cast<std::size_t>(gridDim.x) * blockDim.x) {
    keys[i] = coord_pos_rank_of(batch, i);
    values[i] = static_cast<std::uint32_t>(i);
  }
}

// Contig ranks in the order the position pass left the records.
__global__ void tid_key_kernel(CoordBatchView batch, const std::uint32_t* order, std::uint32_t* keys) {
  for (std::size_t k = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; k < batch.n;
       k += static_cast<std::size_t>(gridDim.x) * blockDim.x) {
    keys[k] = coord_tid_rank_of(batch, order[k]);
  }
}

__global__ void iota_kernel(std::size_t n, std::uint32_t* values) {
  for (std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<std::size_t>(gridDim.x) * blockDim.x) {
    values[i] = static_cast<std::uint32_t>(i);
  }
}

struct QnameLess {
  const char* names;
  const std::uint64_t* offsets;
  const std::uint16_t* flags;
  __device__ bool operator()(std::uint32_t a, std::uint32_t b) const {
    return qname_compare(names + offsets[a], flags[a], names + offsets[b], flags[b]) < 0;
  }
};

}  // namespace

struct SortKeyGpuState {
  cudaStream_t stream = nullptr;
  gpu::DeviceBuffer<std::int32_t> tid;
  gpu::DeviceBuffer<std::int64_t> pos;
  gpu::DeviceBuffer<std::uint16_t> flag;
  gpu::DeviceBuffer<std::uint64_t> keys_in, keys_out;
  gpu::DeviceBuffer<std::uint32_t> tids_in, tids_out, values_in, values_out;
  gpu::DeviceBuffer<char> names;
  gpu::DeviceBuffer<std::uint64_t> name_offsets;
  gpu::DeviceBuffer<unsigned char> temp;
  ~SortKeyGpuState() {
    if (stream) cudaStreamDestroy(stream);
  }
};

void SortKeyGpuStateDeleter::operator()(SortKeyGpuState* s) const { delete s; }

SortKeyGpuStatePtr make_sort_key_gpu_state(int device) {
  SortKeyGpuStatePtr s(new SortKeyGpuState);
  HELICASE_CUDA_CHECK(cudaSetDevice(device));
  HELICASE_CUDA_CHECK(cudaStreamCreateWithFlags(&s->stream, cudaStreamNonBlocking));
  return s;
}

namespace {

template <class Key>
void radix_pairs(SortKeyGpuState& s, Key* keys_in, Key* keys_out, std::uint32_t* values_in,
                 std::uint32_t* values_out, std::size_t n, unsigned end_bit) {
  std::size_t bytes = 0;
  const int bits = static_cast<int>(end_bit == 0 ? 1 : end_bit);
  HELICASE_CUDA_CHECK(cub::DeviceRadixSort::SortPairs(nullptr, bytes, keys_in, keys_out, values_in, values_out,
                                                      n, 0, bits, s.stream));
  s.temp.reserve(std::max<std::size_t>(bytes, 1));
  HELICASE_CUDA_CHECK(cub::DeviceRadixSort::SortPairs(s.temp.data(), bytes, keys_in, keys_out, values_in,
                                                      values_out, n, 0, bits, s.stream));
}

void download_order(SortKeyGpuState& s, const std::uint32_t* d_order, std::size_t n,
                    std::vector<std::uint32_t>& order) {
  order.resize(n);
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(order.data(), d_order, n * sizeof(std::uint32_t), cudaMemcpyDeviceToHost,
                                      s.stream));
  HELICASE_CUDA_CHECK(cudaStreamSynchronize(s.stream));
}

}  // namespace

void sort_coordinate_gpu(const CoordBatchView& batch, std::vector<std::uint32_t>& order, SortKeyGpuState& s) {
  const std::size_t n = batch.n;
  if (n > std::numeric_limits<std::uint32_t>::max()) fail_internal("sort batch of more than 2^32 records");
  if (n == 0) {
    order.clear();
    return;
  }
  const CoordKeyPlan plan = coord_key_plan(batch);
  s.tid.reserve(n);
  s.pos.reserve(n);
  s.flag.reserve(n);
  s.keys_in.reserve(n);
  s.keys_out.reserve(n);
  s.values_in.reserve(n);
  s.values_out.reserve(n);
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(s.tid.data(), batch.tid, n * sizeof(std::int32_t), cudaMemcpyHostToDevice,
                                      s.stream));
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(s.pos.data(), batch.pos, n * sizeof(std::int64_t), cudaMemcpyHostToDevice,
                                      s.stream));
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(s.flag.data(), batch.flag, n * sizeof(std::uint16_t),
                                      cudaMemcpyHostToDevice, s.stream));
  CoordBatchView d{s.tid.data(), s.pos.data(), s.flag.data(), n, batch.n_ref};
  if (plan.packed()) {
    packed_key_kernel<<<blocks_for(n), kThreads, 0, s.stream>>>(d, plan.pos_bits, s.keys_in.data(),
                                                                 s.values_in.data());
    HELICASE_CUDA_CHECK(cudaGetLastError());
    radix_pairs(s, s.keys_in.data(), s.keys_out.data(), s.values_in.data(), s.values_out.data(), n,
                plan.tid_bits + plan.pos_bits);
    download_order(s, s.values_out.data(), n, order);
    return;
  }
  pos_key_kernel<<<blocks_for(n), kThreads, 0, s.stream>>>(d, s.keys_in.data(), s.values_in.data());
  HELICASE_CUDA_CHECK(cudaGetLastError());
  radix_pairs(s, s.keys_in.data(), s.keys_out.data(), s.values_in.data(), s.values_out.data(), n, plan.pos_bits);
  s.tids_in.reserve(n);
  s.tids_out.reserve(n);
  tid_key_kernel<<<blocks_for(n), kThreads, 0, s.stream>>>(d, s.values_out.data(), s.tids_in.data());
  HELICASE_CUDA_CHECK(cudaGetLastError());
  radix_pairs(s, s.tids_in.data(), s.tids_out.data(), s.values_out.data(), s.values_in.data(), n, plan.tid_bits);
  download_order(s, s.values_in.data(), n, order);
}

void sort_queryname_gpu(const QnameBatchView& batch, std::vector<std::uint32_t>& order, SortKeyGpuState& s) {
  const std::size_t n = batch.n;
  if (n > std::numeric_limits<std::uint32_t>::max()) fail_internal("sort batch of more than 2^32 records");
  if (n == 0) {
    order.clear();
    return;
  }
  // Pack the names (with their NULs) into one host buffer for a single copy.
  std::vector<std::uint64_t> offsets(n);
  std::size_t total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    offsets[i] = total;
    total += std::strlen(batch.names[i]) + 1;
  }
  std::string packed(total, '\0');
  for (std::size_t i = 0; i < n; ++i) {
    std::memcpy(packed.data() + offsets[i], batch.names[i], (i + 1 < n ? offsets[i + 1] : total) - offsets[i]);
  }
  s.names.reserve(total);
  s.name_offsets.reserve(n);
  s.flag.reserve(n);
  s.values_in.reserve(n);
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(s.names.data(), packed.data(), total, cudaMemcpyHostToDevice, s.stream));
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(s.name_offsets.data(), offsets.data(), n * sizeof(std::uint64_t),
                                      cudaMemcpyHostToDevice, s.stream));
  HELICASE_CUDA_CHECK(cudaMemcpyAsync(s.flag.data(), batch.flag, n * sizeof(std::uint16_t),
                                      cudaMemcpyHostToDevice, s.stream));
  iota_kernel<<<blocks_for(n), kThreads, 0, s.stream>>>(n, s.values_in.data());
  HELICASE_CUDA_CHECK(cudaGetLastError());
  const QnameLess less{s.names.data(), s.name_offsets.data(), s.flag.data()};
  std::size_t bytes = 0;
  HELICASE_CUDA_CHECK(cub::DeviceMergeSort::StableSortKeys(nullptr, bytes, s.values_in.data(), n, less, s.stream));
  s.temp.reserve(std::max<std::size_t>(bytes, 1));
  HELICASE_CUDA_CHECK(
      cub::DeviceMergeSort::StableSortKeys(s.temp.data(), bytes, s.values_in.data(), n, less, s.stream));
  download_order(s, s.values_in.data(), n, order);
}

}  // namespace helicase::kernels
