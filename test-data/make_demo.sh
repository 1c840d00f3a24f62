#!/usr/bin/env bash
# make_demo.sh OUTDIR -- builds the bundled demo example, deterministically, into OUTDIR:
#   demo_ref.fa, demo_ref.fa.fai  1 Mb of b37 chr20 (20:10,000,001-11,000,000) from the
#                                 vt-examples package, as the single contig 20_10M_11M
#   demo_R1.fastq.gz, demo_R2.fastq.gz
#                                 20,000 simulated 2x150 read pairs (dwgsim, seed 11),
#                                 recompressed with gzip -n so that the bytes are reproducible
#   demo_truth.txt, demo_truth.vcf  dwgsim's simulated mutations (text and VCF forms)
# Running it again gives byte-identical files. When every output exists and is newer than this
# script and the source FASTA, nothing is done (a cache); otherwise everything is rebuilt in a
# temporary folder inside OUTDIR and moved into place. A lock (flock) serialises callers.
# Needs: gzip, samtools, dwgsim, flock (Debian: samtools dwgsim vt-examples util-linux).
# Environment: HELICASE_VT_REF overrides the source FASTA (default: vt-examples' 20.fa.gz).
set -euo pipefail
export LC_ALL=C

if [ $# -ne 1 ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
out=$1
src=${HELICASE_VT_REF:-/usr/share/doc/vt/examples/ref/20.fa.gz}
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
region=20:10000001-11000000
contig=20_10M_11M
outputs=(demo_ref.fa demo_ref.fa.fai demo_R1.fastq.gz demo_R2.fastq.gz demo_truth.txt demo_truth.vcf)

for tool in gzip samtools dwgsim flock; do
  command -v "$tool" >/dev/null || { echo "make_demo.sh: $tool not found (apt-get install samtools dwgsim)" >&2; exit 1; }
done
[ -r "$src" ] || { echo "make_demo.sh: $src not found (apt-get install vt-examples)" >&2; exit 1; }
mkdir -p "$out"
exec 9>"$out/.make_demo.lock"
flock -w 600 9 || { echo "make_demo.sh: timed out waiting for the lock on $out" >&2; exit 1; }

fresh=1
for f in "${outputs[@]}"; do
  if [ ! -s "$out/$f" ] || [ ! "$out/$f" -nt "$self" ] || [ ! "$out/$f" -nt "$src" ]; then fresh=0; fi
done
if [ "$fresh" -eq 1 ]; then
  echo "demo: up to date in $out"
  exit 0
fi

tmp=$(mktemp -d "$out/.make_demo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "demo: extracting $region of $(basename "$src") as $contig"
gzip -dc "$src" >"$tmp/chr20.fa"
samtools faidx "$tmp/chr20.fa"
samtools faidx -n 60 "$tmp/chr20.fa" "$region" | sed "1s/^>.*/>$contig/" >"$tmp/demo_ref.fa"
samtools faidx "$tmp/demo_ref.fa"
len=$(cut -f2 "$tmp/demo_ref.fa.fai")
[ "$len" -eq 1000000 ] || { echo "make_demo.sh: the slice has $len bases, expected 1000000" >&2; exit 1; }
rm -f "$tmp/chr20.fa" "$tmp/chr20.fa.fai"

echo "demo: simulating 20,000 read pairs (dwgsim -z 11, 2x150)"
# -o 1: per-read-end (bwa) FASTQ only, written as PREFIX.bwa.read1.fastq.gz / .read2.
dwgsim -z 11 -N 20000 -1 150 -2 150 -e 0.002 -E 0.004 -r 0.001 -o 1 \
  "$tmp/demo_ref.fa" "$tmp/sim" >"$tmp/dwgsim.log" 2>&1 ||
  { cat "$tmp/dwgsim.log" >&2; echo "make_demo.sh: dwgsim failed" >&2; exit 1; }
for m in 1 2; do
  gzip -dc "$tmp/sim.bwa.read$m.fastq.gz" | gzip -n -6 >"$tmp/demo_R$m.fastq.gz"
done
mv "$tmp/sim.mutations.txt" "$tmp/demo_truth.txt"
mv "$tmp/sim.mutations.vcf" "$tmp/demo_truth.vcf"

# The index last, so that a present .fai means the FASTA beside it is complete.
for f in demo_ref.fa demo_R1.fastq.gz demo_R2.fastq.gz demo_truth.txt demo_truth.vcf demo_ref.fa.fai; do
  mv "$tmp/$f" "$out/$f"
done
echo "demo: wrote $out ($(cut -f1,2 "$out/demo_ref.fa.fai" | tr '\t' ' ') bases, $(gzip -dc "$out/demo_R1.fastq.gz" | awk 'END { print NR / 4 }') pairs)"
(cd "$out" && md5sum "${outputs[@]}")
