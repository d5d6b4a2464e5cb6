#!/usr/bin/env bash
# run-tests.sh: make test's two passes over the tests, built already
# (`swift build --build-tests`). Run inside scripts/test-with-postgres.sh, so
# that one PostgreSQL server serves both:
#
#   1. the whole suite, as it is (the Store on SQLite files);
#   2. the Store contract again on PostgreSQL (RAPPORT_TEST_STORE=postgres:
#      every book a fresh database on the run's server): StoreTests but
#      FileTests (SQLite's files), and SummaryConsistencyTests.
#
# Both passes run, whatever the first gives; the exit code is non-zero when
# either fails. Without a server (RAPPORT_TEST_PG_URL unset) the second pass
# is skipped with one line, except under CI=true, where that is a failure
# (test-with-postgres.sh has already failed the run there). Each pass's
# output is shown as it comes; a recap at the end repeats swift test's
# closing line and the time of each pass.
#
# SWIFT chooses the swift binary (make passes its own).
set -uo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}

log=$(mktemp -d /tmp/rapport-tests.XXXXXX) || { echo "run-tests: could not create a folder in /tmp" >&2; exit 1; }
trap 'rm -rf "$log"' EXIT

recap=()
failed=0
stopped=""

# run FILE LABEL ENV... -- ARGS...: `swift test --skip-build ARGS` with ENV
# (env's operands), its output kept in $log/FILE and shown as it comes (GNU
# tail --pid). The test run is a child this script waits for, so that a TERM
# or HUP sent to the script alone (a CI timeout's) reaches it too; as the
# child of a subshell that resets SIGINT and SIGQUIT (a background job would
# ignore them), Ctrl-C reaches it with the terminal's group. A signal also
# stops the script after this pass (`stopped`).
run() {
  local file=$log/$1 label=$2 environment=() started status=0 child shower signal closing
  shift 2
  while [ "$1" != -- ]; do environment+=("$1"); shift; done
  shift
  started=$(date +%s)
  : >"$file"
  ( trap - INT QUIT; exec env "${environment[@]}" "$SWIFT" test --skip-build "$@" ) <&0 >"$file" 2>&1 &
  child=$!
  tail -n +1 -f --pid="$child" "$file" &
  shower=$!
  for signal in INT TERM HUP; do trap "stopped=$signal; kill -$signal $child 2>/dev/null" "$signal"; done
  wait "$child" || status=$?
  # wait returns early when a signal arrives: wait again until the run has ended.
  while kill -0 "$child" 2>/dev/null; do status=0; wait "$child" || status=$?; done
  trap - INT TERM HUP
  # tail shows the last lines, then ends by itself.
  wait "$shower" 2>/dev/null
  closing=$(grep -E 'Test run with [0-9]+ tests?' "$file" | tail -n 1)
  recap+=("$label: $(( $(date +%s) - started )) s, exit $status: ${closing:-no closing line from swift test}")
  [ "$status" = 0 ] || failed=1
}

finish() {
  echo
  echo "== rapport tests: recap =="
  local line
  for line in "${recap[@]}"; do echo "  $line"; done
  case "$stopped" in
    INT) exit 130 ;;
    TERM) exit 143 ;;
    HUP) exit 129 ;;
  esac
  exit "$failed"
}

echo "== rapport tests, pass 1: the whole suite (SQLite) =="
run pass1 "pass 1, the whole suite (SQLite)" -u RAPPORT_TEST_STORE --
[ -z "$stopped" ] || finish

echo
if [ -n "${RAPPORT_TEST_PG_URL:-}" ]; then
  echo "== rapport tests, pass 2: the Store contract on PostgreSQL (StoreTests but FileTests, SummaryConsistencyTests) =="
  run pass2 "pass 2, the Store contract (PostgreSQL)" RAPPORT_TEST_STORE=postgres -- \
    --filter '^StoreTests\.' --filter '^ReliabilityTests\.SummaryConsistencyTests/' --skip '^StoreTests\.FileTests/'
elif [ "${CI:-}" = true ]; then
  echo "postgres: no test server (RAPPORT_TEST_PG_URL is not set; CI=true: failing instead of skipping pass 2, the Store contract on PostgreSQL)" >&2
  recap+=("pass 2, the Store contract (PostgreSQL): not run, no PostgreSQL test server (a failure under CI=true)")
  failed=1
else
  echo "postgres: no test server (RAPPORT_TEST_PG_URL is not set): pass 2, the Store contract on PostgreSQL, is skipped"
  recap+=("pass 2, the Store contract (PostgreSQL): skipped, no PostgreSQL test server")
fi
finish
