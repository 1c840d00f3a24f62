# shellcheck shell=bash disable=SC2034  # the counts are read by the scripts that source this
# hc_compat_lib.sh -- variant matching for the HaplotypeCaller compat tests (sourced after lib.sh).
#
# vcf_match NAME REF TRUTH CALLS [TARGETS_BED]
#   Both sides: first sample only, `bcftools norm -m -any -f REF` (split multi-allelic records,
#   left-align), sorted, records without an ALT allele in GT (0/0, ./.) dropped. Then
#   `bcftools isec -c none` (CHROM, POS, REF and ALT all equal), restricted to TARGETS_BED when
#   given (-T: by record position). Writes $WORK/NAME/{tp,fn,fp}.tsv, lines
#   "CHROM POS REF ALT GT AD DP" (tp.tsv: truth's GT AD DP then the call's), with GT unphased
#   and its alleles sorted (1|0 -> 0/1), and sets TP_SNP TP_INDEL FN_SNP FN_INDEL FP_SNP
#   FP_INDEL and GT_DIFF (matches whose genotypes differ), AD_DIFF, DP_DIFF. SNP = REF and
#   ALT of equal length (MNPs included), indel otherwise.
# pr_table NAME TITLE: prints the precision/recall table of the last vcf_match of NAME.
# show_rows FILE N: prints up to N lines of FILE, indented.

# _norm REF IN OUT: the normalised, sorted, indexed VCF of IN's first sample.
_norm() {
  local s
  s=$(bcftools query -l "$2" | head -1)
  bcftools view -s "$s" "$2" 2>>"$WORK/bcftools.log" |
    bcftools norm -m -any -f "$1" 2>>"$WORK/bcftools.log" |
    bcftools view -i 'GT="alt"' 2>>"$WORK/bcftools.log" |
    bcftools sort -Oz -o "$3" 2>>"$WORK/bcftools.log" && bcftools index -f "$3"
}

# _rows VCF: "CHROM POS REF ALT GT AD DP" per record, GT unphased and sorted.
_rows() {
  local fmt='%CHROM\t%POS\t%REF\t%ALT[\t%GT]' h
  h=$(bcftools view -h "$1")
  # AD and DP only where the header defines them (bcftools query refuses undefined tags).
  if grep -q '^##FORMAT=<ID=AD,' <<<"$h"; then fmt+='[\t%AD]'; else fmt+='\t.'; fi
  if grep -q '^##FORMAT=<ID=DP,' <<<"$h"; then fmt+='[\t%DP]'; else fmt+='\t.'; fi
  bcftools query -f "$fmt\n" "$1" | awk -F'\t' -v OFS='\t' '
    { n = split($5, a, /[\/|]/)
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] != "." && (a[i] == "." || a[j] + 0 < a[i] + 0)) { t = a[i]; a[i] = a[j]; a[j] = t }
      g = a[1]; for (i = 2; i <= n; i++) g = g "/" a[i]
      if (NF < 6) $6 = "."; if (NF < 7) $7 = "."
      print $1, $2, $3, $4, g, $6, $7 }'
}

vcf_match() {
  local name=$1 ref=$2 truth=$3 calls=$4 bed=${5:-}
  local d=$WORK/$name
  rm -rf "$d"
  mkdir -p "$d"
  TP_SNP=0 TP_INDEL=0 FN_SNP=0 FN_INDEL=0 FP_SNP=0 FP_INDEL=0 GT_DIFF=0 AD_DIFF=0 DP_DIFF=0
  if ! _norm "$ref" "$truth" "$d/truth.vcf.gz"; then bad "$name: bcftools cannot normalise $truth: $(tail -3 "$WORK/bcftools.log")"; return 1; fi
  if ! _norm "$ref" "$calls" "$d/calls.vcf.gz"; then bad "$name: bcftools cannot normalise $calls: $(tail -3 "$WORK/bcftools.log")"; return 1; fi
  local t=()
  [ -z "$bed" ] || t=(-T "$bed")
  if ! bcftools isec -c none "${t[@]}" -p "$d/isec" "$d/truth.vcf.gz" "$d/calls.vcf.gz" 2>>"$WORK/bcftools.log"; then
    bad "$name: bcftools isec failed: $(tail -3 "$WORK/bcftools.log")"
    return 1
  fi
  _rows "$d/isec/0000.vcf" >"$d/fn.tsv"
  _rows "$d/isec/0001.vcf" >"$d/fp.tsv"
  # Shared records: join truth's and the call's rows on CHROM POS REF ALT.
  awk -F'\t' -v OFS='\t' 'NR == FNR { k = $1 FS $2 FS $3 FS $4; v[k] = $5 FS $6 FS $7; next }
    { k = $1 FS $2 FS $3 FS $4; print k, v[k], $5, $6, $7 }' <(_rows "$d/isec/0002.vcf") <(_rows "$d/isec/0003.vcf") >"$d/tp.tsv"
  local snp='length($3) == length($4)'
  TP_SNP=$(awk -F'\t' "$snp" "$d/tp.tsv" | wc -l) TP_INDEL=$(awk -F'\t' "!($snp)" "$d/tp.tsv" | wc -l)
  FN_SNP=$(awk -F'\t' "$snp" "$d/fn.tsv" | wc -l) FN_INDEL=$(awk -F'\t' "!($snp)" "$d/fn.tsv" | wc -l)
  FP_SNP=$(awk -F'\t' "$snp" "$d/fp.tsv" | wc -l) FP_INDEL=$(awk -F'\t' "!($snp)" "$d/fp.tsv" | wc -l)
  awk -F'\t' '$5 != $8' "$d/tp.tsv" >"$d/gt_diff.tsv"
  GT_DIFF=$(wc -l <"$d/gt_diff.tsv")
  AD_DIFF=$(awk -F'\t' '$6 != $9' "$d/tp.tsv" | wc -l)
  DP_DIFF=$(awk -F'\t' '$7 != $10' "$d/tp.tsv" | wc -l)
  return 0
}

pr_table() {
  local title=$2
  awk -v title="$title" -v ts="$TP_SNP" -v ti="$TP_INDEL" -v fns="$FN_SNP" -v fni="$FN_INDEL" \
    -v fps="$FP_SNP" -v fpi="$FP_INDEL" -v gt="$GT_DIFF" 'BEGIN {
    printf "%s\n%-6s %6s %6s %6s %8s %10s\n", title, "type", "TP", "FN", "FP", "recall", "precision"
    row("SNP", ts, fns, fps); row("indel", ti, fni, fpi); row("all", ts + ti, fns + fni, fps + fpi)
    printf "genotype differences among matches: %d\n", gt }
    function row(n, tp, fn, fp) {
      printf "%-6s %6d %6d %6d %8s %10s\n", n, tp, fn, fp, (tp + fn ? sprintf("%.4f", tp / (tp + fn)) : "-"), (tp + fp ? sprintf("%.4f", tp / (tp + fp)) : "-") }'
}

show_rows() {
  head -n "$2" "$1" | sed 's/^/    /'
}
