#!/usr/bin/env bash
# index.sh [WORKDIR] -- helicase-index against `bwa index` (0.7.17) on b37 chromosome 20.
#
# Input: /usr/share/doc/vt/examples/ref/20.fa.gz (vt-examples; BGZF, one contig "20" of
# 63,025,520 bases). Both tools read that same file and write under WORKDIR (default
# build/bench-index, emptied first). bwa picks its bwtsw algorithm here (l_pac > 25 Mbp).
# Runs, each timed with /usr/bin/time -f '%e %U %S %M' (wall s, user s, system s, peak RSS KB):
#   bwa index -p WORKDIR/bwa/20 20.fa.gz
#   helicase-index --ref 20.fa.gz --index-prefix WORKDIR/hel2/20 --num-threads 2   (2 = this machine)
#   helicase-index ... --num-threads 1
# Prints wall, CPU (user + system), peak memory (MB, 2^20 bytes), peak bytes per reference base,
# and the ratio helicase / bwa for wall and CPU. Checks (fails loudly): P.{ann,amb,pac,bwt,sa}
# byte-identical between bwa and both helicase runs; helicase's .fai/.gzi identical to
# `samtools faidx` on a copy of the input.
# Needs: helicase-index built (build/bin or $HELICASE_INDEX), bwa, samtools, vt-examples, GNU time.
# About 2 minutes on a 2-core machine (bwa alone is ~1.5 of them).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORKDIR=${1:-$ROOT/build/bench-index}
HELICASE=${HELICASE_INDEX:-$ROOT/build/bin/helicase-index}
REF=${BENCH_REF:-/usr/share/doc/vt/examples/ref/20.fa.gz}
TIME=/usr/bin/time

die() { echo "index.sh: error: $*" >&2; exit 1; }
[[ -x $HELICASE ]] || die "$HELICASE not found: build first (cmake -S . -B build -DHELICASE_CUDA=OFF && cmake --build build -j2)"
[[ -x $TIME ]] || die "$TIME (GNU time) not found"
[[ -r $REF ]] || die "$REF not found (apt-get install vt-examples)"
for t in bwa samtools cmp awk; do command -v "$t" >/dev/null || die "$t not found"; done

rm -rf "$WORKDIR"
mkdir -p "$WORKDIR"/{bwa,hel1,hel2,sam}
WORKDIR=$(cd "$WORKDIR" && pwd)

# run NAME CMD...: times CMD, appends "NAME wall user sys maxrss_kb" to results.
run() {
  local name=$1; shift
  echo "index.sh: running $name: $*" >&2
  $TIME -f '%e %U %S %M' -o "$WORKDIR/$name.time" "$@" >"$WORKDIR/$name.log" 2>&1 ||
    { tail -5 "$WORKDIR/$name.log" >&2; die "$name failed"; }
  echo "$name $(cat "$WORKDIR/$name.time")" >>"$WORKDIR/results"
}

: >"$WORKDIR/results"
run bwa bwa index -p "$WORKDIR/bwa/20" "$REF"
run helicase_2t "$HELICASE" --ref "$REF" --index-prefix "$WORKDIR/hel2/20" --num-threads 2
run helicase_1t "$HELICASE" --ref "$REF" --index-prefix "$WORKDIR/hel1/20" --num-threads 1

for h in hel2 hel1; do
  for ext in ann amb pac bwt sa; do
    cmp -s "$WORKDIR/bwa/20.$ext" "$WORKDIR/$h/20.$ext" || die "$h/20.$ext differs from bwa's"
  done
done
cp "$REF" "$WORKDIR/sam/20.fa.gz"
samtools faidx "$WORKDIR/sam/20.fa.gz"
cmp -s "$WORKDIR/sam/20.fa.gz.fai" "$WORKDIR/hel2/20.fai" || die ".fai differs from samtools faidx"
cmp -s "$WORKDIR/sam/20.fa.gz.gzi" "$WORKDIR/hel2/20.gzi" || die ".gzi differs from samtools faidx"
l_pac=$(awk 'NR == 1 { print $1 }' "$WORKDIR/bwa/20.ann")

echo "reference: $REF ($l_pac bases, one contig); machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)"
echo "identical: .ann .amb .pac .bwt .sa (bwa vs helicase, 1 and 2 threads), .fai .gzi (samtools faidx)"
awk -v l_pac="$l_pac" '
  { name[NR] = $1; wall[NR] = $2; cpu[NR] = $3 + $4; rss[NR] = $5 }
  END {
    printf "%-12s %9s %9s %10s %12s %11s %10s\n", "run", "wall_s", "cpu_s", "peak_MB", "peak_B/base", "wall/bwa", "cpu/bwa"
    for (i = 1; i <= NR; i++)
      printf "%-12s %9.2f %9.2f %10.1f %12.2f %11.3f %10.3f\n", name[i], wall[i], cpu[i], rss[i] / 1024, rss[i] * 1024 / l_pac,
             wall[i] / wall[1], cpu[i] / cpu[1]
  }' "$WORKDIR/results"
