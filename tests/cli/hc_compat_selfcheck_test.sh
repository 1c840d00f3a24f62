#!/usr/bin/env bash
# hc_compat_selfcheck_test.sh BIN_DIR TESTDATA CACHE -- checks hc_compat_test.sh itself, without
# helicase-haplotypecaller: with the expected calls (or the GIAB truth) standing in for the tool's
# output every case passes, and with one record dropped, one genotype changed, one false call added,
# (pipeline_chr20) one DP changed, (na12878) the 20:10,012,636 anchor dropped or (format) a header
# line dropped, it fails.
. "$(dirname "$0")/lib.sh"
BIN=$1 DATA=$2 CACHE=$3
command -v bcftools >/dev/null || { echo "skipped: bcftools not installed"; exit 77; }
script=$(dirname "$0")/hc_compat_test.sh
for c in chrM_b37 chrM_hg38 pipeline_chr20 na12878 format; do
  modes="expected:0 drop-one:1 flip-gt:1 add-fp:1"
  [ "$c" != format ] || modes="expected:0 drop-info-header:1"
  [ "$c" != pipeline_chr20 ] || modes="$modes bump-dp:1"
  [ "$c" != na12878 ] || modes="$modes drop-anchor:1"
  for m in $modes; do
    bash "$script" "$BIN" "$DATA" "$CACHE" "$c" "${m%:*}" >"$WORK/out" 2>&1
    got=$?
    if [ "$got" -eq "${m#*:}" ]; then ok; else bad "$c ${m%:*}: exit $got, expected ${m#*:}: $(grep FAIL "$WORK/out" | head -3)"; fi
    echo "$c ${m%:*}: exit $got ($(tail -1 "$WORK/out"))"
  done
done
finish
