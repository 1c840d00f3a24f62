# lib.sh -- shared helpers for the CLI tests (sourced). Each test prints "N passed, N failed".
set -u
PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*" >&2; }
# expect_exit CODE DESCRIPTION -- COMMAND...: runs COMMAND, checks its exit status.
expect_exit() {
  local want=$1 what=$2; shift 3
  "$@" >"$WORK/last.out" 2>"$WORK/last.err"
  local got=$?
  if [ "$got" -eq "$want" ]; then ok; else bad "$what: exit $got, expected $want; stderr: $(head -c 400 "$WORK/last.err")"; fi
}
expect_contains() {  # FILE TEXT DESCRIPTION
  if grep -qF -- "$2" "$1"; then ok; else bad "$3: '$2' not found in $(head -c 400 "$1")"; fi
}
expect_one_line() {  # FILE DESCRIPTION
  local n; n=$(wc -l <"$1")
  if [ "$n" -eq 1 ]; then ok; else bad "$2: expected one line on stderr, got $n: $(head -c 400 "$1")"; fi
}
finish() {
  echo "$PASS passed, $FAIL failed"
  [ "$FAIL" -eq 0 ]
}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/helicase-cli.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
