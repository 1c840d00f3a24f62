#!/usr/bin/env bash
# applybqsr_gatk_test.sh BIN_DIR TESTDATA -- helicase-applybqsr reproduces GATK 4.6.2 ApplyBQSR's
# expected BAMs record for record (samtools view text: qualities, tags, everything): the six
# option cases of gatk/applybqsr (a GATK 3-era table) and gatk/bqsr_chr17 (a GATK 4 table);
# the same records at 1 and 3 threads, as SAM and as CRAM; an index beside the output.
. "$(dirname "$0")/lib.sh"
BIN=$1
A=$2/gatk/applybqsr
C=$2/gatk/bqsr_chr17

compare() {  # OURS EXPECTED WHAT
  samtools view "$1" >"$WORK/ours.sam" 2>"$WORK/view.err"
  samtools view "$2" >"$WORK/theirs.sam"
  if [ -s "$WORK/theirs.sam" ] && cmp -s "$WORK/ours.sam" "$WORK/theirs.sam"; then ok; else
    bad "$3: records differ from GATK's: $(diff "$WORK/ours.sam" "$WORK/theirs.sam" | head -4 | cut -c1-300)"
  fi
  echo "$3: $(wc -l <"$WORK/theirs.sam") records compared"
}

run_case() {  # SUFFIX ARGS...
  local suf=$1; shift
  expect_exit 0 "applybqsr$suf" -- "$BIN/helicase-applybqsr" --quiet --in-bam "$A/HiSeq.1mb.1RG.2k_lines.alternate.bam" \
    --bqsr-recal-file "$A/HiSeq.20mb.1RG.table.gz" --out-bam "$WORK/out$suf.bam" "$@"
  compare "$WORK/out$suf.bam" "$A/expected.HiSeq.1mb.1RG.2k_lines.alternate.recalibrated.DIQ$suf.bam" "gatk/applybqsr${suf:-.default}"
}
run_case ""
run_case .OQ -OQ
run_case .qq-1 --quantize-quals -1
run_case .qq6 --quantize-quals 6
run_case .SQQ102030 --static-quantized-quals 10 --static-quantized-quals 20 --static-quantized-quals 30
run_case .SQQ102030RDQ --static-quantized-quals 10 20 30 --round-down-quantized
if [ -s "$WORK/out.bam.bai" ]; then ok; else bad "no index written beside the output"; fi

expect_exit 0 "applybqsr chr17" -- "$BIN/helicase-applybqsr" --quiet -I "$C/NA12878.chr17_69k_70k.dictFix.bam" \
  --in-recal-file "$C/expected.NA12878.chr17_69k_70k.txt" -O "$WORK/c17.bam" --num-threads 1
compare "$WORK/c17.bam" "$C/expected.NA12878.chr17_69k_70k.dictFix.recalibrated.DIQ.bam" "gatk/bqsr_chr17"
expect_exit 0 "applybqsr chr17, 3 threads, SAM" -- "$BIN/helicase-applybqsr" --quiet -I "$C/NA12878.chr17_69k_70k.dictFix.bam" \
  --in-recal-file "$C/expected.NA12878.chr17_69k_70k.txt" --out-bam "$WORK/c17.sam" --num-threads 3
compare "$WORK/c17.sam" "$C/expected.NA12878.chr17_69k_70k.dictFix.recalibrated.DIQ.bam" "gatk/bqsr_chr17 as SAM, 3 threads"
expect_exit 0 "applybqsr chr17 CRAM" -- "$BIN/helicase-applybqsr" --quiet -I "$C/NA12878.chr17_69k_70k.dictFix.bam" \
  --in-recal-file "$C/expected.NA12878.chr17_69k_70k.txt" --out-bam "$WORK/c17.cram" --ref "$C/human_g1k_v37.chr17_1Mb.fasta"
samtools view -T "$C/human_g1k_v37.chr17_1Mb.fasta" "$WORK/c17.cram" | cut -f1-11 >"$WORK/cram.txt"
samtools view "$C/expected.NA12878.chr17_69k_70k.dictFix.recalibrated.DIQ.bam" | cut -f1-11 >"$WORK/exp11.txt"
if cmp -s "$WORK/cram.txt" "$WORK/exp11.txt"; then ok; else bad "CRAM output: fields 1-11 differ from GATK's"; fi
if [ -s "$WORK/c17.cram.crai" ]; then ok; else bad "no .crai beside the CRAM output"; fi
# -L: only reads overlapping the region are written.
expect_exit 0 "applybqsr -L" -- "$BIN/helicase-applybqsr" --quiet -I "$C/NA12878.chr17_69k_70k.dictFix.bam" \
  --in-recal-file "$C/expected.NA12878.chr17_69k_70k.txt" -O "$WORK/l.bam" -L 17:69500-69600
want=$(samtools view -c -F 4 "$C/NA12878.chr17_69k_70k.dictFix.bam" 17:69500-69600)
got=$(samtools view -c "$WORK/l.bam")
if [ "$want" = "$got" ] && [ "$got" -gt 0 ]; then ok; else bad "-L 17:69500-69600 wrote $got reads, samtools finds $want"; fi
samtools view "$WORK/l.bam" >"$WORK/l.txt"
if [ "$(join -t '' <(sort "$WORK/l.txt") <(samtools view "$C/expected.NA12878.chr17_69k_70k.dictFix.recalibrated.DIQ.bam" | sort) | wc -l)" = "$got" ]; then ok; else
  bad "-L records differ from GATK's records of the same reads"
fi
finish
