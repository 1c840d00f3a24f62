#!/usr/bin/env bash
# index_cli_test.sh BIN_DIR -- helicase-index's command line, error exits and atomic outputs:
# bad FASTAs exit 3 naming the line and contig and leave no file; missing files exit 4;
# --index-prefix writes nothing beside the FASTA; gzip input warns that it gets no .fai;
# the loader (--check) refuses a missing file (4), files of another index or FASTA (3).
. "$(dirname "$0")/lib.sh"
BIN=$1
SRC=$(cd "$(dirname "$0")/../.." && pwd)
IDX="$BIN/helicase-index"

expect_exit 0 "--help" -- "$IDX" --help
expect_contains "$WORK/last.out" "--index-prefix" "help lists --index-prefix"
expect_contains "$WORK/last.out" "--ref" "help lists --ref"
expect_exit 2 "no --ref" -- "$IDX"
expect_exit 0 "dispatcher" -- "$BIN/helicase" index --help

mkdir -p "$WORK/in" "$WORK/out"
bash "$SRC/test-data/make_index_fasta.sh" "$WORK/in/ref.fa" 3
bash "$SRC/test-data/make_index_fasta.sh" "$WORK/in/other.fa" 4

# bad_fasta NAME CONTENT MESSAGE: exit 3, one line naming the problem, no file left behind.
bad_fasta() {
  printf "$2" >"$WORK/in/$1.fa"
  expect_exit 3 "$1" -- "$IDX" --ref "$WORK/in/$1.fa" --index-prefix "$WORK/out/$1"
  expect_one_line "$WORK/last.err" "$1 error"
  expect_contains "$WORK/last.err" "$3" "$1 message"
  if ls "$WORK/out" | grep -q "$1"; then bad "$1: files left behind: $(ls -a "$WORK/out")"; else ok; fi
}
bad_fasta duplicate '>a\nACGT\n>b\nAC\n>a\nGG\n' "line 5: duplicate contig name 'a'"
bad_fasta empty_contig '>a\nACGT\n>b\n>c\nAC\n' "line 3: contig b has no sequence"
bad_fasta bad_base '>a\nACGT\nAC*T\n' "line 3 (contig a): '*' (0x2A) is not a nucleotide (IUPAC) code"
bad_fasta not_fasta 'hello world\n' "line 1: not a FASTA file"
bad_fasta fastq '@r1\nACGT\n+\nIIII\n' "FASTQ"
bad_fasta ragged '>a\nACGT\nACG\nACGT\n' "line 4 (contig a): line follows a shorter line"
bad_fasta bad_name '>a b\nAC\n>x,y\nAC\n' "'x,y' is not a valid reference name"
printf '\x1f\x8b\x08\x00garbage' >"$WORK/in/corrupt.fa.gz"
expect_exit 3 "corrupt gzip" -- "$IDX" --ref "$WORK/in/corrupt.fa.gz" --index-prefix "$WORK/out/corrupt"

expect_exit 4 "missing FASTA" -- "$IDX" --ref "$WORK/in/missing.fa" --index-prefix "$WORK/out/m"
expect_contains "$WORK/last.err" "missing.fa: no such file" "missing FASTA named"
expect_exit 4 "missing output folder" -- "$IDX" --ref "$WORK/in/ref.fa" --index-prefix "$WORK/out/nodir/p"
expect_exit 4 "--memory-limit too small" -- "$IDX" --ref "$WORK/in/ref.fa" --index-prefix "$WORK/out/mem" --memory-limit 1M
expect_contains "$WORK/last.err" "of memory, more than --memory-limit" "memory refusal says why"
if [ -z "$(ls -A "$WORK/out")" ]; then ok; else bad "failed runs left files: $(ls -a "$WORK/out")"; fi

# --index-prefix: nothing beside the FASTA.
before=$(ls -a "$WORK/in")
expect_exit 0 "build with --index-prefix" -- "$IDX" --ref "$WORK/in/ref.fa" --index-prefix "$WORK/out/ref" --quiet
[ "$(ls -a "$WORK/in")" = "$before" ] && ok || bad "files written beside the FASTA: $(ls -a "$WORK/in")"
expect_exit 0 "build other" -- "$IDX" --ref "$WORK/in/other.fa" --index-prefix "$WORK/out/other" --quiet
# Same bytes for any thread count.
expect_exit 0 "1 thread" -- "$IDX" --ref "$WORK/in/ref.fa" --index-prefix "$WORK/out/t1" --num-threads 1 --quiet
for ext in ann amb pac bwt sa fai dict; do
  cmp -s "$WORK/out/ref.$ext" "$WORK/out/t1.$ext" && ok || bad "--num-threads 1 changed .$ext"
done

# Plain gzip: the BWA files and .dict, no .fai, and a warning that says why.
gzip -c "$WORK/in/ref.fa" >"$WORK/in/gz.fa.gz"
expect_exit 0 "gzip input" -- "$IDX" --ref "$WORK/in/gz.fa.gz" --index-prefix "$WORK/out/gz"
expect_contains "$WORK/last.err" "bgzip" "gzip warning names bgzip"
[ ! -e "$WORK/out/gz.fai" ] && [ -s "$WORK/out/gz.bwt" ] && [ -s "$WORK/out/gz.dict" ] && ok || bad "gzip outputs: $(ls "$WORK/out")"
cmp -s "$WORK/out/ref.sa" "$WORK/out/gz.sa" && ok || bad "gzip input gave another .sa"

# Loader: round trip, then refusals.
expect_exit 0 "--check round trip" -- "$IDX" --check --ref "$WORK/in/ref.fa" --index-prefix "$WORK/out/ref"
expect_contains "$WORK/last.out" "9 contigs" "--check summary"
mkdir -p "$WORK/chk"
for ext in ann amb pac bwt sa; do cp "$WORK/out/ref.$ext" "$WORK/chk/x.$ext"; done
rm "$WORK/chk/x.sa"
expect_exit 4 "--check missing .sa" -- "$IDX" --check --ref "$WORK/in/ref.fa" --index-prefix "$WORK/chk/x"
expect_contains "$WORK/last.err" "x.sa: no such file" "missing .sa named"
cp "$WORK/out/other.sa" "$WORK/chk/x.sa"
expect_exit 3 "--check .sa of another index" -- "$IDX" --check --ref "$WORK/in/ref.fa" --index-prefix "$WORK/chk/x"
expect_one_line "$WORK/last.err" "mismatch error"
cp "$WORK/out/ref.sa" "$WORK/chk/x.sa"
cp "$WORK/out/other.ann" "$WORK/chk/x.ann"
expect_exit 3 "--check .ann of another index" -- "$IDX" --check --ref "$WORK/in/ref.fa" --index-prefix "$WORK/chk/x"
cp "$WORK/out/ref.ann" "$WORK/chk/x.ann"
expect_exit 0 "--check restored" -- "$IDX" --check --ref "$WORK/in/ref.fa" --index-prefix "$WORK/chk/x"
expect_exit 3 "--check against another FASTA" -- "$IDX" --check --ref "$WORK/in/other.fa" --index-prefix "$WORK/chk/x"
expect_contains "$WORK/last.err" "does not belong to" "FASTA mismatch message"
# Interrupted (SIGTERM, as a scheduler or Ctrl-C sends): the temporary outputs are removed and the
# exit status still tells the signal (128 + 15); no index file appears. A 20 Mbp random contig
# keeps the run going long enough; the signal is sent once its temporary files exist.
awk 'BEGIN { srand(7); print ">big"; for (l = 0; l < 250000; l++) { s = ""; for (i = 0; i < 80; i++) s = s substr("ACGT", int(rand() * 4) + 1, 1); print s } }' >"$WORK/in/big.fa"
mkdir -p "$WORK/sig"
"$IDX" --quiet --ref "$WORK/in/big.fa" --index-prefix "$WORK/sig/big" &
pid=$!
for _ in $(seq 1 400); do
  ls -a "$WORK/sig" | grep -q helicase-tmp && break
  sleep 0.05
done
kill -TERM "$pid" 2>/dev/null
wait "$pid"
rc=$?
[ "$rc" -eq 143 ] && ok || bad "SIGTERM: exit $rc, expected 143"
left=$(ls -A "$WORK/sig")
[ -z "$left" ] && ok || bad "SIGTERM left files behind: $left"
finish
