#!/usr/bin/env bash
# benchmarks/haplotypecaller.sh [BUILD_DIR] -- helicase-haplotypecaller against
# `bcftools mpileup | bcftools call -mv` (1.16) and freebayes (1.3.6) on the same BAMs, with the
# precision and recall of each against the truth.
#
# Inputs (made once into BUILD_DIR/test-cache, shared with the tests' fixtures):
#   na12878  test-data/na12878_b37_bam.sh: the NA12878 pairs aligned by bwa mem, sorted, Picard
#            MarkDuplicates; called over 20:10,000,000-10,100,000; truth GIAB (222 alleles), scored
#            over the 100 kb (outside truth_confident.b37.20_10M.bed the truth is incomplete, so
#            precision there is a lower bound) and inside that BED (49 variants)
#   sim2mb   test-data/sim_chr20.sh bench_hc: 200,000 dwgsim pairs (2x150, 30x) from
#            20:40,000,001-42,000,000 aligned by bwa mem and sorted; truth: dwgsim's mutations;
#            scored inside region.bed (the slice minus 500 bp at each end)
# Each caller is timed with GNU time -v (wall, CPU = user + sys, peak RSS of the largest process).
# Matching as the compat tests (tests/cli/hc_compat_lib.sh: bcftools norm -m -any -f ref, isec
# -c none, genotypes compared on matches). Ratio = peer wall / helicase wall (above 1: helicase is
# faster). Without helicase-haplotypecaller in BUILD_DIR the script says so and runs the peers.
# Environment: THREADS (helicase-haplotypecaller --num-threads, default 2), HELICASE_TESTDATA.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../build}" && pwd)
threads=${THREADS:-2}
data=${HELICASE_TESTDATA:-$here/../../shared/testdata}
cache=$build/test-cache
bin=$build/bin
for tool in bwa samtools bcftools freebayes dwgsim java; do command -v $tool >/dev/null || { echo "$tool not installed" >&2; exit 1; }; done
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) not installed" >&2; exit 1; }
bash "$here/../test-data/reference_fixture.sh" "$cache" --bwa-index
bash "$here/../test-data/na12878_b37_bam.sh" "$cache" "$data"
bash "$here/../test-data/sim_chr20.sh" "$cache/b37_chr20.fa" "$cache/sim" bench_hc
ref=$cache/b37_chr20.fa
WORK=$(mktemp -d "$build/bench-hc.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# hc_compat_lib.sh reports through ok/bad (tests/cli/lib.sh); here a failure stops the script.
ok() { :; }
bad() { echo "error: $*" >&2; exit 1; }
. "$here/../tests/cli/hc_compat_lib.sh"
have=0
if [ -x "$bin/helicase-haplotypecaller" ]; then have=1; else
  echo "helicase-haplotypecaller is not built in $bin: running the peers only"
fi

measure() {  # NAME COMMAND... -> "wall cpu rss_mb" in $WORK/NAME.time
  local name=$1; shift
  /usr/bin/time -v -o "$WORK/$name.raw" "$@" >"$WORK/$name.log" 2>&1 ||
    { echo "$name failed: $(tail -3 "$WORK/$name.log")" >&2; exit 1; }
  awk -F': ' '/Elapsed/ { n = split($2, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i] }
    /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 }
    END { printf "%.2f %.2f %.0f\n", w, u + s, m / 1024 }' "$WORK/$name.raw" >"$WORK/$name.time"
}
score() {  # NAME TRUTH CALLS BED -> snp_recall, snp_precision, indel_recall, indel_precision, gt_diff (tab-separated)
  vcf_match "$1" "$ref" "$2" "$3" "$4"
  awk -v ts="$TP_SNP" -v fs="$FN_SNP" -v ps="$FP_SNP" -v ti="$TP_INDEL" -v fi="$FN_INDEL" -v pi="$FP_INDEL" -v g="$GT_DIFF" '
    function r(tp, fn) { return tp + fn ? sprintf("%.4f (%d/%d)", tp / (tp + fn), tp, tp + fn) : "-" }
    function p(tp, fp) { return tp + fp ? sprintf("%.4f (%d FP)", tp / (tp + fp), fp) : "-" }
    BEGIN { printf "%s\t%s\t%s\t%s\t%d\n", r(ts, fs), p(ts, ps), r(ti, fi), p(ti, pi), g }'
}

rows=()
N=$data/na12878_chr20_10M
for input in na12878 sim2mb; do
  if [ "$input" = na12878 ]; then
    bam=$cache/na12878_b37/na12878.md.bam region=20:10000000-10100000 truth=$N/truth_GIAB_NA12878.b37.20_10M-10.1M.vcf.gz
    awk -v OFS='\t' '{ print $1, $2, $3 }' "$N/region_20_10M-10.1M.bed" >"$WORK/na12878.bed"
    beds=("100kb|$WORK/na12878.bed" "confident BED|$N/truth_confident.b37.20_10M.bed")
  else
    bam=$cache/sim/bench_hc/aligned.bam region=20:40000001-42000000 truth=$cache/sim/bench_hc/truth.vcf.gz
    beds=("2 Mb|$cache/sim/bench_hc/region.bed")
  fi
  callers=(bcftools freebayes)
  [ "$have" -eq 0 ] || callers=(helicase bcftools freebayes)
  for caller in "${callers[@]}"; do
    out=$WORK/$input.$caller.vcf
    case $caller in
      helicase) measure "$input.$caller" "$bin/helicase-haplotypecaller" --ref "$ref" --in-bam "$bam" -L "$region" \
          --out-variants "$out" --num-threads "$threads"
        label="helicase-haplotypecaller --num-threads $threads" ;;
      bcftools) measure "$input.$caller" bash -c "bcftools mpileup -f '$ref' -r '$region' -a AD,DP '$bam' 2>/dev/null |
          bcftools call -mv -o '$out'"
        label="bcftools mpileup | bcftools call -mv" ;;
      freebayes) measure "$input.$caller" bash -c "freebayes -f '$ref' -r '$region' '$bam' >'$out'"
        label="freebayes" ;;
    esac
    read -r w c m <"$WORK/$input.$caller.time"
    for b in "${beds[@]}"; do
      rows+=("$input	$caller	$label	$w	$c	$m	${b%%|*}	$(score "$input.$caller" "$truth" "$out" "${b#*|}")")
    done
  done
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GB, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| input | caller | wall s | CPU s | peak MB | wall vs helicase | scored over | SNP recall | SNP precision | indel recall | indel precision | GT differences |\n'
printf '|---|---|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|\n'
for r in "${rows[@]}"; do
  IFS=$'\t' read -r input caller label w c m over sr sp ir ip g <<<"$r"
  hw=$(printf '%s\n' "${rows[@]}" | awk -F'\t' -v i="$input" '$1 == i && $2 == "helicase" { print $4; exit }')
  ratio=-
  [ -z "$hw" ] || ratio=$(awk -v a="$w" -v b="$hw" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$input" "${label//|/\\|}" "$w" "$c" "$m" "$ratio" "$over" "$sr" "$sp" "$ir" "$ip" "$g"
done
# PairHMM cell updates per second on the CPU (and the GPU in a CUDA build with one): 150 bp reads
# x ~300 bp haplotypes cut from the chr20 reference (benchmarks/kernels/kernel_bench.cpp).
[ ! -x "$bin/helicase-kernel-bench" ] || "$bin/helicase-kernel-bench" --kernels pairhmm --threads "$threads" --seconds 2 \
  --ref "$ref" | grep -E '^(#|kernel|pairhmm)'
