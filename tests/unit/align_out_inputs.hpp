// align_out_inputs.hpp -- seeded (query, target) pairs for the alignment kernels' tests, shared
// by the unit (CPU vs textbook DP) and gpu (GPU == CPU) tests: related sequences with
// mismatches, short and long insertions and deletions, N bases, and unrelated pairs.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace helicase::test {

struct SeqPair {
  std::vector<std::uint8_t> query, target;
};

// The query is a mutated copy of a window of the target (or unrelated when `related` is
// false). long_indels adds gaps of 10..40 bases; n_rate puts N (code 4) in either sequence.
inline SeqPair random_seq_pair(std::mt19937& rng, int min_len, int max_len, bool related, bool long_indels,
                               double n_rate) {
  auto uni = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  SeqPair p;
  const int tlen = uni(min_len, max_len);
  for (int i = 0; i < tlen; ++i) p.target.push_back(static_cast<std::uint8_t>(rng() % 4));
  if (!related) {
    const int qlen = uni(min_len, max_len);
    for (int i = 0; i < qlen; ++i) p.query.push_back(static_cast<std::uint8_t>(rng() % 4));
  } else {
    for (int i = 0; i < tlen; ++i) {
      if (chance(0.03)) {
        p.query.push_back(static_cast<std::uint8_t>((p.target[static_cast<std::size_t>(i)] + 1 + rng() % 3) % 4));
      } else if (chance(0.01)) {
        const int k = long_indels && chance(0.3) ? uni(10, 40) : uni(1, 4);
        for (int j = 0; j < k; ++j) p.query.push_back(static_cast<std::uint8_t>(rng() % 4));
        p.query.push_back(p.target[static_cast<std::size_t>(i)]);
      } else if (chance(0.01)) {
        i += long_indels && chance(0.3) ? uni(10, 40) : uni(1, 4);
      } else {
        p.query.push_back(p.target[static_cast<std::size_t>(i)]);
      }
    }
    if (p.query.empty()) p.query.push_back(0);
  }
  if (n_rate > 0) {
    for (auto& b : p.query)
      if (chance(n_rate)) b = 4;
    for (auto& b : p.target)
      if (chance(n_rate)) b = 4;
  }
  return p;
}

inline void bwa_matrix(std::int8_t mat[25], int a = 1, int b = 4) {
  int k = 0;
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 4; ++j) mat[k++] = static_cast<std::int8_t>(i == j ? a : -b);
    mat[k++] = -1;
  }
  for (int j = 0; j < 5; ++j) mat[k++] = -1;
}

}  // namespace helicase::test
