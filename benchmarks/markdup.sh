#!/usr/bin/env bash
# markdup.sh [BUILD_DIR] [PAIRS] -- helicase-markdup vs Picard 2.27.5 MarkDuplicates on the
# same coordinate-sorted bwa output, and the sort + markdup pair against samtools sort + Picard.
#
# Input: test-data/markdup_sim.sh with PAIRS (default 450000) dwgsim pairs from b37 20:10-40 Mb
# plus injected PCR and optical duplicates (~11% more pairs), aligned with bwa mem, sorted by
# samtools; cached in BUILD_DIR/bench-cache. Prints wall time, CPU time (user + sys), peak
# memory and the ratios, and checks that the outputs are identical (records without the PG
# value, METRICS and HISTOGRAM sections). The sort step uses helicase-sort when BUILD_DIR
# has it, otherwise samtools sort for both sides (said in the output).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../build}" && pwd)
pairs=${2:-450000}
bin=$build/bin
cache=$build/bench-cache/markdup-$pairs
picard=/usr/share/java/picard.jar
threads=$(nproc)
[ -x "$bin/helicase-markdup" ] || { echo "build helicase-markdup first ($bin)" >&2; exit 1; }
[ -f "$picard" ] || { echo "Picard not installed ($picard)" >&2; exit 1; }
bash "$here/../test-data/markdup_sim.sh" "$cache" "$pairs" 20:10000001-40000000
in=$cache/markdup_sim.bam
work=$(mktemp -d "$build/bench-markdup.XXXXXX")
trap 'rm -rf "$work"' EXIT

measure() {  # NAME COMMAND... -> "wall cpu rss_mb" in $work/NAME.time
  local name=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/$name.raw" "$@" >/dev/null 2>"$work/$name.err" ||
    { echo "$name failed: $(tail -3 "$work/$name.err")" >&2; exit 1; }
  awk '{ printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }' "$work/$name.raw" >"$work/$name.time"
}

echo "input: $in ($(samtools view -c "$in") records; $(nproc) cores; $(free -g | awk '/Mem:/ {print $2}') GB)"
measure helicase "$bin/helicase-markdup" --quiet --num-threads "$threads" --in-bam "$in" --out-bam "$work/h.bam" \
  --out-duplicate-metrics "$work/h.txt"
measure picard java -jar "$picard" MarkDuplicates I="$in" O="$work/p.bam" M="$work/p.txt" \
  VALIDATION_STRINGENCY=SILENT CREATE_INDEX=true
# The sort step on the unsorted bwa output (name order from samtools sort -n stands in for
# bwa's order: both sides sort the same file).
if [ -x "$bin/helicase-sort" ]; then
  measure hsort "$bin/helicase-sort" --in-bam "$cache/markdup_sim.qname.bam" --out-bam "$work/hs.bam" --num-threads "$threads"
  sorter="helicase-sort"
else
  measure hsort samtools sort -@"$threads" -o "$work/hs.bam" "$cache/markdup_sim.qname.bam"
  sorter="samtools sort (helicase-sort not built here)"
fi
measure ssort samtools sort -@"$threads" -o "$work/ss.bam" "$cache/markdup_sim.qname.bam"

strip() { samtools view "$1" | sed -E 's/\tPG:Z:[^\t]*//'; }
section() { sed -n '/^## METRICS CLASS/,$p' "$1"; }
if cmp -s <(strip "$work/h.bam") <(strip "$work/p.bam") && cmp -s <(section "$work/h.txt") <(section "$work/p.txt"); then
  same="identical records and metrics"
else
  same="OUTPUTS DIFFER"
fi

read -r hw hc hm <"$work/helicase.time"
read -r pw pc pm <"$work/picard.time"
read -r sw sc sm <"$work/hsort.time"
read -r tw tc tm <"$work/ssort.time"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", (b > 0 ? a / b : 0) }'; }
printf '%-34s %9s %9s %10s\n' "step" "wall s" "CPU s" "peak MB"
printf '%-34s %9s %9s %10s\n' "helicase-markdup ($threads threads)" "$hw" "$hc" "$hm"
printf '%-34s %9s %9s %10s\n' "Picard MarkDuplicates" "$pw" "$pc" "$pm"
printf '%-34s %9s %9s %10s\n' "sort for helicase: $sorter" "$sw" "$sc" "$sm"
printf '%-34s %9s %9s %10s\n' "samtools sort -@$threads" "$tw" "$tc" "$tm"
echo "markdup: Picard / helicase = $(ratio "$pw" "$hw") wall, $(ratio "$pc" "$hc") CPU, $(ratio "$pm" "$hm") memory"
echo "sort + markdup: peers / helicase = $(ratio "$(awk -v a="$pw" -v b="$tw" 'BEGIN{print a+b}')" "$(awk -v a="$hw" -v b="$sw" 'BEGIN{print a+b}')") wall"
echo "duplicates: $(samtools view -c -f 1024 "$work/h.bam") (helicase) / $(samtools view -c -f 1024 "$work/p.bam") (Picard): $same"
[ "$same" = "identical records and metrics" ]
