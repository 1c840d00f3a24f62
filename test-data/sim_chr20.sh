#!/usr/bin/env bash
# sim_chr20.sh REF OUTDIR PRESET -- a simulated 2x150 read set with known variants, from a slice of
# b37 chromosome 20 (REF: the reference fixture's b37_chr20.fa, contig 20), made once into
# OUTDIR/PRESET/:
#   R1.fastq.gz, R2.fastq.gz  dwgsim read pairs (gzip -n: reproducible bytes)
#   truth.vcf.gz (+ .tbi)     dwgsim's mutations moved to chr20 coordinates (region start - 1
#                             added), GT 0/1 (dwgsim pl 1 or 2) or 1/1 (pl 3), checked against REF
#                             and left-normalised with bcftools norm -m -any -f REF
#   region.bed                the slice minus 500 bp at each end (coverage ramps there)
#   mutations.txt, dwgsim.log dwgsim's own files, for the record
#   aligned.bam (+ .bai)      only for presets marked "aligned": bwa mem -K 100000000 -Y with read
#                             group ID:sim SM:sim, samtools sort, index (needs REF's bwa index)
# Presets (region, pairs, seed, dwgsim error profile and mutation model):
#   align_a      20:32,000,001-33,000,000  100,000 pairs  seed 101  error ramps 0.1->0.8% (R1),
#                0.2->1.2% (R2); mutation rate 0.1%, 15% indels, extension 0.3; 2% random reads;
#                insert 450 +- 50
#   align_b      20:50,000,001-51,000,000  100,000 pairs  seed 202  flat error 0.6% (R1), 1.2% (R2);
#                mutation rate 0.15%, 25% indels, extension 0.5 (longer indels); 5% random
#                reads; insert 350 +- 30
#   bench_align  20:10,000,001-14,000,000  400,000 pairs  seed 303  ramps 0.2->0.6%, 0.4->1.0%
#   bench_hc     20:40,000,001-42,000,000  200,000 pairs (30x) seed 404  ramps 0.1->0.5%, 0.2->0.8%;
#                no random reads; aligned
# Deterministic: the same bytes every time (dwgsim -z SEED, gzip -n, bcftools --no-version, LC_ALL=C;
# checked: two runs of align_a gave identical FASTQs, mutations and truth records). Cached: when
# OUTDIR/PRESET/.done holds this script's MD5 and REF's size, nothing is done. A lock (flock)
# serialises callers. Exit 77 when dwgsim, bwa, samtools or bcftools is missing.
set -euo pipefail
export LC_ALL=C
if [ $# -ne 3 ]; then
  echo "usage: $0 REF OUTDIR PRESET (align_a, align_b, bench_align, bench_hc)" >&2
  exit 2
fi
ref=$1 outdir=$2 preset=$3
aligned=0
case "$preset" in
  align_a) region=20:32000001-33000000 pairs=100000 seed=101
    opts=(-e 0.001-0.008 -E 0.002-0.012 -r 0.001 -R 0.15 -X 0.3 -y 0.02 -d 450 -s 50) ;;
  align_b) region=20:50000001-51000000 pairs=100000 seed=202
    opts=(-e 0.006 -E 0.012 -r 0.0015 -R 0.25 -X 0.5 -y 0.05 -d 350 -s 30) ;;
  bench_align) region=20:10000001-14000000 pairs=400000 seed=303
    opts=(-e 0.002-0.006 -E 0.004-0.010 -r 0.001 -R 0.15 -X 0.3 -y 0.02 -d 450 -s 50) ;;
  bench_hc) region=20:40000001-42000000 pairs=200000 seed=404 aligned=1
    opts=(-e 0.001-0.005 -E 0.002-0.008 -r 0.001 -R 0.15 -X 0.3 -y 0 -d 400 -s 40) ;;
  *) echo "sim_chr20.sh: unknown preset $preset" >&2; exit 2 ;;
esac
for tool in dwgsim samtools bcftools bgzip tabix flock gzip; do
  command -v "$tool" >/dev/null || { echo "sim_chr20.sh: $tool not installed" >&2; exit 77; }
done
[ "$aligned" -eq 0 ] || command -v bwa >/dev/null || { echo "sim_chr20.sh: bwa not installed" >&2; exit 77; }
[ -s "$ref.fai" ] || { echo "sim_chr20.sh: $ref.fai missing (run test-data/reference_fixture.sh)" >&2; exit 1; }
[ "$aligned" -eq 0 ] || [ -s "$ref.sa" ] || { echo "sim_chr20.sh: no bwa index beside $ref (reference_fixture.sh --bwa-index)" >&2; exit 1; }

out=$outdir/$preset
mkdir -p "$out"
exec 9>"$out/.lock"
flock -w 3600 9 || { echo "sim_chr20.sh: timed out waiting for the lock on $out" >&2; exit 1; }
stamp="$(md5sum <"$0" | cut -d' ' -f1) $(stat -c %s "$ref")"
if [ -f "$out/.done" ] && [ "$(cat "$out/.done")" = "$stamp" ]; then
  echo "sim $preset: up to date in $out"
  exit 0
fi
rm -f "$out/.done"
tmp=$(mktemp -d "$out/.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)

offset=${region#*:}
offset=$(( ${offset%-*} - 1 ))
samtools faidx "$ref" "$region" | sed "1s/.*/>$preset/" >"$tmp/slice.fa"
dwgsim -z "$seed" -N "$pairs" -1 150 -2 150 "${opts[@]}" -o 1 "$tmp/slice.fa" "$tmp/sim" >"$tmp/dwgsim.log" 2>&1 ||
  { tail -5 "$tmp/dwgsim.log" >&2; echo "sim_chr20.sh: dwgsim failed" >&2; exit 1; }
for m in 1 2; do
  gzip -dc "$tmp/sim.bwa.read$m.fastq.gz" | gzip -n -6 >"$tmp/R$m.fastq.gz"
done

# Truth in chr20 coordinates with genotypes. dwgsim's pl: 1 or 2 = one haplotype, 3 = both.
len=$(awk '$1 == "20" { print $2 }' "$ref.fai")
{
  printf '##fileformat=VCFv4.2\n##contig=<ID=20,length=%s>\n' "$len"
  printf '##INFO=<ID=mt,Number=1,Type=String,Description="dwgsim variant type">\n'
  printf '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
  printf '##source=test-data/sim_chr20.sh %s (dwgsim -z %s, %s)\n' "$preset" "$seed" "$region"
  printf '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t%s\n' "sim"
  grep -v '^#' "$tmp/sim.mutations.vcf" | awk -F'\t' -v OFS='\t' -v off="$offset" '
    { gt = ($8 ~ /pl=3/) ? "1/1" : "0/1"; mt = $8; sub(/.*mt=/, "", mt); sub(/;.*/, "", mt)
      print "20", $2 + off, ".", $4, $5, ".", "PASS", "mt=" mt, "GT", gt }'
} >"$tmp/truth.raw.vcf"
bcftools norm --no-version --check-ref e -m -any -f "$ref" "$tmp/truth.raw.vcf" 2>"$tmp/norm.log" |
  bcftools sort -Oz -o "$tmp/truth.vcf.gz" 2>>"$tmp/norm.log" ||
  { cat "$tmp/norm.log" >&2; echo "sim_chr20.sh: the truth does not agree with $ref" >&2; exit 1; }
tabix -p vcf "$tmp/truth.vcf.gz"
awk -v OFS='\t' -v r="$region" 'BEGIN { split(r, a, /[:-]/); print a[1], a[2] - 1 + 500, a[3] - 500 }' >"$tmp/region.bed"

if [ "$aligned" -eq 1 ]; then
  bwa mem -t "$(nproc)" -K 100000000 -Y -R '@RG\tID:sim\tSM:sim\tLB:lib1\tPL:ILLUMINA' "$ref" \
    "$tmp/R1.fastq.gz" "$tmp/R2.fastq.gz" 2>"$tmp/bwa.log" | samtools sort -@2 -o "$tmp/aligned.bam" - 2>>"$tmp/bwa.log" ||
    { tail -5 "$tmp/bwa.log" >&2; echo "sim_chr20.sh: bwa mem or samtools sort failed" >&2; exit 1; }
  samtools index "$tmp/aligned.bam"
  mv "$tmp/aligned.bam.bai" "$tmp/aligned.bam" "$out/"
fi
mv "$tmp/sim.mutations.txt" "$out/mutations.txt"
mv "$tmp/dwgsim.log" "$tmp/R1.fastq.gz" "$tmp/R2.fastq.gz" "$tmp/region.bed" "$tmp/truth.vcf.gz" "$tmp/truth.vcf.gz.tbi" "$out/"
echo "$stamp" >"$out/.done"
echo "sim $preset: $pairs pairs from $region (seed $seed), $(bcftools view -H "$out/truth.vcf.gz" | wc -l) true variants" \
  "($(bcftools view -H -v snps "$out/truth.vcf.gz" | wc -l) SNPs), $(($(date +%s) - start)) s -> $out"
