#!/usr/bin/env bash
# gpu_markdup_test.sh BIN_DIR SIM_DIR -- helicase-markdup on the GPU backend writes the same
# records and metrics as on the CPU. Exits 77 (skipped) without a usable GPU or input.
. "$(dirname "$0")/lib.sh"
BIN=$1 IN=$2/markdup_sim.bam
if ! "$BIN/helicase" --version | grep -q "GPU 0:"; then echo "skipped: $("$BIN/helicase" --version | tail -1)"; exit 77; fi
[ -f "$IN" ] || { echo "skipped: $IN missing"; exit 77; }
for strategy in SUM_OF_BASE_QUALITIES RANDOM TOTAL_MAPPED_REFERENCE_LENGTH; do
  for dev in cpu gpu; do
    expect_exit 0 "$dev $strategy" -- "$BIN/helicase-markdup" --quiet --device "$dev" --in-bam "$IN" \
      --out-bam "$WORK/$dev.sam" --out-duplicate-metrics "$WORK/$dev.txt" --duplicate-scoring-strategy "$strategy" \
      --batch-records 7777
  done
  # SAM text, so that no samtools is needed on the GPU machine; the @PG lines name the device.
  if cmp -s <(grep -v '^@PG' "$WORK/cpu.sam") <(grep -v '^@PG' "$WORK/gpu.sam"); then ok; else bad "$strategy: GPU records differ from CPU"; fi
  if cmp -s <(sed 1,4d "$WORK/cpu.txt") <(sed 1,4d "$WORK/gpu.txt"); then ok; else bad "$strategy: GPU metrics differ from CPU"; fi
done
finish
