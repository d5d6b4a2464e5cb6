#!/usr/bin/env bash
# rapport against khard and abook on the same 10,000 vCard 3.0 contacts, in one run.
#
# Installs what is missing (khard 0.22.0 from PyPI in a venv under .build/peers,
# abook with apt-get), generates the data once (one .vcf file for abook and
# rapport, a vdir for khard, a rapport database with the same contacts plus
# their history), then runs each command RUNS times, alternating tools so that
# a noisy machine hurts both alike, and prints medians and rapport/peer ratios.
# First screens are timed in a 120x40 tmux pane (private socket) by polling
# capture-pane until the first contact's name appears.
#
#   scripts/bench-peers.sh            (after: swift build -c release)
#   N=10000 RUNS=5 scripts/bench-peers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
RUNS=${RUNS:-5}
SEED=${SEED:-42}
BIN=${BIN:-$PWD/.build/release}
WORK=$PWD/.build/peers
DATA=$WORK/data-$N-$SEED
OUT=$PWD/.build/bench
mkdir -p "$WORK" "$OUT"
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)

[ -x "$BIN/rapport" ] && [ -x "$BIN/rapport-bench" ] || { echo "build first: swift build -c release" >&2; exit 1; }

# --- peers ---------------------------------------------------------------
if [ ! -x "$WORK/venv/bin/khard" ]; then
  echo "installing khard 0.22.0 in $WORK/venv" >&2
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install -q "khard==0.22.0"
fi
KHARD=$WORK/venv/bin/khard
if ! command -v abook >/dev/null; then
  echo "installing abook" >&2
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq abook
fi
command -v tmux >/dev/null || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq tmux; }

# --- data ----------------------------------------------------------------
if [ ! -f "$DATA/done" ]; then
  echo "generating $N contacts (seed $SEED)" >&2
  rm -rf "$DATA" && mkdir -p "$DATA"
  "$BIN/rapport-bench" generate "$N" --seed "$SEED" --vcard "$DATA/contacts.vcf" --vdir "$DATA/vdir" --db "$DATA/rapport.sqlite"
  touch "$DATA/done"
fi
cat > "$WORK/khard.conf" <<EOF
[addressbooks]
[[bench]]
path = $DATA/vdir
[general]
debug = no
default_action = list
editor = vi
merge_editor = vimdiff
[contact table]
display = formatted_name
group_by_addressbook = no
reverse = no
show_nicknames = no
show_uids = yes
sort = last_name
localize_dates = yes
preferred_phone_number_type = pref, cell, home
preferred_email_address_type = pref, work, home
[vcard]
private_objects = Jabber,
preferred_version = 3.0
search_in_source_files = no
skip_unparsable = no
EOF
# A name that exists once, from the middle of the book.
NAME=$(awk -v n=$((N / 2 + 1)) '/^FN:/ { if (++i == n) { sub(/^FN:/, ""); sub(/\r$/, ""); print; exit } }' "$DATA/contacts.vcf")
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_DATA_HOME=$WORK/home/.local/share
mkdir -p "$HOME"
export RAPPORT_DB=$DATA/rapport.sqlite

now() { date +%s%N; }
# time_cmd LABEL CMD...: appends one sample (seconds) to $WORK/samples/LABEL
mkdir -p "$WORK/samples" && rm -f "$WORK/samples"/*
time_cmd() {
  local label=$1; shift
  local t0 t1
  t0=$(now); "$@" >/dev/null 2>&1 </dev/null || echo "warning: $label exited $?" >&2; t1=$(now)
  echo "scale=6; ($t1 - $t0) / 1000000000" | bc >> "$WORK/samples/$label"
}

# First screen in a 120x40 tmux pane: seconds from starting the session
# until capture-pane shows $2 (polled; each poll costs a few ms of tmux).
SOCK=rapport-bench-$$
first_screen() {
  local label=$1 text=$2; shift 2
  local t0 t1 deadline
  tmux -L "$SOCK" -f /dev/null kill-session -t B 2>/dev/null || true
  t0=$(now)
  tmux -L "$SOCK" -f /dev/null new-session -d -s B -x 120 -y 40 "$*"
  deadline=$((t0 + 20000000000))
  while ! tmux -L "$SOCK" capture-pane -p -t B 2>/dev/null | grep -qF -- "$text"; do
    [ "$(now)" -gt "$deadline" ] && { echo "warning: $label never showed '$text'" >&2; break; }
  done
  t1=$(now)
  tmux -L "$SOCK" kill-session -t B 2>/dev/null || true
  echo "scale=6; ($t1 - $t0) / 1000000000" | bc >> "$WORK/samples/$label"
}
# Bare tmux cost: a pane that prints a word.
trap 'tmux -L "$SOCK" kill-server 2>/dev/null || true' EXIT

ABOOK_FILE=$WORK/abook-addressbook
# abook will not overwrite an output file.
rm -f "$ABOOK_FILE"
abook --convert --informat vcard --infile "$DATA/contacts.vcf" --outformat abook --outfile "$ABOOK_FILE" >/dev/null 2>&1
# abook lists in file order: its first row is the first card's name.
ABOOK_FIRST=$(awk '/^FN:/ { sub(/^FN:/, ""); sub(/\r$/, ""); print; exit }' "$DATA/contacts.vcf")
"$BIN/rapport" due >/dev/null   # fills the attention cache, as any earlier session would have
RAPPORT_FIRST=$("$BIN/rapport" due --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["contact"]["name"])')
HAS_IMPORT=no
"$BIN/rapport" --help 2>&1 | grep -qE '^ +import( |$)' && HAS_IMPORT=yes
# khard's search is fuzzy ("Ana Hassan" also finds "Hana Hassan") and then
# asks which one: answer 1, as a user would.
khard_show() { printf '1\n' | "$KHARD" -c "$WORK/khard.conf" show "$NAME"; }

# A mail client's address completion asks for a last name.
LAST=${NAME##* }
echo "data: $N contacts ($DATA); show: '$NAME'; mutt query: '$LAST'; runs: $RUNS; rapport import: $HAS_IMPORT" >&2
for run in $(seq "$RUNS"); do
  echo "run $run/$RUNS" >&2
  time_cmd khard_list "$KHARD" -c "$WORK/khard.conf" list
  time_cmd rapport_list "$BIN/rapport" list
  time_cmd khard_show khard_show
  time_cmd rapport_show "$BIN/rapport" show "$NAME"
  time_cmd abook_mutt abook --datafile "$ABOOK_FILE" --config /dev/null --mutt-query "$LAST"
  time_cmd rapport_mutt "$BIN/rapport" mutt-query "$LAST"
  time_cmd khard_birthdays "$KHARD" -c "$WORK/khard.conf" birthdays
  time_cmd rapport_due "$BIN/rapport" due
  rm -f "$WORK/abook-out"
  time_cmd abook_convert abook --convert --informat vcard --infile "$DATA/contacts.vcf" --outformat abook --outfile "$WORK/abook-out"
  if [ "$HAS_IMPORT" = yes ]; then
    rm -f "$WORK/import.sqlite"*
    time_cmd rapport_import "$BIN/rapport" import "$DATA/contacts.vcf" --db "$WORK/import.sqlite"
  fi
  rm -f "$WORK/import-bench.sqlite"*
  time_cmd rapport_parse_insert "$BIN/rapport-bench" import "$DATA/contacts.vcf" "$WORK/import-bench.sqlite"
  first_screen tmux_only "ready" "echo ready; sleep 5"
  first_screen abook_first "$ABOOK_FIRST" abook --datafile "$ABOOK_FILE" --config /dev/null
  first_screen rapport_first "$RAPPORT_FIRST" "$BIN/rapport"
  if [ "$HAS_IMPORT" = yes ]; then
    # Right after an import, before any other command: the import left the attention cache current.
    FRESH_FIRST=$(RAPPORT_DB="$WORK/import.sqlite" "$BIN/rapport" due --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["contact"]["name"])')
    rm -f "$WORK/import.sqlite"*
    "$BIN/rapport" import "$DATA/contacts.vcf" --db "$WORK/import.sqlite" >/dev/null
    RAPPORT_DB="$WORK/import.sqlite" first_screen rapport_first_after_import "$FRESH_FIRST" "$BIN/rapport" --db "$WORK/import.sqlite"
  fi
done

median() { sort -n "$WORK/samples/$1" | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v p="$1" -v r="$2" 'BEGIN { if (r > 0 && p != "-") printf (p / r >= 10 ? "%.0f×" : "%.2f×"), p / r; else print "-" }'; }
row() { # label peer-label peer rapport-label rapport
  local p r; p=$(median "$3"); r=$(median "$5")
  printf "| %s | %s | %.3f s | %.3f s | %s |\n" "$1" "$2" "$p" "$r" "$(ratio "$p" "$r")"
}
{
  echo "| task ($N contacts) | peer | peer median | rapport median | peer / rapport |"
  echo "|---|---|---:|---:|---:|"
  row "list all" "khard list" khard_list rapport_list rapport_list
  row "show one" "khard show NAME" khard_show rapport_show rapport_show
  row "who is due / birthdays" "khard birthdays" khard_birthdays rapport_due rapport_due
  if [ "$HAS_IMPORT" = yes ]; then
    row "import the vCard file" "abook --convert" abook_convert rapport_import rapport_import
  else
    row "import the vCard file (parse + insert; rapport import not merged yet)" "abook --convert" abook_convert rapport_parse_insert rapport_parse_insert
  fi
  row "mail client address query (mutt)" "abook --mutt-query" abook_mutt rapport_mutt rapport_mutt
  row "first screen, 120x40 tmux" "abook" abook_first rapport_first rapport_first
  [ "$HAS_IMPORT" = yes ] && row "first screen right after the import" "abook" abook_first rapport_first_after_import rapport_first_after_import
  printf "| (tmux alone: start a pane, see its text) | | %.3f s | | |\n" "$(median tmux_only)"
  echo
  echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%d)."
} | tee "$OUT/peers.md"
