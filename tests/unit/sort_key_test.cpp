// sort_key_test.cpp -- samtools sort's comparators and the sort-key kernel's CPU launchers.
#include <gtest/gtest.h>

#include "kernel_inputs.hpp"

#include <algorithm>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "sortkey/sort_key_launch.hpp"

namespace helicase::kernels {
namespace {

using test::CoordRecords;

// The order samtools sort -n (1.16.1) gave for these names, run once by hand on a SAM of
// unmapped records in shuffled order.
const std::vector<std::string> kSamtoolsNameOrder = {
    "00", "0", "1", "9b", "10a", "A1", "a", "a-", "a00", "a00b1", "a0", "a0b", "a0b2", "a001", "a01",
    "a01a", "a01b", "a1", "a1a", "a1b", "a2", "a9", "a10", "aa", "ab", "b",
    "r99999999999999999999999", "r123456789012345678901234", "r123456789012345678901235", "read9",
    "read010", "read10", "x:0001:5", "x:1:9", "x:1:10", "z01z1", "z1z01", "z1z2"};

TEST(StrnumCompare, MatchesSamtoolsOrderPairwise) {
  const auto& v = kSamtoolsNameOrder;
  for (std::size_t i = 0; i < v.size(); ++i) {
    EXPECT_EQ(strnum_compare(v[i].c_str(), v[i].c_str()), 0) << v[i];
    for (std::size_t j = i + 1; j < v.size(); ++j) {
      EXPECT_LT(strnum_compare(v[i].c_str(), v[j].c_str()), 0) << v[i] << " vs " << v[j];
      EXPECT_GT(strnum_compare(v[j].c_str(), v[i].c_str()), 0) << v[j] << " vs " << v[i];
    }
  }
}

TEST(StrnumCompare, EdgeCases) {
  EXPECT_LT(strnum_compare("read9", "read10"), 0);          // numbers, not text
  EXPECT_LT(strnum_compare("a01", "a1"), 0);                // more leading zeros first
  EXPECT_LT(strnum_compare("a01z", "a1a"), 0);              // and that decides, whatever follows
  EXPECT_LT(strnum_compare("00", "0"), 0);
  EXPECT_LT(strnum_compare("a", "a0"), 0);                  // prefix first
  EXPECT_LT(strnum_compare("a1", "aa"), 0);                 // '1' < 'a' as bytes
  EXPECT_GT(strnum_compare("a\xe9", "a~"), 0);              // bytes compare unsigned
  EXPECT_LT(strnum_compare("r1:2:3", "r1:2:10"), 0);
  EXPECT_LT(strnum_compare("r000000000000000000000000000002", "r3"), 0);  // longer than 64 bits
  EXPECT_EQ(strnum_compare("", ""), 0);
  EXPECT_LT(strnum_compare("", "a"), 0);
}

TEST(QnameCompare, ReadOneBeforeReadTwo) {
  EXPECT_EQ(qname_compare("q", 0, "q", 0x4), 0);           // other flags do not count
  EXPECT_LT(qname_compare("q", 0x0, "q", 0x40), 0);
  EXPECT_LT(qname_compare("q", 0x40 | 0x10, "q", 0x80), 0);
  EXPECT_LT(qname_compare("q", 0x80, "q", 0xc0), 0);
  EXPECT_LT(qname_compare("q2", 0x80, "q10", 0x40), 0);   // the name first
}

std::vector<unsigned char> encode(const std::string& name, std::uint16_t flag) {
  std::vector<unsigned char> key(qname_key_capacity(name.size()));
  key.resize(qname_key_encode(name.c_str(), flag, key.data()));
  return key;
}

int sign(int x) { return (x > 0) - (x < 0); }

// The byte keys order records exactly as qname_compare: checked on random names made of
// digits (with zeros), separators and letters, where every subtle rule comes up.
TEST(QnameKey, OrderEqualsQnameCompare) {
  std::mt19937 rng(17);
  const char alphabet[] = "000119:_aZ\xff~";
  auto random_name = [&] {
    std::string s(rng() % 13, ' ');
    for (auto& c : s) c = alphabet[rng() % (sizeof alphabet - 1)];
    return s;
  };
  for (int i = 0; i < 1'000'000; ++i) {
    const std::string a = random_name(), b = rng() % 4 ? random_name() : a;
    const auto fa = static_cast<std::uint16_t>(rng() & 0xfff), fb = static_cast<std::uint16_t>(rng() & 0xfff);
    const auto ka = encode(a, fa), kb = encode(b, fb);
    ASSERT_LE(ka.size(), qname_key_capacity(a.size()));
    ASSERT_EQ(sign(byte_key_compare(ka.data(), ka.size(), kb.data(), kb.size())),
              sign(qname_compare(a.c_str(), fa, b.c_str(), fb)))
        << "'" << a << "' " << fa << " vs '" << b << "' " << fb;
  }
  // The samtools list, pairwise.
  for (std::size_t i = 0; i < kSamtoolsNameOrder.size(); ++i) {
    for (std::size_t j = i + 1; j < kSamtoolsNameOrder.size(); ++j) {
      const auto ka = encode(kSamtoolsNameOrder[i], 0), kb = encode(kSamtoolsNameOrder[j], 0);
      EXPECT_LT(byte_key_compare(ka.data(), ka.size(), kb.data(), kb.size()), 0)
          << kSamtoolsNameOrder[i] << " vs " << kSamtoolsNameOrder[j];
    }
  }
  // Longest names: 254 bytes of zeros or digits.
  const std::string zeros(254, '0'), nines(254, '9');
  EXPECT_LT(byte_key_compare(encode(zeros, 0).data(), encode(zeros, 0).size(), encode(nines, 0).data(),
                             encode(nines, 0).size()), 0);
  EXPECT_LT(strnum_compare(zeros.c_str(), nines.c_str()), 0);
}

TEST(CoordinateKey, RanksAndEdgeCases) {
  const std::uint32_t n_ref = 3;
  EXPECT_EQ(coord_tid_rank(-1, n_ref), 3u);                // no contig: after every contig
  EXPECT_EQ(coord_tid_rank(2, n_ref), 2u);
  EXPECT_EQ(coord_pos_rank(-1, 0), 0u);                    // position -1 first
  EXPECT_EQ(coord_pos_rank(0, 0), 2u);
  EXPECT_EQ(coord_pos_rank(0, kFlagReverse), 3u);          // forward before reverse
  EXPECT_EQ(coord_pos_rank(99, 0x4 | 0x8), 200u);          // unmapped flags do not count
  EXPECT_LT(coord_compare(0, 1000, 1, 0), 0);
  EXPECT_LT(coord_compare(2, 1000, 3, 0), 0);
  EXPECT_EQ(coord_compare(1, 7, 1, 7), 0);
  EXPECT_EQ(coord_pack(5, 6, 3), (5u << 3) | 6u);
  EXPECT_EQ(bit_width64(0), 0u);
  EXPECT_EQ(bit_width64(1), 1u);
  EXPECT_EQ(bit_width64(~0ull), 64u);
}

std::vector<std::uint32_t> reference_coordinate_order(const CoordRecords& r) {
  std::vector<std::uint32_t> order(r.tid.size());
  std::iota(order.begin(), order.end(), 0u);
  const CoordBatchView v = r.view();
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return coord_compare(coord_tid_rank_of(v, a), coord_pos_rank_of(v, a), coord_tid_rank_of(v, b),
                         coord_pos_rank_of(v, b)) < 0;
  });
  return order;
}

TEST(SortCoordinateCpu, StableAndThreadIndependent) {
  for (unsigned threads : {1u, 2u, 5u}) {
    ThreadPool pool(threads);
    const CoordRecords r = test::random_coords(300000, 11, 25, 250000000, 50);
    EXPECT_TRUE(coord_key_plan(r.view()).packed());
    std::vector<std::uint32_t> order;
    sort_coordinate_cpu(r.view(), order, pool);
    EXPECT_EQ(order, reference_coordinate_order(r)) << threads << " threads";
  }
}

TEST(SortCoordinateCpu, TwoPassWhenKeysDoNotFit) {
  ThreadPool pool(2);
  const CoordRecords r = test::random_coords(20000, 12, (1u << 30), std::int64_t{1} << 40, 50);
  EXPECT_FALSE(coord_key_plan(r.view()).packed());
  std::vector<std::uint32_t> order;
  sort_coordinate_cpu(r.view(), order, pool);
  EXPECT_EQ(order, reference_coordinate_order(r));
}

TEST(SortCoordinateCpu, EmptyAndSingle) {
  ThreadPool pool(2);
  CoordRecords r;
  std::vector<std::uint32_t> order{7};
  sort_coordinate_cpu(r.view(), order, pool);
  EXPECT_TRUE(order.empty());
  r.tid = {-1};
  r.pos = {-1};
  r.flag = {4};
  sort_coordinate_cpu(r.view(), order, pool);
  EXPECT_EQ(order, std::vector<std::uint32_t>{0});
}

TEST(RadixSortPairsCpu, StableOnEqualKeys) {
  ThreadPool pool(3);
  std::mt19937 rng(5);
  std::vector<std::uint64_t> keys(200000);
  for (auto& k : keys) k = (rng() % 7) << 40 | (rng() % 3);
  std::vector<std::uint32_t> values(keys.size());
  std::iota(values.begin(), values.end(), 0u);
  std::vector<std::uint32_t> expected = values;
  std::stable_sort(expected.begin(), expected.end(), [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });
  radix_sort_pairs_cpu(keys, values, 64, pool);
  EXPECT_EQ(values, expected);
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
}

struct NameRecords {
  std::vector<std::string> names;
  std::vector<const char*> ptrs;
  std::vector<std::uint16_t> flag;
  QnameBatchView view() {
    ptrs.clear();
    for (const auto& s : names) ptrs.push_back(s.c_str());
    return QnameBatchView{ptrs.data(), flag.data(), names.size()};
  }
};

NameRecords random_names(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  NameRecords r;
  for (std::size_t i = 0; i < n; ++i) {
    // Illumina-like names with leading zeros and shared prefixes; few of them, so many ties.
    std::string name = "HS:" + std::string(rng() % 3, '0') + std::to_string(rng() % 8) + ":" +
                       std::to_string(rng() % 3000) + (rng() % 4 == 0 ? "x" : "");
    r.names.push_back(name);
    r.flag.push_back(static_cast<std::uint16_t>(rng() & 0xfff));
  }
  return r;
}

TEST(SortQuerynameCpu, StableAndThreadIndependent) {
  NameRecords r = random_names(200000, 21);
  const QnameBatchView v = r.view();
  std::vector<std::uint32_t> expected(v.n);
  std::iota(expected.begin(), expected.end(), 0u);
  std::stable_sort(expected.begin(), expected.end(), [&](std::uint32_t a, std::uint32_t b) {
    return qname_compare(v.names[a], v.flag[a], v.names[b], v.flag[b]) < 0;
  });
  for (unsigned threads : {1u, 2u, 3u, 5u}) {
    ThreadPool pool(threads);
    std::vector<std::uint32_t> order;
    sort_queryname_cpu(v, order, pool);
    EXPECT_EQ(order, expected) << threads << " threads";
  }
}

TEST(SortQuerynameCpu, LongSharedPrefixesAndEqualPrefixRuns) {
  // dwgsim-like names: a long common part, then numbers of varying width; many duplicates.
  std::mt19937 rng(23);
  NameRecords r;
  for (int i = 0; i < 150000; ++i) {
    r.names.push_back("20_" + std::to_string(10000000 + rng() % 5000) + "_" + std::string(rng() % 2, '0') +
                      std::to_string(rng() % 700) + "_0:0:0_" + std::to_string(rng() % 3) + ":0:0_" +
                      std::to_string(rng() % 50));
    r.flag.push_back(static_cast<std::uint16_t>(rng() % 2 ? 0x40 : 0x80));
  }
  const QnameBatchView v = r.view();
  std::vector<std::uint32_t> expected(v.n);
  std::iota(expected.begin(), expected.end(), 0u);
  std::stable_sort(expected.begin(), expected.end(), [&](std::uint32_t a, std::uint32_t b) {
    return qname_compare(v.names[a], v.flag[a], v.names[b], v.flag[b]) < 0;
  });
  for (unsigned threads : {1u, 4u}) {
    ThreadPool pool(threads);
    std::vector<std::uint32_t> order;
    sort_queryname_cpu(v, order, pool);
    EXPECT_EQ(order, expected) << threads << " threads";
  }
}

TEST(SortQuerynameCpu, SortsTheSamtoolsList) {
  NameRecords r;
  r.names = kSamtoolsNameOrder;
  std::reverse(r.names.begin(), r.names.end());
  r.flag.assign(r.names.size(), 0);
  ThreadPool pool(2);
  std::vector<std::uint32_t> order;
  sort_queryname_cpu(r.view(), order, pool);
  std::vector<std::string> sorted;
  for (auto i : order) sorted.push_back(r.names[i]);
  EXPECT_EQ(sorted, kSamtoolsNameOrder);
}

}  // namespace
}  // namespace helicase::kernels
