// bases.hpp -- how a reference FASTA character becomes a 2-bit code, the way bwa index does.
//
// Accepted sequence characters are the IUPAC nucleotide codes in either case
// (A C G T U R Y S W K M B D H V N). bwa's table (bntseq.c nst_nt4_table) gives A/a=0,
// C/c=1, G/g=2, T/t=3 and 4 ("ambiguous") for every other character, U included; an
// ambiguous base is stored as a pseudo-random base (Lrand48 below) and recorded in .amb.
#pragma once

#include <array>
#include <cstdint>

namespace helicase::reference {

inline constexpr std::uint8_t kAmbiguous = 4;
inline constexpr std::uint8_t kNotABase = 255;

// code_of[ch]: 0..3 for ACGT/acgt, kAmbiguous for the other IUPAC letters, kNotABase else.
inline constexpr std::array<std::uint8_t, 256> kBaseCode = [] {
  std::array<std::uint8_t, 256> t{};
  for (auto& x : t) x = kNotABase;
  const char* iupac = "ACGTURYSWKMBDHVN";
  for (const char* p = iupac; *p; ++p) {
    t[static_cast<unsigned char>(*p)] = kAmbiguous;
    t[static_cast<unsigned char>(*p - 'A' + 'a')] = kAmbiguous;
  }
  const char* acgt = "ACGT";
  for (std::uint8_t c = 0; c < 4; ++c) {
    t[static_cast<unsigned char>(acgt[c])] = c;
    t[static_cast<unsigned char>(acgt[c] - 'A' + 'a')] = c;
  }
  return t;
}();

// A read base as bwa mem codes it (nst_nt4_table): 0..3 for ACGT/acgt, 4 for anything else.
inline std::uint8_t read_base_code(char c) {
  const std::uint8_t x = kBaseCode[static_cast<unsigned char>(c)];
  return x < 4 ? x : kAmbiguous;
}

// POSIX drand48 generator as glibc implements srand48()/lrand48(): X' = (a X + c) mod 2^48
// with a = 0x5DEECE66D, c = 0xB; srand48(s) sets X = (s << 16) | 0x330E (low 32 bits of
// s); lrand48() returns the top 31 bits of the new X. bwa seeds 11 and draws lrand48() & 3
// for each ambiguous base, in FASTA order.
class Lrand48 {
 public:
  explicit Lrand48(std::uint32_t seed) : x_((static_cast<std::uint64_t>(seed) << 16) | 0x330Eu) {}
  std::uint32_t next() {
    x_ = (0x5DEECE66Dull * x_ + 0xBu) & ((1ull << 48) - 1);
    return static_cast<std::uint32_t>(x_ >> 17);
  }

 private:
  std::uint64_t x_;
};

inline constexpr std::uint32_t kBwaSeed = 11;

}  // namespace helicase::reference
