#!/usr/bin/env bash
# make stress: the long reliability runs of the suite, with their figures.
#
#   RAPPORT_STRESS=1 turns the bounded tests up: 200 SIGKILLs, 100,000 fuzzed
#   inputs per parser with a random seed (printed; replay with RAPPORT_SEED=N),
#   1,000 writes against the open dashboard, 1,000 rapid resizes, a
#   100,000-card import watched for its progress bar in tmux.
#   Each count can be set on its own: RAPPORT_STRESS_KILLS, RAPPORT_FUZZ_COUNT,
#   RAPPORT_STRESS_WRITES, RAPPORT_STRESS_RESIZES, RAPPORT_STRESS_IMPORT.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
export RAPPORT_STRESS=1 RAPPORT_BIN="$PWD/.build/debug/rapport"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
started=$(date +%s)
status=0
swift test --skip-build --filter \
  'CrashSafetyTests|TwoProcessTests|ImportProgressEndToEndTests|FuzzTests|LargeInputTests|TerminalRestoreTests|TerminalInjectionTests|StorageFailureTests|TrashTests|MigrationTests|FileSafetyTests' \
  >"$log" 2>&1 || status=$?
grep -E '✘' "$log" || true
echo
echo "== rapport stress: figures ($(( $(date +%s) - started )) s) =="
grep -E '^FIGURE: ' "$log" | sed 's/^FIGURE: /  /'
grep -E 'Test run with' "$log" | tail -1
exit "$status"
