#!/usr/bin/env bash
# markdup_sim.sh OUT_DIR [PAIRS] [REGION] -- a simulated BAM for duplicate marking, made once.
#
# Writes OUT_DIR/markdup_sim.bam (coordinate order, samtools sort) and
# OUT_DIR/markdup_sim.qname.bam (samtools sort -n): dwgsim read pairs (default 20000) from
# REGION of b37 chr20 (default 20:10000001-10600000) of Debian's vt-examples, renamed Illumina-style
# (SIM01:77:FCX:<lane>:<tile>:<x>:<y>, x and y up to 40000 so that Picard's 16-bit
# coordinates wrap), with injected duplicates before alignment:
#   - PCR duplicates: 1-3 copies of a pair anywhere on the flow cell, possibly in another
#     lane (read group) of the same library;
#   - optical duplicates: 1-4 copies in the same lane and tile, each within 80 pixels of the
#     previous copy (chains, so sets of 4 or more take Picard's graph path);
#   - copies keep or perturb the base qualities (ties and clear winners both occur);
#   - 2% of first reads are chimeric (half from elsewhere), so bwa writes supplementary records.
# Four read groups: FCX.1 and FCX.2 (library libA), FCX.3 (libB), FCX.4 (no LB: Picard's
# "Unknown Library"). Aligned with bwa mem -Y -K 100000000 to the slice. Deterministic (own
# random generator in awk). Reuses the files when they exist. bwa uses all cores.
set -euo pipefail
out=$1
pairs=${2:-20000}
region=${3:-20:10000001-10600000}
mkdir -p "$out"
if [ -s "$out/markdup_sim.bam" ] && [ -s "$out/markdup_sim.qname.bam" ]; then exit 0; fi
vt=/usr/share/doc/vt/examples/ref/20.fa.gz
for tool in dwgsim bwa samtools; do command -v $tool >/dev/null || { echo "markdup_sim: $tool not installed" >&2; exit 77; }; done
[ -f "$vt" ] || { echo "markdup_sim: $vt not installed (vt-examples)" >&2; exit 77; }
tmp=$(mktemp -d "$out/.sim.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

samtools faidx "$vt" "$region" | sed '1s/.*/>chr20_slice/' >"$tmp/ref.fa"
bwa index "$tmp/ref.fa" 2>/dev/null
dwgsim -N "$pairs" -1 101 -2 101 -d 400 -s 40 -e 0.004 -E 0.008 -y 0.03 -z 11 "$tmp/ref.fa" "$tmp/sim" >/dev/null 2>&1
r1=$(ls "$tmp"/sim.bwa.read1.fastq* | head -1)
r2=$(ls "$tmp"/sim.bwa.read2.fastq* | head -1)
cat_fq() { case "$1" in *.gz) gzip -dc "$1" ;; *) cat "$1" ;; esac; }

paste <(cat_fq "$r1" | paste - - - -) <(cat_fq "$r2" | paste - - - -) | awk -F'\t' -v OFS='\t' '
  function rnd(n) { seed = (seed * 16807) % 2147483647; return seed % n }
  function perturb(q,   k, p, out) {
    out = q
    for (k = 0; k < 5; k++) {
      p = 1 + rnd(length(out))
      out = substr(out, 1, p - 1) sprintf("%c", 35 + rnd(39)) substr(out, p + 1)
    }
    return out
  }
  function emit(lane, tile, x, y, s1, q1, s2, q2,   name) {
    name = "SIM01:77:FCX:" lane ":" tile ":" x ":" y
    while (name in used) { y++; name = "SIM01:77:FCX:" lane ":" tile ":" x ":" y }
    used[name] = 1
    print "@" name "/1\n" s1 "\n+\n" q1 > r1out
    print "@" name "/2\n" s2 "\n+\n" q2 > r2out
  }
  function copy_quals(q) { return rnd(10) < 3 ? q : perturb(q) }
  BEGIN { seed = 20240611 }
  {
    s1 = $2; q1 = $4; s2 = $6; q2 = $8
    r = rnd(1000)
    # Chimeric first reads (half from the previous pair elsewhere): supplementary records.
    if (r < 20 && prev != "") s1 = substr(s1, 1, 50) substr(prev, 1, 51)
    prev = $2
    lane = 1 + rnd(4); tile = 1101 + rnd(6); x = rnd(40000); y = rnd(40000)
    emit(lane, tile, x, y, s1, q1, s2, q2)
    r = rnd(1000)
    if (r < 60 || (r >= 100 && r < 110)) {
      n = 1 + rnd(3)
      for (c = 0; c < n; c++) {
        l = lane <= 2 ? 1 + rnd(2) : lane
        emit(l, 1101 + rnd(6), rnd(40000), rnd(40000), s1, copy_quals(q1), s2, copy_quals(q2))
      }
    }
    if (r >= 60 && r < 110) {
      n = 1 + rnd(4); cx = x; cy = y
      for (c = 0; c < n; c++) {
        cx += rnd(161) - 80; cy += rnd(161) - 80
        if (cx < 0) cx = -cx
        if (cy < 0) cy = -cy
        emit(lane, tile, cx, cy, s1, copy_quals(q1), s2, copy_quals(q2))
      }
    }
  }' r1out="$tmp/in_R1.fastq" r2out="$tmp/in_R2.fastq"

{
  printf '@RG\tID:FCX.1\tSM:sim\tLB:libA\tPL:ILLUMINA\tPU:FCX.1\n'
  printf '@RG\tID:FCX.2\tSM:sim\tLB:libA\tPL:ILLUMINA\tPU:FCX.2\n'
  printf '@RG\tID:FCX.3\tSM:sim\tLB:libB\tPL:ILLUMINA\tPU:FCX.3\n'
  printf '@RG\tID:FCX.4\tSM:sim\tPL:ILLUMINA\tPU:FCX.4\n'
} >"$tmp/rg.txt"
bwa mem -Y -K 100000000 -t "$(nproc)" "$tmp/ref.fa" "$tmp/in_R1.fastq" "$tmp/in_R2.fastq" 2>/dev/null |
  awk -F'\t' -v OFS='\t' -v rgfile="$tmp/rg.txt" '
    /^@PG/ && !done { while ((getline line < rgfile) > 0) print line; done = 1 }
    /^@/ { print; next }
    { split($1, f, ":"); print $0, "RG:Z:FCX." f[4] }' >"$tmp/aln.sam"
samtools sort -@"$(nproc)" -o "$tmp/markdup_sim.bam" "$tmp/aln.sam" 2>/dev/null
samtools sort -@"$(nproc)" -n -o "$tmp/markdup_sim.qname.bam" "$tmp/aln.sam" 2>/dev/null
mv "$tmp/markdup_sim.qname.bam" "$out/markdup_sim.qname.bam"
mv "$tmp/markdup_sim.bam" "$out/markdup_sim.bam"
