#!/usr/bin/env bash
# reference_fixture.sh CACHEDIR [--bwa-index] -- prepares the chr20 reference fixture in CACHEDIR
# from the vt-examples package (b37 chromosome 20, BGZF, contig "20"):
#   b37_chr20.fa, .fai   decompressed once; the sequence MD5 of contig 20 (upper case, no
#                        newlines: the M5 of a Picard .dict) must be 0dec9660ec1efaaf33281c0d5ea2560f
#   hg19_chr20.fa, .fai  the same sequence with the contig named chr20
#   b37_chr20.fa.{amb,ann,bwt,pac,sa}   with --bwa-index: the BWA index, built once
# Every step is skipped when its outputs are present and valid; files appear under their final
# names only when complete (built under temporary names, then renamed). A lock (flock on
# CACHEDIR/.reference_fixture.lock) makes concurrent callers wait for each other. Prints one
# line per step; exits 1 with a clear message when something is wrong.
# Needs: gzip, awk, md5sum, stat, samtools, flock, and bwa for --bwa-index.
# Environment: HELICASE_VT_REF overrides the source FASTA (default: vt-examples' 20.fa.gz).
set -euo pipefail
export LC_ALL=C

usage() {
  echo "usage: $0 CACHEDIR [--bwa-index]" >&2
  exit 2
}
if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
cache=$1
bwa_index=0
if [ $# -eq 2 ]; then
  [ "$2" = "--bwa-index" ] || usage
  bwa_index=1
fi
src=${HELICASE_VT_REF:-/usr/share/doc/vt/examples/ref/20.fa.gz}
want_m5=0dec9660ec1efaaf33281c0d5ea2560f
want_len=63025520

die() {
  echo "reference_fixture.sh: $*" >&2
  exit 1
}
say() { echo "reference: $*"; }

for tool in gzip samtools flock md5sum; do
  command -v "$tool" >/dev/null || die "$tool not found (apt-get install samtools)"
done
[ "$bwa_index" -eq 0 ] || command -v bwa >/dev/null || die "bwa not found (apt-get install bwa)"
[ -r "$src" ] || die "$src not found (apt-get install vt-examples)"
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
exec 9>"$cache/.reference_fixture.lock"
flock -w 3600 9 || die "timed out waiting for the lock on $cache"
tmp=$(mktemp -d "$cache/.reference_fixture.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

b37=$cache/b37_chr20.fa
hg19=$cache/hg19_chr20.fa
stamp=$cache/.b37_chr20.fa.m5ok  # "<size> <mtime> <M5>" of the last verified b37_chr20.fa

# m5 FASTA CONTIG: MD5 of the contig's sequence, upper-cased, without line breaks ("none" when
# the FASTA has no such contig).
m5() {
  if ! grep -q "^>$2\([[:space:]].*\)\{0,1\}\$" "$1"; then
    echo none
    return
  fi
  # shellcheck disable=SC2018,SC2019  # ASCII case mapping (LC_ALL=C)
  awk -v name=">$2" '/^>/ { p = ($1 == name); next } p' "$1" | tr -d '\n\r' | tr 'a-z' 'A-Z' | md5sum | cut -d' ' -f1
}
file_id() { stat -c '%s %Y' "$1"; }

# 1. b37_chr20.fa, its contig 20 checked against the known M5.
if [ -f "$b37" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(file_id "$b37") $want_m5" ]; then
  say "b37_chr20.fa: present, M5 $want_m5 (verified earlier)"
else
  m5_now=
  [ -f "$b37" ] && m5_now=$(m5 "$b37" 20)
  if [ "$m5_now" = "$want_m5" ]; then
    say "b37_chr20.fa: present, M5 $want_m5 ok"
  else
    [ -z "$m5_now" ] || say "b37_chr20.fa: present but contig 20 has M5 $m5_now, extracting again"
    gzip -dc "$src" >"$tmp/b37_chr20.fa" || die "cannot decompress $src"
    m5_now=$(m5 "$tmp/b37_chr20.fa" 20)
    if [ "$m5_now" != "$want_m5" ]; then
      [ "$m5_now" != none ] || die "$src has no contig named 20 (not b37 chromosome 20?)"
      die "contig 20 of $src has sequence MD5 $m5_now, expected $want_m5 (not b37 chromosome 20?)"
    fi
    rm -f "$b37.fai"
    mv "$tmp/b37_chr20.fa" "$b37"
    say "b37_chr20.fa: extracted from $(basename "$src"), M5 $want_m5 ok"
  fi
  echo "$(file_id "$b37") $want_m5" >"$stamp"
fi

# fai_ok FASTA CONTIG: the .fai exists, is newer than the FASTA and lists only CONTIG, full length.
fai_ok() {
  [ -f "$1.fai" ] && [ "$1.fai" -nt "$1" ] &&
    [ "$(cut -f1,2 "$1.fai")" = "$2	$want_len" ]
}

# 2. b37_chr20.fa.fai
if fai_ok "$b37" 20; then
  say "b37_chr20.fa.fai: present"
else
  samtools faidx "$b37"
  fai_ok "$b37" 20 || die "$b37.fai does not describe one contig 20 of $want_len bases: $(head -c 200 "$b37.fai")"
  say "b37_chr20.fa.fai: written"
fi

# 3. hg19_chr20.fa (+ .fai): the same bases, contig chr20.
if [ -f "$hg19" ] && [ "$hg19" -nt "$b37" ] && fai_ok "$hg19" chr20; then
  say "hg19_chr20.fa: present"
else
  sed '1s/^>20$/>chr20/; 1s/^>20\([[:space:]]\)/>chr20\1/' "$b37" >"$tmp/hg19_chr20.fa"
  rm -f "$hg19.fai"
  mv "$tmp/hg19_chr20.fa" "$hg19"
  samtools faidx "$hg19"
  fai_ok "$hg19" chr20 || die "$hg19.fai does not describe one contig chr20 of $want_len bases"
  say "hg19_chr20.fa, .fai: written (contig chr20)"
fi

# 4. bwa index of b37_chr20.fa (with --bwa-index).
if [ "$bwa_index" -eq 1 ]; then
  have=0
  for ext in amb ann bwt pac sa; do [ -s "$b37.$ext" ] && have=$((have + 1)); done
  if [ "$have" -eq 5 ]; then
    say "bwa index: present (b37_chr20.fa.{amb,ann,bwt,pac,sa})"
  else
    start=$(date +%s)
    bwa index -p "$tmp/b37_chr20.fa" "$b37" >"$tmp/bwa.log" 2>&1 ||
      { tail -n 20 "$tmp/bwa.log" >&2; die "bwa index failed"; }
    # .sa last: with it present the set is complete.
    for ext in amb ann bwt pac sa; do mv "$tmp/b37_chr20.fa.$ext" "$b37.$ext"; done
    say "bwa index: built in $(($(date +%s) - start)) s"
  fi
fi
