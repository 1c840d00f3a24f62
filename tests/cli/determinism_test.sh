#!/usr/bin/env bash
# determinism_test.sh BIN_DIR TESTDATA -- metrics and uBAM records do not depend on thread
# count, batch size or input compression (BGZF, plain gzip, uncompressed).
. "$(dirname "$0")/lib.sh"
BIN=$1
D=$2/na12878_chr20_10M
R1=$D/NA12878_S1_R1.fastq.gz R2=$D/NA12878_S1_R2.fastq.gz
gzip -dc "$R1" >"$WORK/r1.fq"
gzip -dc "$R2" >"$WORK/r2.fq"
gzip -nc "$WORK/r1.fq" >"$WORK/r1.gz"
gzip -nc "$WORK/r2.fq" >"$WORK/r2.gz"

# Lines that legitimately differ: input paths and the number of batches.
normalize() { grep -v -e '"r1":' -e '"r2":' -e '"batches":' "$1"; }

run() {  # NAME R1 R2 ARGS...
  local name=$1 a=$2 b=$3; shift 3
  expect_exit 0 "$name" -- "$BIN/helicase-fastq" --quiet --no-summary --in-fq "$a" "$b" '@RG\tID:x\tSM:y' \
    --out-metrics "$WORK/$name.json" --out-bam "$WORK/$name.bam" "$@"
  normalize "$WORK/$name.json" >"$WORK/$name.norm"
  samtools view "$WORK/$name.bam" >"$WORK/$name.sam"
}
same() {  # A B
  if cmp -s "$WORK/$1.norm" "$WORK/$2.norm"; then ok; else bad "metrics of $1 and $2 differ: $(diff "$WORK/$1.norm" "$WORK/$2.norm" | head -4)"; fi
  if cmp -s "$WORK/$1.sam" "$WORK/$2.sam"; then ok; else bad "BAM records of $1 and $2 differ"; fi
}

run base "$R1" "$R2" --num-threads 2
run t1 "$R1" "$R2" --num-threads 1
run t3 "$R1" "$R2" --num-threads 3
run small_batches "$R1" "$R2" --num-threads 2 --batch-bases 9999
run one_read_batches "$R1" "$R2" --num-threads 2 --batch-bases 1
run plain "$WORK/r1.fq" "$WORK/r2.fq" --num-threads 2
run gzip "$WORK/r1.gz" "$WORK/r2.gz" --num-threads 2
for other in t1 t3 small_batches one_read_batches plain gzip; do same base "$other"; done
# Identical runs give identical files, byte for byte.
if cmp -s "$WORK/base.json" <("$BIN/helicase-fastq" --quiet --no-summary --in-fq "$R1" "$R2" '@RG\tID:x\tSM:y' --out-metrics /dev/stdout --num-threads 2); then ok; else bad "metrics not reproducible"; fi
finish
