#!/usr/bin/env bash
# ubam_vs_picard_test.sh BIN_DIR TESTDATA -- the unaligned BAM equals Picard FastqToSam's
# (SORT_ORDER=unsorted) record for record, paired and single-end, and its @RG line too.
. "$(dirname "$0")/lib.sh"
BIN=$1
D=$2/na12878_chr20_10M
R1=$D/NA12878_S1_R1.fastq.gz R2=$D/NA12878_S1_R2.fastq.gz SE=$D/NA12878_S1_singletons.fastq.gz
PICARD=/usr/share/java/picard.jar
if [ ! -f "$PICARD" ]; then echo "skipped: Picard not installed"; exit 77; fi

picard() { java -Xmx2g -jar "$PICARD" FastqToSam "$@" SM=NA12878 RG=rg1 LB=lib1 PL=ILLUMINA PU=unit1 \
  SO=unsorted QUALITY_FORMAT=Standard VALIDATION_STRINGENCY=SILENT QUIET=true >/dev/null 2>"$WORK/picard.err"; }
RG='@RG\tID:rg1\tSM:NA12878\tLB:lib1\tPL:ILLUMINA\tPU:unit1'

compare() {  # OURS PICARDS WHAT
  samtools view "$1" >"$WORK/ours.sam"
  samtools view "$2" >"$WORK/theirs.sam"
  if cmp -s "$WORK/ours.sam" "$WORK/theirs.sam"; then ok; else
    bad "$3: records differ from Picard's: $(diff "$WORK/ours.sam" "$WORK/theirs.sam" | head -4)"
  fi
  if [ "$(samtools view -H "$1" | grep '^@RG')" = "$(samtools view -H "$2" | grep '^@RG')" ]; then ok; else
    bad "$3: @RG lines differ"
  fi
  echo "$3: $(wc -l <"$WORK/ours.sam") records compared"
}

picard F1="$R1" F2="$R2" O="$WORK/picard_pe.bam" || { bad "Picard failed: $(tail -3 "$WORK/picard.err")"; finish; exit; }
expect_exit 0 "paired uBAM" -- "$BIN/helicase-fastq" --quiet --no-summary --in-fq "$R1" "$R2" "$RG" --out-bam "$WORK/pe.bam"
compare "$WORK/pe.bam" "$WORK/picard_pe.bam" "paired"

picard F1="$SE" O="$WORK/picard_se.bam" || { bad "Picard failed: $(tail -3 "$WORK/picard.err")"; finish; exit; }
expect_exit 0 "single-end uBAM" -- "$BIN/helicase-fastq" --quiet --no-summary --in-se-fq "$SE" "$RG" --out-bam "$WORK/se.bam"
compare "$WORK/se.bam" "$WORK/picard_se.bam" "single-end"

# SAM and CRAM outputs hold the same records.
expect_exit 0 "SAM output" -- "$BIN/helicase-fastq" --quiet --no-summary --in-se-fq "$SE" "$RG" --out-bam "$WORK/se.sam"
compare "$WORK/se.sam" "$WORK/picard_se.bam" "single-end SAM"
expect_exit 0 "CRAM output" -- "$BIN/helicase-fastq" --quiet --no-summary --in-se-fq "$SE" "$RG" --out-bam "$WORK/se.cram"
compare "$WORK/se.cram" "$WORK/picard_se.bam" "single-end CRAM"
finish
