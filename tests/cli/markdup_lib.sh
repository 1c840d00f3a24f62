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

# Records as SAM text without the PG tag (its value names each tool's own @PG line).
records_without_pg() { samtools view "$1" | sed -E 's/\tPG:Z:[^\t]*//'; }
# name, contig, position and flag of every record, in file order.
record_flags() { samtools view "$1" | awk -F'\t' '{print $1, $3, $4, $2}'; }
# The METRICS section (class line, header, rows; up to the blank line) and the HISTOGRAM section.
metrics_section() { awk '/^## METRICS CLASS/{on=1} on && /^$/{exit} on' "$1"; }
histogram_section() { awk '/^## HISTOGRAM/{on=1} on' "$1"; }
metric_value() {  # FILE COLUMN [ROW] -- a METRICS column of the first (or given) library row
  metrics_section "$1" | awk -F'\t' -v col="$2" -v row="${3:-1}" \
    'NR == 2 { for (i = 1; i <= NF; i++) if ($i == col) c = i } NR == 2 + row { print $c }'
}

# compare_with_picard WHAT OURS_BAM OURS_METRICS PICARD_BAM PICARD_METRICS
# Every record identical apart from the PG value; every record of ours carries a PG tag
# naming a @PG line of ours; METRICS and HISTOGRAM sections byte-identical.
compare_with_picard() {
  local what=$1 ob=$2 om=$3 pb=$4 pm=$5
  records_without_pg "$ob" >"$WORK/ours.sam"
  records_without_pg "$pb" >"$WORK/theirs.sam"
  local n; n=$(wc -l <"$WORK/ours.sam")
  if cmp -s "$WORK/ours.sam" "$WORK/theirs.sam"; then ok; else
    bad "$what: records differ from Picard's ($(diff "$WORK/ours.sam" "$WORK/theirs.sam" | grep -c '^<') of $n): $(diff "$WORK/ours.sam" "$WORK/theirs.sam" | head -3 | cut -c1-300)"
  fi
  local ids untagged
  ids=$(samtools view -H "$ob" | awk -F'\t' '/^@PG/ && /PN:helicase-markdup/ { sub("ID:", "", $2); print $2 }' | sort -u | tr '\n' ' ')
  untagged=$(samtools view "$ob" | awk -F'\t' -v ids=" $ids" '{ t = ""; for (i = 12; i <= NF; i++) if ($i ~ /^PG:Z:/) t = substr($i, 6); if (index(ids, " " t " ") == 0) n++ } END { print n + 0 }')
  if [ -n "$ids" ] && [ "$untagged" -eq "$(samtools view "$pb" | grep -vc $'\tPG:Z:' || true)" ]; then ok; else
    bad "$what: $untagged records without a PG tag naming our @PG line ($ids)"
  fi
  if cmp -s <(metrics_section "$om") <(metrics_section "$pm"); then ok; else
    bad "$what: METRICS differ: $(diff <(metrics_section "$om") <(metrics_section "$pm") | head -4)"
  fi
  if cmp -s <(histogram_section "$om") <(histogram_section "$pm"); then ok; else
    bad "$what: HISTOGRAM differs: $(diff <(histogram_section "$om") <(histogram_section "$pm") | head -4)"
  fi
  echo "$what: $n records, $(samtools view -c -f 1024 "$ob") duplicates, identical to Picard's"
}
