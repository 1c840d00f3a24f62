#!/usr/bin/env bash
# reference_fixture.sh CACHE_DIR -- the b37 chr20 reference for tests (ctest fixture
# reference_chr20): Debian vt-examples' 20.fa.gz decompressed once into CACHE_DIR/ref/20.fa,
# its sequence checked against the M5 of SOURCES.md (0dec9660ec1efaaf33281c0d5ea2560f, as a
# .dict computes it: upper case, no line breaks), indexed with samtools faidx, plus a copy
# whose contig is named chr20 (CACHE_DIR/ref/chr20.fa) for hg19-named data. Idempotent;
# exits 77 (skipped) when vt-examples or samtools is not installed.
set -euo pipefail
cache=$1
src=/usr/share/doc/vt/examples/ref/20.fa.gz
want=0dec9660ec1efaaf33281c0d5ea2560f
[ -f "$src" ] || { echo "skipped: $src not installed (vt-examples)"; exit 77; }
command -v samtools >/dev/null || { echo "skipped: samtools not installed"; exit 77; }
dir=$cache/ref
mkdir -p "$dir"
if [ -s "$dir/20.fa.fai" ] && [ -s "$dir/chr20.fa.fai" ]; then echo "reference ready: $dir/20.fa"; exit 0; fi
tmp=$(mktemp -d "$dir/.fixture.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
gzip -dc "$src" >"$tmp/20.fa"
m5=$(grep -v '^>' "$tmp/20.fa" | tr -d '\n\r' | tr 'a-z' 'A-Z' | md5sum | cut -d' ' -f1)
if [ "$m5" != "$want" ]; then echo "reference_fixture: $src has M5 $m5, expected $want" >&2; exit 1; fi
sed '1s/^>20\b/>chr20/' "$tmp/20.fa" >"$tmp/chr20.fa"
samtools faidx "$tmp/20.fa"
samtools faidx "$tmp/chr20.fa"
mv "$tmp/20.fa" "$tmp/20.fa.fai" "$tmp/chr20.fa" "$tmp/chr20.fa.fai" "$dir/"
echo "reference ready: $dir/20.fa (M5 $m5)"
