#!/usr/bin/env bash
# benchmarks/sort.sh [BUILD_DIR] -- helicase-sort against samtools sort -@2 on the same bwa output.
#
# Input (made once, cached in BUILD_DIR/bench-cache/sort): PAIRS read pairs (default 400,000,
# 2x101) simulated by dwgsim with a fixed seed from a 5 Mb slice of chr20 (vt-examples b37,
# 20:10,000,001-15,000,000; dwgsim's default 5% random pairs stay unmapped), aligned by
# bwa mem -t2 to that slice; bwa writes reads in input order, so the sort has all the work.
# Runs, each timed with /usr/bin/time (wall, user+sys CPU, peak RSS):
#   samtools sort -@2                        (the peer; no index)
#   samtools sort -@2 --write-index          (the peer writing an index too, like helicase-sort)
#   helicase-sort --num-threads 2            (writes out.bam.bai)
# then the same with a memory limit that forces spilled runs (samtools -m 100M per thread,
# helicase-sort --memory-limit 200M: both about 200 MB in all), and both orders. Each run
# is checked: identical records (samtools view) to samtools sort's output.
set -euo pipefail
BUILD=$(cd "${1:-build}" && pwd)
PAIRS=${PAIRS:-400000}
REPEATS=${REPEATS:-3}
HS=$BUILD/bin/helicase-sort
CACHE=$BUILD/bench-cache/sort
IN=$CACHE/sim.$PAIRS.bwa.bam
mkdir -p "$CACHE"
if [ ! -s "$IN" ]; then
  echo "making the input: $PAIRS simulated pairs aligned by bwa mem -t2 (once; cached in $CACHE)" >&2
  tmp=$(mktemp -d "$CACHE/tmp.XXXXXX")
  samtools faidx /usr/share/doc/vt/examples/ref/20.fa.gz 20:10000001-15000000 | sed '1s/.*/>20/' >"$tmp/slice.fa"
  bwa index "$tmp/slice.fa" 2>/dev/null
  dwgsim -z 42 -N "$PAIRS" -1 101 -2 101 "$tmp/slice.fa" "$tmp/sim" >/dev/null 2>&1
  bwa mem -t 2 -R '@RG\tID:sim\tSM:sim\tLB:lib1\tPL:ILLUMINA' "$tmp/slice.fa" \
    "$tmp/sim.bwa.read1.fastq.gz" "$tmp/sim.bwa.read2.fastq.gz" 2>/dev/null | samtools view -b -o "$tmp/in.bam"
  mv "$tmp/in.bam" "$IN"
  rm -rf "$tmp"
fi
WORK=$(mktemp -d "$CACHE/run.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
RECORDS=$(samtools view -c "$IN")
echo "input: $IN ($RECORDS records, $(du -m "$IN" | cut -f1) MB); $(nproc) cores; best of $REPEATS runs"
echo "helicase-sort: $("$HS" --version | head -1)"
echo "samtools: $(samtools --version | head -1)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# measure NAME COMMAND...: best wall time of REPEATS runs; prints and records wall, CPU, RSS.
declare -A WALL
measure() {
  local name=$1; shift
  local best="" line
  for _ in $(seq "$REPEATS"); do
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; exit 1; }
    line=$(tail -1 "$WORK/time")
    if [ -z "$best" ] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN{exit !(a < b)}'; then best=$line; fi
  done
  read -r wall user sys rss <<<"$best"
  WALL[$name]=$wall
  printf '%-44s wall %7.2f s   CPU %7.2f s   peak RSS %6d MB\n' "$name" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024))
}
ratio() { printf '  ratio %s / %s: %.2fx\n' "$1" "$2" "$(echo "${WALL[$1]} / ${WALL[$2]}" | bc -l)"; }
check() {  # OURS THEIRS
  if cmp -s <(samtools view "$1") <(samtools view "$2"); then echo "  identical records: yes"
  else echo "  identical records: NO"; exit 1; fi
}

for order in coordinate queryname; do
  n=(); [ "$order" = queryname ] && n=(-n)
  echo "== $order, in memory"
  measure "samtools sort -@2 ${n[*]}" samtools sort -@2 "${n[@]}" -o "$WORK/s.bam" "$IN"
  if [ "$order" = coordinate ]; then
    measure "samtools sort -@2 --write-index" samtools sort -@2 --write-index -o "$WORK/si.bam##idx##$WORK/si.bam.bai" "$IN"
  fi
  measure "helicase-sort --num-threads 2 ($order)" "$HS" --quiet --num-threads 2 --sort-order "$order" \
    --in-bam "$IN" --out-bam "$WORK/h.bam"
  check "$WORK/h.bam" "$WORK/s.bam"
  ratio "samtools sort -@2 ${n[*]}" "helicase-sort --num-threads 2 ($order)"
  [ "$order" = coordinate ] && ratio "samtools sort -@2 --write-index" "helicase-sort --num-threads 2 ($order)"
  echo "== $order, spilling (about 200 MB of memory in all)"
  measure "samtools sort -@2 -m 100M ${n[*]}" samtools sort -@2 -m 100M "${n[@]}" -T "$WORK/st" -o "$WORK/s2.bam" "$IN"
  measure "helicase-sort --memory-limit 200M ($order)" "$HS" --quiet --num-threads 2 --sort-order "$order" \
    --memory-limit 200M --in-bam "$IN" --out-bam "$WORK/h2.bam"
  check "$WORK/h2.bam" "$WORK/s.bam"
  ratio "samtools sort -@2 -m 100M ${n[*]}" "helicase-sort --memory-limit 200M ($order)"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
