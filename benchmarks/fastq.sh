#!/usr/bin/env bash
# fastq.sh [WORKDIR] -- helicase-fastq against its peers on the same FASTQ files, in one script.
#
# Inputs
#   na12878   /work/shared/testdata/na12878_chr20_10M/NA12878_S1_R{1,2}.fastq.gz (BGZF, 25,839
#             pairs x 101); tiny, so every sample runs the command SMALL_INNER times back to back
#             and the best of SMALL_SAMPLES samples is reported (per run).
#   sim-gzip  dwgsim pairs (2x150, fixed seed) from a 5 Mbp slice of the vt-examples chr20,
#   sim-bgzf  written once into WORKDIR (default build/bench-data, reused when present) as plain
#             gzip (gzip -n) and as BGZF (bgzip -@2): both decompression paths.
# Commands per input (R = both mates; one thread unless said)
#   zcat R | wc -l                  single-threaded gzip decompression, the reference point
#   seqtk comp R > /dev/null        a FASTQ parser doing per-read composition
#   helicase-fastq --num-threads 1 and 2 --quiet --no-summary --out-metrics
#   helicase-fastq --out-bam at 2 threads, with samtools import -@1 (also 2 threads, htslib's
#                                   default compression) as the unaligned-BAM peer
# Each is timed with /usr/bin/time -f '%e %U %S %M': wall s, CPU s (user+sys), MB/s of
# uncompressed FASTQ (10^6 bytes, both mates, from zcat | wc -c), peak RSS in MB (2^20 bytes), and
# for helicase rows speedup = peer_wall / helicase_wall against zcat and seqtk.
# Checks (fail loudly): helicase's read and base totals equal seqtk comp's (line count = reads,
# sum of column 2 = bases) for every helicase run, zcat's line count / 4 equals the reads, and the
# uBAM holds one record per read.
#
# Needs: helicase-fastq built (build/bin, or $HELICASE_FASTQ), and packages seqtk samtools tabix
# dwgsim vt-examples, plus coreutils, gzip, awk and GNU time. About 2.7 minutes on the 2-core machine
# once the data exist; generating them the first time adds about 2 minutes (4.6 minutes in all).
# Environment knobs: BENCH_PAIRS (default 500000), BENCH_LARGE_SAMPLES (default 2, BAM runs once),
# SMALL_SAMPLES (3), SMALL_INNER (5), HELICASE_FASTQ, NA12878_DIR.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORKDIR=${1:-$ROOT/build/bench-data}
HELICASE=${HELICASE_FASTQ:-$ROOT/build/bin/helicase-fastq}
NA_DIR=${NA12878_DIR:-/work/shared/testdata/na12878_chr20_10M}
REF_GZ=/usr/share/doc/vt/examples/ref/20.fa.gz
REGION=20:10000001-15000000
PAIRS=${BENCH_PAIRS:-500000}
SEED=20240601
LARGE_SAMPLES=${BENCH_LARGE_SAMPLES:-2}
SMALL_SAMPLES=${SMALL_SAMPLES:-3}
SMALL_INNER=${SMALL_INNER:-5}
TIME=/usr/bin/time

die() { echo "fastq.sh: error: $*" >&2; exit 1; }
note() { echo "fastq.sh: $*" >&2; }

[[ -x $HELICASE ]] || die "$HELICASE not found: build first (cmake -S . -B build -DHELICASE_CUDA=OFF && cmake --build build -j)"
[[ -x $TIME ]] || die "$TIME (GNU time) not found"
for t in zcat gzip wc awk seqtk samtools bgzip dwgsim; do
  command -v "$t" >/dev/null || die "$t not found (packages: seqtk samtools tabix dwgsim gzip coreutils)"
done

mkdir -p "$WORKDIR"
WORKDIR=$(cd "$WORKDIR" && pwd)
RUN=$WORKDIR/run
rm -rf "$RUN"
mkdir -p "$RUN"
trap 'rm -rf "$RUN"' EXIT

# ---------------------------------------------------------------- data
SIM_PARAMS="dwgsim -z $SEED -N $PAIRS -1 150 -2 150 -e 0.002 -E 0.004 -y 0 -o 1 region $REGION v1"
SIM_GZ=("$WORKDIR/sim_R1.fastq.gz" "$WORKDIR/sim_R2.fastq.gz")
SIM_BGZF=("$WORKDIR/sim_R1.bgzf.fastq.gz" "$WORKDIR/sim_R2.bgzf.fastq.gz")

have_sim() {
  [[ -f $WORKDIR/sim.params && $(cat "$WORKDIR/sim.params") == "$SIM_PARAMS" ]] || return 1
  local f
  for f in "${SIM_GZ[@]}" "${SIM_BGZF[@]}"; do [[ -s $f ]] || return 1; done
}

make_sim() {
  [[ -r $REF_GZ ]] || die "$REF_GZ not found (package vt-examples)"
  note "generating $PAIRS read pairs 2x150 into $WORKDIR (once) ..."
  local tmp=$WORKDIR/gen.tmp m
  rm -rf "$tmp" "$WORKDIR/sim.params"
  mkdir -p "$tmp"
  samtools faidx "$REF_GZ" "$REGION" | sed '1s/.*/>chr20_10M_15M/' >"$tmp/ref.fa"
  dwgsim -z "$SEED" -N "$PAIRS" -1 150 -2 150 -e 0.002 -E 0.004 -y 0 -o 1 "$tmp/ref.fa" "$tmp/dw" \
    >"$tmp/dwgsim.log" 2>&1 || { cat "$tmp/dwgsim.log" >&2; die "dwgsim failed"; }
  for m in 1 2; do
    zcat "$tmp/dw.bwa.read$m.fastq.gz" | gzip -n >"$tmp/gz$m" &
    zcat "$tmp/dw.bwa.read$m.fastq.gz" | bgzip -@2 >"$tmp/bgzf$m"
    wait $!
    mv "$tmp/gz$m" "${SIM_GZ[m-1]}"
    mv "$tmp/bgzf$m" "${SIM_BGZF[m-1]}"
  done
  rm -rf "$tmp"
  echo "$SIM_PARAMS" >"$WORKDIR/sim.params"
}

have_sim || make_sim

# ---------------------------------------------------------------- measuring
# timed SAMPLES INNER CMD... : runs CMD INNER times back to back per sample, SAMPLES samples;
# sets W C M (wall s, CPU s per run of the best sample; peak RSS MB). CMD's stdout -> $RUN/out.
timed() {
  local samples=$1 inner=$2 s e u sy k
  shift 2
  W="" C="" M=""
  for ((s = 0; s < samples; s++)); do
    # shellcheck disable=SC2016 # $1 and $@ belong to the inner bash
    $TIME -f '%e %U %S %M' -o "$RUN/time" \
      bash -c 'n=$1; shift; for ((i = 0; i < n; i++)); do "$@" || exit; done' _ "$inner" "$@" >"$RUN/out" ||
      die "command failed: $*"
    read -r e u sy k <"$RUN/time"
    if [[ -z $W ]] || awk -v a="$e" -v b="$W" -v n="$inner" 'BEGIN { exit !(a / n < b) }'; then
      W=$(awk -v a="$e" -v n="$inner" 'BEGIN { printf "%.3f", a / n }')
      C=$(awk -v a="$u" -v b="$sy" -v n="$inner" 'BEGIN { printf "%.3f", (a + b) / n }')
    fi
    M=$(awk -v a="$k" -v b="${M:-0}" 'BEGIN { m = a / 1024; printf "%.0f", (m > b ? m : b) }')
  done
}

# helicase_totals JSON -> "reads bases" from the "total" object.
helicase_totals() {
  awk '/"total": *\{/ { t = 1 }
       t && /"reads":/ { gsub(/[^0-9]/, ""); r = $0 }
       t && /"bases":/ { gsub(/[^0-9]/, ""); print r, $0; exit }' "$1"
}

ROWS=()     # tab-separated: input command threads wall cpu MB/s peak vs-zcat vs-seqtk
SCALING=()
CHECKS=()

add_row() {  # input label threads
  local mbps
  mbps=$(awk -v b="$BYTES" -v w="$W" 'BEGIN { printf "%.0f", (w > 0 ? b / 1e6 / w : 0) }')
  local vz="-" vs="-"
  if [[ $2 == helicase* ]]; then
    vz=$(awk -v p="$ZCAT_W" -v h="$W" 'BEGIN { printf "%.2f", p / h }')
    vs=$(awk -v p="$SEQTK_W" -v h="$W" 'BEGIN { printf "%.2f", p / h }')
  fi
  ROWS+=("$1"$'\t'"$2"$'\t'"$3"$'\t'"$W"$'\t'"$C"$'\t'"$mbps"$'\t'"$M"$'\t'"$vz"$'\t'"$vs")
  LAST_MBPS=$mbps
}

check_helicase() {  # input label json
  local got
  got=$(helicase_totals "$3")
  [[ $got == "$EXPECT" ]] ||
    die "$1 / $2: helicase-fastq counted (reads bases) '$got' but seqtk comp counted '$EXPECT'"
}

bench_input() {  # name samples inner R1 R2
  local name=$1 samples=$2 inner=$3 r1=$4 r2=$5 bam_samples=1
  ((inner > 1)) && bam_samples=$samples
  note "measuring $name ..."
  BYTES=$(zcat "$r1" "$r2" | wc -c)
  EXPECT=$({ seqtk comp "$r1"; seqtk comp "$r2"; } | awk '{ n++; b += $2 } END { print n + 0, b + 0 }')
  local reads=${EXPECT% *}
  ((reads > 0)) || die "$name: seqtk comp found no reads"

  # shellcheck disable=SC2016
  timed "$samples" "$inner" bash -o pipefail -c 'zcat "$1" "$2" | wc -l' _ "$r1" "$r2"
  local lines
  lines=$(tail -n 1 "$RUN/out")
  ((lines == 4 * reads)) || die "$name: zcat | wc -l gave $lines lines for $reads reads"
  ZCAT_W=$W
  add_row "$name" "zcat | wc -l" 1

  # shellcheck disable=SC2016
  timed "$samples" "$inner" bash -o pipefail -c 'seqtk comp "$1" >/dev/null && seqtk comp "$2" >/dev/null' _ "$r1" "$r2"
  SEQTK_W=$W
  add_row "$name" "seqtk comp" 1

  local t mb1="" mb2=""
  for t in 1 2; do
    timed "$samples" "$inner" "$HELICASE" --in-fq "$r1" "$r2" --num-threads "$t" --quiet --no-summary \
      --out-metrics "$RUN/m$t.json"
    check_helicase "$name" "threads $t" "$RUN/m$t.json"
    add_row "$name" "helicase-fastq" "$t"
    if ((t == 1)); then mb1=$LAST_MBPS; else mb2=$LAST_MBPS; fi
  done
  if [[ $(head -c 4 "$r1" | od -An -tx1 | tr -d ' \n') == 1f8b0804 ]]; then
    SCALING+=("$name (BGZF): helicase-fastq $mb1 MB/s at 1 thread, $mb2 MB/s at 2 threads ($(
      awk -v a="$mb1" -v b="$mb2" 'BEGIN { printf "%.2fx", b / a }'))")
  fi

  timed "$bam_samples" "$inner" "$HELICASE" --in-fq "$r1" "$r2" --num-threads 2 --quiet --no-summary \
    --out-metrics "$RUN/mb.json" --out-bam "$RUN/u.bam"
  check_helicase "$name" "--out-bam" "$RUN/mb.json"
  local records
  records=$(samtools view -c "$RUN/u.bam")
  ((records == reads)) || die "$name: the uBAM holds $records records for $reads reads"
  local hel_bam_w=$W
  add_row "$name" "helicase-fastq --out-bam" 2

  timed "$bam_samples" "$inner" samtools import -@1 -1 "$r1" -2 "$r2" -o "$RUN/peer.bam"
  add_row "$name" "samtools import (uBAM)" 2
  CHECKS+=("$name: $reads reads, ${EXPECT#* } bases, $BYTES bytes of FASTQ; counts agree; uBAM: samtools import / helicase wall = $(
    awk -v p="$W" -v h="$hel_bam_w" 'BEGIN { printf "%.2f", p / h }')")
  rm -f "$RUN/u.bam" "$RUN/peer.bam"
}

START=$SECONDS
LOAD=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
NA1=$NA_DIR/NA12878_S1_R1.fastq.gz NA2=$NA_DIR/NA12878_S1_R2.fastq.gz
if [[ -r $NA1 && -r $NA2 ]]; then
  bench_input na12878 "$SMALL_SAMPLES" "$SMALL_INNER" "$NA1" "$NA2"
else
  note "skipping na12878: $NA1 not found"
fi
bench_input sim-gzip "$LARGE_SAMPLES" 1 "${SIM_GZ[@]}"
bench_input sim-bgzf "$LARGE_SAMPLES" 1 "${SIM_BGZF[@]}"

# ---------------------------------------------------------------- report
print_table() {
  printf '%s\n' "${ROWS[@]}" | awk -F'\t' '
    BEGIN { printf "%-9s %-26s %3s %8s %8s %7s %8s %9s %9s\n", "input", "command", "thr", "wall_s", "cpu_s",
            "MB/s", "peak_MB", "zcat/hel", "seqtk/hel" }
    { printf "%-9s %-26s %3s %8s %8s %7s %8s %9s %9s\n", ($1 == prev ? "" : $1), $2, $3, $4, $5, $6, $7, $8, $9
      prev = $1 }'
}

{
  echo "helicase-fastq vs peers -- $(nproc) cores, $(date -u +%Y-%m-%d), $($HELICASE --version 2>/dev/null | head -n 1)"
  echo "command: benchmarks/fastq.sh ${1:-} (load average before: $LOAD, after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?"))"
  echo "wall/cpu per run (best of ${LARGE_SAMPLES} for sim, best of ${SMALL_SAMPLES}x${SMALL_INNER} for na12878);" \
    "MB/s = uncompressed FASTQ (both mates) / wall; zcat/hel, seqtk/hel = peer wall / helicase wall"
  print_table
  echo
  printf 'scaling  %s\n' "${SCALING[@]}"
  printf 'checked  %s\n' "${CHECKS[@]}"
  echo "total benchmark time: $((SECONDS - START)) s"
} | tee "$WORKDIR/fastq-results.txt"

# The same table in Markdown, for docs/performance.md.
printf '%s\n' "${ROWS[@]}" | awk -F'\t' '
  BEGIN { print "| input | command | threads | wall s | CPU s | MB/s | peak MB | zcat/hel | seqtk/hel |"
          print "|---|---|--:|--:|--:|--:|--:|--:|--:|" }
  { cmd = $2; gsub(/\|/, "\\|", cmd)
    printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", ($1 == prev ? "" : $1), cmd, $3, $4, $5, $6, $7, $8, $9
    prev = $1 }' >"$WORKDIR/fastq-results.md"
note "tables written to $WORKDIR/fastq-results.txt and .md"
