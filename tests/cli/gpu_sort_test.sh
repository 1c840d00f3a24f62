#!/usr/bin/env bash
# gpu_sort_test.sh BIN_DIR TESTDATA -- helicase-sort on the GPU writes the same bytes as on
# the CPU (both orders, in memory and spilled). Exits 77 (skipped) when no GPU is usable.
. "$(dirname "$0")/lib.sh"
BIN=$1
T=$2
if ! "$BIN/helicase" --version | grep -q "GPU 0:"; then
  echo "skipped: $("$BIN/helicase" --version | tail -1)"
  exit 77
fi
if ! command -v samtools >/dev/null || [ ! -f "$T/na12878_chr20_10M/NA12878_S1.chr20.10_10p1mb.bam" ]; then
  echo "skipped: needs samtools and the shared test data"; exit 77
fi
samtools collate -u -O "$T/na12878_chr20_10M/NA12878_S1.chr20.10_10p1mb.bam" "$WORK/collate" >"$WORK/in.bam"
for order in coordinate queryname; do
  for limit in 4G 1M; do
    expect_exit 0 "cpu $order $limit" -- "$BIN/helicase-sort" --quiet --no-PG --device cpu --in-bam "$WORK/in.bam" \
      --out-bam "$WORK/cpu.bam" --sort-order "$order" --memory-limit "$limit"
    expect_exit 0 "gpu $order $limit" -- "$BIN/helicase-sort" --quiet --no-PG --device gpu --in-bam "$WORK/in.bam" \
      --out-bam "$WORK/gpu.bam" --sort-order "$order" --memory-limit "$limit"
    if cmp -s "$WORK/cpu.bam" "$WORK/gpu.bam"; then ok; else bad "GPU output differs from CPU ($order, $limit)"; fi
  done
done
if cmp -s <(samtools view "$WORK/gpu.bam") <(samtools view -h "$WORK/in.bam" | samtools sort -n - 2>/dev/null | samtools view -); then ok
else bad "GPU queryname order differs from samtools sort -n"; fi
finish
