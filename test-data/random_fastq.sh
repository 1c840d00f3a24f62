#!/usr/bin/env bash
# random_fastq.sh OUT_PREFIX PAIRS LENGTH SEED -- writes OUT_PREFIX_R1.fastq and _R2.fastq:
# PAIRS random read pairs of LENGTH bases (ACGT with ~0.5% N, Phred+33 qualities 2..41),
# Illumina-style names. Needs only awk: for GPU machines and benchmarks where dwgsim and the
# reference package are absent. Deterministic for a given awk (mawk and gawk differ).
set -euo pipefail
prefix=$1 pairs=$2 len=$3 seed=$4
for mate in 1 2; do
  awk -v n="$pairs" -v len="$len" -v seed="$((seed * 2 + mate))" -v mate="$mate" 'BEGIN {
    srand(seed)
    split("A C G T", base, " ")
    for (i = 0; i < n; i++) {
      s = ""; q = ""
      for (k = 0; k < len; k++) {
        r = rand()
        s = s (r < 0.005 ? "N" : base[int(rand() * 4) + 1])
        q = q sprintf("%c", 35 + int(rand() * 40))
      }
      printf "@SIM:1:FC0001:1:%d:%d:%d/%d\n%s\n+\n%s\n", 1101 + i % 100, i % 30000, int(i / 30000), mate, s, q
    }
  }' >"${prefix}_R${mate}.fastq"
done
