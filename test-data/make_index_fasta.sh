#!/usr/bin/env bash
# make_index_fasta.sh OUT.fa SEED -- a multi-contig reference FASTA that exercises what
# helicase-index must reproduce of bwa index, samtools faidx and Picard: runs of N at contig
# starts, ends and middles (upper and lower case, adjacent, so runs split by case), every
# IUPAC code and U, lower-case stretches, header comments (space and tab), line widths 50..80,
# a one-line contig, a 1-base contig, and contigs whose last line is full or ragged.
# Needs only awk. Deterministic for a given awk (mawk and gawk differ).
set -euo pipefail
out=$1 seed=$2
awk -v seed="$seed" 'BEGIN {
  srand(seed)
  split("A C G T", up, " "); split("a c g t", low, " ")
  iupac = "RYKMSWBDHVUrykmswbdhvu"
  nctg = 9
  for (c = 1; c <= nctg; c++) {
    if (c == 1) len = 12000; else if (c == 5) len = 1; else if (c == 6) len = 2400; else len = 300 + int(rand() * 9000)
    width = (c == 6) ? len : 50 + int(rand() * 31)          # contig 6: one line
    if (c == 7) len = width * 40                              # full last line
    s = ""
    if (c % 3 == 1 && len > 100) s = s sprintf("%*s", 37, "")  # leading N run (filled below)
    gsub(/ /, "N", s)
    while (length(s) < len) {
      r = rand()
      if (r < 0.004) { k = 1 + int(rand() * 120); run = sprintf("%*s", k, ""); gsub(/ /, (rand() < 0.3 ? "n" : "N"), run); s = s run }
      else if (r < 0.008) s = s substr(iupac, 1 + int(rand() * length(iupac)), 1)
      else if (r < 0.01) s = s "NNnnNN"
      else if (r < 0.25) s = s low[1 + int(rand() * 4)]
      else s = s up[1 + int(rand() * 4)]
    }
    s = substr(s, 1, len)
    if (c == 2) s = substr(s, 1, len - 25) "NNNNNNNNNNNNNNNNNNNNNNNNN"  # trailing N run
    hdr = ">ctg" c
    if (c % 2 == 0) hdr = hdr " synthetic contig " c
    if (c == 3) hdr = hdr "\tAS:test\tLN:" len
    if (c == 8) hdr = "chrUn_" c "_random"
    if (c == 8) hdr = ">" hdr
    print hdr
    for (i = 1; i <= len; i += width) print substr(s, i, width)
  }
}' >"$out"
