#!/usr/bin/env bash
# demo_data_test.sh BIN_DIR CACHE_DIR -- the bundled demo example (test-data/make_demo.sh) is
# made deterministically and helicase-fastq counts its reads and bases as awk does.
. "$(dirname "$0")/lib.sh"
BIN=$1 CACHE=$2
MAKE="$(dirname "$0")/../../test-data/make_demo.sh"
mkdir -p "$CACHE"
bash "$MAKE" "$CACHE" >/dev/null || { bad "make_demo.sh failed"; finish; exit; }
# A second, fresh generation gives the same bytes.
bash "$MAKE" "$WORK/again" >/dev/null
for f in demo_ref.fa demo_R1.fastq.gz demo_R2.fastq.gz; do
  if cmp -s "$CACHE/$f" "$WORK/again/$f"; then ok; else bad "$f differs between two generations"; fi
done
expect_exit 0 "QC of the demo pair" -- "$BIN/helicase-fastq" --quiet --in-fq "$CACHE/demo_R1.fastq.gz" \
  "$CACHE/demo_R2.fastq.gz" --out-metrics "$WORK/demo.json" --out-bam "$WORK/demo.bam"
want=$(gzip -dc "$CACHE/demo_R1.fastq.gz" | awk 'NR % 4 == 2 { n++; b += length($0) } END { print n, b }')
got=$(awk '/"read1": \{/ { s = 1 } s && $1 == "\"reads\":" { r = $2 } s && $1 == "\"bases\":" { b = $2; print r b; exit }' "$WORK/demo.json" | tr ',' ' ' | sed 's/ *$//')
if [ "$got" = "$want" ]; then ok; else bad "read1 reads/bases: ours '$got', awk '$want'"; fi
if [ "$(samtools view -c "$WORK/demo.bam")" -eq $((2 * ${want%% *})) ]; then ok; else bad "uBAM record count"; fi
finish
