#!/usr/bin/env bash
# gpu_fastq_test.sh BIN_DIR [TESTDATA] -- helicase-fastq metrics on the GPU equal the CPU's
# exactly, on generated reads (short, and long enough for the kernel's global-atomics path)
# and on the NA12878 pair when the shared test data is there. Exits 77 (skipped) when no GPU
# is usable.
. "$(dirname "$0")/lib.sh"
BIN=$1
TESTDATA=${2:-}
if ! "$BIN/helicase" --version | grep -q "GPU 0:"; then
  echo "skipped: $("$BIN/helicase" --version | tail -1)"
  exit 77
fi
GEN="$(dirname "$0")/../../test-data/random_fastq.sh"
bash "$GEN" "$WORK/short" 30000 151 5
bash "$GEN" "$WORK/long" 300 2000 6
inputs=("$WORK/short_R1.fastq $WORK/short_R2.fastq" "$WORK/long_R1.fastq $WORK/long_R2.fastq")
D=$TESTDATA/na12878_chr20_10M
[ -f "$D/NA12878_S1_R1.fastq.gz" ] && inputs+=("$D/NA12878_S1_R1.fastq.gz $D/NA12878_S1_R2.fastq.gz")

for pair in "${inputs[@]}"; do
  read -r r1 r2 <<<"$pair"
  expect_exit 0 "cpu run" -- "$BIN/helicase-fastq" --quiet --no-summary --device cpu --in-fq "$r1" "$r2" \
    --out-metrics "$WORK/cpu.json"
  expect_exit 0 "gpu run" -- "$BIN/helicase-fastq" --quiet --no-summary --device gpu --in-fq "$r1" "$r2" \
    --out-metrics "$WORK/gpu.json" --batch-bases 777777
  if diff <(grep -v '"batches"' "$WORK/cpu.json") <(grep -v '"batches"' "$WORK/gpu.json") >/dev/null; then ok; else
    bad "GPU metrics differ from CPU metrics on $(basename "$r1")"
  fi
done
finish
