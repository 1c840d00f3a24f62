// bwt_builder.cpp -- suffix sorting (libdivsufsort), BWT, SA samples and bwa's file layout.
#include "reference/bwt_builder.hpp"

#include <divsufsort.h>
#include <divsufsort64.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <memory>

#include "common/error.hpp"

namespace helicase::reference {

static_assert(std::endian::native == std::endian::little, "BWA index files are little-endian");

namespace {

constexpr std::uint64_t kSaIntv = 32;

// divsufsort through one name for both index widths.
int suffix_sort(const std::uint8_t* t, std::int32_t* sa, std::uint64_t n) {
  return divsufsort(t, sa, static_cast<saidx_t>(n));
}
int suffix_sort(const std::uint8_t* t, std::int64_t* sa, std::uint64_t n) {
  return divsufsort64(t, sa, static_cast<saidx64_t>(n));
}

// Calls fn(begin, end) over about 8 parts per thread of [0, n).
template <class Fn>
void parallel_ranges(ThreadPool& pool, std::uint64_t n, std::uint64_t align, Fn fn) {
  const std::uint64_t parts = std::max<std::uint64_t>(1, std::min<std::uint64_t>(pool.size() * 8ull, n / 65536 + 1));
  std::uint64_t step = (n + parts - 1) / parts;
  step = (step + align - 1) / align * align;
  pool.parallel_for(static_cast<std::size_t>(parts), [&](std::size_t p) {
    const std::uint64_t b = std::min(n, p * step), e = std::min(n, (p + 1) * step);
    if (b < e) fn(b, e);
  });
}

template <class Idx>
void bwt_from_suffix_array(std::vector<std::uint8_t>& text, FmArrays& fm, ThreadPool& pool) {
  const std::uint64_t n = fm.seq_len;
  std::unique_ptr<Idx[]> sa(new Idx[n]);  // not zeroed: divsufsort writes every entry
  if (suffix_sort(text.data(), sa.get(), n) != 0) fail_io("suffix sorting failed (out of memory?)");
  const std::uint8_t* t = text.data();
  const Idx* s = sa.get();

  // Row r >= 1 of T$ is the suffix s[r - 1]; primary is the row of suffix 0.
  std::atomic<std::uint64_t> primary{0};
  parallel_ranges(pool, n, 1, [&](std::uint64_t b, std::uint64_t e) {
    for (std::uint64_t j = b; j < e; ++j) {
      if (s[j] == 0) primary.store(j + 1);
    }
  });
  fm.primary = primary.load();
  if (fm.primary == 0) fail_internal("suffix array has no entry for position 0");

  // BWT without the '$' row, 16 bases per word, first base in the top bits.
  const std::uint64_t n_words = (n + 15) / 16;
  std::vector<std::uint32_t> packed(n_words);
  const std::uint64_t primary_row = fm.primary;
  parallel_ranges(pool, n_words, 1, [&](std::uint64_t wb, std::uint64_t we) {
    for (std::uint64_t w = wb; w < we; ++w) {
      std::uint32_t word = 0;
      const std::uint64_t end = std::min<std::uint64_t>(n, 16 * w + 16);
      for (std::uint64_t i = 16 * w; i < end; ++i) {
        const std::uint64_t r = i + (i >= primary_row);
        const std::uint8_t c = r == 0 ? t[n - 1] : t[static_cast<std::uint64_t>(s[r - 1]) - 1];
        word |= static_cast<std::uint32_t>(c) << ((15 - (i & 15)) << 1);
      }
      packed[w] = word;
    }
  });

  // Samples of rows 32, 64, ... <= n (row 0, the '$' row, is implicit in bwa's format).
  fm.sa.resize(n / kSaIntv);
  parallel_ranges(pool, fm.sa.size(), 1, [&](std::uint64_t b, std::uint64_t e) {
    for (std::uint64_t j = b; j < e; ++j) fm.sa[j] = static_cast<std::uint64_t>(s[(j + 1) * kSaIntv - 1]);
  });
  sa.reset();
  std::vector<std::uint8_t>().swap(text);

  // bwa's bwt_bwtupdate_core layout: per 128 bases, the counts before the block, then its words.
  const std::uint64_t n_occ = (n + 127) / 128 + 1;
  fm.bwt.clear();
  fm.bwt.reserve(n_words + n_occ * 8);
  std::uint64_t cnt[4] = {0, 0, 0, 0};
  auto push_counts = [&] {
    for (std::uint64_t c : cnt) {
      fm.bwt.push_back(static_cast<std::uint32_t>(c));
      fm.bwt.push_back(static_cast<std::uint32_t>(c >> 32));
    }
  };
  for (std::uint64_t w = 0; w < n_words; ++w) {
    if (w % 8 == 0) push_counts();
    const std::uint32_t word = packed[w];
    fm.bwt.push_back(word);
    const int valid = static_cast<int>(std::min<std::uint64_t>(16, n - 16 * w));
    for (int c = 0; c < 4; ++c) {
      cnt[c] += static_cast<std::uint64_t>(kernels::fm_popcount64(kernels::fm_match_bits(word, c, valid)));
    }
  }
  push_counts();
  for (int c = 0; c < 4; ++c) {
    if (cnt[c] != fm.L2[c + 1] - fm.L2[c]) fail_internal("BWT base counts differ from the text's");
  }
}

class OutFile {
 public:
  explicit OutFile(const std::string& path) : path_(path), f_(std::fopen(path.c_str(), "wb")) {
    if (!f_) fail_io("cannot write " + path + ": " + errno_text(errno));
  }
  ~OutFile() {
    if (f_) std::fclose(f_);
  }
  void write(const void* p, std::size_t bytes) {
    if (bytes && std::fwrite(p, 1, bytes, f_) != bytes) fail_io("cannot write " + path_ + ": " + errno_text(errno));
  }
  void close() {
    std::FILE* f = f_;
    f_ = nullptr;
    if (std::fclose(f) != 0) fail_io("cannot write " + path_ + ": " + errno_text(errno));
  }

 private:
  std::string path_;
  std::FILE* f_;
};

}  // namespace

kernels::FmIndexView FmArrays::view() const {
  kernels::FmIndexView v;
  v.bwt = bwt.data();
  v.bwt_words = bwt.size();
  v.primary = primary;
  for (int i = 0; i < 5; ++i) v.L2[i] = L2[i];
  v.seq_len = seq_len;
  v.sa = sa.data();
  v.n_sa = sa.size();
  v.sa_intv = sa_intv;
  return v;
}

void append_reverse_complement(std::vector<std::uint8_t>& codes) {
  const std::size_t l = codes.size();
  codes.resize(2 * l);
  std::uint8_t* c = codes.data();
  for (std::size_t i = 0; i < l; ++i) c[l + i] = static_cast<std::uint8_t>(3 - c[l - 1 - i]);
}

namespace {
bool wide_index(std::uint64_t n, SaIndexWidth width) {
  return width == SaIndexWidth::Bits64 || (width == SaIndexWidth::Auto && n >= 0x7FFFFFFFull);
}
}  // namespace

std::uint64_t fm_build_peak_bytes(std::uint64_t n, SaIndexWidth width) {
  // text + suffix array, plus the packed BWT and SA samples made before the array is freed.
  return n * (wide_index(n, width) ? 9 : 5) + n / 2 + (64u << 20);
}

FmArrays build_fm_arrays(std::vector<std::uint8_t>&& text_in, ThreadPool& pool, SaIndexWidth width) {
  std::vector<std::uint8_t> text = std::move(text_in);
  FmArrays fm;
  fm.seq_len = text.size();
  fm.sa_intv = kSaIntv;
  if (fm.seq_len == 0) fail_internal("empty reference text");
  std::uint64_t counts[4] = {0, 0, 0, 0};
  for (std::uint8_t c : text) {
    if (c > 3) fail_internal("reference text holds a code above 3");
    ++counts[c];
  }
  for (int c = 0; c < 4; ++c) fm.L2[c + 1] = fm.L2[c] + counts[c];
  if (wide_index(fm.seq_len, width)) bwt_from_suffix_array<std::int64_t>(text, fm, pool);
  else bwt_from_suffix_array<std::int32_t>(text, fm, pool);
  return fm;
}

void write_bwt_file(const std::string& path, const FmArrays& fm) {
  OutFile f(path);
  f.write(&fm.primary, 8);
  f.write(fm.L2 + 1, 4 * 8);
  f.write(fm.bwt.data(), fm.bwt.size() * sizeof(std::uint32_t));
  f.close();
}

void write_sa_file(const std::string& path, const FmArrays& fm) {
  OutFile f(path);
  f.write(&fm.primary, 8);
  f.write(fm.L2 + 1, 4 * 8);
  f.write(&fm.sa_intv, 8);
  f.write(&fm.seq_len, 8);
  f.write(fm.sa.data(), fm.sa.size() * sizeof(std::uint64_t));
  f.close();
}

}  // namespace helicase::reference
