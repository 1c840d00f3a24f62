# markdup_lib.sh -- helpers for the helicase-markdup CLI tests (sourced after lib.sh).
PICARD_JAR=/usr/share/java/picard.jar
have_picard() { [ -f "$PICARD_JAR" ] && command -v java >/dev/null; }

# picard_md IN OUT_BAM OUT_METRICS [PICARD ARGS...] -- Picard 2.27.5 MarkDuplicates.
picard_md() {
  local in=$1 out=$2 metrics=$3; shift 3
  java -Xmx2g -jar "$PICARD_JAR" MarkDuplicates I="$in" O="$out" M="$metrics" VALIDATION_STRINGENCY=SILENT \
    QUIET=true "$@" >/dev/null 2>"$WORK/picard.err"
}

# helicase_md IN OUT_BAM OUT_METRICS [ARGS...]
helicase_md() {
  local in=$1 out=$2 metrics=$3; shift 3
  "$BIN/helicase-markdup" --quiet --in-bam "$in" --out-bam "$out" --out-duplicate-metrics "$metrics" "$@"
}

# name, contig, position and flag of every record, in file order.
record_flags() { samtools view "$1" | awk -F'\t' '{print $1, $3, $4, $2}'; }
# The METRICS section (class line, header, rows; up to the blank line) and the HISTOGRAM section.
metrics_section() { awk '/^## METRICS CLASS/{on=1} on && /^$/{exit} on' "$1"; }
histogram_section() { awk '/^## HISTOGRAM/{on=1} on' "$1"; }
metric_value() {  # FILE COLUMN [ROW] -- a METRICS column of the first (or given) library row
  metrics_section "$1" | awk -F'\t' -v col="$2" -v row="${3:-1}" \
    'NR == 2 { for (i = 1; i <= NF; i++) if ($i == col) c = i } NR == 2 + row { print $c }'
}

# new_pg_ids BAM PROGRAM VERSION -- "PP-value<TAB>ID" of the @PG lines that PROGRAM (at
# VERSION: an input may carry an older run's line) added; PP "-" when none.
new_pg_ids() {
  samtools view -H "$1" | awk -F'\t' -v pn="PN:$2" -v vn="VN:$3" '/^@PG/ { id = ""; pp = "-"; p = 0; v = 0
    for (i = 2; i <= NF; i++) { if ($i ~ /^ID:/) id = substr($i, 4); if ($i ~ /^PP:/) pp = substr($i, 4); p += $i == pn; v += $i == vn }
    if (p && v) print pp "\t" id }'
}
# Picard's records with each PG value replaced by the id of our @PG line chained to the same
# old value (so that the whole records can be compared).
picard_records_as_ours() {  # PICARD_BAM OUR_BAM
  new_pg_ids "$2" helicase-markdup "$("$BIN/helicase-markdup" --version | head -1 | cut -d' ' -f2)" >"$WORK/ours.pg"
  new_pg_ids "$1" MarkDuplicates 2.27.5 >"$WORK/theirs.pg"
  samtools view "$1" | awk -F'\t' -v OFS='\t' -v ours="$WORK/ours.pg" -v theirs="$WORK/theirs.pg" '
    BEGIN { while ((getline l < ours) > 0) { split(l, a, "\t"); mine[a[1]] = a[2] }
            while ((getline l < theirs) > 0) { split(l, a, "\t"); if (a[1] in mine) map[a[2]] = mine[a[1]] } }
    { for (i = 12; i <= NF; i++) if ($i ~ /^PG:Z:/ && (substr($i, 6) in map)) $i = "PG:Z:" map[substr($i, 6)]; print }'
}

# compare_with_picard WHAT OURS_BAM OURS_METRICS PICARD_BAM PICARD_METRICS
# Every record identical (flags, optional fields and their order; PG naming our @PG line
# chained to the same old value as Picard's); METRICS and HISTOGRAM sections byte-identical.
compare_with_picard() {
  local what=$1 ob=$2 om=$3 pb=$4 pm=$5
  samtools view "$ob" >"$WORK/ours.sam"
  picard_records_as_ours "$pb" "$ob" >"$WORK/theirs.sam"
  local n; n=$(wc -l <"$WORK/ours.sam")
  if [ "$n" -gt 0 ] && cmp -s "$WORK/ours.sam" "$WORK/theirs.sam"; then ok; else
    bad "$what: records differ from Picard's ($(diff "$WORK/ours.sam" "$WORK/theirs.sam" | grep -c '^<') of $n): $(diff "$WORK/ours.sam" "$WORK/theirs.sam" | head -3 | cut -c1-300)"
  fi
  if [ "$(wc -l <"$WORK/ours.pg")" -eq "$(wc -l <"$WORK/theirs.pg")" ] && [ -s "$WORK/ours.pg" ]; then ok; else
    bad "$what: $(wc -l <"$WORK/ours.pg") new @PG lines, Picard wrote $(wc -l <"$WORK/theirs.pg")"
  fi
  if cmp -s <(metrics_section "$om") <(metrics_section "$pm"); then ok; else
    bad "$what: METRICS differ: $(diff <(metrics_section "$om") <(metrics_section "$pm") | head -4)"
  fi
  if cmp -s <(histogram_section "$om") <(histogram_section "$pm"); then ok; else
    bad "$what: HISTOGRAM differs: $(diff <(histogram_section "$om") <(histogram_section "$pm") | head -4)"
  fi
  echo "$what: $n records, $(samtools view -c -f 1024 "$ob") duplicates, identical to Picard's"
}
