#!/usr/bin/env bash
# sort_na12878_bwa_test.sh BIN_DIR TESTDATA CACHE_DIR -- helicase-sort against samtools sort
# 1.16 on a bwa-aligned NA12878 set: the 25,839 read pairs and 246 singletons of
# na12878_chr20_10M aligned by bwa mem 0.7.17 to a 300 kb slice of chr20 (indexed here,
# in a second; the aligned BAM is cached under CACHE_DIR). bwa's output is in read order:
# both orders have work to do; unmapped mates are placed at their mapped mates (125).
# Also the spill path, region queries and re-sorting sorted output.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sort_lib.sh"
BIN=$1
D=$2/na12878_chr20_10M
CACHE=$3/sort-na12878-bwa
ALIGNED=$CACHE/na12878.bwa.bam
if [ ! -s "$ALIGNED" ]; then
  mkdir -p "$CACHE"
  tmp=$(mktemp -d "$CACHE/tmp.XXXXXX")
  samtools faidx /usr/share/doc/vt/examples/ref/20.fa.gz 20:9900001-10200000 | sed '1s/.*/>20/' >"$tmp/ref.fa"
  bwa index "$tmp/ref.fa" 2>/dev/null
  RG='@RG\tID:NA12878\tSM:NA12878\tLB:lib1\tPL:ILLUMINA'
  bwa mem -t 2 -K 100000000 -Y -R "$RG" "$tmp/ref.fa" "$D/NA12878_S1_R1.fastq.gz" "$D/NA12878_S1_R2.fastq.gz" \
    2>/dev/null >"$tmp/pairs.sam"
  bwa mem -t 2 -K 100000000 -Y -R "$RG" "$tmp/ref.fa" "$D/NA12878_S1_singletons.fastq.gz" 2>/dev/null |
    grep -v '^@' >>"$tmp/pairs.sam"
  samtools view -b -o "$tmp/aligned.bam" "$tmp/pairs.sam" && mv "$tmp/aligned.bam" "$ALIGNED"
  rm -rf "$tmp"
fi
if [ ! -s "$ALIGNED" ]; then bad "could not make the bwa-aligned set"; finish; exit; fi
n=$(samtools view -c "$ALIGNED")
if [ "$n" -ge 51924 ]; then ok; else bad "aligned set has $n records, expected at least 51,924"; fi
if [ "$(samtools view -c -f 4 -F 8 "$ALIGNED")" -gt 0 ]; then ok; else bad "expected unmapped reads placed at their mates"; fi

for order in coordinate queryname; do
  compare_sort "bwa.$order" "$ALIGNED" "$order"
  compare_sort "bwa.spill.$order" "$ALIGNED" "$order" --memory-limit 1M --num-threads 3
done
same_regions bwa.regions "$WORK/bwa.coordinate.bam" "$WORK/bwa.coordinate.samtools.bam"
same_regions bwa.spill.regions "$WORK/bwa.spill.coordinate.bam" "$WORK/bwa.coordinate.samtools.bam"
# Re-sorting sorted output: coordinate -> queryname -> coordinate, as samtools.
compare_sort bwa.requery "$WORK/bwa.coordinate.bam" queryname
compare_sort bwa.recoord "$WORK/bwa.queryname.bam" coordinate
no_leftovers "bwa" "$WORK"
finish
