#!/usr/bin/env bash
# basic_test.sh BIN_DIR -- help, version, usage errors, exit codes and the dispatcher.
. "$(dirname "$0")/lib.sh"
BIN=$1
FQ="$WORK/r.fq"
printf '@r1\nACGT\n+\nIIII\n' >"$FQ"

expect_exit 0 "fastq --help" -- "$BIN/helicase-fastq" --help
expect_contains "$WORK/last.out" "--in-fq" "help lists --in-fq"
expect_exit 0 "fastq --version" -- "$BIN/helicase-fastq" --version
expect_contains "$WORK/last.out" "helicase-fastq 0." "version names the tool"
expect_contains "$WORK/last.out" "CUDA:" "version says whether CUDA is in"
expect_exit 2 "unknown option" -- "$BIN/helicase-fastq" --no-such-option
expect_one_line "$WORK/last.err" "unknown option error"
expect_contains "$WORK/last.err" "helicase-fastq: error:" "error prefix"
expect_exit 2 "no input" -- "$BIN/helicase-fastq"
expect_exit 2 "in-fq with one file" -- "$BIN/helicase-fastq" --in-fq "$FQ"
expect_exit 2 "bad --device" -- "$BIN/helicase-fastq" --device tpu --in-se-fq "$FQ"
expect_exit 2 "bad --memory-limit" -- "$BIN/helicase-fastq" --memory-limit 12Q --in-se-fq "$FQ"
expect_exit 2 "bad --num-threads" -- "$BIN/helicase-fastq" --num-threads 0 --in-se-fq "$FQ"
expect_exit 2 "read group without ID" -- "$BIN/helicase-fastq" --in-se-fq "$FQ" '@RG\tSM:x'
expect_exit 4 "missing file" -- "$BIN/helicase-fastq" --in-se-fq "$WORK/missing.fq"
expect_contains "$WORK/last.err" "missing.fq: no such file" "missing file named"
expect_exit 4 "output folder missing" -- "$BIN/helicase-fastq" --in-se-fq "$FQ" --out-bam "$WORK/nodir/x.bam"
expect_exit 0 "--device cpu" -- "$BIN/helicase-fastq" --device cpu --quiet --in-se-fq "$FQ"
expect_contains "$WORK/last.out" "reads" "summary printed"

# --device gpu: exit 5 with one clear line when no GPU is usable; on a GPU machine it works.
if "$BIN/helicase" --version | grep -q "GPU 0:"; then
  expect_exit 0 "--device gpu with a GPU" -- "$BIN/helicase-fastq" --device gpu --quiet --in-se-fq "$FQ"
else
  expect_exit 5 "--device gpu without a GPU" -- "$BIN/helicase-fastq" --device gpu --in-se-fq "$FQ"
  expect_one_line "$WORK/last.err" "--device gpu error"
  expect_exit 0 "--device auto falls back" -- "$BIN/helicase-fastq" --device auto --in-se-fq "$FQ"
  expect_contains "$WORK/last.err" "using the CPU backend" "auto says why"
fi

# --quiet keeps stderr free of info lines; --logfile gets them.
expect_exit 0 "--quiet --logfile" -- "$BIN/helicase-fastq" --quiet --logfile "$WORK/log.txt" --in-se-fq "$FQ" --no-summary
if [ -s "$WORK/last.err" ]; then bad "--quiet printed: $(cat "$WORK/last.err")"; else ok; fi
expect_contains "$WORK/log.txt" "backend:" "logfile receives info lines"
expect_exit 2 "--quiet with --verbose" -- "$BIN/helicase-fastq" --quiet --verbose --in-se-fq "$FQ"

# Dispatcher.
expect_exit 0 "helicase --help" -- "$BIN/helicase" --help
expect_contains "$WORK/last.out" "fastq" "help lists tools"
expect_exit 0 "helicase --version" -- "$BIN/helicase" --version
expect_contains "$WORK/last.out" "commit" "version has the commit"
expect_exit 2 "helicase unknown tool" -- "$BIN/helicase" frobnicate
expect_exit 2 "helicase without tool" -- "$BIN/helicase"
expect_exit 0 "helicase fastq runs helicase-fastq" -- "$BIN/helicase" fastq --quiet --in-se-fq "$FQ"
expect_contains "$WORK/last.out" "helicase-fastq summary" "dispatched tool ran"
expect_exit 2 "dispatched usage error keeps its code" -- "$BIN/helicase" fastq --bogus
finish
