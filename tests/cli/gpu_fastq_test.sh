#!/usr/bin/env bash
# gpu_fastq_test.sh BIN_DIR TESTDATA -- helicase-fastq metrics on the GPU equal the CPU's
# exactly. Exits 77 (skipped) when no GPU is usable.
. "$(dirname "$0")/lib.sh"
BIN=$1
D=$2/na12878_chr20_10M
if ! "$BIN/helicase" --version | grep -q "GPU 0:"; then
  echo "skipped: $("$BIN/helicase" --version | tail -1)"
  exit 77
fi
for threads in 1 2; do
  expect_exit 0 "cpu run" -- "$BIN/helicase-fastq" --quiet --no-summary --device cpu --num-threads "$threads" \
    --in-fq "$D/NA12878_S1_R1.fastq.gz" "$D/NA12878_S1_R2.fastq.gz" --out-metrics "$WORK/cpu.json"
  expect_exit 0 "gpu run" -- "$BIN/helicase-fastq" --quiet --no-summary --device gpu --num-threads "$threads" \
    --in-fq "$D/NA12878_S1_R1.fastq.gz" "$D/NA12878_S1_R2.fastq.gz" --out-metrics "$WORK/gpu.json" --batch-bases 777777
  if diff <(grep -v '"batches"' "$WORK/cpu.json") <(grep -v '"batches"' "$WORK/gpu.json") >/dev/null; then ok; else
    bad "GPU metrics differ from CPU metrics ($threads threads)"
  fi
done
finish
