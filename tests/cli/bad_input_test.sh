#!/usr/bin/env bash
# bad_input_test.sh BIN_DIR CORPUS_DIR -- runs every case of CORPUS_DIR/manifest.tsv (written by
# tests/data/make_bad_fastq.sh; generated into CORPUS_DIR first when the manifest is missing or
# older than that script) through BIN_DIR/helicase-fastq --quiet --no-summary, inside CORPUS_DIR,
# with --out-bam and --out-metrics pointing into a fresh temporary folder per case.
#
# Checks per case: the exit code; for failures, that stderr is exactly one line and contains the
# expected substring, and that the temporary folder is left empty (no output, no file whose
# name contains ".helicase-tmp."); for successes, that stderr is empty (or contains the expected
# warning), both outputs exist, no temporary file is left, and (when samtools is installed) that
# samtools reads the uBAM without a warning and finds the expected number of records.
# In the manifest's argument column "<TAB>" stands for a real tab character.
# Prints each failing case with what was expected and what happened, then "N passed, N failed";
# exits 1 if any case failed (2 on a usage error).
# Environment: CASE_TIMEOUT (seconds per case, default 120), CASES (a regular expression: run
# only the cases whose names match).
set -euo pipefail
export LC_ALL=C

if [ $# -ne 2 ]; then
  echo "usage: $0 BIN_DIR CORPUS_DIR" >&2
  exit 2
fi
[ -x "$1/helicase-fastq" ] || { echo "$0: no executable $1/helicase-fastq" >&2; exit 2; }
tool="$(cd "$1" && pwd)/helicase-fastq"
corpus=$2
maker="$(cd "$(dirname "$0")/../data" && pwd)/make_bad_fastq.sh"
if [ ! -f "$corpus/manifest.tsv" ] || [ "$maker" -nt "$corpus/manifest.tsv" ]; then
  bash "$maker" "$corpus" >/dev/null
fi
corpus=$(cd "$corpus" && pwd)
timeout_s=${CASE_TIMEOUT:-120}
have_samtools=0
command -v samtools >/dev/null 2>&1 && have_samtools=1

work=$(mktemp -d "${TMPDIR:-/tmp}/helicase-bad-input.XXXXXX")
trap 'rm -rf "$work"' EXIT

pass=0
fail=0
n=0
while IFS= read -r line || [ -n "$line" ]; do
  case $line in '#'* | '') continue ;; esac
  # Tab-separated; split by hand so that empty fields (no arguments) keep their place.
  name=${line%%$'\t'*}; rest=${line#*$'\t'}
  args=${rest%%$'\t'*}; rest=${rest#*$'\t'}
  want_rc=${rest%%$'\t'*}; rest=${rest#*$'\t'}
  want_err=${rest%%$'\t'*}; rest=${rest#*$'\t'}
  want_records=${rest%%$'\t'*}
  if [ -n "${CASES:-}" ] && ! printf '%s\n' "$name" | grep -Eq -- "$CASES"; then continue; fi
  n=$((n + 1))

  outdir="$work/$n.out"
  mkdir "$outdir"
  IFS=' ' read -r -a argv <<<"$args"  # the manifest separates arguments by single spaces
  for i in "${!argv[@]}"; do argv[i]=${argv[i]//<TAB>/$'\t'}; done
  rc=0
  (cd "$corpus" && exec timeout "$timeout_s" "$tool" --quiet --no-summary \
      --out-bam "$outdir/out.bam" --out-metrics "$outdir/metrics.json" ${argv[@]+"${argv[@]}"}) \
    >"$work/$n.stdout" 2>"$work/$n.stderr" || rc=$?

  problems=()
  [ "$rc" -eq "$want_rc" ] || problems+=("exit $rc, expected $want_rc")
  [ "$rc" -ne 124 ] || problems+=("timed out after ${timeout_s}s")
  err_lines=$(awk 'END { print NR }' "$work/$n.stderr")  # counts an unterminated last line too
  err_text=$(head -c 600 "$work/$n.stderr")
  left=$(find "$outdir" -mindepth 1 -maxdepth 1 -printf '%f ')
  tmp_left=$(find "$outdir" -mindepth 1 -maxdepth 1 -name '*.helicase-tmp.*' -printf '%f ')
  if [ "$want_rc" -ne 0 ]; then
    [ "$err_lines" -eq 1 ] || problems+=("stderr has $err_lines lines, expected exactly 1")
    if [ -n "$want_err" ] && ! grep -qF -- "$want_err" "$work/$n.stderr"; then
      problems+=("stderr lacks: $want_err")
    fi
    # After a failed run nothing may remain: no output, no temporary file.
    [ "$rc" -eq 0 ] || [ -z "$left" ] || problems+=("left in the output folder: $left")
  elif [ "$rc" -eq 0 ]; then
    [ -z "$tmp_left" ] || problems+=("temporary files left: $tmp_left")
    if [ -z "$want_err" ]; then
      [ ! -s "$work/$n.stderr" ] || problems+=("stderr not empty under --quiet")
    elif ! grep -qF -- "$want_err" "$work/$n.stderr"; then
      problems+=("stderr lacks the warning: $want_err")
    fi
    for f in out.bam metrics.json; do [ -s "$outdir/$f" ] || problems+=("no $f written"); done
    if [ "$have_samtools" -eq 1 ] && [ -s "$outdir/out.bam" ]; then
      # The header is parsed by view -H (view -c skips it); both must run without a warning.
      src=0
      samtools view -H "$outdir/out.bam" >/dev/null 2>"$work/$n.samtools" || src=$?
      got=$(samtools view -c "$outdir/out.bam" 2>>"$work/$n.samtools") || src=$?
      if [ "$src" -ne 0 ]; then
        problems+=("samtools cannot read the uBAM: $(head -c 300 "$work/$n.samtools")")
      elif [ -s "$work/$n.samtools" ]; then
        problems+=("samtools warns about the uBAM: $(head -c 300 "$work/$n.samtools")")
      fi
      if [ -n "$want_records" ] && [ "$src" -eq 0 ] && [ "$got" != "$want_records" ]; then
        problems+=("uBAM has $got records, expected $want_records")
      fi
    fi
  fi

  if [ ${#problems[@]} -eq 0 ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    {
      echo "FAIL $name: helicase-fastq $args"
      for p in "${problems[@]}"; do echo "    $p"; done
      if [ -n "$want_err" ]; then echo "    expected: exit $want_rc, stderr containing: $want_err"
      elif [ "$want_rc" -eq 0 ]; then echo "    expected: exit 0, empty stderr${want_records:+, $want_records uBAM records}"
      else echo "    expected: exit $want_rc"; fi
      echo "    actual:   exit $rc, stderr: ${err_text:-<empty>}"
    }
  fi
  rm -rf "$outdir"
done <"$corpus/manifest.tsv"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$n" -gt 0 ]
