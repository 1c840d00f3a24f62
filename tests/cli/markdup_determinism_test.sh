#!/usr/bin/env bash
# markdup_determinism_test.sh BIN_DIR SIM_DIR -- helicase-markdup's records, index and metrics
# do not depend on the thread count or the kernel batch size, and SAM/BAM outputs agree.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/markdup_lib.sh"
BIN=$1 IN=$2/markdup_sim.bam
[ -f "$IN" ] || { echo "skipped: $IN missing (dwgsim, bwa or vt-examples not installed)"; exit 77; }
run() {  # NAME OUTPUT ARGS...
  local name=$1 out=$2; shift 2
  expect_exit 0 "$name" -- "$BIN/helicase-markdup" --quiet --device cpu --in-bam "$IN" --out-bam "$out" \
    --out-duplicate-metrics "$WORK/$name.txt" "$@"
}
# The index holds file offsets, which move with the header's @PG command line: compare what
# it answers instead.
index_answers() {
  samtools idxstats "$1"
  for r in chr20_slice:1-50000 chr20_slice:200000-200100 chr20_slice:400000-600000; do samtools view -c "$1" "$r"; done
}
run base "$WORK/base.bam" --num-threads 2
run t1 "$WORK/t1.bam" --num-threads 1
run t4 "$WORK/t4.bam" --num-threads 4 --batch-records 1000
run b1 "$WORK/b1.bam" --num-threads 3 --batch-records 1
samtools view -H "$WORK/base.bam" | grep -v '^@PG' >"$WORK/base.hdr"
for name in t1 t4 b1; do
  if cmp -s <(samtools view "$WORK/base.bam") <(samtools view "$WORK/$name.bam"); then ok; else bad "$name: records differ"; fi
  if cmp -s "$WORK/base.hdr" <(samtools view -H "$WORK/$name.bam" | grep -v '^@PG'); then ok; else bad "$name: header differs"; fi
  if cmp -s <(sed 1,4d "$WORK/base.txt") <(sed 1,4d "$WORK/$name.txt"); then ok; else bad "$name: metrics differ"; fi
  if cmp -s <(index_answers "$WORK/base.bam") <(index_answers "$WORK/$name.bam"); then ok; else bad "$name: index answers differ"; fi
done
run sam "$WORK/sam.sam" --num-threads 2
if cmp -s <(samtools view "$WORK/base.bam") <(samtools view "$WORK/sam.sam"); then ok; else bad "SAM output records differ"; fi
echo "$(samtools view -c "$WORK/base.bam") records, $(samtools view -c -f 1024 "$WORK/base.bam") duplicates; identical for 1-4 threads and batches of 1 to 100000 records"
finish
