#!/usr/bin/env bash
# align_compat_test.sh BIN_DIR SAM_COMPARE TESTDATA CACHE SET -- helicase-align against
# `bwa mem -K 100000000 -Y` (0.7.17) on the same reads, reference and read group (issue 4): the same
# number of records and at least 99.9% of them identical in every SAM field and tag (@PG aside),
# judged by sam_compare, which prints the mismatch count of every field and tag.
# SET:
#   na12878     TESTDATA/na12878_chr20_10M: all 25,839 pairs (2x101)
#   na12878_se  its 246 singletons, single-end (--in-se-fq)
#   sim_a       test-data/sim_chr20.sh align_a: 100,000 simulated 2x150 pairs, 20:32-33 Mb
#   sim_b       test-data/sim_chr20.sh align_b: 100,000 pairs, 20:50-51 Mb, other seed and errors
# Reference: CACHE/b37_chr20.fa with its bwa index (reference_fixture.sh --bwa-index); helicase-align
# finds the index beside --ref (no --index-prefix). bwa's output is cached in CACHE/align-compat
# (keyed by its command line and input sizes): bwa runs once per build folder, not on every run.
# Environment: ALIGN_COMPAT_MIN_IDENTICAL (default 99.9), ALIGN_COMPAT_THREADS (default 2).
. "$(dirname "$0")/lib.sh"
BIN=$1 CMP=$2 DATA=$3 CACHE=$4 SET=$5
min=${ALIGN_COMPAT_MIN_IDENTICAL:-99.9}
threads=${ALIGN_COMPAT_THREADS:-2}
ref=$CACHE/b37_chr20.fa
for tool in bwa samtools; do command -v $tool >/dev/null || { echo "skipped: $tool not installed"; exit 77; }; done
[ -x "$BIN/helicase-align" ] || { echo "skipped: helicase-align not built"; exit 77; }
[ -s "$ref.sa" ] && [ -s "$ref.fai" ] || { bad "no bwa index beside $ref (fixture reference_chr20_bwa)"; finish; exit; }

N=$DATA/na12878_chr20_10M
case "$SET" in
  na12878) in=("$N/NA12878_S1_R1.fastq.gz" "$N/NA12878_S1_R2.fastq.gz")
    rg='@RG\tID:NA12878\tSM:NA12878\tLB:lib1\tPL:ILLUMINA' ;;
  na12878_se) in=("$N/NA12878_S1_singletons.fastq.gz")
    rg='@RG\tID:NA12878\tSM:NA12878\tLB:lib1\tPL:ILLUMINA' ;;
  sim_a | sim_b) d=$CACHE/sim/align_${SET#sim_}
    in=("$d/R1.fastq.gz" "$d/R2.fastq.gz")
    rg="@RG\\tID:$SET\\tSM:sim\\tLB:lib1\\tPL:ILLUMINA" ;;
  *) echo "unknown set $SET" >&2; exit 2 ;;
esac
for f in "${in[@]}"; do [ -s "$f" ] || { bad "$f missing (fixture)"; finish; exit; }; done

# bwa's records, cached.
out=$CACHE/align-compat
mkdir -p "$out"
bwa_cmd=(bwa mem -t "$threads" -K 100000000 -Y -R "$rg" "$ref" "${in[@]}")
key="$(bwa 2>&1 | grep -m1 Version) ${bwa_cmd[*]} $(stat -c %s "${in[@]}" "$ref.bwt" | tr '\n' ' ')"
expected=$out/$SET.bwa.bam
(
  set -o pipefail
  flock -w 3600 9 || exit 1
  if [ ! -s "$expected" ] || [ "$(cat "$expected.key" 2>/dev/null)" != "$key" ]; then
    start=$(date +%s.%N)
    "${bwa_cmd[@]}" 2>"$out/$SET.bwa.log" | samtools view --no-PG -b -o "$expected.tmp" - || exit 1
    echo "$SET: bwa mem (${bwa_cmd[*]}): $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s" |
      tee "$expected.time"
    mv "$expected.tmp" "$expected" && echo "$key" >"$expected.key"
  else
    echo "$SET: bwa's output cached ($(cat "$expected.time" 2>/dev/null))"
  fi
) 9>"$out/.$SET.lock"
if [ -s "$expected" ]; then ok; else bad "$SET: bwa mem failed: $(tail -3 "$out/$SET.bwa.log")"; finish; exit; fi

# helicase-align on the same input; paired sets give R1 R2 and the read group to --in-fq.
if [ "${#in[@]}" -eq 2 ]; then args=(--in-fq "${in[@]}" "$rg"); else args=(--in-se-fq "${in[0]}" "$rg"); fi
start=$(date +%s.%N)
expect_exit 0 "$SET: helicase-align" -- "$BIN/helicase-align" --ref "$ref" "${args[@]}" --out-bam "$WORK/ours.bam" \
  --num-threads "$threads"
echo "$SET: helicase-align --ref $ref ${args[*]} --out-bam ours.bam --num-threads $threads:" \
  "$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s"
[ -s "$WORK/ours.bam" ] || { bad "$SET: no output"; finish; exit; }

"$CMP" --min-identical "$min" --show 20 --labels bwa,helicase "$expected" "$WORK/ours.bam" >"$WORK/cmp.out" 2>&1
rc=$?
cat "$WORK/cmp.out"
if [ "$rc" -eq 0 ]; then ok; else bad "$SET: sam_compare exit $rc (records differ in count or fewer than $min% identical)"; fi
finish
