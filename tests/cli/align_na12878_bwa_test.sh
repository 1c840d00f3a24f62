#!/usr/bin/env bash
# align_na12878_bwa_test.sh BIN_DIR TESTDATA CACHE_DIR -- helicase-align against
# `bwa mem -t 2 -K 100000000 -Y` (same read group) on the 25,839 NA12878 pairs of
# na12878_chr20_10M, b37 chr20 (the reference_chr20 fixture, with its BWA index): the same
# number of records, at least 99.9% of records identical in every field and tag (per-field
# mismatch counts printed), and both run times with reads/s (printed, not asserted).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/align_lib.sh"
BIN=$1
D=$2/na12878_chr20_10M
CACHE=$3
command -v bwa >/dev/null && command -v samtools >/dev/null || { echo "skipped: bwa or samtools missing"; exit 77; }
[ -r "$D/NA12878_S1_R1.fastq.gz" ] || { echo "skipped: $D not found"; exit 77; }
bash "$(dirname "$0")/../../test-data/reference_fixture.sh" "$CACHE" --bwa-index >/dev/null || { bad "reference fixture"; finish; exit; }
REF=$CACHE/b37_chr20.fa
RG='@RG\tID:NA12878\tSM:NA12878\tLB:lib1\tPL:ILLUMINA'
R1=$D/NA12878_S1_R1.fastq.gz
R2=$D/NA12878_S1_R2.fastq.gz
reads=$(( $(zcat "$R1" | wc -l) / 2 ))

t0=$(date +%s.%N)
bwa mem -t 2 -K 100000000 -Y -R "$RG" "$REF" "$R1" "$R2" 2>/dev/null >"$WORK/bwa.sam"
t1=$(date +%s.%N)
expect_exit 0 "helicase-align" -- "$BIN/helicase-align" --quiet --num-threads 2 --ref "$REF" --in-fq "$R1" "$R2" "$RG" --out-bam "$WORK/ours.sam"
t2=$(date +%s.%N)
awk -v r="$reads" -v b="$(echo "$t1 - $t0" | bc)" -v h="$(echo "$t2 - $t1" | bc)" 'BEGIN {
  printf "bwa mem -t 2: %.2f s (%.0f reads/s); helicase-align --num-threads 2: %.2f s (%.0f reads/s); ratio %.2f\n",
    b, r / b, h, r / h, b / h }'
nb=$(grep -vc '^@' "$WORK/bwa.sam"); nh=$(grep -vc '^@' "$WORK/ours.sam")
if [ "$nb" -eq "$nh" ]; then ok; else bad "record counts differ: bwa $nb, helicase $nh"; fi
field_diff "$WORK/bwa.sam" "$WORK/ours.sam" | tee "$WORK/diff.txt"
same=$(awk '/^records/ { print $4 }' "$WORK/diff.txt")
if [ "${same:-0}" -ge $(( nb * 999 / 1000 )) ]; then ok; else bad "only $same of $nb records identical (need 99.9%)"; fi
finish
