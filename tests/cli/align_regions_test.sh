#!/usr/bin/env bash
# align_regions_test.sh BIN CACHEDIR SRCDIR -- find_regions() (via align_regions_probe) against
# bwa 0.7.17's mem_align1_core as `bwa mem -v 4` prints it ("* N chains remain ..." then one
# "** score, [qb,qe) <=> [rb,re)" line per region), read by read, on:
#   - every NA12878 read of the shared set (R1, R2, singletons; each mate on its own),
#   - wgsim reads from chr20: 2x150 with many indels, 2x150 with long indels, 1000 bp reads
#     (these take bwa's long-read seed filter), and reads edited to hold N bases, N runs,
#     all N, or to be shorter than the seed length (1..25 bases),
#   - the edited and long-indel reads again with other seeding, band, z-drop and scoring
#     options (-k -w -d -r -c -y -A -B -O -E -L -T, separate deletion/insertion penalties),
#   - wgsim reads across the boundaries of a five-contig reference.
# Passes only when every line is identical; prints per-set counts of reads and differences.
set -u
BIN=$1 CACHE=$2 SRCDIR=$3
. "$(dirname "$0")/lib.sh"
for tool in bwa wgsim awk samtools; do
  command -v "$tool" >/dev/null || { echo "$tool not installed: skipped"; exit 77; }
done
DATA=${HELICASE_TESTDATA:-}/na12878_chr20_10M
[ -d "$DATA" ] || { echo "shared test data not found: skipped"; exit 77; }
bash "$SRCDIR/test-data/reference_fixture.sh" "$CACHE" --bwa-index >/dev/null || { bad "reference fixture"; finish; exit 1; }
IDX=$CACHE/b37_chr20.fa

# compare NAME FASTQ [bwa options]: bwa's regions and ours, line by line.
compare() {
  local name=$1 fq=$2
  shift 2  # the rest: bwa mem options, given to both
  bwa mem -v 4 -t 1 "$@" "$IDX" "$fq" 2>"$WORK/$name.bwa.err" |
    grep -E '^\* [0-9]+ chains remain after removing duplicated chains$|^\*\* -?[0-9]+, \[-?[0-9]+,-?[0-9]+\) <=> \[-?[0-9]+,-?[0-9]+\)$' \
      >"$WORK/$name.bwa"
  "$BIN/align_regions_probe" "$@" "$IDX" "$fq" >"$WORK/$name.ours" 2>"$WORK/$name.err" || { bad "$name: probe failed: $(head -c 300 "$WORK/$name.err")"; return; }
  local reads_bwa reads_ours regions diffs
  reads_bwa=$(grep -c 'chains remain' "$WORK/$name.bwa")
  reads_ours=$(grep -c 'chains remain' "$WORK/$name.ours")
  regions=$(grep -c '^\*\* ' "$WORK/$name.bwa")
  diffs=$(diff "$WORK/$name.bwa" "$WORK/$name.ours" | grep -c '^[<>]')
  echo "$name: $reads_bwa reads (bwa), $reads_ours reads (ours), $regions regions, $diffs differing lines"
  if [ "$reads_bwa" -gt 0 ] && [ "$reads_bwa" -eq "$reads_ours" ] && [ "$diffs" -eq 0 ]; then ok; else
    bad "$name: regions differ from bwa's: $(diff "$WORK/$name.bwa" "$WORK/$name.ours" | head -6 | tr '\n' ' ')"
  fi
}

compare na12878_r1 "$DATA/NA12878_S1_R1.fastq.gz"
compare na12878_r2 "$DATA/NA12878_S1_R2.fastq.gz"
compare na12878_singletons "$DATA/NA12878_S1_singletons.fastq.gz"

# Simulated reads (fixed seeds; bwa and the probe read the same file, so the comparison does
# not depend on the generator's exact output).
wgsim -S 11 -N 3000 -1 150 -2 150 -r 0.005 -R 0.5 -X 0.3 -e 0.02 "$IDX" "$WORK/ind1.fq" "$WORK/ind2.fq" >/dev/null 2>&1
wgsim -S 12 -N 1500 -1 150 -2 150 -r 0.003 -R 0.9 -X 0.9 -e 0.01 "$IDX" "$WORK/long1.fq" "$WORK/long2.fq" >/dev/null 2>&1
wgsim -S 13 -N 150 -1 1000 -2 1000 -r 0.01 -R 0.5 -X 0.7 -e 0.02 "$IDX" "$WORK/kb1.fq" "$WORK/kb2.fq" >/dev/null 2>&1
# Edited copies of the indel reads: every 10th read gets N bases, an N run, all N, or is cut short.
awk 'BEGIN { srand(7) } NR % 4 == 2 {
       n = (NR - 2) / 4; k = n % 10; L = length($0)
       if (k == 1) { for (j = 0; j < 1 + n % 5; ++j) { p = int(rand() * L) + 1; $0 = substr($0, 1, p - 1) "N" substr($0, p + 1) } }
       else if (k == 2) { cut = n % 25 + 1; $0 = substr($0, 1, cut) }
       else if (k == 3) { s = ""; for (j = 0; j < L; ++j) s = s "N"; $0 = s }
       else if (k == 4) { $0 = substr($0, 1, 60) "NNNNNNNNNN" substr($0, 71) }
       else if (k == 5) { $0 = substr($0, 1, 18) }
       else if (k == 6) { $0 = substr($0, 1, 19) }
       seqlen = length($0) }
     NR % 4 == 0 { $0 = substr($0, 1, seqlen) } { print }' "$WORK/ind1.fq" >"$WORK/edited.fq"
for s in ind1 ind2 long1 long2 kb1 kb2 edited; do
  [ -s "$WORK/$s.fq" ] || { bad "$s: simulated reads missing"; continue; }
  compare "sim_$s" "$WORK/$s.fq"
done

# Other options (every score given explicitly with -A, so bwa rescales none of them).
head -4000 "$WORK/edited.fq" >"$WORK/opt.fq"
cat "$WORK/long1.fq" >>"$WORK/opt.fq"
compare options_seeding "$WORK/opt.fq" -k 15 -w 30 -d 40 -r 1.0 -c 200 -y 10
compare options_scores "$WORK/opt.fq" -A 2 -B 6 -O 5,7 -E 2,1 -L 3,8 -T 40 -d 150
compare options_long_seeds "$WORK/opt.fq" -k 25 -r 2.5 -w 150 -d 20 -B 3 -O 4 -E 3 -L 0

# Several contigs (a 400 bp one among them): reads simulated from the contigs laid end to end,
# so many cross a contig boundary (seeds there are dropped; windows clamp to one contig).
{
  samtools faidx "$IDX" 20:10000001-10100000 | sed 's/^>.*/>c1/'
  samtools faidx "$IDX" 20:30000001-30000400 | sed 's/^>.*/>c2 short contig/'
  samtools faidx "$IDX" 20:10100001-10160000 | sed 's/^>.*/>c3/'
  samtools faidx "$IDX" 20:200001-202000 | sed 's/^>.*/>c4/'
  samtools faidx "$IDX" 20:40000001-40050000 | sed 's/^>.*/>c5/'
} >"$WORK/multi.fa"
{ echo ">all"; grep -v '^>' "$WORK/multi.fa"; } >"$WORK/concat.fa"
bwa index "$WORK/multi.fa" >/dev/null 2>&1 || bad "bwa index of the multi-contig reference"
wgsim -S 5 -N 3000 -1 150 -2 150 -r 0.003 -R 0.3 "$WORK/concat.fa" "$WORK/m1.fq" "$WORK/m2.fq" >/dev/null 2>&1
cat "$WORK/m1.fq" "$WORK/m2.fq" >"$WORK/multi.fq"
IDX=$WORK/multi.fa compare multi_contig "$WORK/multi.fq"
finish
