#!/usr/bin/env bash
# test-with-postgres.sh CMD [ARGS...]: runs CMD beside a throwaway PostgreSQL
# server (scripts/pg-cluster.sh), which is stopped and deleted when CMD ends,
# however it ends (but SIGKILL). The exit code is CMD's.
#
# Installs Debian's postgresql package when no initdb is found. CMD gets:
#   RAPPORT_TEST_PG_URL         postgres://rapport_admin:PASSWORD@127.0.0.1:PORT/postgres (a superuser)
#   RAPPORT_TEST_PG_SOCKET_DIR  the folder of the server's Unix socket (trust: no password)
#   RAPPORT_TEST_PG_PORT        its port, on 127.0.0.1 and for the socket
#   RAPPORT_TEST_PG_BIN         the PostgreSQL bin folder (psql, pg_ctl, ...)
# When the server cannot be had: under CI=true one line and exit 1, CMD not
# run; elsewhere one line, and CMD runs without those variables (the
# PostgreSQL tests then skip).
set -uo pipefail

[ "$#" -gt 0 ] || { echo "usage: $0 CMD [ARGS...]" >&2; exit 2; }
case "$0" in */*) here=${0%/*} ;; *) here=. ;; esac
cluster="$(cd "$here" && pwd)/pg-cluster.sh"
unset RAPPORT_TEST_PG_URL RAPPORT_TEST_PG_SOCKET_DIR RAPPORT_TEST_PG_PORT RAPPORT_TEST_PG_BIN

without_postgres() {
  local why=$1
  shift
  if [ "${CI:-}" = true ]; then
    echo "postgres: $why (CI=true: failing instead of skipping the PostgreSQL tests)" >&2
    exit 1
  fi
  echo "postgres: $why; the PostgreSQL tests will be skipped" >&2
  exec "$@"
}

install_postgres() {
  [ -z "${RAPPORT_PG_BIN:-}" ] || return 1  # a chosen bin folder is not replaced by the package's
  command -v apt-get >/dev/null 2>&1 || return 1
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || return 1
    sudo=(sudo)
  fi
  echo "postgres: installing the postgresql package" >&2
  # Waits its turn when another apt-get or dpkg holds the lock.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq >&2 &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq postgresql >&2
}

if ! bin=$("$cluster" bindir 2>/dev/null); then
  if ! install_postgres || ! bin=$("$cluster" bindir 2>&1); then
    if [ -n "${RAPPORT_PG_BIN:-}" ]; then
      without_postgres "RAPPORT_PG_BIN=$RAPPORT_PG_BIN has no initdb" "$@"
    fi
    without_postgres "no initdb found and the postgresql package could not be installed" "$@"
  fi
fi

dir=$(mktemp -d /tmp/rapport-pg.XXXXXX) || without_postgres "could not create a folder in /tmp" "$@"
cleanup() {
  RAPPORT_PG_BIN="$bin" "$cluster" stop "$dir" >/dev/null 2>&1 || echo "postgres: could not stop the server in $dir" >&2
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

if ! url=$(RAPPORT_PG_BIN="$bin" "$cluster" start "$dir" 2>"$dir/start.err"); then
  # One line: pg-cluster's reason, and the last line of what initdb or the server said.
  why=$(grep -m1 '^pg-cluster: ' "$dir/start.err" | sed 's/^pg-cluster: //')
  detail=$(grep -v '^pg-cluster: ' "$dir/start.err" | grep -v '^[[:space:]]*$' | tail -n 1)
  cleanup
  trap - EXIT
  without_postgres "the server did not start: ${why:-unknown reason}${detail:+ ($detail)}" "$@"
fi
rm -f "$dir/start.err"

export RAPPORT_TEST_PG_URL="$url" RAPPORT_TEST_PG_SOCKET_DIR="$dir" \
  RAPPORT_TEST_PG_PORT="$(cat "$dir/port")" RAPPORT_TEST_PG_BIN="$bin"

# CMD runs as a child the script waits for, so that a signal sent to the script
# alone (a CI timeout's TERM) reaches CMD and the cleanup still runs after it.
# As a subshell it keeps SIGINT (Ctrl-C reaches it with the terminal's group)
# and, with <&0, the terminal as its stdin.
( trap - INT QUIT; exec "$@" ) <&0 &
child=$!
for signal in INT TERM HUP; do trap "kill -$signal $child 2>/dev/null" "$signal"; done
status=0
wait "$child" || status=$?
# wait returns early when a signal arrives: wait again until CMD has ended.
while kill -0 "$child" 2>/dev/null; do status=0; wait "$child" || status=$?; done
exit "$status"
