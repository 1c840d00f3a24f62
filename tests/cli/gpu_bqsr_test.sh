#!/usr/bin/env bash
# gpu_bqsr_test.sh BIN_DIR TESTDATA [REF_20] -- helicase-bqsr and helicase-applybqsr give the same
# bytes with --device gpu as with --device cpu (tables and BAMs), and GATK's expected table on
# gatk/bqsr_chr17. REF_20 (default: vt-examples' 20.fa.gz) adds gatk/pipeline_chr20.
# Exits 77 (skipped) when no GPU is usable.
. "$(dirname "$0")/lib.sh"
BIN=$1
C=$2/gatk/bqsr_chr17
A=$2/gatk/applybqsr
P=$2/gatk/pipeline_chr20
REF20=${3:-/usr/share/doc/vt/examples/ref/20.fa.gz}
if ! "$BIN/helicase-bqsr" --version | grep -q "GPU 0:"; then
  echo "skipped: $("$BIN/helicase-bqsr" --version | tail -1)"
  exit 77
fi
if [ ! -f "$C/human_g1k_v37.chr17_1Mb.fasta" ] || [ ! -f "$A/HiSeq.20mb.1RG.table.gz" ]; then
  echo "skipped: needs the shared test data ($2)"; exit 77
fi
same() {  # A B WHAT
  if [ -s "$1" ] && cmp -s "$1" "$2"; then ok; else bad "$3: GPU output differs from the CPU's"; fi
}
same_records() {  # A.sam B.sam WHAT (headers differ: the @PG command line names the device)
  grep -v '^@' "$1" >"$1.body"
  grep -v '^@' "$2" >"$2.body"
  same "$1.body" "$2.body" "$3"
}
for dev in cpu gpu; do
  expect_exit 0 "bqsr chr17 $dev" -- "$BIN/helicase-bqsr" --quiet --device $dev --ref "$C/human_g1k_v37.chr17_1Mb.fasta" \
    --in-bam "$C/NA12878.chr17_69k_70k.dictFix.bam" --knownSites "$C/dbsnp_132.b37.excluding_sites_after_129.chr17_69k_70k.vcf" \
    --enable-baq -indels --out-recal-file "$WORK/c17.$dev.txt"
  expect_exit 0 "applybqsr chr17 $dev" -- "$BIN/helicase-applybqsr" --quiet --device $dev --in-bam "$C/NA12878.chr17_69k_70k.dictFix.bam" \
    --in-recal-file "$C/expected.NA12878.chr17_69k_70k.txt" --out-bam "$WORK/c17.$dev.sam"
  expect_exit 0 "applybqsr qq6 $dev" -- "$BIN/helicase-applybqsr" --quiet --device $dev --in-bam "$A/HiSeq.1mb.1RG.2k_lines.alternate.bam" \
    --in-recal-file "$A/HiSeq.20mb.1RG.table.gz" --quantize-quals 6 --out-bam "$WORK/qq6.$dev.sam"
  if [ -r "$REF20" ]; then
    expect_exit 0 "bqsr chr20 $dev" -- "$BIN/helicase-bqsr" --quiet --device $dev --ref "$REF20" \
      --in-bam "$P/CEUTrio.HiSeq.WGS.b37.ch20.1m-1m1k.NA12878.bam" --enable-baq -indels \
      --known-sites "$P/dbsnp_138.b37.excluding_sites_after_129.ch20.1m-1m1k.vcf" -O "$WORK/p20.$dev.txt"
    expect_exit 0 "applybqsr chr20 $dev" -- "$BIN/helicase-applybqsr" --quiet --device $dev \
      --in-bam "$P/CEUTrio.HiSeq.WGS.b37.ch20.1m-1m1k.NA12878.bam" --in-recal-file "$WORK/p20.$dev.txt" -O "$WORK/p20.$dev.sam"
  fi
done
same "$WORK/c17.gpu.txt" "$C/expected.NA12878.chr17_69k_70k.txt" "chr17 table vs GATK's"
same "$WORK/c17.gpu.txt" "$WORK/c17.cpu.txt" "chr17 table"
same_records "$WORK/c17.gpu.sam" "$WORK/c17.cpu.sam" "chr17 recalibrated records"
same_records "$WORK/qq6.gpu.sam" "$WORK/qq6.cpu.sam" "applybqsr --quantize-quals 6 records"
if [ -r "$REF20" ]; then
  same "$WORK/p20.gpu.txt" "$WORK/p20.cpu.txt" "pipeline_chr20 table"
  same_records "$WORK/p20.gpu.sam" "$WORK/p20.cpu.sam" "pipeline_chr20 recalibrated records"
fi
finish
