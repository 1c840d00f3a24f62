#!/usr/bin/env bash
# bqsr_pipeline_test.sh BIN_DIR TESTDATA CACHE -- gatk/pipeline_chr20: helicase-bqsr then
# helicase-applybqsr on CEU NA12878 reads (16 read groups, header contigs 20 and 21, vt-examples
# b37 chr20 reference holding only 20) give GATK's expected recalibrated BAM record for record.
# The reference is decompressed once into CACHE.
. "$(dirname "$0")/lib.sh"
BIN=$1
P=$2/gatk/pipeline_chr20
CACHE=$3/bqsr
SRC=/usr/share/doc/vt/examples/ref/20.fa.gz
if [ ! -r "$SRC" ]; then echo "skipped: vt-examples not installed"; exit 77; fi
mkdir -p "$CACHE"
REF=$CACHE/b37_chr20.fa
(
  flock -w 600 9 || exit 1
  if [ ! -s "$REF.fai" ]; then
    gzip -dc "$SRC" >"$REF.tmp" && samtools faidx "$REF.tmp" && mv "$REF.tmp.fai" "$REF.fai.tmp" && mv "$REF.tmp" "$REF" &&
      mv "$REF.fai.tmp" "$REF.fai"
  fi
) 9>"$CACHE/.lock"
if [ "$(cut -f1,2 "$REF.fai")" = "20	63025520" ]; then ok; else bad "reference fixture: $(cat "$REF.fai")"; finish; exit; fi

BAM=$P/CEUTrio.HiSeq.WGS.b37.ch20.1m-1m1k.NA12878.bam
expect_exit 0 "bqsr" -- "$BIN/helicase-bqsr" --quiet --ref "$REF" --in-bam "$BAM" --enable-baq --compute-indel-bqsr-tables \
  --known-sites "$P/dbsnp_138.b37.excluding_sites_after_129.ch20.1m-1m1k.vcf" -O "$WORK/t.txt"
if [ "$(grep -c '^20GAVAAXX100126\|^20FUKAAXX100202' "$WORK/t.txt")" -gt 1000 ]; then ok; else bad "table lacks the 16 read groups"; fi
expect_exit 0 "applybqsr" -- "$BIN/helicase-applybqsr" --quiet --in-bam "$BAM" --bqsr-recal-file "$WORK/t.txt" --out-bam "$WORK/r.bam"
samtools view "$WORK/r.bam" >"$WORK/ours.sam"
samtools view "$P/expected.CEUTrio.HiSeq.WGS.b37.ch20.1m-1m1k.NA12878.recalibrated.DIQ.bam" >"$WORK/theirs.sam"
if [ -s "$WORK/theirs.sam" ] && cmp -s "$WORK/ours.sam" "$WORK/theirs.sam"; then ok; else
  bad "recalibrated records differ from GATK's: $(diff "$WORK/ours.sam" "$WORK/theirs.sam" | grep -c '^<') lines"
fi
echo "pipeline_chr20: $(wc -l <"$WORK/theirs.sam") records compared"
finish
