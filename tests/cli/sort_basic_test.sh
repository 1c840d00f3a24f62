#!/usr/bin/env bash
# sort_basic_test.sh BIN_DIR TESTDATA -- helicase-sort's options, exit codes and outputs:
# usage errors (2), missing input (4), bad and truncated input (3) with one line on stderr
# and nothing left behind (no output, no temporary file, spilled runs removed), output
# folder checks, in-place sorting, stdout output, --no-index, stale index removal, the
# dispatcher.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sort_lib.sh"
BIN=$1
T=$2
S=$BIN/helicase-sort
IN=$T/gatk/markdup/example.chr1.1-1K.unmarkedDups.bam
BIG=$T/na12878_chr20_10M/NA12878_S1.chr20.10_10p1mb.bam

expect_exit 0 "--help" -- "$S" --help
expect_contains "$WORK/last.out" "--sort-order" "help lists --sort-order"
expect_contains "$WORK/last.out" "--memory-limit" "help lists --memory-limit"
expect_exit 0 "--version" -- "$S" --version
expect_contains "$WORK/last.out" "helicase-sort 0." "version names the tool"
expect_exit 2 "no arguments" -- "$S"
expect_exit 2 "no --out-bam" -- "$S" --in-bam "$IN"
expect_exit 2 "bad --sort-order" -- "$S" --in-bam "$IN" --out-bam "$WORK/o.bam" --sort-order name
expect_one_line "$WORK/last.err" "bad --sort-order"
expect_exit 2 "--memory-limit below 1M" -- "$S" --in-bam "$IN" --out-bam "$WORK/o.bam" --memory-limit 100K
expect_one_line "$WORK/last.err" "--memory-limit below 1M"
expect_exit 2 "--memory-limit not a size" -- "$S" --in-bam "$IN" --out-bam "$WORK/o.bam" --memory-limit lots
expect_exit 2 "CRAM output without --ref" -- "$S" --in-bam "$IN" --out-bam "$WORK/o.cram"

# Missing input: exit 4, naming the file.
expect_exit 4 "missing input" -- "$S" --in-bam "$WORK/missing.bam" --out-bam "$WORK/o.bam"
expect_one_line "$WORK/last.err" "missing input"
expect_contains "$WORK/last.err" "missing.bam: no such file" "missing input named"
expect_exit 4 "input is a folder" -- "$S" --in-bam "$WORK" --out-bam "$WORK/o.bam"

# Not a BAM: exit 3.
printf 'this is not a BAM file\n' >"$WORK/text.bam"
expect_exit 3 "not a BAM" -- "$S" --in-bam "$WORK/text.bam" --out-bam "$WORK/o.bam"
expect_one_line "$WORK/last.err" "not a BAM"
expect_contains "$WORK/last.err" "not a SAM, BAM or CRAM file" "not a BAM says so"
: >"$WORK/empty.bam"
expect_exit 3 "empty file" -- "$S" --in-bam "$WORK/empty.bam" --out-bam "$WORK/o.bam"
head -c 20 "$IN" >"$WORK/header_cut.bam"
expect_exit 3 "BAM cut inside its header" -- "$S" --in-bam "$WORK/header_cut.bam" --out-bam "$WORK/o.bam"

# Truncated BAMs: exit 3, one line, no output and nothing else left behind.
size=$(stat -c %s "$BIG")
head -c $((size / 2)) "$BIG" >"$WORK/trunc.bam"
expect_exit 3 "truncated BAM" -- "$S" --in-bam "$WORK/trunc.bam" --out-bam "$WORK/o.bam"
expect_one_line "$WORK/last.err" "truncated BAM"
expect_contains "$WORK/last.err" "trunc.bam" "truncated BAM named"
head -c $((size - 28)) "$BIG" >"$WORK/no_eof.bam"  # whole blocks, end-of-file marker gone
expect_exit 3 "BAM without its end-of-file marker" -- "$S" --in-bam "$WORK/no_eof.bam" --out-bam "$WORK/o.bam"
expect_contains "$WORK/last.err" "end-of-file marker" "missing EOF marker named"
# Damaged in the middle (end-of-file marker intact): the error comes after runs were spilled.
cp "$BIG" "$WORK/damaged.bam"
printf '%0512d' 0 | dd of="$WORK/damaged.bam" bs=1 seek=$((size * 3 / 5)) conv=notrunc status=none
mkdir -p "$WORK/spill"
expect_exit 3 "damaged BAM after spills" -- "$S" --quiet --in-bam "$WORK/damaged.bam" --out-bam "$WORK/o.bam" \
  --memory-limit 1M --tmp-dir "$WORK/spill"
expect_one_line "$WORK/last.err" "damaged BAM"
expect_contains "$WORK/last.err" "damaged.bam record " "damaged BAM names the record"
if [ -z "$(ls -A "$WORK/spill")" ]; then ok; else bad "spilled runs left behind: $(ls -A "$WORK/spill")"; fi
if [ ! -e "$WORK/o.bam" ] && [ ! -e "$WORK/o.bam.bai" ]; then ok; else bad "output left after failures"; fi
no_leftovers "failures" "$WORK"

# Output and temporary folders.
expect_exit 4 "output folder missing" -- "$S" --in-bam "$IN" --out-bam "$WORK/nodir/o.bam"
expect_exit 4 "output is a folder" -- "$S" --in-bam "$IN" --out-bam "$WORK"
expect_exit 4 "tmp-dir missing" -- "$S" --in-bam "$IN" --out-bam "$WORK/o.bam" --tmp-dir "$WORK/nodir"
expect_one_line "$WORK/last.err" "tmp-dir missing"

# In place: the input is read whole before the output replaces it.
samtools collate -u -O "$IN" "$WORK/collate" >"$WORK/inplace.bam"
samtools sort -o "$WORK/inplace.samtools.bam" "$WORK/inplace.bam" 2>/dev/null
expect_exit 0 "in place" -- "$S" --quiet --in-bam "$WORK/inplace.bam" --out-bam "$WORK/inplace.bam" --memory-limit 1M
same_records inplace "$WORK/inplace.bam" "$WORK/inplace.samtools.bam"

# To a pipe: written in place, no index.
"$S" --quiet --in-bam "$IN" --out-bam /dev/stdout 2>"$WORK/pipe.err" | samtools view - >"$WORK/pipe.sam"
if cmp -s "$WORK/pipe.sam" <(samtools sort "$IN" 2>/dev/null | samtools view -); then ok; else bad "output to stdout differs"; fi

# Index choices: --no-index; queryname order gets none; a stale .csi is replaced by the .bai.
expect_exit 0 "--no-index" -- "$S" --quiet --in-bam "$IN" --out-bam "$WORK/ni.bam" --no-index
if [ ! -e "$WORK/ni.bam.bai" ] && [ ! -e "$WORK/ni.bam.csi" ]; then ok; else bad "--no-index wrote an index"; fi
expect_exit 0 "queryname" -- "$S" --quiet --in-bam "$IN" --out-bam "$WORK/qn.bam" --sort-order queryname
if [ ! -e "$WORK/qn.bam.bai" ] && [ ! -e "$WORK/qn.bam.csi" ]; then ok; else bad "queryname output indexed"; fi
echo stale >"$WORK/st.bam.csi"
expect_exit 0 "stale csi" -- "$S" --quiet --in-bam "$IN" --out-bam "$WORK/st.bam"
if [ -s "$WORK/st.bam.bai" ] && [ ! -e "$WORK/st.bam.csi" ]; then ok; else bad "stale .csi not replaced by .bai"; fi
if [ "$(samtools view -c "$WORK/st.bam" chr1:1-1000)" -gt 0 ]; then ok; else bad "region query after stale index"; fi

# A header without records: an empty sorted, indexed BAM, as samtools writes.
printf '@HD\tVN:1.6\tSO:unsorted\n@SQ\tSN:c\tLN:100\n' >"$WORK/header_only.sam"
expect_exit 0 "header only" -- "$S" --quiet --in-bam "$WORK/header_only.sam" --out-bam "$WORK/ho.bam"
if [ "$(samtools view -c "$WORK/ho.bam")" -eq 0 ] && samtools view -H "$WORK/ho.bam" | grep -q 'SO:coordinate' &&
  samtools view "$WORK/ho.bam" c:1-10 >/dev/null 2>&1; then ok; else bad "header-only input"; fi

# Log lines; --quiet keeps stderr empty.
expect_exit 0 "log" -- "$S" --in-bam "$IN" --out-bam "$WORK/log.bam"
expect_contains "$WORK/last.err" "wrote 90 records" "log counts records"
expect_exit 0 "--quiet" -- "$S" --quiet --in-bam "$IN" --out-bam "$WORK/q.bam"
if [ -s "$WORK/last.err" ]; then bad "--quiet printed: $(head -c 300 "$WORK/last.err")"; else ok; fi

# Dispatcher.
expect_exit 0 "helicase sort" -- "$BIN/helicase" sort --quiet --in-bam "$IN" --out-bam "$WORK/d.bam"
if cmp -s <(samtools view "$WORK/d.bam") <(samtools view "$WORK/q.bam"); then ok; else bad "dispatcher output differs"; fi
finish
