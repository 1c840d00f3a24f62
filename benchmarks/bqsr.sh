#!/usr/bin/env bash
# bqsr.sh BUILD_DIR [PAIRS] -- throughput of helicase-bqsr and helicase-applybqsr.
#
# Input (made once, cached in BUILD_DIR/bench-cache/bqsr): PAIRS (default 400,000) 2x101 read
# pairs simulated by dwgsim from b37 chr20:20,000,001-25,000,000 of Debian's vt-examples
# (contig renamed "slice"), aligned by bwa mem -K 100000000 -Y to that slice, sorted by
# samtools, duplicates marked by Picard MarkDuplicates; known sites = dwgsim's own mutations
# VCF. Then it times helicase-bqsr (default options, and --enable-baq --compute-indel-bqsr-tables
# as in GATK's tests) and helicase-applybqsr at 1 and 2 threads: wall seconds, reads/s and peak
# RSS (GNU time). GATK cannot run here: docs/performance.md sets its published figures beside ours.
set -euo pipefail
BUILD=$(cd "${1:?usage: bqsr.sh BUILD_DIR [PAIRS]}" && pwd)
PAIRS=${2:-400000}
BIN=$BUILD/bin
CACHE=$BUILD/bench-cache/bqsr
SRC=/usr/share/doc/vt/examples/ref/20.fa.gz
PICARD=/usr/share/java/picard.jar
for t in samtools bwa dwgsim java bc /usr/bin/time; do command -v "$t" >/dev/null || { echo "bqsr.sh: $t not found" >&2; exit 1; }; done
[ -x "$BIN/helicase-bqsr" ] || { echo "bqsr.sh: build helicase-bqsr first" >&2; exit 1; }
mkdir -p "$CACHE"
cd "$CACHE"
BAM=md.$PAIRS.bam
if [ ! -s "$BAM.bai" ]; then
  echo "bqsr.sh: making the input ($PAIRS pairs; bwa and Picard take a few minutes)..."
  if [ ! -s slice.fa.bwt ]; then
    samtools faidx "$SRC" 20:20000001-25000000 | sed '1s/.*/>slice/' >slice.fa
    samtools faidx slice.fa
    bwa index slice.fa 2>/dev/null
  fi
  dwgsim -N "$PAIRS" -1 101 -2 101 -z 7 -e 0.002-0.01 -E 0.004-0.02 slice.fa sim.$PAIRS >/dev/null 2>&1
  bwa mem -t 2 -K 100000000 -Y -R '@RG\tID:sim\tSM:sim\tPL:ILLUMINA\tLB:lib1\tPU:unit1' slice.fa \
    sim.$PAIRS.bwa.read1.fastq.gz sim.$PAIRS.bwa.read2.fastq.gz 2>/dev/null | samtools sort -@2 -o sorted.$PAIRS.bam -
  java -Xmx2g -jar "$PICARD" MarkDuplicates I=sorted.$PAIRS.bam O=$BAM M=md.$PAIRS.metrics \
    VALIDATION_STRINGENCY=SILENT QUIET=true >/dev/null 2>&1
  samtools index $BAM
  grep -v '^##contig' sim.$PAIRS.mutations.vcf >known.$PAIRS.vcf
  rm -f sorted.$PAIRS.bam sim.$PAIRS.bfast.fastq.gz
fi
RECORDS=$(samtools idxstats $BAM | awk '{n += $3 + $4} END {print n}')
echo "input: $BAM, $RECORDS records ($(samtools view -c -f 1024 $BAM) duplicates), $(grep -vc '^#' known.$PAIRS.vcf) known sites"

measure() {  # LABEL COMMAND... -> "LABEL  wall s  reads/s  CPU s  reads per CPU s  peak MiB"
  local label=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o time.txt "$@" >/dev/null 2>err.txt || { cat err.txt >&2; exit 1; }
  read -r secs user sys kib <time.txt
  awk -v l="$label" -v s="$secs" -v c="$(echo "$user + $sys" | bc)" -v k="$kib" -v n="$RECORDS" 'BEGIN {
    printf "%-46s %7.2f s %9.0f reads/s   CPU %7.2f s %9.0f reads/CPU-s   %5.0f MiB\n", l, s, n / s, c, n / c, k / 1024 }'
}
echo "load average before timing: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for threads in 1 2; do
  measure "helicase-bqsr, $threads thread(s)" "$BIN/helicase-bqsr" --quiet --num-threads $threads --ref slice.fa --in-bam $BAM \
    --known-sites known.$PAIRS.vcf --out-recal-file t.txt
  measure "helicase-bqsr --enable-baq -indels, $threads thread(s)" "$BIN/helicase-bqsr" --quiet --num-threads $threads \
    --ref slice.fa --in-bam $BAM --known-sites known.$PAIRS.vcf --enable-baq --compute-indel-bqsr-tables --out-recal-file tb.txt
  measure "helicase-applybqsr, $threads thread(s)" "$BIN/helicase-applybqsr" --quiet --num-threads $threads --in-bam $BAM \
    --in-recal-file t.txt --out-bam out.bam
done
cmp -s t.txt tb.txt && { echo "bqsr.sh: BAQ/indel tables equal the default ones: the options had no effect" >&2; exit 1; }
echo "GATK 4 (published, see docs/performance.md): BaseRecalibrator ~13,000-16,000 reads/s on one traversal thread"
