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
  // 1. Byte keys (qname_key_encode), packed in record order: lengths, offsets, then the
  // keys themselves, in parallel parts.
  const std::size_t parts = part_count(n, pool);
  std::vector<std::uint64_t> offset(n + 1, 0);
  pool.parallel_for(parts, [&](std::size_t p) {
    for (std::size_t i = n * p / parts; i < n * (p + 1) / parts; ++i) offset[i + 1] = qname_key_length(batch.names[i]);
  });
  for (std::size_t i = 0; i < n; ++i) offset[i + 1] += offset[i];
  std::vector<unsigned char> keys(offset[n]);
  pool.parallel_for(parts, [&](std::size_t p) {
    for (std::size_t i = n * p / parts; i < n * (p + 1) / parts; ++i) {
      qname_key_encode(batch.names[i], batch.flag[i], keys.data() + offset[i]);
    }
  });
  auto key = [&](std::uint32_t i) { return keys.data() + offset[i]; };
  auto length = [&](std::uint32_t i) { return static_cast<std::size_t>(offset[i + 1] - offset[i]); };

  // 2. Skip the bytes every key shares; radix sort on the next 8 (big-endian, zero padded).
  // Zero padding never contradicts the full order, it only leaves ties.
  std::size_t common = length(0);
  for (std::uint32_t i = 1; i < n && common > 0; ++i) {
    const std::size_t m = std::min(common, length(i));
    std::size_t c = 0;
    while (c < m && key(i)[c] == key(0)[c]) ++c;
    common = c;
  }
  std::vector<std::uint64_t> prefix(n);
  pool.parallel_for(parts, [&](std::size_t p) {
    const std::size_t begin = n * p / parts, end = n * (p + 1) / parts;
    for (std::size_t i = begin; i < end; ++i) {
      std::uint64_t v = 0;
      const auto ui = static_cast<std::uint32_t>(i);
      for (std::size_t b = 0; b < 8; ++b) {
        const std::size_t at = common + b;
        v = (v << 8) | (at < length(ui) ? key(ui)[at] : 0u);
      }
      prefix[i] = v;
    }
  });
  radix_sort_pairs_cpu(prefix, order, 64, pool);

  // 3. Runs of equal prefixes: a stable sort by the whole keys. Runs are independent.
  std::vector<std::size_t> runs;  // starts of runs longer than one
  for (std::size_t k = 0; k + 1 < n;) {
    std::size_t e = k + 1;
    while (e < n && prefix[e] == prefix[k]) ++e;
    if (e - k > 1) {
      runs.push_back(k);
      runs.push_back(e);
    }
    k = e;
  }
  const std::size_t n_runs = runs.size() / 2;
  const std::size_t groups = std::min<std::size_t>(n_runs, pool.size() * 4);
  pool.parallel_for(groups, [&](std::size_t g) {
    for (std::size_t r = n_runs * g / groups; r < n_runs * (g + 1) / groups; ++r) {
      std::stable_sort(order.begin() + static_cast<std::ptrdiff_t>(runs[2 * r]),
                       order.begin() + static_cast<std::ptrdiff_t>(runs[2 * r + 1]),
                       [&](std::uint32_t a, std::uint32_t b) {
                         return byte_key_compare(key(a), length(a), key(b), length(b)) < 0;
                       });
    }
  });
}

}  // namespace helicase::kernels
