#!/usr/bin/env bash
# markdup_oracle_test.sh BIN_DIR PROBE -- helicase-markdup's number formatting, library size
# estimate, ROI curve, read-name parsing (default and regex), duplicate scores and unclipped
# 5' ends against Picard 2.27.5's and htsjdk's own classes on ~38,000 cases: MarkdupOracle.java
# (compiled here against picard.jar) prints each case with Java's answer, PROBE answers the
# same cases with Helicase's functions, and the outputs must be identical.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/markdup_lib.sh"
PROBE=$2
if ! have_picard || ! command -v javac >/dev/null; then echo "skipped: Picard or javac not installed"; exit 77; fi
cp "$(dirname "$0")/MarkdupOracle.java" "$WORK/"
if ! javac -cp "$PICARD_JAR" -d "$WORK" "$WORK/MarkdupOracle.java" 2>"$WORK/javac.err"; then
  bad "cannot compile the oracle: $(head -3 "$WORK/javac.err")"; finish; exit
fi
java -cp "$PICARD_JAR:$WORK" MarkdupOracle >"$WORK/java.txt"
"$PROBE" <"$WORK/java.txt" >"$WORK/ours.txt"
for kind in lib fmt key name regex score; do
  n=$(grep -c "^$kind"$'\t' "$WORK/java.txt")
  d=$(diff <(grep "^$kind"$'\t' "$WORK/java.txt") <(grep "^$kind"$'\t' "$WORK/ours.txt") | grep -c '^<')
  if [ "$n" -gt 0 ] && [ "$d" -eq 0 ]; then ok; else
    bad "$kind: $d of $n cases differ from Java: $(diff <(grep "^$kind"$'\t' "$WORK/java.txt") <(grep "^$kind"$'\t' "$WORK/ours.txt") | head -4 | cut -c1-200)"
  fi
  echo "$kind: $n cases, $d differences"
done
finish
