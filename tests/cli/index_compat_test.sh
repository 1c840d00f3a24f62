#!/usr/bin/env bash
# index_compat_test.sh BIN_DIR TESTDATA -- helicase-index against the peers, run side by side:
# P.{ann,amb,pac,bwt,sa} byte for byte against `bwa index -p P` (0.7.17), P.fai (and P.gzi)
# against `samtools faidx`, the .dict against Picard CreateSequenceDictionary (same FASTA path,
# so even UR is equal), on the 1 Mb chr17, both chrM references and generated multi-contig
# FASTAs (N runs, IUPAC codes, lower case; LF and CRLF; plain, gzip and BGZF). Then the loader
# (--check) on the indexes bwa wrote.
. "$(dirname "$0")/lib.sh"
BIN=$1
TD=$2
SRC=$(cd "$(dirname "$0")/../.." && pwd)
PICARD=/usr/share/java/picard.jar
for tool in bwa samtools java bgzip; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool not installed (scripts/setup.sh)"; exit 77; }
done
[ -f "$PICARD" ] || { echo "skipped: $PICARD not installed (scripts/setup.sh)"; exit 77; }
[ -d "$TD/gatk" ] || { echo "skipped: test data not found at $TD"; exit 77; }

same() {  # A B DESCRIPTION
  if cmp -s "$1" "$2"; then ok; else bad "$3: $1 and $2 differ ($(cmp "$1" "$2" 2>&1 | head -c 200))"; fi
}

# compare NAME FASTA [fai]: every file of both tools for one FASTA (fai: also .fai/.gzi).
compare() {
  local name=$1 fa=$2 want_fai=${3:-fai}
  mkdir -p "$WORK/bwa" "$WORK/hel" "$WORK/sam" "$WORK/pic"
  bwa index -p "$WORK/bwa/$name" "$fa" >"$WORK/bwa/$name.log" 2>&1 || bad "$name: bwa index failed"
  expect_exit 0 "$name: helicase-index" -- "$BIN/helicase-index" --ref "$fa" --index-prefix "$WORK/hel/$name" --quiet
  for ext in ann amb pac bwt sa; do same "$WORK/bwa/$name.$ext" "$WORK/hel/$name.$ext" "$name .$ext vs bwa index"; done
  if [ "$want_fai" = fai ]; then
    samtools faidx --fai-idx "$WORK/sam/$name.fai" --gzi-idx "$WORK/sam/$name.gzi" "$fa" || bad "$name: samtools faidx failed"
    same "$WORK/sam/$name.fai" "$WORK/hel/$name.fai" "$name .fai vs samtools faidx"
    if [ -e "$WORK/sam/$name.gzi" ]; then same "$WORK/sam/$name.gzi" "$WORK/hel/$name.gzi" "$name .gzi vs samtools"; fi
    if [ ! -e "$WORK/sam/$name.gzi" ] && [ -e "$WORK/hel/$name.gzi" ]; then bad "$name: .gzi for a plain FASTA"; fi
  elif [ -e "$WORK/hel/$name.fai" ]; then
    bad "$name: .fai written for a plain-gzip FASTA"
  else
    ok
  fi
  java -jar "$PICARD" CreateSequenceDictionary R="$fa" O="$WORK/pic/$name.dict" >"$WORK/pic/$name.log" 2>&1 ||
    bad "$name: Picard failed: $(tail -3 "$WORK/pic/$name.log")"
  same "$WORK/pic/$name.dict" "$WORK/hel/$name.dict" "$name .dict vs Picard"
  # The loader takes bwa's own index and checks it against the FASTA.
  expect_exit 0 "$name: --check on bwa's index" -- "$BIN/helicase-index" --check --ref "$fa" --index-prefix "$WORK/bwa/$name" --quiet --check-samples 2000
  expect_contains "$WORK/last.out" "query checks passed" "$name: --check summary"
}

compare chr17_1Mb "$TD/gatk/bqsr_chr17/human_g1k_v37.chr17_1Mb.fasta"
compare chrM_b37 "$TD/gatk/hc_chrM_b37/GRCh37_MTonly.fa"
compare chrM_hg38 "$TD/gatk/hc_chrM_hg38/Homo_sapiens_assembly38_chrM_only.fasta"

mkdir -p "$WORK/gen"
bash "$SRC/test-data/make_index_fasta.sh" "$WORK/gen/multi.fa" 7
bash "$SRC/test-data/make_index_fasta.sh" "$WORK/gen/multi2.fa" 8
sed 's/$/\r/' "$WORK/gen/multi2.fa" >"$WORK/gen/crlf.fa"
bgzip -c "$WORK/gen/multi.fa" >"$WORK/gen/bgzf.fa.gz"
gzip -c "$WORK/gen/multi2.fa" >"$WORK/gen/plain.fa.gz"
# Many small contigs (1..300 bases, some all N, odd widths), as in assemblies with decoys.
awk 'BEGIN { srand(5); for (c = 1; c <= 3000; c++) { len = 1 + int(rand() * 300); w = 1 + int(rand() * 70); s = "";
  for (i = 0; i < len; i++) { r = rand(); s = s (r < 0.05 ? "N" : r < 0.06 ? "n" : substr("ACGTacgt", 1 + int(rand() * 8), 1)) }
  if (c % 97 == 0) gsub(/./, "N", s)
  print ">c" c; for (i = 1; i <= len; i += w) print substr(s, i, w) } }' >"$WORK/gen/many.fa"
compare many "$WORK/gen/many.fa"
compare multi "$WORK/gen/multi.fa"
compare multi2 "$WORK/gen/multi2.fa"
compare crlf "$WORK/gen/crlf.fa"
compare bgzf "$WORK/gen/bgzf.fa.gz"
compare gzip "$WORK/gen/plain.fa.gz" nofai

# The generated FASTA really has what it is meant to exercise.
awk 'NR == 1 { if ($3 < 100) exit 1 }' "$WORK/hel/multi.amb" && ok || bad "generated FASTA has too few ambiguous runs"
grep -q '[acgt]' "$WORK/gen/multi.fa" && grep -q '[RYKMSWBDHVU]' "$WORK/gen/multi.fa" && grep -q 'nnn' "$WORK/gen/multi.fa" && ok ||
  bad "generated FASTA lacks lower case, IUPAC codes or lower-case N runs"

# Default prefix: files beside the FASTA (P = the FASTA path; .dict without the extension).
cp "$WORK/gen/multi.fa" "$WORK/gen/beside.fa"
expect_exit 0 "default prefix" -- "$BIN/helicase-index" --ref "$WORK/gen/beside.fa" --quiet
for f in beside.fa.ann beside.fa.amb beside.fa.pac beside.fa.bwt beside.fa.sa beside.fa.fai beside.dict; do
  [ -s "$WORK/gen/$f" ] && ok || bad "default prefix: $f missing"
done
same "$WORK/hel/multi.bwt" "$WORK/gen/beside.fa.bwt" "default prefix .bwt"
finish
