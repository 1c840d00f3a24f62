#!/usr/bin/env bash
# na12878_b37_bam.sh CACHEDIR TESTDATA -- the analysis-ready NA12878 BAM the HaplotypeCaller tests
# and benchmark call on, made once into CACHEDIR/na12878_b37/:
#   na12878.md.bam (+ .bai)   the 25,839 pairs of TESTDATA/na12878_chr20_10M/NA12878_S1_R{1,2}.fastq.gz
#                             aligned by `bwa mem -t 2 -K 100000000 -Y` (0.7.17) to b37 chr20 (the
#                             reference fixture, CACHEDIR/b37_chr20.fa, whose bwa index it builds
#                             through reference_fixture.sh --bwa-index when missing), read group
#                             ID:NA12878 SM:NA12878 LB:lib1 PL:ILLUMINA PU:unit1, `samtools sort`,
#                             Picard MarkDuplicates (VALIDATION_STRINGENCY=SILENT), samtools index
#   na12878.md.metrics.txt    Picard's duplicate metrics
# bwa's output does not depend on its thread count with -K; the other steps are deterministic.
# Cached: when .done holds this script's MD5 and the input sizes nothing is done. A lock (flock)
# serialises callers; files appear only when complete. Exit 77 when a peer tool is missing.
set -euo pipefail
export LC_ALL=C
if [ $# -ne 2 ]; then
  echo "usage: $0 CACHEDIR TESTDATA" >&2
  exit 2
fi
cache=$1 data=$2/na12878_chr20_10M
picard=/usr/share/java/picard.jar
for tool in bwa samtools java flock; do
  command -v "$tool" >/dev/null || { echo "na12878_b37_bam.sh: $tool not installed" >&2; exit 77; }
done
[ -f "$picard" ] || { echo "na12878_b37_bam.sh: $picard not installed (picard-tools)" >&2; exit 77; }
r1=$data/NA12878_S1_R1.fastq.gz r2=$data/NA12878_S1_R2.fastq.gz
[ -r "$r1" ] && [ -r "$r2" ] || { echo "na12878_b37_bam.sh: $data has no NA12878_S1_R{1,2}.fastq.gz" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
bash "$here/reference_fixture.sh" "$cache" --bwa-index >/dev/null
cache=$(cd "$cache" && pwd)
ref=$cache/b37_chr20.fa
out=$cache/na12878_b37
mkdir -p "$out"
exec 8>"$out/.lock"
flock -w 3600 8 || { echo "na12878_b37_bam.sh: timed out waiting for the lock on $out" >&2; exit 1; }
stamp="$(md5sum <"$0" | cut -d' ' -f1) $(stat -c %s "$r1" "$r2" "$ref" | tr '\n' ' ')"
if [ -f "$out/.done" ] && [ "$(cat "$out/.done")" = "$stamp" ]; then
  echo "na12878_b37: up to date in $out"
  exit 0
fi
rm -f "$out/.done"
tmp=$(mktemp -d "$out/.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)
bwa mem -t 2 -K 100000000 -Y -R '@RG\tID:NA12878\tSM:NA12878\tLB:lib1\tPL:ILLUMINA\tPU:unit1' "$ref" "$r1" "$r2" \
  2>"$tmp/bwa.log" | samtools sort -o "$tmp/sorted.bam" - 2>>"$tmp/bwa.log" ||
  { tail -5 "$tmp/bwa.log" >&2; echo "na12878_b37_bam.sh: bwa mem or samtools sort failed" >&2; exit 1; }
java -Xmx2g -jar "$picard" MarkDuplicates I="$tmp/sorted.bam" O="$tmp/na12878.md.bam" M="$tmp/na12878.md.metrics.txt" \
  VALIDATION_STRINGENCY=SILENT >"$tmp/picard.log" 2>&1 ||
  { tail -5 "$tmp/picard.log" >&2; echo "na12878_b37_bam.sh: Picard MarkDuplicates failed" >&2; exit 1; }
samtools index "$tmp/na12878.md.bam"
n=$(samtools view -c -F 0x900 "$tmp/na12878.md.bam")
[ "$n" -eq 51678 ] || { echo "na12878_b37_bam.sh: $n primary records, expected 51,678 (25,839 pairs)" >&2; exit 1; }
mv "$tmp/na12878.md.metrics.txt" "$tmp/na12878.md.bam.bai" "$tmp/na12878.md.bam" "$out/"
echo "$stamp" >"$out/.done"
echo "na12878_b37: $(samtools view -c "$out/na12878.md.bam") records," \
  "$(samtools view -c -f 1024 "$out/na12878.md.bam") duplicates, $(($(date +%s) - start)) s -> $out"
