#!/usr/bin/env bash
# sam_compare_test.sh BIN_DIR SAM_COMPARE -- the aligner comparator on crafted SAM files: it passes
# on identical input (also SAM against BAM, @PG aside, runs of a read out of step), and it fails,
# naming the right field or tag, on each kind of difference (every SAM field, a tag value, an
# extra tag, a missing record, a header line), so that a compat test built on it cannot pass
# silently.
. "$(dirname "$0")/lib.sh"
CMP=$2
if ! command -v samtools >/dev/null; then echo "skipped: samtools not installed"; exit 77; fi
T=$'\t'
{
  printf '@SQ\tSN:20\tLN:100000\n@SQ\tSN:21\tLN:50000\n'
  printf '@RG\tID:rg1\tSM:s1\n@PG\tID:bwa\tPN:bwa\tVN:0.7.17-r1188\tCL:bwa mem\n'
  printf 'r1\t99\t20\t100\t60\t10M\t=\t200\t110\tACGTACGTAC\tIIIIIIIIII\tNM:i:0\tMD:Z:10\tAS:i:10\tXS:i:0\tRG:Z:rg1\n'
  printf 'r1\t147\t20\t200\t60\t10M\t=\t100\t-110\tTTGCATGCAA\tIIIIIIIII#\tNM:i:1\tMD:Z:4A5\tAS:i:5\tXS:i:0\tRG:Z:rg1\n'
  printf 'r2\t97\t20\t500\t60\t5M5S\t21\t300\t0\tGGGGGCCCCC\tIIIIIIIIII\tNM:i:0\tMD:Z:5\tAS:i:5\tXS:i:0\tSA:Z:21,1000,+,5S5M,30,0;\tRG:Z:rg1\n'
  printf 'r2\t2145\t21\t1000\t30\t5S5M\t21\t300\t0\tGGGGGCCCCC\tIIIIIIIIII\tNM:i:0\tMD:Z:5\tAS:i:5\tXS:i:0\tSA:Z:20,500,+,5M5S,60,0;\tRG:Z:rg1\n'
  printf 'r2\t145\t21\t300\t60\t10M\t20\t500\t0\tAAAAACCCCC\tIIIIIIIIII\tNM:i:0\tMD:Z:10\tAS:i:10\tXS:i:0\tXA:Z:20,+900,10M,1;\tRG:Z:rg1\n'
  printf 'r3\t77\t*\t0\t0\t*\t*\t0\t0\tNNNNNNNNNN\t##########\tAS:i:0\tXS:i:0\tRG:Z:rg1\n'
  printf 'r3\t141\t*\t0\t0\t*\t*\t0\t0\tACGTNACGTN\t##########\tAS:i:0\tXS:i:0\tRG:Z:rg1\n'
} >"$WORK/base.sam"

# run NAME WANT_EXIT [--min-identical X] FILE: compares base.sam with FILE; output in NAME.out.
run() {
  local name=$1 want=$2; shift 2
  "$CMP" --labels bwa,ours "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
  local got=$?
  if [ "$got" -eq "$want" ]; then ok; else bad "$name: exit $got, expected $want: $(cat "$WORK/$name.out" "$WORK/$name.err" | head -c 600)"; fi
}
# count NAME ROW N: the table row ROW of NAME.out says N mismatches.
count() {
  local got; got=$(awk -v r="$2" '$1 == r { print $2; exit }' "$WORK/$1.out")
  if [ "$got" = "$3" ]; then ok; else bad "$1: row $2 says '$got', expected $3"; fi
}
# only_row NAME ROW: ROW has 1 mismatch and every other field/tag row 0.
only_row() {
  local r
  for r in FLAG RNAME POS MAPQ CIGAR RNEXT PNEXT TLEN SEQ QUAL NM MD AS XS SA XA RG others; do
    if [ "$r" = "$2" ]; then count "$1" "$r" 1; else count "$1" "$r" 0; fi
  done
}
# edit NAME LINE COL VALUE: base.sam with column COL of record line LINE (1-based, records only) set.
edit() {
  awk -F'\t' -v OFS='\t' -v l="$2" -v c="$3" -v v="$4" '/^@/ { print; next } { n++; if (n == l) $c = v; print }' \
    "$WORK/base.sam" >"$WORK/$1.sam"
}

# Identical, and identical up to @PG and to the file format.
run same 0 "$WORK/base.sam" "$WORK/base.sam"
expect_contains "$WORK/same.out" "identical records: 7 / 7 (100.0000%)" "identical files"
expect_contains "$WORK/same.out" "result: PASS" "identical files pass"
only_row same none  # every row 0
sed 's/^@PG.*/@PG\tID:helicase-align\tPN:helicase-align\tVN:0.1/' "$WORK/base.sam" >"$WORK/pg.sam"
run pg 0 "$WORK/base.sam" "$WORK/pg.sam"
samtools view -b -o "$WORK/base.bam" "$WORK/base.sam"
run bam 0 "$WORK/base.sam" "$WORK/base.bam"
expect_contains "$WORK/bam.out" "(100.0000%)" "SAM vs BAM (integer tag subtypes)"
# r3's records before r1's: runs out of step are matched, not cascaded.
{ grep '^@' "$WORK/base.sam"; grep -P '^r3\t' "$WORK/base.sam"; grep -P '^r[12]\t' "$WORK/base.sam"; } >"$WORK/order.sam"
run order 0 "$WORK/base.sam" "$WORK/order.sam"
count order POS 0

# Each SAM field changed in one record: exit 1 at 100%, that row says 1, every other row 0.
i=0
for spec in "FLAG 1 2 97" "RNAME 4 3 20" "POS 1 4 101" "MAPQ 2 5 59" "CIGAR 1 6 9M1S" "RNEXT 1 7 21" \
  "PNEXT 2 8 101" "TLEN 1 9 111" "SEQ 6 10 NNNNNNNNNA" "QUAL 7 11 #########I"; do
  set -- $spec
  i=$((i + 1))
  edit "f$i" "$2" "$3" "$4"
  run "f$i" 1 "$WORK/base.sam" "$WORK/f$i.sam"
  only_row "f$i" "$1"
  expect_contains "$WORK/f$i.out" "identical records: 6 / 7" "$1 changed: 6 of 7 identical"
done
# The threshold: one record in seven differs (85.7%): passes at 85, fails at 86.
run thr85 0 --min-identical 85 "$WORK/base.sam" "$WORK/f3.sam"
run thr86 1 --min-identical 86 "$WORK/base.sam" "$WORK/f3.sam"

# Tags: a changed value, an extra tag, a missing tag, an unnamed tag.
sed "s/MD:Z:4A5/MD:Z:4C5/" "$WORK/base.sam" >"$WORK/t1.sam"
run t1 1 "$WORK/base.sam" "$WORK/t1.sam"
only_row t1 MD
sed "/^r3${T}77/s/\$/${T}XA:Z:20,+5,10M,2;/" "$WORK/base.sam" >"$WORK/t2.sam"
run t2 1 "$WORK/base.sam" "$WORK/t2.sam"
only_row t2 XA
sed "s/${T}SA:Z:21,1000,+,5S5M,30,0;//" "$WORK/base.sam" >"$WORK/t3.sam"
run t3 1 "$WORK/base.sam" "$WORK/t3.sam"
only_row t3 SA
sed "/^r1${T}99/s/\$/${T}XM:i:2/" "$WORK/base.sam" >"$WORK/t4.sam"
run t4 1 "$WORK/base.sam" "$WORK/t4.sam"
only_row t4 others
expect_contains "$WORK/t4.out" "XM:1" "unnamed tag listed by name"
sed "s/NM:i:1/NM:i:2/" "$WORK/base.sam" >"$WORK/t5.sam"
run t5 1 "$WORK/base.sam" "$WORK/t5.sam"
only_row t5 NM

# A missing record (the supplementary): counts differ -> fails even at threshold 0.
grep -v "^r2${T}2145" "$WORK/base.sam" >"$WORK/miss.sam"
run miss 1 --min-identical 0 "$WORK/base.sam" "$WORK/miss.sam"
expect_contains "$WORK/miss.out" "only in bwa 1" "missing record reported"
run extra 1 --min-identical 0 "$WORK/miss.sam" "$WORK/base.sam"
expect_contains "$WORK/extra.out" "only in ours 1" "extra record reported"
# Primary and supplementary swapped: same counts, both records unmatched.
sed -e "s/^r2${T}97${T}/r2${T}2145${T}/; t" -e "s/^r2${T}2145${T}/r2${T}97${T}/" "$WORK/base.sam" >"$WORK/swap.sam"
run swap 1 "$WORK/base.sam" "$WORK/swap.sam"
expect_contains "$WORK/swap.out" "identical records: 5 / 7" "swapped primary/supplementary not identical"

# Header: an @SQ line differs -> fails; @RG differs -> fails.
sed 's/^@SQ\tSN:21\tLN:50000/@SQ\tSN:21\tLN:50001/' "$WORK/base.sam" >"$WORK/h1.sam"
run h1 1 "$WORK/base.sam" "$WORK/h1.sam"
sed 's/^@RG.*/@RG\tID:rg1\tSM:s2/' "$WORK/base.sam" >"$WORK/h2.sam"
run h2 1 "$WORK/base.sam" "$WORK/h2.sam"

# --show prints the differing lines.
run show 1 --show 5 "$WORK/base.sam" "$WORK/f3.sam"
expect_contains "$WORK/show.out" "--- POS" "--show names the field"

# Errors: usage 2, unreadable 3, a read's records not together 3.
run usage 2 "$WORK/base.sam"
run badopt 2 --min-identical 101 "$WORK/base.sam" "$WORK/base.sam"
run missing_file 3 "$WORK/base.sam" "$WORK/nonexistent.sam"
{ grep '^@' "$WORK/base.sam"; grep -P '^r1\t99' "$WORK/base.sam"; grep -P '^r2\t' "$WORK/base.sam"; grep -P '^r1\t147' "$WORK/base.sam"; grep -P '^r3\t' "$WORK/base.sam"; } >"$WORK/split.sam"
run split 3 "$WORK/base.sam" "$WORK/split.sam"
printf 'not a sam file\n' >"$WORK/garbage.sam"
run garbage 3 "$WORK/base.sam" "$WORK/garbage.sam"
finish
