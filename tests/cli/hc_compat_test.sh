#!/usr/bin/env bash
# hc_compat_test.sh BIN_DIR TESTDATA CACHE CASE [MODE] -- helicase-haplotypecaller's calls against
# GATK's expected calls or the GIAB truth (issue 7), matched by hc_compat_lib.sh (bcftools norm
# -m -any -f REF on both sides, bcftools isec -c none, genotypes compared on every match).
# CASE:
#   chrM_b37        gatk/hc_chrM_b37: culprit.bam on GRCh37_MTonly.fa: the 2 expected records
#                   (sites, alleles, GT), nothing else
#   chrM_hg38       gatk/hc_chrM_hg38: issue3845_bug.bam, -L chrM: the 1 expected record, nothing else
#   pipeline_chr20  gatk/pipeline_chr20: the expected md.bqsr.bam on b37 chr20 (CACHE/b37_chr20.fa):
#                   exactly the 9 expected calls, GT, AD and DP equal (QUAL is not comparable)
#   na12878         CACHE/na12878_b37/na12878.md.bam (test-data/na12878_b37_bam.sh: bwa mem, samtools
#                   sort, Picard), -L 20:10000000-10100000, against the GIAB truth: inside
#                   truth_confident.b37.20_10M.bed all 49 found, same genotypes, no false positive;
#                   over the 100 kb >= 185/186 SNPs and >= 35/36 indels, and the SNP at 20:10,012,636
#                   and the 36 bp deletion at 20:10,097,436 found; prints precision/recall tables
#   format          the same NA12878 run: INFO/FORMAT/FILTER header lines (ID, Number, Type), the INFO
#                   keys used on records and the FORMAT strings equal those of GATK 4.6.2's
#                   gatk/hc_chr20_expected_only/expected.testVCFMode.gatk4.vcf (20:10-10.1 Mb, other
#                   NA12878 data)
# Every case also checks that bcftools reads the whole output without an error or warning.
# MODE (to check this script itself; default tool):
#   tool          run $BIN_DIR/helicase-haplotypecaller
#   bcftools      bcftools mpileup -a AD,DP | bcftools call -mv on the same BAM and region stand in
#   expected      the expected file (or the truth) stands in for the calls: must pass
#   drop-one, flip-gt, bump-dp, add-fp, drop-anchor, drop-info-header
#                 the expected file with one record removed / its GT changed (1/1 <-> 0/1) / its
#                 FORMAT DP plus one (pipeline_chr20 compares it) / a false SNP added next to it (the first expected record; for na12878 the first
#                 inside the BED) / (na12878) 20:10,012,636 removed / (format) the first ##INFO
#                 header line removed: must fail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hc_compat_lib.sh"
BIN=$1 DATA=$2 CACHE=$3 CASE=$4 MODE=${5:-tool}
G=$DATA/gatk
for tool in bcftools bgzip tabix; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool not installed"; exit 77; }
done

region='' bed=''
case "$CASE" in
  chrM_b37) ref=$G/hc_chrM_b37/GRCh37_MTonly.fa bam=$G/hc_chrM_b37/culprit.bam
    expected=$G/hc_chrM_b37/expected_output_gatk3.vcf ;;
  chrM_hg38) ref=$G/hc_chrM_hg38/Homo_sapiens_assembly38_chrM_only.fasta bam=$G/hc_chrM_hg38/issue3845_bug.bam
    expected=$G/hc_chrM_hg38/expected_testCompletelyClippedReadNearStartOfContig_revertSoftClipped_gatk4.vcf
    region=chrM ;;
  pipeline_chr20) ref=$CACHE/b37_chr20.fa
    bam=$G/pipeline_chr20/expected.CEUTrio.HiSeq.WGS.b37.ch20.1m-1m1k.NA12878.noMD.noBQSR.md.bqsr.bam
    expected=$G/pipeline_chr20/expected.CEUTrio.HiSeq.WGS.b37.ch20.1m-1m1k.NA12878.noMD.noBQSR.md.bqsr.vcf ;;
  na12878) ref=$CACHE/b37_chr20.fa bam=$CACHE/na12878_b37/na12878.md.bam
    N=$DATA/na12878_chr20_10M
    expected=$N/truth_GIAB_NA12878.b37.20_10M-10.1M.vcf.gz bed=$N/truth_confident.b37.20_10M.bed
    region=20:10000000-10100000 ;;
  format) ref=$CACHE/b37_chr20.fa bam=$CACHE/na12878_b37/na12878.md.bam region=20:10000000-10100000
    expected=$G/hc_chr20_expected_only/expected.testVCFMode.gatk4.vcf ;;
  *) echo "unknown case $CASE" >&2; exit 2 ;;
esac
for f in "$ref" "$ref.fai" "$expected"; do
  [ -s "$f" ] || { bad "$CASE: $f missing (reference fixture?)"; finish; exit; }
done

# The calls, by MODE, into $WORK/calls.vcf(.gz).
calls=$WORK/calls.vcf
# The record the failing modes change: the first expected record (inside the BED for na12878).
t=()
[ -z "$bed" ] || t=(-T "$bed")
read -r tc tp < <(bcftools view -H "${t[@]}" "$expected" | head -1 | cut -f1,2)
case "$MODE" in
  tool)
    [ -x "$BIN/helicase-haplotypecaller" ] || { echo "skipped: helicase-haplotypecaller not built"; exit 77; }
    [ -s "$bam" ] || { bad "$CASE: $bam missing (fixture)"; finish; exit; }
    args=(--ref "$ref" --in-bam "$bam" --out-variants "$calls")
    [ -z "$region" ] || args+=(-L "$region")
    start=$(date +%s.%N)
    expect_exit 0 "$CASE: helicase-haplotypecaller" -- "$BIN/helicase-haplotypecaller" "${args[@]}"
    echo "$CASE: helicase-haplotypecaller ${args[*]}: $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s"
    [ -s "$calls" ] || { bad "$CASE: no output"; finish; exit; }
    ;;
  bcftools)
    [ -s "$bam" ] || { bad "$CASE: $bam missing (fixture)"; finish; exit; }
    r=()
    [ -z "$region" ] || r=(-r "$region")
    bcftools mpileup -f "$ref" "${r[@]}" -a AD,DP "$bam" 2>"$WORK/mpileup.log" | bcftools call -mv -o "$calls" 2>>"$WORK/mpileup.log" ||
      { bad "$CASE: bcftools failed: $(tail -3 "$WORK/mpileup.log")"; finish; exit; }
    ;;
  expected) bcftools view -o "$calls" "$expected" ;;
  drop-one) bcftools view "$expected" | awk -F'\t' -v c="$tc" -v p="$tp" '!($1 == c && $2 == p)' >"$calls" ;;
  flip-gt) bcftools view "$expected" | awk -F'\t' -v OFS='\t' -v c="$tc" -v p="$tp" '/^#/ || !($1 == c && $2 == p) { print; next }
      { split($10, f, ":"); g = f[1]; rest = substr($10, length(g) + 1)
        $10 = ((g == "1/1" || g == "1|1") ? "0/1" : "1/1") rest; print }' >"$calls" ;;
  bump-dp) bcftools view "$expected" | awk -F'\t' -v OFS='\t' -v c="$tc" -v p="$tp" '/^#/ || !($1 == c && $2 == p) { print; next }
      { n = split($9, k, ":"); split($10, v, ":"); for (i = 1; i <= n; i++) if (k[i] == "DP") v[i] = v[i] + 1
        $10 = v[1]; for (i = 2; i <= n; i++) $10 = $10 ":" v[i]; print }' >"$calls" ;;
  add-fp)  # a SNP at the base after the chosen record (REF from the reference), its genotype copied
    b=$(samtools faidx "$ref" "$tc:$((tp + 1))-$((tp + 1))" | tail -1)
    alt=A; [ "$b" != A ] || alt=C
    bcftools view "$expected" | awk -F'\t' -v OFS='\t' -v c="$tc" -v p="$tp" -v b="$b" -v alt="$alt" '
      { print } !/^#/ && $1 == c && $2 == p { $2 = p + 1; $4 = b; $5 = alt; print }' >"$calls" ;;
  drop-info-header) awk '/^##INFO/ && !done { done = 1; next } { print }' "$expected" >"$calls" ;;
  drop-anchor) bcftools view "$expected" | awk -F'\t' '!($1 == "20" && $2 == 10012636)' >"$calls" ;;
  *) echo "unknown mode $MODE" >&2; exit 2 ;;
esac
if bcftools view "$calls" >/dev/null 2>"$WORK/view.err" && [ ! -s "$WORK/view.err" ]; then ok; else
  bad "$CASE: bcftools reads the calls with errors or warnings: $(head -c 300 "$WORK/view.err")"
fi

report_diffs() {  # NAME: the unmatched and genotype-differing records, a few each
  local d=$WORK/$1
  [ ! -s "$d/fn.tsv" ] || { echo "  missed (truth only):"; show_rows "$d/fn.tsv" 10; }
  [ ! -s "$d/fp.tsv" ] || { echo "  extra (calls only):"; show_rows "$d/fp.tsv" 10; }
  [ ! -s "$d/gt_diff.tsv" ] || { echo "  genotype differs (truth GT AD DP | call GT AD DP):"; show_rows "$d/gt_diff.tsv" 10; }
}

# header_keys VCF: "INFO|FORMAT|FILTER ID Number Type" per header line, sorted.
header_keys() {
  bcftools view -h "$1" | awk '/^##(INFO|FORMAT|FILTER)=</ { t = substr($0, 3, index($0, "=") - 3)
    id = $0; sub(/.*<ID=/, "", id); sub(/,.*/, "", id)
    n = ""; if (match($0, /Number=[^,>]*/)) n = substr($0, RSTART + 7, RLENGTH - 7)
    y = ""; if (match($0, /Type=[^,>]*/)) y = substr($0, RSTART + 5, RLENGTH - 5)
    print t, id, n, y }' | sort
}
# used_keys VCF: the INFO keys used on any record and the FORMAT strings, sorted.
used_keys() {
  bcftools view -H "$1" | awk -F'\t' '{ n = split($8, kv, ";"); for (i = 1; i <= n; i++) { k = kv[i]; sub(/=.*/, "", k); u["INFO " k] = 1 }
    u["FORMAT " $9] = 1 } END { for (k in u) print k }' | sort
}

case "$CASE" in
  format)
    if diff <(header_keys "$expected") <(header_keys "$calls") >"$WORK/hdr.diff"; then ok; else
      bad "format: INFO/FORMAT/FILTER header lines differ from GATK's (< GATK, > ours):"; cat "$WORK/hdr.diff"
    fi
    if diff <(used_keys "$expected") <(used_keys "$calls") >"$WORK/used.diff"; then ok; else
      bad "format: annotations used on records differ from GATK's (< GATK, > ours):"; cat "$WORK/used.diff"
    fi
    echo "format ($MODE): $(header_keys "$calls" | wc -l) INFO/FORMAT/FILTER header lines, $(used_keys "$calls" | wc -l) annotation keys and FORMAT strings used"
    ;;
  chrM_b37 | chrM_hg38 | pipeline_chr20)
    vcf_match "$CASE" "$ref" "$expected" "$calls" || { finish; exit; }
    want=$(bcftools view -H "$expected" | wc -l)
    tp=$((TP_SNP + TP_INDEL)) fn=$((FN_SNP + FN_INDEL)) fp=$((FP_SNP + FP_INDEL))
    echo "$CASE ($MODE): $tp of $want expected records found, $fn missed, $fp extra, $GT_DIFF genotypes differ"
    report_diffs "$CASE"
    if [ "$fn" -eq 0 ] && [ "$tp" -eq "$want" ]; then ok; else bad "$CASE: $fn of $want expected records missed"; fi
    if [ "$fp" -eq 0 ]; then ok; else bad "$CASE: $fp records not expected"; fi
    if [ "$GT_DIFF" -eq 0 ]; then ok; else bad "$CASE: $GT_DIFF genotypes differ"; fi
    if [ "$CASE" = pipeline_chr20 ]; then
      echo "$CASE: AD differs on $AD_DIFF, DP on $DP_DIFF of $tp matches"
      if [ "$AD_DIFF" -eq 0 ] && [ "$DP_DIFF" -eq 0 ]; then ok; else
        bad "$CASE: AD differs on $AD_DIFF, DP on $DP_DIFF matches"
        awk -F'\t' '$6 != $9 || $7 != $10' "$WORK/$CASE/tp.tsv" | show_rows /dev/stdin 10
      fi
    fi
    ;;
  na12878)
    awk -v OFS='\t' '{ print $1, $2, $3 }' "$N/region_20_10M-10.1M.bed" >"$WORK/region.bed"
    # Inside the confident intervals: everything, exactly.
    vcf_match conf "$ref" "$expected" "$calls" "$bed" || { finish; exit; }
    pr_table conf "na12878 ($MODE), inside truth_confident.b37.20_10M.bed (11 intervals, 9 kb):"
    report_diffs conf
    if [ $((TP_SNP + TP_INDEL)) -eq 49 ] && [ $((FN_SNP + FN_INDEL)) -eq 0 ]; then ok; else
      bad "confident intervals: $((TP_SNP + TP_INDEL)) of 49 found"
    fi
    if [ $((FP_SNP + FP_INDEL)) -eq 0 ]; then ok; else bad "confident intervals: $((FP_SNP + FP_INDEL)) false positives"; fi
    if [ "$GT_DIFF" -eq 0 ]; then ok; else bad "confident intervals: $GT_DIFF genotypes differ"; fi
    # The whole 100 kb (outside the BED the truth is incomplete: extra calls are not all false).
    vcf_match all "$ref" "$expected" "$calls" "$WORK/region.bed" || { finish; exit; }
    pr_table all "na12878 ($MODE), the whole 20:10,000,000-10,100,000 (FP outside the BED not all false):"
    report_diffs all
    if [ $((TP_SNP + FN_SNP)) -eq 186 ] && [ $((TP_INDEL + FN_INDEL)) -eq 36 ]; then ok; else
      bad "the truth should hold 186 SNPs and 36 indels after splitting, not $((TP_SNP + FN_SNP)) and $((TP_INDEL + FN_INDEL))"
    fi
    if [ "$TP_SNP" -ge 185 ]; then ok; else bad "100 kb: $TP_SNP of 186 SNPs found, expected at least 185"; fi
    if [ "$TP_INDEL" -ge 35 ]; then ok; else bad "100 kb: $TP_INDEL of 36 indels found, expected at least 35"; fi
    # The two anchors, as normalised in the truth: the SNP and the 36 bp STR deletion.
    snp=$(awk -F'\t' '$2 == 10012636 && length($3) == 1 && length($4) == 1' "$WORK/all/tp.tsv" "$WORK/all/fn.tsv" | head -1 | cut -f1-4)
    del=$(awk -F'\t' '$2 >= 10097300 && $2 <= 10097436 && length($3) - length($4) == 36' "$WORK/all/tp.tsv" "$WORK/all/fn.tsv" | head -1 | cut -f1-4)
    for anchor in "SNP at 20:10,012,636|$snp" "36 bp deletion at 20:10,097,436|$del"; do
      what=${anchor%%|*} key=${anchor#*|}
      if [ -z "$key" ]; then bad "the truth lacks the $what"; continue; fi
      if grep -qF "$key" "$WORK/all/tp.tsv"; then
        echo "anchor: $what ($(echo "$key" | tr '\t' ' ')): found, GT $(grep -F "$key" "$WORK/all/tp.tsv" | cut -f8 | head -1)"
        ok
      else
        echo "anchor: $what ($(echo "$key" | tr '\t' ' ')): MISSED"
        bad "$what missed (if GATK 4.6 misses it too, docs/compatibility.md must say why)"
      fi
    done
    ;;
esac
finish
