#!/usr/bin/env bash
# shellcheck disable=SC2016  # the single-quoted $0, $1 ... in this file are awk's
# make_bad_fastq.sh OUTDIR -- writes a corpus of malformed and edge-case FASTQ inputs for
# helicase-fastq into OUTDIR (created if needed), plus OUTDIR/manifest.tsv describing them.
#
# manifest.tsv: one case per line, tab-separated, lines starting with '#' are comments:
#   1. case name
#   2. helicase-fastq arguments, separated by single spaces, file names relative to OUTDIR
#      (no quoting; a backslash is literal, so "@RG\tID:x" reaches the tool as typed on a shell
#      inside single quotes, and the five characters <TAB> stand for a real tab character);
#      may be empty (the "no input" case)
#   3. expected exit code (0 ok, 2 usage, 3 bad input data, 4 I/O)
#   4. expected substring of the single stderr error line; for success cases empty, meaning
#      stderr must stay empty under --quiet (or a warning the run must print)
#   5. expected number of records in the unaligned BAM for success cases (2 per pair), else empty
#
# Every bad record sits at record 3 or later (record numbers count from 1) so that the record
# number in the message is checked, except where the defect is in the first record by nature
# (a FASTA file, a BAM file, swapped mates). The output is byte-for-byte deterministic: only
# integer arithmetic in awk, gzip -n, bgzip (no time stamps), fixed file names.
# Needs: awk, od, dd, head, tail, gzip, bgzip, samtools (for the BAM-as-FASTQ case).
set -euo pipefail
export LC_ALL=C

if [ $# -ne 1 ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
out=$1
mkdir -p "$out"
cd "$out"

# gen FIRST COUNT LEN MATE STYLE: COUNT records numbered FIRST.., LEN bases, pseudo-random ACGT
# and Phred+33 qualities '#'..'J' from a 32-bit LCG (all values below 2^53, exact in any awk).
# STYLE: se     -> @r<i>
#        casava -> @SIM:1:FCX:1:1101:<1000+i>:<2000+i> <MATE>:N:0:ACGTACGT
#        slash  -> @SIM:1:FCX:1:1101:<1000+i>:<2000+i>/<MATE>
gen() {
  awk -v first="$1" -v n="$2" -v len="$3" -v mate="$4" -v style="$5" 'BEGIN {
    for (i = first; i < first + n; i++) {
      x = (i * 7919 + mate * 104729) % 4294967296
      s = ""; q = ""
      for (k = 0; k < len; k++) {
        x = (x * 69069 + 1) % 4294967296
        s = s substr("ACGT", int(x / 65536) % 4 + 1, 1)
        q = q sprintf("%c", 35 + int(x / 16777216) % 40)
      }
      if (style == "se") h = "r" i
      else if (style == "casava") h = "SIM:1:FCX:1:1101:" (1000 + i) ":" (2000 + i) " " mate ":N:0:ACGTACGT"
      else h = "SIM:1:FCX:1:1101:" (1000 + i) ":" (2000 + i) "/" mate
      printf "@%s\n%s\n+\n%s\n", h, s, q
    }
  }'
}

# edit FILE AWK-PROGRAM: rewrites FILE through an awk program (line numbers: record r has its
# header on line 4r-3, sequence 4r-2, '+' 4r-1, quality 4r).
edit() {
  awk "$2" "$1" >"$1.tmp"
  mv "$1.tmp" "$1"
}

# flip_bytes FILE OFFSET COUNT: replaces COUNT bytes at OFFSET by their complement (255 - b).
flip_bytes() {
  local f=$1 off=$2 n=$3 b fmt=""
  for b in $(od -An -v -t u1 -j "$off" -N "$n" "$f"); do
    fmt="$fmt$(printf '\\%03o' $((255 - b)))"
  done
  # shellcheck disable=SC2059  # the format is made of octal escapes on purpose
  printf "$fmt" | dd of="$f" bs=1 seek="$off" conv=notrunc status=none
}

# commas N: 1234567 -> 1,234,567 (the tool's number style).
commas() {
  awk -v n="$1" 'BEGIN { s = n ""; o = ""
    while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) }
    print s o }'
}

# bgzf_block2 FILE: compressed offset of the second BGZF block (BSIZE-1 is at bytes 16..17).
bgzf_block2() {
  local lo hi
  read -r lo hi < <(od -An -t u1 -j 16 -N 2 "$1")
  echo $((lo + 256 * hi + 1))
}

manifest=manifest.tsv.tmp
printf '#case\targs\texit\texpected_stderr_substring\texpected_bam_records\n' >"$manifest"
case_() {  # NAME ARGS EXIT SUBSTRING [RECORDS]
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "${5:-}" >>"$manifest"
}

# ---------------------------------------------------------------- good inputs (reused below)
gen 1 5 150 0 se >good.fq
gen 1 5 150 1 casava >pe_ok_R1.fq
gen 1 5 150 2 casava >pe_ok_R2.fq
gen 1 2000 150 0 se >big.fq

# ---------------------------------------------------------------- success cases
case_ ok_se "--in-se-fq good.fq" 0 "" 5
case_ ok_pe "--in-fq pe_ok_R1.fq pe_ok_R2.fq" 0 "" 10
gen 1 5 150 1 slash >pe_slash_R1.fq
gen 1 5 150 2 slash >pe_slash_R2.fq
case_ ok_pe_slash_suffix "--in-fq pe_slash_R1.fq pe_slash_R2.fq" 0 "" 10
case_ ok_pe_read_group "--in-fq pe_ok_R1.fq pe_ok_R2.fq @RG\\tID:x\\tSM:y" 0 "" 10
# The same line with real tab characters ($'@RG\tID:x\tSM:y' in bash).
case_ ok_pe_read_group_real_tabs "--in-fq pe_ok_R1.fq pe_ok_R2.fq @RG<TAB>ID:x<TAB>SM:y" 0 "" 10

awk '{ printf "%s\r\n", $0 }' good.fq >crlf.fq
case_ crlf_line_endings "--in-se-fq crlf.fq" 0 "" 5

awk 'NR % 4 == 2 { $0 = tolower($0) } 1' good.fq >lowercase.fq
case_ lowercase_bases "--in-se-fq lowercase.fq" 0 "" 5

cp good.fq iupac.fq
edit iupac.fq 'NR == 10 { $0 = "NRYSWKMBDHV.acgtn" substr($0, 18) } 1'
case_ iupac_bases "--in-se-fq iupac.fq" 0 "" 5

{ cat good.fq; printf '\n\n\n'; } >trailing_blank.fq
case_ trailing_blank_lines "--in-se-fq trailing_blank.fq" 0 "" 5
{ cat crlf.fq; printf '\r\n\r\n'; } >trailing_blank_crlf.fq
case_ trailing_blank_lines_crlf "--in-se-fq trailing_blank_crlf.fq" 0 "" 5

head -c -1 good.fq >no_final_newline.fq
case_ no_final_newline "--in-se-fq no_final_newline.fq" 0 "" 5

: >empty.fq
case_ zero_reads_empty_file "--in-se-fq empty.fq" 0 "" 0
gzip -n -c empty.fq >empty.fq.gz
case_ zero_reads_empty_gzip "--in-se-fq empty.fq.gz" 0 "" 0
bgzip -c empty.fq >empty_bgzf.fq.gz
case_ zero_reads_empty_bgzf "--in-se-fq empty_bgzf.fq.gz" 0 "" 0

cp good.fq plus_same_name.fq
edit plus_same_name.fq 'NR == 3 { $0 = "+r1" } NR == 7 { $0 = "+r2" } 1'
cp pe_ok_R1.fq plus_same_name_comment.fq
edit plus_same_name_comment.fq 'NR % 4 == 1 { h = $0 } NR % 4 == 3 { $0 = "+" substr(h, 2) } 1'
case_ plus_repeats_name "--in-se-fq plus_same_name.fq" 0 "" 5
case_ plus_repeats_name_and_comment "--in-se-fq plus_same_name_comment.fq" 0 "" 5

cp good.fq qual_extremes.fq
edit qual_extremes.fq 'NR == 12 { $0 = "!~" substr($0, 3) } 1'
case_ quality_bounds_bang_tilde "--in-se-fq qual_extremes.fq" 0 "" 5

cp good.fq empty_sequence.fq
edit empty_sequence.fq 'NR == 10 || NR == 12 { $0 = "" } 1'
case_ empty_sequence_record "--in-se-fq empty_sequence.fq" 0 "" 5

gzip -n -c good.fq >good.fq.gz
case_ gzip_ok "--in-se-fq good.fq.gz" 0 "" 5
{ gen 1 3 150 0 se | gzip -n -c; gen 4 3 150 0 se | gzip -n -c; } >multi_member.fq.gz
case_ gzip_multi_member "--in-se-fq multi_member.fq.gz" 0 "" 6
{ head -c 500 good.fq | gzip -n -c; tail -c +501 good.fq | gzip -n -c; } >multi_member_split.fq.gz
case_ gzip_multi_member_split_inside_line "--in-se-fq multi_member_split.fq.gz" 0 "" 5

bgzip -c big.fq >big_bgzf.fq.gz
case_ bgzf_ok "--in-se-fq big_bgzf.fq.gz" 0 "" 2000
{ gen 1 3 150 0 se | bgzip -c; gen 4 3 150 0 se | bgzip -c; } >bgzf_concat.fq.gz
case_ bgzf_concatenated "--in-se-fq bgzf_concat.fq.gz" 0 "" 6
# A valid gzip stream mixing member kinds (cat a.fq.gz b.fq.gz); zcat, bwa and Picard read it.
{ gen 1 3 150 0 se | bgzip -c; gen 4 3 150 0 se | gzip -n -c; } >bgzf_then_gzip.fq.gz
case_ bgzf_then_gzip_members "--in-se-fq bgzf_then_gzip.fq.gz" 0 "" 6
{ gen 1 3 150 0 se | gzip -n -c; gen 4 3 150 0 se | bgzip -c; } >gzip_then_bgzf.fq.gz
case_ gzip_then_bgzf_members "--in-se-fq gzip_then_bgzf.fq.gz" 0 "" 6

# ---------------------------------------------------------------- record-level errors
cp good.fq bad_len.fq
edit bad_len.fq 'NR == 10 { $0 = $0 "A" } 1'
case_ seq_longer_than_qual "--in-se-fq bad_len.fq" 3 \
  "bad_len.fq record 3: sequence and quality lengths differ (151 vs 150)"
cp good.fq bad_len_qual.fq
edit bad_len_qual.fq 'NR == 12 { $0 = $0 "I" } 1'
case_ qual_longer_than_seq "--in-se-fq bad_len_qual.fq" 3 \
  "bad_len_qual.fq record 3: sequence and quality lengths differ (150 vs 151)"
awk 'NR == 4 * 1234 - 2 { $0 = $0 "A" } 1' big.fq >bad_len_far.fq
case_ bad_record_number_commas "--in-se-fq bad_len_far.fq" 3 \
  "bad_len_far.fq record 1,234: sequence and quality lengths differ (151 vs 150)"

cp good.fq bad_base.fq
edit bad_base.fq 'NR == 10 { $0 = substr($0, 1, 41) "X" substr($0, 43) } 1'
case_ invalid_base "--in-se-fq bad_base.fq" 3 "bad_base.fq record 3: invalid base 'X' at position 42 of the sequence"
cp good.fq bad_base_space.fq
edit bad_base_space.fq 'NR == 14 { $0 = substr($0, 1, 6) " " substr($0, 8) } 1'
case_ invalid_base_space "--in-se-fq bad_base_space.fq" 3 \
  "bad_base_space.fq record 4: invalid base byte 32 at position 7 of the sequence"

cp good.fq qual_space.fq
edit qual_space.fq 'NR == 12 { $0 = substr($0, 1, 9) " " substr($0, 11) } 1'
case_ quality_space "--in-se-fq qual_space.fq" 3 \
  "qual_space.fq record 3: quality byte 32 at position 10 is outside the Phred+33 range"
cp good.fq qual_tab.fq
edit qual_tab.fq 'NR == 12 { $0 = substr($0, 1, 14) "\t" substr($0, 16) } 1'
case_ quality_tab "--in-se-fq qual_tab.fq" 3 \
  "qual_tab.fq record 3: quality byte 9 at position 15 is outside the Phred+33 range"
cp good.fq qual_del.fq
edit qual_del.fq 'NR == 12 { $0 = substr($0, 1, 19) "\177" substr($0, 21) } 1'
case_ quality_byte_127 "--in-se-fq qual_del.fq" 3 \
  "qual_del.fq record 3: quality byte 127 at position 20 is outside the Phred+33 range"
cp good.fq qual_high.fq
edit qual_high.fq 'NR == 16 { $0 = substr($0, 1, 149) "\310" } 1'
case_ quality_byte_200 "--in-se-fq qual_high.fq" 3 \
  "qual_high.fq record 4: quality byte 200 at position 150 is outside the Phred+33 range"

cp good.fq no_plus.fq
edit no_plus.fq 'NR != 11'
case_ missing_plus_line "--in-se-fq no_plus.fq" 3 "no_plus.fq record 3: expected the '+' separator line"
cp good.fq plus_other.fq
edit plus_other.fq 'NR == 11 { $0 = "+r33" } 1'
case_ plus_line_other_name "--in-se-fq plus_other.fq" 3 \
  "plus_other.fq record 3: the '+' line repeats a different name than the header"

cp good.fq no_at.fq
edit no_at.fq 'NR == 9 { $0 = substr($0, 2) } 1'
case_ header_without_at "--in-se-fq no_at.fq" 3 \
  "no_at.fq record 3: expected a header line starting with '@', found 'r'"
awk 'NR % 4 == 1 { print ">" substr($0, 2) } NR % 4 == 2' good.fq >fasta.fq
case_ fasta_given_as_fastq "--in-se-fq fasta.fq" 3 \
  "fasta.fq record 1: expected a header line starting with '@', found '>' (FASTA, not FASTQ?)"
samtools import -0 good.fq -o good_as.bam 2>/dev/null
case_ bam_given_as_fastq "--in-se-fq good_as.bam" 3 "good_as.bam record 1: expected a header line starting with '@'"

head -n 9 good.fq >trunc_header.fq
case_ truncated_after_header "--in-se-fq trunc_header.fq" 3 \
  "trunc_header.fq record 3: truncated record: the file ends after the header line"
head -n 10 good.fq >trunc_seq.fq
case_ truncated_after_sequence "--in-se-fq trunc_seq.fq" 3 \
  "trunc_seq.fq record 3: truncated record: the file ends after the sequence line"
head -n 11 good.fq >trunc_plus.fq
case_ truncated_after_plus "--in-se-fq trunc_plus.fq" 3 \
  "trunc_plus.fq record 3: truncated record: the file ends before the quality line"
{ head -n 11 good.fq; sed -n 12p good.fq | head -c 75; } >trunc_qual.fq
case_ truncated_inside_quality "--in-se-fq trunc_qual.fq" 3 \
  "trunc_qual.fq record 3: truncated record: the file ends inside the quality line (75 of 150 qualities)"

cp good.fq blank_middle.fq
edit blank_middle.fq 'NR == 9 { print "" } 1'
case_ blank_line_between_records "--in-se-fq blank_middle.fq" 3 \
  "blank_middle.fq record 3: empty line where a record was expected (1 blank line inside the file)"
cp good.fq blank_in_record.fq
edit blank_in_record.fq 'NR == 11 { print "" } 1'
case_ blank_line_inside_record "--in-se-fq blank_in_record.fq" 3 \
  "blank_in_record.fq record 3: expected the '+' separator line, found an empty line"

cp good.fq empty_name.fq
edit empty_name.fq 'NR == 9 { $0 = "@" } 1'
case_ empty_read_name "--in-se-fq empty_name.fq" 3 "empty_name.fq record 3: empty read name"
cp pe_ok_R1.fq empty_name_comment.fq
edit empty_name_comment.fq 'NR == 13 { $0 = "@ 1:N:0:ACGTACGT" } 1'
case_ empty_read_name_with_comment "--in-se-fq empty_name_comment.fq" 3 \
  "empty_name_comment.fq record 4: empty read name"

cp good.fq long_name.fq
edit long_name.fq 'NR == 9 { s = "@"; for (i = 0; i < 300; i++) s = s "n"; $0 = s } 1'
case_ read_name_too_long_for_bam "--in-se-fq long_name.fq" 3 \
  "long_name.fq record 3: read name of 300 characters, more than SAM/BAM's limit of 254"

# ---------------------------------------------------------------- pairing errors
cp pe_ok_R1.fq pe_mismatch_R1.fq
cp pe_ok_R2.fq pe_mismatch_R2.fq
edit pe_mismatch_R2.fq 'NR == 9 { $0 = "@SIM:1:FCX:1:1101:9999:2003 2:N:0:ACGTACGT" } 1'
case_ pair_name_mismatch "--in-fq pe_mismatch_R1.fq pe_mismatch_R2.fq" 3 \
  "pe_mismatch_R2.fq record 3: read name 'SIM:1:FCX:1:1101:9999:2003' does not match 'SIM:1:FCX:1:1101:1003:2003' in pe_mismatch_R1.fq"
cp pe_ok_R1.fq pe_r2_short_R1.fq
head -n 16 pe_ok_R2.fq >pe_r2_short_R2.fq
case_ r2_shorter_than_r1 "--in-fq pe_r2_short_R1.fq pe_r2_short_R2.fq" 3 \
  "pe_r2_short_R2.fq ends after 4 records but pe_r2_short_R1.fq has more (record 5)"
head -n 12 pe_ok_R1.fq >pe_r1_short_R1.fq
cp pe_ok_R2.fq pe_r1_short_R2.fq
case_ r1_shorter_than_r2 "--in-fq pe_r1_short_R1.fq pe_r1_short_R2.fq" 3 \
  "pe_r1_short_R1.fq ends after 3 records but pe_r1_short_R2.fq has more (record 4)"
# The mates given in the wrong order: R1 carries "2:N:0:" comments, R2 "1:N:0:".
gen 1 5 150 2 casava >pe_swapped_R1.fq
gen 1 5 150 1 casava >pe_swapped_R2.fq
case_ casava_mates_swapped "--in-fq pe_swapped_R1.fq pe_swapped_R2.fq" 3 \
  "pe_swapped_R1.fq record 1: Casava comments say read 2 in R1 and read 1 in R2 (files swapped?)"
cp pe_ok_R1.fq pe_swapped3_R1.fq
cp pe_ok_R2.fq pe_swapped3_R2.fq
edit pe_swapped3_R1.fq 'NR == 9 { sub(/ 1:N:0:/, " 2:N:0:") } 1'
edit pe_swapped3_R2.fq 'NR == 9 { sub(/ 2:N:0:/, " 1:N:0:") } 1'
case_ casava_mates_swapped_record3 "--in-fq pe_swapped3_R1.fq pe_swapped3_R2.fq" 3 \
  "pe_swapped3_R1.fq record 3: Casava comments say read 2 in R1 and read 1 in R2"

# /1 and /2 suffixes in the wrong files (Picard FastqToSam: "Pair 1 number must be 1").
gen 1 5 150 2 slash >pe_slash_swapped_R1.fq
gen 1 5 150 1 slash >pe_slash_swapped_R2.fq
case_ slash_mates_swapped "--in-fq pe_slash_swapped_R1.fq pe_slash_swapped_R2.fq" 3 "pe_slash_swapped_R1.fq record 1: "
case_ same_file_as_r1_and_r2 "--in-fq pe_ok_R1.fq pe_ok_R1.fq" 2 "--in-fq names pe_ok_R1.fq as both R1 and R2"

# ---------------------------------------------------------------- compression errors
gzip -n -c big.fq >big.fq.gz
size=$(wc -c <big.fq.gz)
head -c $((size / 2)) big.fq.gz >gz_truncated.fq.gz
case_ gzip_truncated "--in-se-fq gz_truncated.fq.gz" 3 "gz_truncated.fq.gz: truncated gzip file"
cp big.fq.gz gz_corrupt.fq.gz
flip_bytes gz_corrupt.fq.gz $((size / 2)) 8
case_ gzip_corrupt_deflate_data "--in-se-fq gz_corrupt.fq.gz" 3 "gz_corrupt.fq.gz: corrupt gzip data"
# Larger than the reader's 4 MiB chunks: bytes flipped at a third of the stream still inflate
# (to garbage); only the CRC at the end of the member tells. The gzip error is what counts.
for _ in 1 2 3 4 5 6 7 8; do cat big.fq; done | gzip -n -c >gz_corrupt_large.fq.gz
flip_bytes gz_corrupt_large.fq.gz $(($(wc -c <gz_corrupt_large.fq.gz) / 3)) 8
case_ gzip_corrupt_large_file "--in-se-fq gz_corrupt_large.fq.gz" 3 "gz_corrupt_large.fq.gz: corrupt gzip data"
{ cat good.fq.gz; printf 'garbage after the gzip member\n'; } >gz_trailing_garbage.fq.gz
case_ gzip_trailing_garbage "--in-se-fq gz_trailing_garbage.fq.gz" 3 \
  "gz_trailing_garbage.fq.gz: unexpected data after the end of a gzip member"

size=$(wc -c <big_bgzf.fq.gz)
head -c $((size - 28)) big_bgzf.fq.gz >bgzf_no_eof.fq.gz
case_ bgzf_missing_eof_block "--in-se-fq bgzf_no_eof.fq.gz" 3 \
  "bgzf_no_eof.fq.gz: truncated BGZF file (no end-of-file block)"
head -c $((size / 2)) big_bgzf.fq.gz >bgzf_truncated.fq.gz
case_ bgzf_truncated_inside_block "--in-se-fq bgzf_truncated.fq.gz" 3 \
  "bgzf_truncated.fq.gz: truncated BGZF file (incomplete last block)"
block2=$(bgzf_block2 big_bgzf.fq.gz)
cp big_bgzf.fq.gz bgzf_corrupt.fq.gz
flip_bytes bgzf_corrupt.fq.gz $((block2 + 18 + 200)) 8
case_ bgzf_corrupt_block "--in-se-fq bgzf_corrupt.fq.gz" 3 \
  "bgzf_corrupt.fq.gz: corrupt BGZF block (bad deflate data or CRC) at compressed byte $(commas "$block2")"
cp big_bgzf.fq.gz bgzf_bad_header.fq.gz
flip_bytes bgzf_bad_header.fq.gz "$block2" 4
case_ bgzf_corrupt_block_header "--in-se-fq bgzf_bad_header.fq.gz" 3 \
  "bgzf_bad_header.fq.gz: not a gzip member at compressed byte $(commas "$block2")"

# ---------------------------------------------------------------- files and usage
case_ missing_file "--in-se-fq does_not_exist.fq" 4 "does_not_exist.fq: no such file"
case_ missing_r2 "--in-fq pe_ok_R1.fq does_not_exist_R2.fq" 4 "does_not_exist_R2.fq: no such file"
mkdir -p a_directory
case_ directory_as_file "--in-se-fq a_directory" 4 "a_directory: is a directory"
case_ in_fq_one_file "--in-fq pe_ok_R1.fq" 2 "--in-fq"
case_ no_input "" 2 "no input"
case_ read_group_without_id "--in-fq pe_ok_R1.fq pe_ok_R2.fq @RG\\tSM:y" 2 "read group line has no ID"
case_ read_group_not_rg "--in-se-fq good.fq ID:x" 2 "expected a read group line starting with @RG"

rm -f big.fq.gz
mv "$manifest" manifest.tsv
echo "wrote $(grep -vc '^#' manifest.tsv) cases to $out/manifest.tsv"
