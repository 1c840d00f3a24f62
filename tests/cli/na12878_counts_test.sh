#!/usr/bin/env bash
# na12878_counts_test.sh BIN_DIR TESTDATA -- read, base and GC counts of the NA12878 pair
# (and the singletons file) equal an independent awk count and seqtk comp.
. "$(dirname "$0")/lib.sh"
BIN=$1
D=$2/na12878_chr20_10M
R1=$D/NA12878_S1_R1.fastq.gz R2=$D/NA12878_S1_R2.fastq.gz SE=$D/NA12878_S1_singletons.fastq.gz

# json_field FILE SECTION KEY: the value of KEY inside the object SECTION of our metrics JSON.
json_field() {
  awk -v sec="\"$2\": {" -v key="\"$3\":" '
    index($0, sec) { inside = 1; next }
    inside && $1 == key { v = $2; sub(/,$/, "", v); print v; exit }' "$1"
}
# awk_counts FILE: "reads bases gc" computed from the FASTQ text.
awk_counts() {
  gzip -dc "$1" | awk 'NR % 4 == 2 { n++; b += length($0); gc += gsub(/[GCgc]/, "") } END { print n + 0, b + 0, gc + 0 }'
}
# seqtk_counts FILE: "reads bases gc" from seqtk comp (columns: name len A C G T ...).
seqtk_counts() {
  seqtk comp "$1" | awk '{ n++; b += $2; gc += $4 + $5 } END { print n + 0, b + 0, gc + 0 }'
}

check_lane() {  # METRICS SECTION FASTQ
  local ours awk_c seqtk_c
  ours="$(json_field "$1" "$2" reads) $(json_field "$1" "$2" bases) $(json_field "$1" "$2" gc_bases)"
  awk_c=$(awk_counts "$3")
  if [ "$ours" = "$awk_c" ]; then ok; else bad "$2 of $(basename "$3"): ours '$ours' vs awk '$awk_c'"; fi
  if command -v seqtk >/dev/null; then
    seqtk_c=$(seqtk_counts "$3")
    if [ "$ours" = "$seqtk_c" ]; then ok; else bad "$2 of $(basename "$3"): ours '$ours' vs seqtk '$seqtk_c'"; fi
  fi
  echo "$2 $(basename "$3"): reads bases gc = $ours"
}

expect_exit 0 "paired run" -- "$BIN/helicase-fastq" --quiet --no-summary --in-fq "$R1" "$R2" --out-metrics "$WORK/pe.json"
check_lane "$WORK/pe.json" read1 "$R1"
check_lane "$WORK/pe.json" read2 "$R2"
expect_exit 0 "single-end run" -- "$BIN/helicase-fastq" --quiet --no-summary --in-se-fq "$SE" --out-metrics "$WORK/se.json"
check_lane "$WORK/se.json" read1 "$SE"
if [ "$(json_field "$WORK/pe.json" read1 reads)" = 25839 ]; then ok; else bad "expected 25,839 pairs"; fi
finish
