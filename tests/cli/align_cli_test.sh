#!/usr/bin/env bash
# align_cli_test.sh BIN_DIR -- helicase-align's command line and edge cases on a simulated
# set (3 contigs, 1,500 pairs): options and exit codes, FASTQ errors passed through with
# helicase-fastq's message, single-end input, reads with N, reads shorter than the seed
# length, a mate all N, identical bytes for --num-threads 1/2 and work-chunk sizes, BAM ==
# SAM records, and the records of `bwa mem -K 100000000 -Y` with the same read group.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/align_lib.sh"
BIN=$1
A=$BIN/helicase-align
command -v bwa >/dev/null && command -v samtools >/dev/null || { echo "skipped: bwa or samtools missing"; exit 77; }
D=$WORK/set
make_align_set "$D" 11 1500
RG='@RG\tID:sim1\tSM:s1\tLB:l1\tPL:ILLUMINA'

# Options and exit codes.
expect_exit 0 "--help" -- "$A" --help
expect_contains "$WORK/last.out" "--bwa-options" "help lists --bwa-options"
expect_exit 2 "no --ref" -- "$A" --in-fq "$D/r1.fq" "$D/r2.fq" --out-bam "$WORK/x.bam"
expect_exit 2 "no --out-bam" -- "$A" --ref "$D/ref.fa" --in-fq "$D/r1.fq" "$D/r2.fq"
expect_exit 2 "no input" -- "$A" --ref "$D/ref.fa" --out-bam "$WORK/x.bam"
expect_exit 2 "unsupported bwa option" -- "$A" --ref "$D/ref.fa" --in-fq "$D/r1.fq" "$D/r2.fq" --out-bam "$WORK/x.bam" --bwa-options "-Y -t 4"
expect_one_line "$WORK/last.err" "unsupported bwa option"
expect_contains "$WORK/last.err" "unsupported bwa mem option -t" "names the option"
expect_exit 2 "bwa option without value" -- "$A" --ref "$D/ref.fa" --in-se-fq "$D/se.fq" --out-bam "$WORK/x.bam" --bwa-options "-k"
expect_exit 2 "bad read group" -- "$A" --ref "$D/ref.fa" --in-se-fq "$D/se.fq" '@RG\tSM:x' --out-bam "$WORK/x.bam"
expect_exit 4 "missing FASTQ" -- "$A" --ref "$D/ref.fa" --in-se-fq "$WORK/none.fq" --out-bam "$WORK/x.bam"
expect_contains "$WORK/last.err" "none.fq" "missing FASTQ named"
expect_exit 4 "missing index" -- "$A" --ref "$D/ref.fa" --index-prefix "$WORK/noidx" --in-se-fq "$D/se.fq" --out-bam "$WORK/x.bam"
printf '@a\nACGT\n+\nIII\n' >"$WORK/bad.fq"
expect_exit 3 "bad FASTQ" -- "$A" --quiet --ref "$D/ref.fa" --in-se-fq "$WORK/bad.fq" --out-bam "$WORK/x.bam"
expect_one_line "$WORK/last.err" "bad FASTQ"
"$BIN/helicase-fastq" --quiet --in-se-fq "$WORK/bad.fq" 2>"$WORK/fastq.err" >/dev/null
if [ "$(sed 's/^helicase-fastq: //' "$WORK/fastq.err")" = "$(sed 's/^helicase-align: //' "$WORK/last.err")" ]; then ok; else
  bad "FASTQ error differs from helicase-fastq's: $(cat "$WORK/last.err") vs $(cat "$WORK/fastq.err")"; fi
if [ ! -e "$WORK/x.bam" ]; then ok; else bad "no output after an error"; fi
head -8 "$D/r2.fq" | sed '1s/.*/@other/' >"$WORK/r2bad.fq"; head -8 "$D/r1.fq" >"$WORK/r1two.fq"
expect_exit 3 "pair names differ" -- "$A" --ref "$D/ref.fa" --in-fq "$WORK/r1two.fq" "$WORK/r2bad.fq" --out-bam "$WORK/x.bam"
expect_exit 5 "--device gpu without a GPU" -- bash -c "'$BIN/helicase' --version | grep -q 'GPU 0:' && exit 5; '$A' --device gpu --ref '$D/ref.fa' --in-se-fq '$D/se.fq' --out-bam '$WORK/g.bam'"

# Paired run, and the same bytes for threads and work chunks.
expect_exit 0 "paired" -- "$A" --quiet --num-threads 2 --ref "$D/ref.fa" --in-fq "$D/r1.fq" "$D/r2.fq" "$RG" --out-bam "$WORK/p2.sam"
expect_exit 0 "paired 1 thread" -- "$A" --quiet --num-threads 1 --ref "$D/ref.fa" --in-fq "$D/r1.fq" "$D/r2.fq" "$RG" --out-bam "$WORK/p1.sam"
expect_exit 0 "paired chunk 3" -- "$A" --quiet --num-threads 2 --work-chunk 3 --ref "$D/ref.fa" --in-fq "$D/r1.fq" "$D/r2.fq" "$RG" --out-bam "$WORK/p3.sam"
if cmp -s <(grep -v '^@PG' "$WORK/p1.sam") <(grep -v '^@PG' "$WORK/p2.sam"); then ok; else bad "threads 1 vs 2 differ"; fi
if cmp -s <(grep -v '^@PG' "$WORK/p1.sam") <(grep -v '^@PG' "$WORK/p3.sam"); then ok; else bad "work chunks differ"; fi
expect_exit 0 "paired BAM" -- "$A" --quiet --ref "$D/ref.fa" --in-fq "$D/r1.fq" "$D/r2.fq" "$RG" --out-bam "$WORK/p.bam"
if cmp -s <(samtools view "$WORK/p.bam") <(grep -v '^@' "$WORK/p2.sam"); then ok; else bad "BAM records differ from SAM"; fi
n=$(grep -vc '^@' "$WORK/p2.sam")
if [ "$n" -ge 3000 ]; then ok; else bad "expected >= 3000 records, got $n"; fi
expect_contains "$WORK/p2.sam" "@SQ	SN:ctg2	LN:25000" "@SQ from the index"
expect_contains "$WORK/p2.sam" "@RG	ID:sim1	SM:s1" "@RG line"
expect_contains "$WORK/p2.sam" "@PG	ID:helicase-align" "@PG line"
# Special reads: a mate all N is unmapped (flag 4) and placed at its mate; 12 bp reads are unmapped.
awk -F '\t' '$1 ~ /^sim5:/ && int($2 / 128) % 2 { f = 1; if (!(int($2 / 4) % 2 && $3 != "*")) e = 1 } END { exit e || !f }' "$WORK/p2.sam" && ok || bad "all-N mate not unmapped at its mate"
awk -F '\t' '$1 ~ /^sim6:/ { f = 1; if (!(int($2 / 4) % 2)) e = 1 } END { exit e || !f }' "$WORK/p2.sam" && ok || bad "reads shorter than -k mapped"
# Built read group (no @RG given): Parabricks-style options.
expect_exit 0 "built read group" -- "$A" --quiet --ref "$D/ref.fa" --in-se-fq "$D/se.fq" --read-group-sm NA1 --read-group-id-prefix pfx --out-bam "$WORK/rg.sam"
expect_contains "$WORK/rg.sam" "SM:NA1" "built @RG has SM"
expect_contains "$WORK/rg.sam" "RG:Z:pfx" "records carry the built ID"

# The peer: bwa mem -K 100000000 -Y with the same read group, paired and single-end.
bwa mem -K 100000000 -Y -R "$RG" "$D/ref.fa" "$D/r1.fq" "$D/r2.fq" 2>/dev/null >"$WORK/bwa.sam"
echo "paired vs bwa:"
if field_diff "$WORK/bwa.sam" "$WORK/p2.sam"; then ok; else bad "paired records differ from bwa"; fi
expect_exit 0 "single-end" -- "$A" --quiet --ref "$D/ref.fa" --in-se-fq "$D/se.fq" "$RG" --out-bam "$WORK/se.sam"
bwa mem -K 100000000 -Y -R "$RG" "$D/ref.fa" "$D/se.fq" 2>/dev/null >"$WORK/bwa_se.sam"
echo "single-end vs bwa:"
if field_diff "$WORK/bwa_se.sam" "$WORK/se.sam"; then ok; else bad "single-end records differ from bwa"; fi
# Other options change the output as they change bwa's.
expect_exit 0 "-M -k 25" -- "$A" --quiet --ref "$D/ref.fa" --in-fq "$D/r1.fq" "$D/r2.fq" "$RG" --bwa-options "-M -k 25 -B 5 -O 5,7" --out-bam "$WORK/m.sam"
bwa mem -K 100000000 -M -k 25 -B 5 -O 5,7 -R "$RG" "$D/ref.fa" "$D/r1.fq" "$D/r2.fq" 2>/dev/null >"$WORK/bwa_m.sam"
echo "-M -k 25 -B 5 -O 5,7 vs bwa:"
if field_diff "$WORK/bwa_m.sam" "$WORK/m.sam"; then ok; else bad "-M -k 25 records differ from bwa"; fi
finish
