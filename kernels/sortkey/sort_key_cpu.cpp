// sort_key_cpu.cpp -- CPU launchers of the sort-key kernel: radix sort of pairs, merge sort of names.
#include <algorithm>
#include <array>
#include <numeric>
#include <limits>

#include "common/error.hpp"
#include "sortkey/sort_key_launch.hpp"

namespace helicase::kernels {
namespace {

constexpr std::size_t kMinItemsPerPart = 1u << 16;

std::size_t part_count(std::size_t n, const ThreadPool& pool) {
  return std::max<std::size_t>(1, std::min<std::size_t>(pool.size(), n / kMinItemsPerPart));
}

void check_batch_size(std::size_t n) {
  if (n > std::numeric_limits<std::uint32_t>::max()) fail_internal("sort batch of more than 2^32 records");
}

}  // namespace

CoordKeyPlan coord_key_plan(const CoordBatchView& batch) {
  std::uint32_t max_tid = 0;
  std::uint64_t max_pos = 0;
  for (std::size_t i = 0; i < batch.n; ++i) {
    max_tid = std::max(max_tid, coord_tid_rank_of(batch, i));
    max_pos = std::max(max_pos, coord_pos_rank_of(batch, i));
  }
  return CoordKeyPlan{bit_width64(max_tid), bit_width64(max_pos)};
}

template <class Key>
void radix_sort_pairs_cpu(std::vector<Key>& keys, std::vector<std::uint32_t>& values, unsigned end_bit,
                          ThreadPool& pool) {
  const std::size_t n = keys.size();
  if (values.size() != n) fail_internal("radix sort: keys and values differ in length");
  if (n < 2 || end_bit == 0) return;
  // Digits on which all keys agree leave the order unchanged: skip them.
  Key differ = 0;
  for (std::size_t i = 1; i < n; ++i) differ |= static_cast<Key>(keys[i] ^ keys[0]);
  const std::size_t parts = part_count(n, pool);
  std::vector<Key> keys_tmp(n);
  std::vector<std::uint32_t> values_tmp(n);
  std::vector<std::array<std::size_t, 256>> counts(parts);
  const unsigned digits = std::min<unsigned>((end_bit + 7) / 8, sizeof(Key));
  for (unsigned d = 0; d < digits; ++d) {
    const unsigned shift = 8 * d;
    if (((differ >> shift) & 0xff) == 0) continue;
    pool.parallel_for(parts, [&](std::size_t p) {
      auto& c = counts[p];
      c.fill(0);
      const std::size_t begin = n * p / parts, end = n * (p + 1) / parts;
      for (std::size_t i = begin; i < end; ++i) ++c[(keys[i] >> shift) & 0xff];
    });
    // Exclusive offsets, digit-major then part order: stable across parts.
    std::size_t sum = 0;
    for (std::size_t digit = 0; digit < 256; ++digit) {
      for (std::size_t p = 0; p < parts; ++p) {
        const std::size_t c = counts[p][digit];
        counts[p][digit] = sum;
        sum += c;
      }
    }
    pool.parallel_for(parts, [&](std::size_t p) {
      auto& next = counts[p];
      const std::size_t begin = n * p / parts, end = n * (p + 1) / parts;
      for (std::size_t i = begin; i < end; ++i) {
        const std::size_t j = next[(keys[i] >> shift) & 0xff]++;
        keys_tmp[j] = keys[i];
        values_tmp[j] = values[i];
      }
    });
    keys.swap(keys_tmp);
    values.swap(values_tmp);
  }
}

template void radix_sort_pairs_cpu<std::uint64_t>(std::vector<std::uint64_t>&, std::vector<std::uint32_t>&,
                                                  unsigned, ThreadPool&);
template void radix_sort_pairs_cpu<std::uint32_t>(std::vector<std::uint32_t>&, std::vector<std::uint32_t>&,
                                                  unsigned, ThreadPool&);

void sort_coordinate_cpu(const CoordBatchView& batch, std::vector<std::uint32_t>& order, ThreadPool& pool) {
  check_batch_size(batch.n);
  const std::size_t n = batch.n;
  const CoordKeyPlan plan = coord_key_plan(batch);
  order.resize(n);
  std::iota(order.begin(), order.end(), 0u);
  std::vector<std::uint64_t> keys(n);
  if (plan.packed()) {
    for (std::size_t i = 0; i < n; ++i) {
      keys[i] = coord_pack(coord_tid_rank_of(batch, i), coord_pos_rank_of(batch, i), plan.pos_bits);
    }
    radix_sort_pairs_cpu(keys, order, plan.tid_bits + plan.pos_bits, pool);
    return;
  }
  // Least significant part first; the second stable pass keeps position order within a contig.
  for (std::size_t i = 0; i < n; ++i) keys[i] = coord_pos_rank_of(batch, i);
  radix_sort_pairs_cpu(keys, order, plan.pos_bits, pool);
  keys = {};
  std::vector<std::uint32_t> tids(n);
  for (std::size_t k = 0; k < n; ++k) tids[k] = coord_tid_rank_of(batch, order[k]);
  radix_sort_pairs_cpu(tids, order, plan.tid_bits, pool);
}

void sort_queryname_cpu(const QnameBatchView& batch, std::vector<std::uint32_t>& order, ThreadPool& pool) {
  check_batch_size(batch.n);
  const std::size_t n = batch.n;
  order.resize(n);
  std::iota(order.begin(), order.end(), 0u);
  if (n < 2) return;
  auto less = [&batch](std::uint32_t a, std::uint32_t b) {
    return qname_compare(batch.names[a], batch.flag[a], batch.names[b], batch.flag[b]) < 0;
  };
  // Stable sort of fixed parts, then stable pairwise merges (std::merge takes the left
  // element on ties): the unique stable order, whatever the number of parts.
  std::size_t parts = part_count(n, pool);
  std::vector<std::size_t> bounds(parts + 1);
  for (std::size_t p = 0; p <= parts; ++p) bounds[p] = n * p / parts;
  pool.parallel_for(parts, [&](std::size_t p) {
    std::stable_sort(order.begin() + static_cast<std::ptrdiff_t>(bounds[p]),
                     order.begin() + static_cast<std::ptrdiff_t>(bounds[p + 1]), less);
  });
  std::vector<std::uint32_t> merged(parts > 1 ? n : 0);
  while (bounds.size() > 2) {
    const std::size_t runs = bounds.size() - 1;
    std::vector<std::size_t> next{0};
    for (std::size_t r = 0; r + 1 < runs; r += 2) next.push_back(bounds[r + 2]);
    if (runs % 2) next.push_back(bounds[runs]);
    pool.parallel_for((runs + 1) / 2, [&](std::size_t m) {
      const std::size_t r = 2 * m;
      auto at = [&](std::size_t k) { return order.begin() + static_cast<std::ptrdiff_t>(bounds[k]); };
      auto out = merged.begin() + static_cast<std::ptrdiff_t>(bounds[r]);
      if (r + 1 < runs) std::merge(at(r), at(r + 1), at(r + 1), at(r + 2), out, less);
      else std::copy(at(r), at(r + 1), out);
    });
    order.swap(merged);
    bounds.swap(next);
  }
}

}  // namespace helicase::kernels
