#!/usr/bin/env bash
# bqsr_bad_input_test.sh BIN_DIR TESTDATA -- bad input to helicase-bqsr / helicase-applybqsr: one
# line on stderr, the documented exit code (2 usage, 3 bad data, 4 missing file), and no output
# file left behind. Covers architecture.md's contig rule: a read group without PL, a read or a
# known site on a contig the reference lacks, a shared contig of another length, no shared contig.
. "$(dirname "$0")/lib.sh"
BIN=$1
C=$2/gatk/bqsr_chr17
A=$2/gatk/applybqsr
REF=$C/human_g1k_v37.chr17_1Mb.fasta
BAM=$C/NA12878.chr17_69k_70k.dictFix.bam
VCF=$C/dbsnp_132.b37.excluding_sites_after_129.chr17_69k_70k.vcf

fails() {  # CODE WHAT ARGS... (runs helicase-bqsr; the table must not appear)
  local code=$1 what=$2; shift 2
  rm -f "$WORK/out.txt"
  expect_exit "$code" "$what" -- "$BIN/helicase-bqsr" --quiet --ref "$REF" --out-recal-file "$WORK/out.txt" "$@"
  expect_one_line "$WORK/last.err" "$what"
  if [ -e "$WORK/out.txt" ]; then bad "$what: an output file was left"; else ok; fi
}
edit_bam() {  # OUT SED-SCRIPT: the test BAM through samtools view -h | sed
  samtools view -h "$BAM" | sed "$2" | samtools view -b -o "$1" -
}

edit_bam "$WORK/nopl.bam" '/^@RG/s/\tPL:illumina//'
fails 3 "read group without PL" --in-bam "$WORK/nopl.bam" --knownSites "$VCF"
expect_contains "$WORK/last.err" "platform" "read group without PL message"

edit_bam "$WORK/onY.bam" '/^@SQ/a @SQ\tSN:Y\tLN:59373566
0,/^809R9ABXX101220:5:66:15381:102117/s/\t17\t68975\t/\tY\t68975\t/'
fails 3 "read on a contig the reference lacks" --in-bam "$WORK/onY.bam" --knownSites "$VCF"
expect_contains "$WORK/last.err" "reference lacks" "read on a missing contig message"

edit_bam "$WORK/len.bam" '/^@SQ/s/LN:[0-9]*/LN:2000000/'
fails 3 "shared contig with another length (BAM)" --in-bam "$WORK/len.bam" --knownSites "$VCF"
expect_contains "$WORK/last.err" "length" "contig length message"

edit_bam "$WORK/other.bam" '/^@SQ/s/SN:17/SN:chr17/; s/\t17\t/\tchr17\t/; s/\t=\t/\t=\t/'
fails 3 "no shared contig" --in-bam "$WORK/other.bam" --knownSites "$VCF"

sed 's/^17\t69133\t/18\t69133\t/' "$VCF" >"$WORK/site18.vcf"
fails 3 "known site on a contig the reference lacks" --in-bam "$BAM" --knownSites "$WORK/site18.vcf"
expect_contains "$WORK/last.err" "18" "known site contig message"
sed 's/^#CHROM/##contig=<ID=17,length=999>\n#CHROM/' "$VCF" >"$WORK/vcflen.vcf"
fails 3 "known-sites header contig of another length" --in-bam "$BAM" --knownSites "$WORK/vcflen.vcf"
printf 'not a vcf\n' >"$WORK/junk.vcf"
fails 3 "known sites file that is not a VCF" --in-bam "$BAM" --knownSites "$WORK/junk.vcf"
# A bgzipped known-sites file cut at a BGZF block boundary would decode as a valid, shorter
# file: refused (here the cut drops the end-of-file block).
bgzip -c "$VCF" >"$WORK/k.vcf.gz"
head -c -28 "$WORK/k.vcf.gz" >"$WORK/kcut.vcf.gz"  # without the 28-byte EOF block
fails 3 "known sites .vcf.gz without its end-of-file marker" --in-bam "$BAM" --knownSites "$WORK/kcut.vcf.gz"
fails 3 "-L on a contig the reference lacks" --in-bam "$BAM" --knownSites "$VCF" -L 21:1-100
fails 4 "missing input BAM" --in-bam "$WORK/nope.bam" --knownSites "$VCF"
fails 4 "missing known sites" --in-bam "$BAM" --knownSites "$WORK/nope.vcf"
fails 2 "no known sites" --in-bam "$BAM"
fails 2 "bad option value" --in-bam "$BAM" --knownSites "$VCF" --mismatches-context-size 0

# helicase-applybqsr.
afails() {  # CODE WHAT ARGS...
  local code=$1 what=$2; shift 2
  rm -f "$WORK/out.bam"
  expect_exit "$code" "$what" -- "$BIN/helicase-applybqsr" --quiet --out-bam "$WORK/out.bam" "$@"
  expect_one_line "$WORK/last.err" "$what"
  if [ -e "$WORK/out.bam" ]; then bad "$what: an output BAM was left"; else ok; fi
}
afails 3 "read group absent from the table" --in-bam "$A/HiSeq.1mb.1RG.2k_lines.alternate.bam" \
  --in-recal-file "$C/expected.NA12878.chr17_69k_70k.txt"
expect_contains "$WORK/last.err" "allow-missing-read-group" "missing read group message"
head -c 3000 "$C/expected.NA12878.chr17_69k_70k.txt" >"$WORK/cut.txt"
afails 3 "truncated table" --in-bam "$BAM" --in-recal-file "$WORK/cut.txt"
afails 4 "missing table" --in-bam "$BAM" --in-recal-file "$WORK/nope.txt"
afails 2 "CRAM output without a reference" --in-bam "$BAM" --in-recal-file "$C/expected.NA12878.chr17_69k_70k.txt" \
  --out-bam "$WORK/o.cram"
afails 2 "--quantize-quals with --static-quantized-quals" --in-bam "$BAM" --in-recal-file "$C/expected.NA12878.chr17_69k_70k.txt" \
  --quantize-quals 4 --static-quantized-quals 20
# --allow-missing-read-group passes the reads through the quantization.
expect_exit 0 "--allow-missing-read-group" -- "$BIN/helicase-applybqsr" --quiet --in-bam "$A/HiSeq.1mb.1RG.2k_lines.alternate.bam" \
  --in-recal-file "$C/expected.NA12878.chr17_69k_70k.txt" --allow-missing-read-group --quantize-quals -1 --out-bam "$WORK/m.bam"
allowed=$(awk '/^#:GATKTable:Quantized/ {t = 1; getline; next} t && NF == 0 {exit} t {printf "%c", $3 + 33}' \
  "$C/expected.NA12878.chr17_69k_70k.txt" | fold -w1 | sort -u | tr -d '\n')
samtools view "$WORK/m.bam" | cut -f11 | fold -w1 | sort -u | tr -d '\n' >"$WORK/used.txt"
if [ -n "$allowed" ] && [ -z "$(tr -d "$allowed" <"$WORK/used.txt")" ] && [ -s "$WORK/used.txt" ]; then ok; else
  bad "--allow-missing-read-group: qualities $(cat "$WORK/used.txt") outside the table's quantized values $allowed"
fi
finish
