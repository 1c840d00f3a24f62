#!/usr/bin/env bash
# benchmarks/align.sh [BUILD_DIR] -- helicase-align against `bwa mem -t 2 -K 100000000 -Y` (0.7.17)
# on the same FASTQs, reference (b37 chr20 of vt-examples with its bwa index) and read group.
#
# Inputs: na12878, the 25,839 pairs (2x101) of ../shared/testdata/na12878_chr20_10M; sim400k,
# test-data/sim_chr20.sh bench_align: 400,000 dwgsim pairs (2x150, seed 303) from 20:10-14 Mb.
# The reference, its bwa index and the simulated set are made once into BUILD_DIR/test-cache (the
# tests' cache: the fixtures share them). Each run is timed with GNU time -v: wall, CPU (user +
# sys), peak RSS; reads/s = reads (both mates) / wall, and per CPU second (steadier on a shared machine). bwa writes SAM (as users run it),
# helicase-align writes BAM. When BUILD_DIR has helicase-align, its output is compared with bwa's
# by sam_compare (identical records, %) and the table gives bwa wall / helicase wall (above 1:
# helicase is faster) and the memory ratio; without it the script says so and times bwa alone.
# Environment: THREADS (default 2), HELICASE_TESTDATA.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../build}" && pwd)
threads=${THREADS:-2}
data=${HELICASE_TESTDATA:-$here/../../shared/testdata}
cache=$build/test-cache
bin=$build/bin
for tool in bwa samtools dwgsim bcftools; do command -v $tool >/dev/null || { echo "$tool not installed" >&2; exit 1; }; done
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) not installed" >&2; exit 1; }
bash "$here/../test-data/reference_fixture.sh" "$cache" --bwa-index
bash "$here/../test-data/sim_chr20.sh" "$cache/b37_chr20.fa" "$cache/sim" bench_align
ref=$cache/b37_chr20.fa
work=$(mktemp -d "$build/bench-align.XXXXXX")
trap 'rm -rf "$work"' EXIT
have=0
if [ -x "$bin/helicase-align" ]; then have=1; else echo "helicase-align is not built in $bin: timing bwa alone"; fi
cmp=$(find "$build" -name helicase_sam_compare -type f -perm -u+x 2>/dev/null | head -1)

measure() {  # NAME COMMAND... -> "wall cpu rss_mb" in $work/NAME.time; stdout to $work/NAME.out
  local name=$1; shift
  /usr/bin/time -v -o "$work/$name.raw" "$@" >"$work/$name.out" 2>"$work/$name.err" ||
    { echo "$name failed: $(tail -3 "$work/$name.err")" >&2; return 1; }
  awk -F': ' '/Elapsed/ { n = split($2, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i] }
    /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 }
    END { printf "%.2f %.2f %.0f\n", w, u + s, m / 1024 }' "$work/$name.raw" >"$work/$name.time"
}

rows=()
N=$data/na12878_chr20_10M
for input in na12878 sim400k; do
  if [ "$input" = na12878 ]; then
    r1=$N/NA12878_S1_R1.fastq.gz r2=$N/NA12878_S1_R2.fastq.gz rg='@RG\tID:NA12878\tSM:NA12878\tLB:lib1\tPL:ILLUMINA'
  else
    r1=$cache/sim/bench_align/R1.fastq.gz r2=$cache/sim/bench_align/R2.fastq.gz rg='@RG\tID:sim\tSM:sim\tLB:lib1\tPL:ILLUMINA'
  fi
  reads=$(( $(gzip -dc "$r1" | wc -l) / 2 ))  # both mates
  measure "bwa.$input" bwa mem -t "$threads" -K 100000000 -Y -R "$rg" "$ref" "$r1" "$r2"
  read -r bw bc bm <"$work/bwa.$input.time"
  rows+=("$input|$reads|bwa mem -t $threads -K 100000000 -Y|$bw|$bc|$bm|-|-|-")
  if [ "$have" -eq 1 ]; then
    measure "hel.$input" "$bin/helicase-align" --ref "$ref" --in-fq "$r1" "$r2" "$rg" --out-bam "$work/$input.bam" \
      --num-threads "$threads"
    read -r hw hc hm <"$work/hel.$input.time"
    same=-
    if [ -n "$cmp" ]; then
      mv "$work/bwa.$input.out" "$work/bwa.$input.sam"
      same=$("$cmp" --labels bwa,helicase "$work/bwa.$input.sam" "$work/$input.bam" | awk '/^identical records/ { gsub(/[()]/, "", $6); print $6 }')
    fi
    rows+=("$input|$reads|helicase-align --num-threads $threads|$hw|$hc|$hm|$(awk -v a="$bw" -v b="$hw" 'BEGIN { printf "%.2f", a / b }')|$(awk -v a="$hm" -v b="$bm" 'BEGIN { printf "%.2f", a / b }')|$same")
  fi
  rm -f "$work"/*.out "$work"/*.sam "$work"/*.bam
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GB, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| input | reads | command | wall s | CPU s | reads/s | reads per CPU s | peak MB | bwa/helicase wall | helicase/bwa memory | identical records |\n'
printf '|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|\n'
for r in "${rows[@]}"; do
  IFS='|' read -r input reads cmd w c m ratio mem same <<<"$r"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$input" "$reads" "$cmd" "$w" "$c" \
    "$(awk -v n="$reads" -v w="$w" 'BEGIN { printf "%.0f", (w > 0 ? n / w : 0) }')" \
    "$(awk -v n="$reads" -v w="$c" 'BEGIN { printf "%.0f", (w > 0 ? n / w : 0) }')" "$m" "$ratio" "$mem" "$same"
done
