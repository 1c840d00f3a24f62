#!/usr/bin/env bash
# hc_gatk_test.sh BIN_DIR TESTDATA CACHE -- helicase-haplotypecaller against GATK's expected
# outputs in the shared test data (SOURCES.md): the tetraploid tetra-allelic record field by
# field, the chrM sites/alleles/genotypes (b37: GATK 3.7, hg38: GATK 4.0), and the 9 hom-alt
# SNPs of pipeline_chr20 (sites, alleles, GT; no other call), with 1 and 2 threads identical.
# AD/DP of pipeline_chr20 are listed, not compared (that file came from GATK 4.beta.4:
# docs/compatibility.md).
. "$(dirname "$0")/lib.sh"
BIN=$1
G=$2/gatk
REF20=$3/b37_chr20.fa
[ -f "$G/hc_tetraploid/pretendTobeTetraPloidTetraAllelicSite.bam" ] || { echo "skipped: test data absent"; exit 77; }
[ -f "$REF20" ] || { echo "skipped: $REF20 absent (fixture.reference_chr20)"; exit 77; }
HC=$BIN/helicase-haplotypecaller
body() { grep -v '^#' "$1"; }
site_gt() {  # CHROM POS REF ALT GT per record
  body "$1" | awk -F'\t' '{split($10, s, ":"); print $1, $2, $4, $5, s[1]}'
}

# Tetraploid: QUAL, every INFO annotation (rank sums, FS, SOR included), FORMAT and the sample, exactly.
T=$G/hc_tetraploid
expect_exit 0 "tetraploid run" -- "$HC" --quiet --ref "$REF20" --in-bam "$T/pretendTobeTetraPloidTetraAllelicSite.bam" \
  -L 20:11363580-11363600 --ploidy 4 --max-genotype-count 15 --allele-informative-reads-overlap-margin 2 \
  --out-variants "$WORK/tet.vcf"
[ "$(body "$WORK/tet.vcf" | wc -l)" -eq 1 ] && ok || bad "tetraploid: expected one record"
exp=$(body "$T/expected.testHaplotypeCallerRemoveAltAlleleBasedOnHaptypeScores.gatk4.vcf")
got=$(body "$WORK/tet.vcf")
for f in 1 2 3 4 5 6 7 8 9 10; do
  e=$(echo "$exp" | cut -f$f); g=$(echo "$got" | cut -f$f)
  [ "$e" = "$g" ] && ok || bad "tetraploid column $f: got '$g', expected '$e'"
done

# chrM b37 (GATK 3.7) and hg38 (GATK 4.0, BAM header with 3,366 contigs): sites and genotypes.
M=$G/hc_chrM_b37
expect_exit 0 "chrM b37 run" -- "$HC" --quiet --ref "$M/GRCh37_MTonly.fa" --in-bam "$M/culprit.bam" --out-variants "$WORK/m37.vcf"
[ "$(site_gt "$WORK/m37.vcf")" = "$(site_gt "$M/expected_output_gatk3.vcf")" ] && ok || bad "chrM b37: $(site_gt "$WORK/m37.vcf" | paste -sd';')"
H=$G/hc_chrM_hg38
expect_exit 0 "chrM hg38 run" -- "$HC" --quiet --ref "$H/Homo_sapiens_assembly38_chrM_only.fasta" --in-bam "$H/issue3845_bug.bam" -L chrM \
  --out-variants "$WORK/m38.vcf"
[ "$(site_gt "$WORK/m38.vcf")" = "$(site_gt "$H"/expected_*.vcf)" ] && ok || bad "chrM hg38: $(site_gt "$WORK/m38.vcf" | paste -sd';')"

# pipeline_chr20: exactly the 9 expected calls (sites, alleles, GT); 1 and 2 threads identical.
P=$G/pipeline_chr20
PB=$P/expected.CEUTrio.HiSeq.WGS.b37.ch20.1m-1m1k.NA12878.noMD.noBQSR.md.bqsr.bam
expect_exit 0 "pipeline_chr20 run (1 thread)" -- "$HC" --quiet --num-threads 1 --ref "$REF20" --in-bam "$PB" --out-variants "$WORK/p1.vcf"
expect_exit 0 "pipeline_chr20 run (2 threads)" -- "$HC" --quiet --num-threads 2 --ref "$REF20" --in-bam "$PB" --out-variants "$WORK/p2.vcf.gz"
cmp -s "$WORK/p1.vcf" <(gzip -dc "$WORK/p2.vcf.gz") && ok || bad "pipeline_chr20: 1 and 2 threads differ"
EXP=$P/expected.CEUTrio.HiSeq.WGS.b37.ch20.1m-1m1k.NA12878.noMD.noBQSR.md.bqsr.vcf
[ "$(site_gt "$WORK/p1.vcf")" = "$(site_gt "$EXP")" ] && ok || bad "pipeline_chr20 calls: $(site_gt "$WORK/p1.vcf" | paste -sd';')"
same_addp=$(join <(body "$WORK/p1.vcf" | awk -F'\t' '{split($10,s,":"); print $2, s[2]":"s[3]}' | sort) \
                 <(body "$EXP" | awk -F'\t' '{split($10,s,":"); print $2, s[2]":"s[3]}' | sort) | awk '$2 == $3' | wc -l)
echo "pipeline_chr20: AD and DP equal at $same_addp of 9 sites"
finish
