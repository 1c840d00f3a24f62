#!/usr/bin/env bash
# markdup_errors_test.sh BIN_DIR TESTDATA -- helicase-markdup's options, exit codes and
# messages on bad input, and that no output is left under its final name on failure.
. "$(dirname "$0")/lib.sh"
BIN=$1 D=$2
MD=$BIN/helicase-markdup
Q=--quiet
IN=$D/gatk/pipeline_chr20/CEUTrio.HiSeq.WGS.b37.ch20.1m-1m1k.NA12878.noMD.noBQSR.bam
no_outputs() {  # WHAT: nothing (not even a temporary file) left in $WORK/out
  if [ -z "$(ls -A "$WORK/out")" ]; then ok; else bad "$1: files left behind: $(ls -A "$WORK/out" | tr '\n' ' ')"; fi
}
mkdir -p "$WORK/out"
O=(--out-bam "$WORK/out/o.bam" --out-duplicate-metrics "$WORK/out/m.txt")

expect_exit 0 "--help" -- "$MD" --help
expect_contains "$WORK/last.out" "--optical-duplicate-pixel-distance" "help lists the pixel distance"
expect_exit 0 "--version" -- "$MD" --version
expect_contains "$WORK/last.out" "helicase-markdup 0." "version names the tool"
expect_exit 2 "no metrics file" -- "$MD" $Q --in-bam "$IN" --out-bam "$WORK/out/o.bam"
expect_exit 2 "bad scoring strategy" -- "$MD" $Q --in-bam "$IN" "${O[@]}" --duplicate-scoring-strategy BEST
expect_exit 2 "bad sort order" -- "$MD" $Q --in-bam "$IN" "${O[@]}" --assume-sort-order unsorted
expect_exit 2 "regex without three groups" -- "$MD" $Q --in-bam "$IN" "${O[@]}" --read-name-regex '([0-9]+):([0-9]+)'
expect_one_line "$WORK/last.err" "regex error"
expect_exit 2 "invalid regex" -- "$MD" $Q --in-bam "$IN" "${O[@]}" --read-name-regex '(['
no_outputs "usage errors"

expect_exit 4 "missing input" -- "$MD" $Q --in-bam "$WORK/missing.bam" "${O[@]}"
expect_contains "$WORK/last.err" "missing.bam" "missing input named"
expect_one_line "$WORK/last.err" "missing input error"
expect_exit 4 "missing output folder" -- "$MD" $Q --in-bam "$IN" --out-bam "$WORK/nodir/o.bam" --out-duplicate-metrics "$WORK/out/m.txt"
expect_exit 4 "input from a pipe" -- "$MD" $Q --in-bam /dev/stdin "${O[@]}" </dev/null
no_outputs "I/O errors"

# Not an alignment file; truncated BAM.
printf 'hello\n' >"$WORK/text.bam"
expect_exit 3 "not a BAM" -- "$MD" $Q --in-bam "$WORK/text.bam" "${O[@]}"
head -c 60000 "$D/na12878_chr20_10M/NA12878_S1.chr20.10_10p1mb.bam" >"$WORK/cut.bam"
expect_exit 3 "truncated BAM" -- "$MD" $Q --in-bam "$WORK/cut.bam" "${O[@]}"
expect_contains "$WORK/last.err" "truncated" "truncation named"
no_outputs "bad files"

# Coordinate order declared but not kept: the first record out of order is named.
samtools view -h "$IN" | awk 'BEGIN { OFS = "\t" } /^@/ { print; next } { n++; if (n == 500) held = $0; else print; if (n == 700) print held }' \
  >"$WORK/unsorted.sam"
expect_exit 3 "unsorted input" -- "$MD" $Q --in-bam "$WORK/unsorted.sam" "${O[@]}"
expect_contains "$WORK/last.err" "record 700" "first record out of order numbered"
expect_contains "$WORK/last.err" "not in coordinate order" "order problem said"
expect_one_line "$WORK/last.err" "unsorted error"
no_outputs "unsorted input"
# Disorder among the unmapped reads at the end (pass 2 finds it): still exit 3, no outputs.
samtools view -h "$IN" | awk 'BEGIN { OFS = "\t" } /^@/ { print; next } { n++; if (n == 3) first = $0; else print }
  END { $0 = first; $2 = 4; $3 = "*"; $4 = 0; $5 = 0; $6 = "*"; $7 = "*"; $8 = 0; $9 = 0; print; print first }' >"$WORK/tail.sam"
expect_exit 3 "mapped record after the unplaced reads" -- "$MD" $Q --in-bam "$WORK/tail.sam" "${O[@]}"
expect_contains "$WORK/last.err" "not in coordinate order" "tail disorder said"
no_outputs "tail disorder"
# A header without SO: coordinate order is assumed and checked.
samtools view "$WORK/unsorted.sam" | cat <(samtools view -H "$IN" | grep -v '^@HD') - >"$WORK/noso.sam"
expect_exit 3 "no SO, unsorted" -- "$MD" $Q --in-bam "$WORK/noso.sam" "${O[@]}"

# Queryname order: records of a name must be together.
samtools sort -n -o "$WORK/qn.bam" "$IN" 2>/dev/null
samtools view -h "$WORK/qn.bam" | awk 'BEGIN { OFS = "\t" } /^@/ { print; next } { n++; if (n == 10) held = $0; else print; if (n == 40) print held }' \
  >"$WORK/qn_split.sam"
expect_exit 3 "names not grouped" -- "$MD" $Q --in-bam "$WORK/qn_split.sam" "${O[@]}"
expect_contains "$WORK/last.err" "not grouped" "grouping problem said"
expect_contains "$WORK/last.err" "record 40 (" "first regrouped record numbered and named"
expect_exit 3 "coordinate assumed on name-sorted input" -- "$MD" $Q --in-bam "$WORK/qn.bam" "${O[@]}" --assume-sort-order coordinate
no_outputs "queryname errors"
expect_exit 0 "name-sorted input" -- "$MD" $Q --in-bam "$WORK/qn.bam" "${O[@]}"
if [ ! -e "$WORK/out/o.bam.bai" ]; then ok; else bad "name-sorted output got an index"; fi
if [ "$(samtools view "$WORK/out/o.bam" | cut -f1 | md5sum)" = "$(samtools view "$WORK/qn.bam" | cut -f1 | md5sum)" ]; then ok; else
  bad "name-sorted output not in input order"; fi
finish
