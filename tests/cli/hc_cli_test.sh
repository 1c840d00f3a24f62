#!/usr/bin/env bash
# hc_cli_test.sh BIN_DIR TESTDATA -- helicase-haplotypecaller from the command line, on the small
# chrM sets: usage and bad input (one line on stderr, exit 2/3/4, no output file left),
# intervals (-L, BED, Picard interval list), identical output for 1 and 2 threads, .vcf.gz with
# a .tbi that bcftools/tabix read, and bcftools reading the VCF without a warning.
. "$(dirname "$0")/lib.sh"
BIN=$1
M=$2/gatk/hc_chrM_b37
H=$2/gatk/hc_chrM_hg38
[ -f "$M/culprit.bam" ] || { echo "skipped: $M absent"; exit 77; }
HC=$BIN/helicase-haplotypecaller
REF=$M/GRCh37_MTonly.fa
BAM=$M/culprit.bam
sites() { grep -v '^#' "$1" | cut -f1,2,4,5 | tr '\t' ' ' | paste -sd';'; }

fails() {  # CODE WHAT ARGS...
  local code=$1 what=$2; shift 2
  rm -f "$WORK/bad.vcf"
  expect_exit "$code" "$what" -- "$HC" --quiet --out-variants "$WORK/bad.vcf" "$@"
  expect_one_line "$WORK/last.err" "$what"
  if [ -e "$WORK/bad.vcf" ]; then bad "$what: an output file was left"; else ok; fi
}

expect_exit 0 "--help" -- "$HC" --help
expect_contains "$WORK/last.out" "--in-recal-file" "--help lists --in-recal-file"
expect_exit 2 "no arguments" -- "$HC"
expect_exit 2 "no output" -- "$HC" --ref "$REF" --in-bam "$BAM"
fails 2 "unknown option" --ref "$REF" --in-bam "$BAM" --no-such-option
fails 2 "bad ploidy" --ref "$REF" --in-bam "$BAM" --ploidy 0
fails 4 "missing BAM" --ref "$REF" --in-bam "$WORK/none.bam"
fails 4 "missing reference" --ref "$WORK/none.fa" --in-bam "$BAM"
echo "not a bam" >"$WORK/text.bam"
fails 3 "not an alignment file" --ref "$REF" --in-bam "$WORK/text.bam"
fails 3 "no contig shared with the reference" --ref "$H/Homo_sapiens_assembly38_chrM_only.fasta" --in-bam "$BAM"
fails 3 "interval on a contig the reference lacks" --ref "$REF" --in-bam "$BAM" -L chrZ:1-100
fails 2 "malformed interval" --ref "$REF" --in-bam "$BAM" -L MT:300-100
# Two samples in the read groups: one sample per run, not two genotyped as one.
samtools view -H "$BAM" | sed -e '$a@RG\tID:second\tSM:another' >"$WORK/two.hdr"
samtools reheader "$WORK/two.hdr" "$BAM" >"$WORK/two.bam" && samtools index "$WORK/two.bam"
fails 3 "two samples" --ref "$REF" --in-bam "$WORK/two.bam"
# GVCF mode is not built: asked for, the run stops before writing anything (no VCF under a GVCF name).
fails 2 "--gvcf" --ref "$REF" --in-bam "$BAM" --gvcf
fails 2 "-ERC GVCF" --ref "$REF" --in-bam "$BAM" -ERC GVCF
for name in g.vcf g.vcf.gz; do
  expect_exit 2 ".$name output" -- "$HC" --quiet --ref "$REF" --in-bam "$BAM" --out-variants "$WORK/out.$name"
  expect_one_line "$WORK/last.err" ".$name output"
  if [ -e "$WORK/out.$name" ]; then bad ".$name output: a file was left"; else ok; fi
done
expect_exit 4 "output folder missing" -- "$HC" --quiet --ref "$REF" --in-bam "$BAM" --out-variants "$WORK/no/such/dir/out.vcf"
expect_one_line "$WORK/last.err" "output folder missing"

# Whole contig: the two GATK sites (152 T>C, 263 A>G).
expect_exit 0 "whole contig" -- "$HC" --quiet --ref "$REF" --in-bam "$BAM" --out-variants "$WORK/all.vcf"
[ "$(sites "$WORK/all.vcf")" = "MT 152 T C;MT 263 A G" ] && ok || bad "whole contig sites: $(sites "$WORK/all.vcf")"

# Intervals: -L, BED (0-based), Picard interval list; a site outside is not called.
expect_exit 0 "-L" -- "$HC" --quiet --ref "$REF" --in-bam "$BAM" -L MT:100-200 --out-variants "$WORK/l1.vcf"
[ "$(sites "$WORK/l1.vcf")" = "MT 152 T C" ] && ok || bad "-L MT:100-200 sites: $(sites "$WORK/l1.vcf")"
printf 'MT\t199\t320\n' >"$WORK/r.bed"
expect_exit 0 "BED" -- "$HC" --quiet --ref "$REF" --in-bam "$BAM" --interval-file "$WORK/r.bed" --out-variants "$WORK/l2.vcf"
[ "$(sites "$WORK/l2.vcf")" = "MT 263 A G" ] && ok || bad "BED sites: $(sites "$WORK/l2.vcf")"
{ printf '@HD\tVN:1.6\n@SQ\tSN:MT\tLN:16569\n'; printf 'MT\t140\t160\t+\tx\nMT\t250\t270\t+\ty\n'; } >"$WORK/r.interval_list"
expect_exit 0 "interval list" -- "$HC" --quiet --ref "$REF" --in-bam "$BAM" --interval-file "$WORK/r.interval_list" --out-variants "$WORK/l3.vcf"
[ "$(sites "$WORK/l3.vcf")" = "MT 152 T C;MT 263 A G" ] && ok || bad "interval list sites: $(sites "$WORK/l3.vcf")"

# Threads: identical bytes.
expect_exit 0 "1 thread" -- "$HC" --quiet --num-threads 1 --ref "$REF" --in-bam "$BAM" --out-variants "$WORK/t1.vcf"
expect_exit 0 "2 threads" -- "$HC" --quiet --num-threads 2 --ref "$REF" --in-bam "$BAM" --out-variants "$WORK/t2.vcf"
cmp -s "$WORK/t1.vcf" "$WORK/t2.vcf" && ok || bad "1 and 2 threads differ"

# SAM text input on 2 threads: the same calls (HTSlib 1.16's threaded SAM parser stalled at
# the end of small files: a hang, caught by the timeout), and a BAM cut at a BGZF block boundary
# (which decodes as a shorter, valid file; here the cut drops the end-of-file block) is refused.
samtools view -h -o "$WORK/in.sam" "$BAM"
expect_exit 0 "SAM input, 2 threads" -- timeout 120 "$HC" --quiet --num-threads 2 --ref "$REF" --in-bam "$WORK/in.sam" --out-variants "$WORK/sam.vcf"
cmp -s <(grep -v '^##' "$WORK/sam.vcf") <(grep -v '^##' "$WORK/t1.vcf") && ok || bad "SAM input calls differ from the BAM's"
head -c -28 "$BAM" >"$WORK/cut.bam"  # without the 28-byte BGZF end-of-file block
fails 3 "BAM cut at a block boundary" --ref "$REF" --in-bam "$WORK/cut.bam"

# .vcf.gz: BGZF with a .tbi; the same records as the plain VCF.
expect_exit 0 ".vcf.gz" -- "$HC" --quiet --ref "$REF" --in-bam "$BAM" --out-variants "$WORK/all.vcf.gz"
[ -s "$WORK/all.vcf.gz.tbi" ] && ok || bad ".tbi missing"
if command -v bgzip >/dev/null; then bgzip -t "$WORK/all.vcf.gz" 2>/dev/null && ok || bad "not BGZF"; fi
cmp -s <(gzip -dc "$WORK/all.vcf.gz") "$WORK/all.vcf" && ok || bad ".vcf.gz content differs from .vcf"
if command -v tabix >/dev/null; then
  [ "$(tabix "$WORK/all.vcf.gz" MT:200-300 | cut -f2)" = "263" ] && ok || bad "tabix query"
fi

# bcftools reads the output without warnings (plain and compressed).
if command -v bcftools >/dev/null; then
  for f in all.vcf all.vcf.gz; do
    bcftools view "$WORK/$f" >/dev/null 2>"$WORK/bcf.err" && ok || bad "bcftools view $f failed"
    [ ! -s "$WORK/bcf.err" ] && ok || bad "bcftools warns on $f: $(head -c 300 "$WORK/bcf.err")"
  done
fi
finish
