// mem_types.hpp -- the data the two halves of helicase-align hand each other.
//
// Seeding half (mem_regions.*, kernels/bwa_smem, kernels/bwa_sw extension): for one read,
// find_regions() returns exactly what bwa 0.7.17's mem_align1_core returns: SMEMs with
// re-seeding and the third round, chains, chain filtering, banded extension with z-drop and
// clipping penalties, then mem_sort_dedup_patch; regions sorted as bwa leaves them.
// Output half (pairing, primary marking, MAPQ, CIGAR by global alignment, SAM records):
// everything bwa does after that (mem_mark_primary_se, mem_pestat, mem_matesw, mem_sam_pe,
// mem_reg2sam, mem_aln2sam).
// Positions: rb/re are on bwa's doubled text T = forward + reverse complement (0 <= rb < re
// <= 2*l_pac); a region with rb >= l_pac is on the reverse strand, as in bwa.
#pragma once

#include <cmath>
#include <cstdint>

namespace helicase::align {

// bwa mem_opt_t, defaults of mem_opt_init() (bwa 0.7.17). flag bits as bwa's MEM_F_*.
struct MemOptions {
  int a = 1, b = 4;                // match score, mismatch penalty (-A, -B)
  int o_del = 6, e_del = 1;        // -O, -E (deletion)
  int o_ins = 6, e_ins = 1;        // -O, -E (insertion)
  int pen_unpaired = 17;           // -U
  int pen_clip5 = 5, pen_clip3 = 5;  // -L
  int w = 100;                     // -w band width
  int zdrop = 100;                 // -d
  std::uint64_t max_mem_intv = 20;
  int T = 30;                      // -T minimum output score
  int flag = 0;                    // MEM_F_* bits below
  int min_seed_len = 19;           // -k
  int min_chain_weight = 0;
  int max_chain_extend = 1 << 30;
  float split_factor = 1.5f;       // -r
  int split_width = 10;            // -y
  int max_occ = 500;               // -c
  int max_chain_gap = 10000;
  int n_threads = 1;
  std::int64_t chunk_size = 10000000;  // -K (helicase-align's default is 100000000)
  float mask_level = 0.50f;
  float drop_ratio = 0.50f;        // -D
  float XA_drop_ratio = 0.80f;
  float mask_level_redun = 0.95f;
  float mapQ_coef_len = 50.0f;
  int mapQ_coef_fac = static_cast<int>(std::log(50.0));  // bwa stores log(50) in an int: 3
  int max_ins = 10000;
  int max_matesw = 50;             // -m
  int max_XA_hits = 5, max_XA_hits_alt = 200;  // -h
  std::int8_t mat[25] = {};        // 5x5 scoring matrix, filled by fill_scoring_matrix()
};

inline constexpr int kMemFPe = 0x2;         // MEM_F_PE (set when input is paired)
inline constexpr int kMemFNoPairing = 0x4;  // -P
inline constexpr int kMemFAll = 0x8;        // -a
inline constexpr int kMemFNoMulti = 0x10;   // -M
inline constexpr int kMemFNoRescue = 0x20;  // -S
inline constexpr int kMemFRef = 0x40;
inline constexpr int kMemFSoftclip = 0x80;  // -Y
inline constexpr int kMemFSmartPe = 0x100;  // -p
inline constexpr int kMemFPrimary5 = 0x800;
inline constexpr int kMemFKeepSuppMapq = 0x1000;

// bwa_fill_scmat: a on the diagonal, -b off it, -1 for any pair with N (code 4).
inline void fill_scoring_matrix(MemOptions& o) {
  int k = 0;
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 4; ++j) o.mat[k++] = static_cast<std::int8_t>(i == j ? o.a : -o.b);
    o.mat[k++] = -1;
  }
  for (int j = 0; j < 5; ++j) o.mat[k++] = -1;
}

// bwa mem_alnreg_t: one alignment region of a read.
struct AlnReg {
  std::int64_t rb = 0, re = 0;  // [rb, re): reference span on the doubled text
  int qb = 0, qe = 0;           // [qb, qe): query span
  int rid = -1;                 // reference sequence id
  int score = 0;                // best local score
  int truesc = 0;               // actual score at the ends
  int sub = 0;                  // second best (by mem_mark_primary_se / chains)
  int alt_sc = 0;
  int csub = 0;                 // SW score of a tandem hit
  int sub_n = 0;                // approximate number of suboptimal hits
  int w = 0;                    // band width actually used
  int seedcov = 0;              // query bases covered by seeds
  int secondary = -1;           // index of the region this one is secondary to, or -1
  int secondary_all = -1;
  int seedlen0 = 0;             // length of the first seed of the chain
  int n_comp = 0;               // number of sub-alignments chained together (bwa: 30 bits)
  int is_alt = 0;
  float frac_rep = 0.0f;
  std::uint64_t hash = 0;
};

}  // namespace helicase::align
