#!/usr/bin/env bash
# A throwaway PostgreSQL cluster in a folder, for the tests.
#
#   pg-cluster.sh start DIR     creates the cluster in DIR if it has none, starts it,
#                               prints its admin URL on stdout
#   pg-cluster.sh stop DIR      stops it at once (-m immediate); nothing if not running
#   pg-cluster.sh restart DIR   stop, then start on the same port
#   pg-cluster.sh url DIR       prints the admin URL
#   pg-cluster.sh bindir        prints the PostgreSQL bin folder (exit 1 if there is none)
#
# DIR holds everything: data/ (PGDATA), the Unix socket, log, port, password.
# The server listens on 127.0.0.1 only, on a free port kept in DIR/port, and on
# a socket in DIR. Authentication: trust on the socket, scram-sha-256 on
# 127.0.0.1. Superuser: rapport_admin, a random password (DIR/password).
# Settings for tests, not for data: fsync=off, max_connections=200, shared_buffers
# 16MB (RAPPORT_PG_SHARED_BUFFERS, e.g. 128MB, PostgreSQL's default, for benchmarks). A commit
# survives the server's crash (stop -m immediate, kill -9), not the machine's:
# synchronous_commit stays on, as fault tests count on it.
# initdb refuses root: as root, the server runs as the system user rapport-pg
# (created when missing) and DIR is given to it; otherwise as the current user.
# RAPPORT_PG_BIN chooses the bin folder; else the newest /usr/lib/postgresql/*/bin,
# else initdb on PATH. Messages go to stderr; stdout carries only the URL.
set -euo pipefail

PG_USER=rapport-pg
ADMIN=rapport_admin

die() { echo "pg-cluster: $*" >&2; exit 1; }

bindir() {
  if [ -n "${RAPPORT_PG_BIN:-}" ]; then
    [ -x "$RAPPORT_PG_BIN/initdb" ] || { echo "pg-cluster: RAPPORT_PG_BIN=$RAPPORT_PG_BIN has no initdb" >&2; return 1; }
    echo "$RAPPORT_PG_BIN"; return 0
  fi
  local best
  # Version order: 9.6 before 15.
  best=$(for d in /usr/lib/postgresql/*/bin; do if [ -x "$d/initdb" ]; then echo "$d"; fi; done | sort -V | tail -n 1)
  if [ -z "$best" ] && command -v initdb >/dev/null 2>&1; then
    best=$(dirname "$(command -v initdb)")
  fi
  [ -n "$best" ] || return 1
  echo "$best"
}

# Closes every descriptor but 0, 1 and 2. The server outlives this script and
# must not keep what the caller gave it: Foundation's Process learns that its
# child has ended when a socket it passed on is closed by everyone, so a
# server holding it would leave a Swift test waiting forever.
close_inherited_fds() {
  local fd
  for fd in /dev/fd/*; do
    fd=${fd##*/}
    # 255: bash's own (close-on-exec) descriptor for this script.
    if [ "$fd" -gt 2 ] && [ "$fd" != 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
}

# Runs a PostgreSQL program as the cluster's owner, from DIR (the owner may not
# be allowed into the caller's working folder).
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    (close_inherited_fds; cd "$DIR" && runuser -u "$PG_USER" -- "$@")
  else
    (close_inherited_fds; cd "$DIR" && "$@")
  fi
}

ensure_user() {
  [ "$(id -u)" = 0 ] || return 0
  id -u "$PG_USER" >/dev/null 2>&1 && return 0
  local group=(--user-group)
  getent group "$PG_USER" >/dev/null 2>&1 && group=(-g "$PG_USER")
  # Another run may create it at the same moment: only its absence afterwards is an error.
  useradd --system "${group[@]}" --home-dir /nonexistent --no-create-home \
    --shell /usr/sbin/nologin --comment "rapport test PostgreSQL" "$PG_USER" 2>/dev/null || true
  id -u "$PG_USER" >/dev/null 2>&1 || die "could not create the system user $PG_USER"
}

set_dir() {
  [ -n "${1:-}" ] || die "no folder given"
  if [ "${2:-}" = create ]; then mkdir -p "$1" || die "cannot create $1"; fi
  [ -d "$1" ] || die "$1: no such folder"
  DIR=$(cd "$1" && pwd -P)
  # The socket path must fit in sun_path (107 bytes), and DIR goes into the
  # configuration between single quotes.
  case "$DIR" in *[!A-Za-z0-9._/-]*) die "$DIR: only letters, digits and ._/- are supported in the folder's path";; esac
  [ "${#DIR}" -le 85 ] || die "$DIR: too long for a Unix socket path (85 characters at most)"
}

find_bin() { BIN=$(bindir) || die "no PostgreSQL found (no initdb under /usr/lib/postgresql/*/bin or on PATH)"; }

admin_url() {
  [ -s "$DIR/port" ] && [ -s "$DIR/password" ] || die "$DIR holds no cluster (no port or password file)"
  echo "postgres://$ADMIN:$(cat "$DIR/password")@127.0.0.1:$(cat "$DIR/port")/postgres"
}

init_cluster() {
  local buffers=${RAPPORT_PG_SHARED_BUFFERS:-16MB}
  [[ "$buffers" =~ ^[0-9]+(kB|MB|GB)$ ]] || die "RAPPORT_PG_SHARED_BUFFERS=$buffers: a size such as 128MB"
  ensure_user
  if [ "$(id -u)" = 0 ]; then chown "$PG_USER:" "$DIR"; fi
  chmod 700 "$DIR"
  # Hex, so that it needs no escaping in a URL. The file is the owner's, 0600.
  (umask 077; od -An -tx1 -N16 /dev/urandom | tr -d ' \n' >"$DIR/password")
  if [ "$(id -u)" = 0 ]; then chown "$PG_USER:" "$DIR/password"; fi
  # C.UTF-8 when the system has it: codepoint order, but lower() and friends
  # know more than ASCII. Else plain C.
  local locale=(--no-locale)
  if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then locale=(--locale=C.UTF-8); fi
  as_owner "$BIN/initdb" -D "$DIR/data" -U "$ADMIN" --pwfile="$DIR/password" -E UTF8 "${locale[@]}" \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync --no-instructions >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
  as_owner sh -c 'cat >"$1"' sh "$DIR/data/pg_hba.conf" <<EOF
# rapport tests: trust on the socket, passwords over 127.0.0.1.
local all         all                trust
host  all         all   127.0.0.1/32 scram-sha-256
local replication all                trust
host  replication all   127.0.0.1/32 scram-sha-256
EOF
  as_owner sh -c 'cat >>"$1"' sh "$DIR/data/postgresql.conf" <<EOF

# rapport tests (scripts/pg-cluster.sh): a throwaway server, not for data.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
password_encryption = scram-sha-256
fsync = off
full_page_writes = off
max_connections = 200
shared_buffers = $buffers
max_wal_size = 256MB
log_min_messages = warning
log_min_error_statement = error
include 'rapport-port.conf'
EOF
}

# The postmaster's pid, from postmaster.pid.
postmaster_pid() { head -n 1 "$DIR/data/postmaster.pid" 2>/dev/null; }

# Ended but not yet reaped: after a kill -9, until an init process that
# reaps slowly gets to it, kill -0 (as in pg_ctl status) still finds it.
zombie() { [ -r "/proc/$1/stat" ] && [ "$(sed 's/.*) //' "/proc/$1/stat" | cut -c1)" = Z ]; }

running() {
  local pid
  pid=$(postmaster_pid) && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && ! zombie "$pid"
}

# After a crash (kill -9), the dead postmaster's pid still blocks a start
# (PostgreSQL takes the lock file for another server's) while it is a zombie.
wait_for_reaping() {
  local pid tries=0
  pid=$(postmaster_pid) && [ -n "$pid" ] || return 0
  while kill -0 "$pid" 2>/dev/null && zombie "$pid" && [ "$tries" -lt 300 ]; do
    sleep 0.1; tries=$((tries + 1))
  done
}

# Starts on the given port; 2 when the port is taken (someone else bound it).
start_on() {
  local port=$1 before
  as_owner sh -c 'echo "port = $2" >"$1"' sh "$DIR/data/rapport-port.conf" "$port"
  before=$(stat -c %s "$DIR/log" 2>/dev/null || echo 0)
  if as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 60 start >/dev/null 2>&1; then
    echo "$port" >"$DIR/port"
    return 0
  fi
  if tail -c "+$((before + 1))" "$DIR/log" 2>/dev/null | grep -qE 'could not bind|Address already in use|could not create any TCP/IP sockets'; then
    return 2
  fi
  tail -c "+$((before + 1))" "$DIR/log" | tail -n 20 >&2 || true
  return 1
}

# Busy: something accepts connections there (the start itself is the real bind check).
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  local fresh=0
  if [ ! -f "$DIR/data/PG_VERSION" ]; then init_cluster; fresh=1; fi
  if running; then admin_url; return 0; fi
  wait_for_reaping
  if [ -s "$DIR/port" ] && [ "$fresh" = 0 ]; then
    # A restart keeps its port, so that clients can reconnect to the same URL.
    local status=0
    start_on "$(cat "$DIR/port")" || status=$?
    [ "$status" = 0 ] || die "could not start on port $(cat "$DIR/port")$([ "$status" = 2 ] && echo ': it is taken') (log: $DIR/log)"
  else
    # From 54320 upward, at a random offset, so that parallel clusters rarely
    # try, or later take back after a stop, the same port.
    local port=$((54320 + RANDOM % 1000)) tries=0 status
    while :; do
      tries=$((tries + 1))
      [ "$tries" -le 100 ] || die "no free port found from 54320 upward (log: $DIR/log)"
      if port_busy "$port"; then port=$((port + 1)); continue; fi
      status=0
      start_on "$port" || status=$?
      [ "$status" = 0 ] && break
      [ "$status" = 2 ] || die "the server did not start (log: $DIR/log)"
      port=$((port + 1))
    done
  fi
  admin_url
}

stop() {
  [ -f "$DIR/data/PG_VERSION" ] || return 0
  running || return 0
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w -t 60 stop >/dev/null || die "pg_ctl stop failed (log: $DIR/log)"
}

case "${1:-}" in
  start)   set_dir "${2:-}" create; find_bin; start ;;
  stop)    set_dir "${2:-}"; find_bin; stop ;;
  restart) set_dir "${2:-}"; find_bin; stop; start ;;
  url)     set_dir "${2:-}"; admin_url ;;
  bindir)  bindir ;;
  *) echo "usage: $0 start DIR | stop DIR | restart DIR | url DIR | bindir" >&2; exit 2 ;;
esac
