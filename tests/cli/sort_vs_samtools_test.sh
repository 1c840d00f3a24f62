#!/usr/bin/env bash
# sort_vs_samtools_test.sh BIN_DIR TESTDATA -- helicase-sort against samtools sort 1.16 run here:
# identical records (in order) and headers on every BAM/SAM of the test data, as given and
# shuffled (samtools collate), in both orders; the spill path (--memory-limit 1M) giving the
# same bytes as the in-memory path; thread counts; indexes (BAI and CSI) answering region
# queries as samtools' own; SAM and CRAM in and out; crafted edge cases.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sort_lib.sh"
BIN=$1
T=$2

inputs=("$T"/gatk/bqsr_chr17/*.bam "$T"/gatk/markdup/*.bam "$T"/gatk/markdup/*.sam "$T"/picard_md/*.sam
  "$T"/picard_md/CheckDuplicateMarking/*.sam "$T"/gatk/pipeline_chr20/*.bam "$T"/na12878_chr20_10M/*.bam)
i=0
for f in "${inputs[@]}"; do
  i=$((i + 1))
  samtools collate -u -O "$f" "$WORK/collate" >"$WORK/in$i.shuffled.bam" 2>/dev/null || { bad "collate $f"; continue; }
  for order in coordinate queryname; do
    compare_sort "f$i.$order" "$f" "$order"
    compare_sort "f$i.$order.shuffled" "$WORK/in$i.shuffled.bam" "$order"
  done
  same_regions "f$i.regions" "$WORK/f$i.coordinate.shuffled.bam" "$WORK/f$i.coordinate.shuffled.samtools.bam"
  rm -f "$WORK"/f$i.* "$WORK/in$i.shuffled.bam"
done
echo "compared ${#inputs[@]} files" >&2

# The spill path: a 1M limit spills dozens of runs and merges them in several passes; the
# output and its index are byte-identical to the in-memory run (both without the @PG line,
# whose command line differs); no temporary file remains. Thread counts change no byte.
samtools collate -u -O "$T/na12878_chr20_10M/NA12878_S1.chr20.10_10p1mb.bam" "$WORK/collate" >"$WORK/big.bam"
mkdir -p "$WORK/tmpdir"
for order in coordinate queryname; do
  compare_sort "mem.$order" "$WORK/big.bam" "$order"
  expect_exit 0 "in memory $order" -- "$BIN/helicase-sort" --in-bam "$WORK/big.bam" --out-bam "$WORK/nopg.$order.bam" \
    --sort-order "$order" --no-PG
  expect_exit 0 "spill $order" -- "$BIN/helicase-sort" --in-bam "$WORK/big.bam" --out-bam "$WORK/spill.$order.bam" \
    --sort-order "$order" --memory-limit 1M --tmp-dir "$WORK/tmpdir" --num-threads 3 --no-PG
  expect_contains "$WORK/last.err" "runs)" "spill $order merged runs"
  if cmp -s "$WORK/spill.$order.bam" "$WORK/nopg.$order.bam"; then ok; else bad "spill $order: output differs from the in-memory sort"; fi
  same_records "spill.$order" "$WORK/spill.$order.bam" "$WORK/mem.$order.samtools.bam"
  if [ -z "$(ls -A "$WORK/tmpdir")" ]; then ok; else bad "tmp-dir not empty: $(ls -A "$WORK/tmpdir")"; fi
done
if cmp -s "$WORK/spill.coordinate.bam.bai" "$WORK/nopg.coordinate.bam.bai"; then ok; else bad "spill index differs"; fi
same_regions spill.regions "$WORK/spill.coordinate.bam" "$WORK/mem.coordinate.samtools.bam"
for t in 1 4; do
  expect_exit 0 "threads $t" -- "$BIN/helicase-sort" --quiet --in-bam "$WORK/big.bam" --out-bam "$WORK/t$t.bam" \
    --num-threads "$t" --no-PG
  if cmp -s "$WORK/t$t.bam" "$WORK/nopg.coordinate.bam" && cmp -s "$WORK/t$t.bam.bai" "$WORK/nopg.coordinate.bam.bai"; then ok
  else bad "--num-threads $t changes the output"; fi
done
no_leftovers "work folder" "$WORK"

# Crafted edge cases: header order of contigs (c10 before c2), no-contig reads with and
# without a position, unmapped reads placed at their mate, position 0, equal positions on
# both strands in reverse input order, names with leading zeros, READ1/READ2/secondary.
{
  printf '@HD\tVN:1.6\tSO:unsorted\tGO:query\n@SQ\tSN:c10\tLN:1000\n@SQ\tSN:c2\tLN:1000\n@SQ\tSN:c1\tLN:1000\n'
  printf 'u2\t4\t*\t50\t0\t*\t*\t0\t0\tAC\tII\nu1\t4\t*\t0\t0\t*\t*\t0\t0\tAC\tII\nu0\t4\t*\t50\t0\t*\t*\t0\t0\tAC\tII\n'
  for n in m5:16 m4:0 m3:16 m2:0; do printf '%s\t%s\tc1\t100\t60\t2M\t*\t0\t0\tAC\tII\n' "${n%:*}" "${n#*:}"; done
  printf 'p1\t73\tc2\t10\t60\t2M\t=\t10\t0\tAC\tII\np1\t133\tc2\t10\t0\t*\t=\t10\t0\tAC\tII\n'
  printf 'z0\t4\tc2\t0\t0\t*\t*\t0\t0\tAC\tII\np1\t2121\tc2\t10\t60\t2M\t=\t10\t0\tAC\tII\n'
  for n in q01:128:5 q1:64:5 q1:128:5 q001:64:1 q1:0:1 q1:192:1 q1:256:1 q1:2048:1 r9:0:7 r10:0:7 r010:0:7; do
    IFS=: read -r name flag pos <<<"$n"
    printf '%s\t%s\tc10\t%s\t60\t2M\t*\t0\t0\tAC\tII\n' "$name" "$flag" "$pos"
  done
} >"$WORK/edge.sam"
for order in coordinate queryname; do compare_sort "edge.$order" "$WORK/edge.sam" "$order"; done
expect_exit 0 "edge to SAM" -- "$BIN/helicase-sort" --quiet --in-bam "$WORK/edge.sam" --out-bam "$WORK/edge.out.sam"
if cmp -s <(grep -v '^@' "$WORK/edge.out.sam") <(samtools sort -O sam "$WORK/edge.sam" 2>/dev/null | grep -v '^@'); then ok; else bad "SAM output differs"; fi
expect_contains "$WORK/edge.out.sam" "@HD	VN:1.6	SO:coordinate" "SAM output header: SO set, GO removed"

# A contig longer than BAI can address: a CSI index, as samtools needs, that answers queries.
{
  printf '@HD\tVN:1.6\n@SQ\tSN:big\tLN:700000000\n@SQ\tSN:small\tLN:1000\n'
  for p in 650000000 600000100 600000000 5 600000000 536870913; do
    printf 'b%s\t0\tbig\t%s\t60\t2M\t*\t0\t0\tAC\tII\n' "$p" "$p"
  done
  printf 's1\t0\tsmall\t7\t60\t2M\t*\t0\t0\tAC\tII\n'
} >"$WORK/long.sam"
compare_sort long "$WORK/long.sam" coordinate
if [ -s "$WORK/long.bam.csi" ] && [ ! -e "$WORK/long.bam.bai" ]; then ok; else bad "long contig: expected long.bam.csi only"; fi
for r in big:600000000-600000050 big:536870000-536871000 small; do
  if [ "$(samtools view -c "$WORK/long.bam" "$r")" -gt 0 ] &&
    cmp -s <(samtools view "$WORK/long.bam" "$r") <(samtools view "$WORK/long.samtools.bam" "$r" 2>/dev/null ||
      (samtools index -c "$WORK/long.samtools.bam" && samtools view "$WORK/long.samtools.bam" "$r")); then ok
  else bad "long contig region $r"; fi
done

# CRAM: in (made here with samtools) and out, with --ref.
REF=$T/gatk/bqsr_chr17/human_g1k_v37.chr17_1Mb.fasta
BAM17=$T/gatk/bqsr_chr17/NA12878.chr17_69k_70k.dictFix.bam
samtools collate -u -O "$BAM17" "$WORK/collate" | samtools view -C -T "$REF" -o "$WORK/in17.cram" -
compare_sort cram_in "$WORK/in17.cram" coordinate --ref "$REF"
expect_exit 2 "CRAM input without --ref" -- "$BIN/helicase-sort" --in-bam "$WORK/in17.cram" --out-bam "$WORK/x.bam"
expect_exit 0 "CRAM output" -- "$BIN/helicase-sort" --quiet --in-bam "$BAM17" --out-bam "$WORK/out17.cram" --ref "$REF"
if [ -s "$WORK/out17.cram.crai" ]; then ok; else bad "no .crai beside the CRAM output"; fi
samtools sort --reference "$REF" -O cram -o "$WORK/s17.cram" "$BAM17" 2>/dev/null
if cmp -s <(samtools view -T "$REF" "$WORK/out17.cram") <(samtools view -T "$REF" "$WORK/s17.cram"); then ok; else bad "CRAM output records differ"; fi
samtools index "$WORK/s17.cram"
if [ "$(samtools view -c -T "$REF" "$WORK/out17.cram" 17:69500-69800)" -gt 0 ] &&
  cmp -s <(samtools view -T "$REF" "$WORK/out17.cram" 17:69500-69800) <(samtools view -T "$REF" "$WORK/s17.cram" 17:69500-69800); then ok
else bad "CRAM region query differs"; fi
finish
