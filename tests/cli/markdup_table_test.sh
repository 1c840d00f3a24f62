#!/usr/bin/env bash
# markdup_table_test.sh BIN_DIR TESTDATA MODE -- every MarkDuplicates case of testdata/SOURCES.md.
# MODE expected: duplicate flags as expected, METRICS sections byte-identical to the expected
# files (Picard 2.15 wrote them; 2.27.5 reproduces them), exactly one optical duplicate where
# expected. MODE picard: every case (records, metrics, histograms) identical to Picard 2.27.5
# run here (two ctest entries, so that they run in parallel).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/markdup_lib.sh"
BIN=$1
M=$2/gatk/markdup P=$2/picard_md
MODE=$3

run() {  # NAME INPUT [ARGS...] -> $WORK/NAME.bam, $WORK/NAME.txt
  local name=$1 in=$2; shift 2
  expect_exit 0 "$name" -- helicase_md "$in" "$WORK/$name.bam" "$WORK/$name.txt" "$@"
}
same_flags() {  # WHAT OURS EXPECTED
  if cmp -s <(record_flags "$2") <(record_flags "$3"); then ok; else
    bad "$1: flags differ from the expected file: $(diff <(record_flags "$2") <(record_flags "$3") | head -4)"
  fi
}
same_metrics() {  # WHAT OURS EXPECTED_METRICS_FILE
  if cmp -s <(metrics_section "$2") <(metrics_section "$3"); then ok; else
    bad "$1: METRICS differ from $(basename "$3"): $(diff <(metrics_section "$2") <(metrics_section "$3") | head -4)"
  fi
}

if [ "$MODE" = expected ]; then
# Expected metrics files.
run ex "$M/example.chr1.1-1K.unmarkedDups.bam"
same_metrics "example.chr1.1-1K" "$WORK/ex.txt" "$M/expected.picard-2.15.0.sorted.chr1.1-1K.unmarkedDups.markDuplicate.metrics"
same_flags "example.chr1.1-1K" "$WORK/ex.bam" "$M/example.chr1.1-1K.markedDups.bam"
run od "$M/optical_dupes.bam"
same_metrics "optical_dupes.bam" "$WORK/od.txt" "$M/expected.picard-2.15.0.sorted.optical_dupes.markDuplicate.metrics"
run solexa "$M/inputSingleLibrarySolexa16404.bam"
same_metrics "inputSingleLibrarySolexa16404" "$WORK/solexa.txt" "$M/expected.picard-2.15.0.sorted.inputSingleLibrarySolexa16404.metrics"

# Expected flags.
run bug1 "$M/mdOrderBug.bam"
same_flags "mdOrderBug" "$WORK/bug1.bam" "$M/expected.mdOrderBug.bam"
run bug2 "$M/mdOrderBug2.bam"
same_flags "mdOrderBug2" "$WORK/bug2.bam" "$M/expected.mdOrderBug2.bam"
for v in v1 v2 CoordinateSortedv1 CoordinateSortedv2 CoordinateSortedv3 CoordinateSortedv4; do
  run "same$v" "$P/sameUnclipped5primeEnd$v.sam"
  same_flags "sameUnclipped5primeEnd$v" "$WORK/same$v.bam" "$P/sameUnclipped5primeEnd$v.sam"
done
for v in v1 v2; do
  run "qng$v" "$P/sameUnclipped5primeEndQueryNameGrouped$v.sam" --assume-sort-order queryname
  same_flags "sameUnclipped5primeEndQueryNameGrouped$v" "$WORK/qng$v.bam" "$P/sameUnclipped5primeEndQueryNameGrouped$v.sam"
done
run swap "$P/markDuplicatesWithMateCigar.pairSet.swap.sam" --duplicate-scoring-strategy TOTAL_MAPPED_REFERENCE_LENGTH
same_flags "pairSet.swap (TOTAL_MAPPED_REFERENCE_LENGTH)" "$WORK/swap.bam" "$P/markDuplicatesWithMateCigar.pairSet.swap.sam"
# The scoring strategy matters here: the default picks the other pair.
run swapdef "$P/markDuplicatesWithMateCigar.pairSet.swap.sam"
if cmp -s <(record_flags "$WORK/swapdef.bam") <(record_flags "$P/markDuplicatesWithMateCigar.pairSet.swap.sam"); then
  bad "pairSet.swap with SUM_OF_BASE_QUALITIES should keep the other pair"
else ok; fi
for f in optical_dupes optical_dupes_casava; do
  run "$f" "$P/$f.sam"
  got=$(metric_value "$WORK/$f.txt" READ_PAIR_OPTICAL_DUPLICATES)
  if [ "$got" = 1 ]; then ok; else bad "$f.sam: $got optical duplicates, expected exactly 1"; fi
done

finish
exit
fi

# Every case against Picard 2.27.5 run here (histograms included).
if ! have_picard; then echo "skipped: Picard not installed"; exit 77; fi
versus() {  # NAME INPUT PICARD_ARGS -- OUR_ARGS
  local name=$1 in=$2; shift 2
  local pargs=() hargs=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do pargs+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  hargs=("$@")
  if ! picard_md "$in" "$WORK/p_$name.bam" "$WORK/p_$name.txt" "${pargs[@]}"; then
    bad "$name: Picard failed: $(grep -m1 Exception "$WORK/picard.err")"; return
  fi
  expect_exit 0 "$name" -- helicase_md "$in" "$WORK/h_$name.bam" "$WORK/h_$name.txt" "${hargs[@]}"
  compare_with_picard "$name" "$WORK/h_$name.bam" "$WORK/h_$name.txt" "$WORK/p_$name.bam" "$WORK/p_$name.txt"
}
versus example "$M/example.chr1.1-1K.unmarkedDups.bam"
versus optical_dupes.bam "$M/optical_dupes.bam"
versus solexa16404 "$M/inputSingleLibrarySolexa16404.bam"
versus mdOrderBug "$M/mdOrderBug.bam"
versus mdOrderBug2 "$M/mdOrderBug2.bam"
for v in v1 v2 CoordinateSortedv1 CoordinateSortedv2 CoordinateSortedv3 CoordinateSortedv4; do
  versus "same$v" "$P/sameUnclipped5primeEnd$v.sam"
done
for v in v1 v2; do
  versus "qng$v" "$P/sameUnclipped5primeEndQueryNameGrouped$v.sam" ASSUME_SORT_ORDER=queryname -- --assume-sort-order queryname
done
versus swap "$P/markDuplicatesWithMateCigar.pairSet.swap.sam" DUPLICATE_SCORING_STRATEGY=TOTAL_MAPPED_REFERENCE_LENGTH -- \
  --duplicate-scoring-strategy TOTAL_MAPPED_REFERENCE_LENGTH
versus optical_dupes.sam "$P/optical_dupes.sam"
versus optical_dupes_casava.sam "$P/optical_dupes_casava.sam"
finish
