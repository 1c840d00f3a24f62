#!/usr/bin/env bash
# bqsr_gatk_test.sh BIN_DIR TESTDATA -- helicase-bqsr reproduces GATK 4.6.2 BaseRecalibrator on
# gatk/bqsr_chr17 byte for byte (all five tables, --enable-baq --compute-indel-bqsr-tables and
# the dbSNP subset); ApplyBQSR with that table then BaseRecalibrator again gives GATK's
# postRecalibrated table. The table does not change with the thread count, the known-sites
# format (VCF, VCF.gz with or without an index, BCF, split over two files) or CRAM input; -L
# gives the table of the reads samtools selects for the same region.
. "$(dirname "$0")/lib.sh"
BIN=$1
C=$2/gatk/bqsr_chr17
REF=$C/human_g1k_v37.chr17_1Mb.fasta
BAM=$C/NA12878.chr17_69k_70k.dictFix.bam
VCF=$C/dbsnp_132.b37.excluding_sites_after_129.chr17_69k_70k.vcf
EXPECTED=$C/expected.NA12878.chr17_69k_70k.txt
POST=$C/expected.NA12878.chr17_69k_70k.postRecalibrated.txt

bqsr() {  # NAME OUT ARGS...
  local name=$1 out=$2; shift 2
  expect_exit 0 "$name" -- "$BIN/helicase-bqsr" --quiet --ref "$REF" --enable-baq -indels --out-recal-file "$out" "$@"
}
same_file() {  # OURS EXPECTED WHAT
  if [ -s "$2" ] && cmp -s "$1" "$2"; then ok; else bad "$3: differs: $(diff "$1" "$2" 2>&1 | head -6 | cut -c1-200)"; fi
}

bqsr "bqsr chr17" "$WORK/t.txt" --in-bam "$BAM" --knownSites "$VCF"
same_file "$WORK/t.txt" "$EXPECTED" "gatk/bqsr_chr17 table ($(wc -l <"$EXPECTED") lines)"

expect_exit 0 "applybqsr with our table" -- "$BIN/helicase-applybqsr" --quiet --in-bam "$BAM" --in-recal-file "$WORK/t.txt" \
  --out-bam "$WORK/recal.bam"
bqsr "bqsr of the recalibrated BAM" "$WORK/post.txt" --in-bam "$WORK/recal.bam" --known-sites "$VCF"
same_file "$WORK/post.txt" "$POST" "gatk/bqsr_chr17 postRecalibrated table"

for t in 1 3; do
  bqsr "bqsr --num-threads $t" "$WORK/t$t.txt" --in-bam "$BAM" --knownSites "$VCF" --num-threads $t
  same_file "$WORK/t$t.txt" "$EXPECTED" "table at $t threads"
done

# Known sites: bgzipped + tabix, bgzipped without index, BCF + CSI, split over two files.
sed 's/INFO\t$/INFO/' "$VCF" >"$WORK/k.vcf"
bgzip -c "$WORK/k.vcf" >"$WORK/k.vcf.gz" && tabix -p vcf "$WORK/k.vcf.gz"
bgzip -c "$WORK/k.vcf" >"$WORK/noidx.vcf.gz"
bcftools view -Ob -o "$WORK/k.bcf" "$WORK/k.vcf.gz" && bcftools index "$WORK/k.bcf"
grep '^#' "$WORK/k.vcf" >"$WORK/a.vcf"; cp "$WORK/a.vcf" "$WORK/b.vcf"
grep -v '^#' "$WORK/k.vcf" | awk 'NR % 2' >>"$WORK/a.vcf"
grep -v '^#' "$WORK/k.vcf" | awk '!(NR % 2)' >>"$WORK/b.vcf"
bqsr "known sites VCF.gz + tbi" "$WORK/gz.txt" --in-bam "$BAM" --knownSites "$WORK/k.vcf.gz"
same_file "$WORK/gz.txt" "$EXPECTED" "known sites as indexed VCF.gz"
bqsr "known sites VCF.gz, no index" "$WORK/noidx.txt" --in-bam "$BAM" --knownSites "$WORK/noidx.vcf.gz"
same_file "$WORK/noidx.txt" "$EXPECTED" "known sites as VCF.gz without index"
bqsr "known sites BCF" "$WORK/bcf.txt" --in-bam "$BAM" --knownSites "$WORK/k.bcf"
same_file "$WORK/bcf.txt" "$EXPECTED" "known sites as BCF"
bqsr "known sites in two files" "$WORK/two.txt" --in-bam "$BAM" --knownSites "$WORK/a.vcf" --knownSites "$WORK/b.vcf"
same_file "$WORK/two.txt" "$EXPECTED" "known sites split over two VCFs"
# Without known sites the table must change (the test can fail).
printf '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n' >"$WORK/empty.vcf"
bqsr "no known sites" "$WORK/none.txt" --in-bam "$BAM" --knownSites "$WORK/empty.vcf"
if cmp -s "$WORK/none.txt" "$EXPECTED"; then bad "an empty known-sites file gave GATK's dbSNP table"; else ok; fi

# CRAM input.
samtools view -C -T "$REF" -o "$WORK/in.cram" "$BAM"
bqsr "CRAM input" "$WORK/cram.txt" --in-bam "$WORK/in.cram" --knownSites "$VCF"
same_file "$WORK/cram.txt" "$EXPECTED" "CRAM input"

# -L equals running on the reads overlapping the region.
samtools view -b -o "$WORK/region.bam" "$BAM" 17:69500-69700
bqsr "-L" "$WORK/l.txt" --in-bam "$BAM" --knownSites "$VCF" -L 17:69,500-69,700
bqsr "region subset" "$WORK/sub.txt" --in-bam "$WORK/region.bam" --knownSites "$VCF"
same_file "$WORK/l.txt" "$WORK/sub.txt" "-L 17:69,500-69,700 vs the samtools subset"
if cmp -s "$WORK/l.txt" "$EXPECTED"; then bad "-L did not restrict the reads"; else ok; fi
finish
