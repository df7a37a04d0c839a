#!/usr/bin/env bash
# Bad input to the recorder: one clear line on stderr, a non-zero exit, and
# any database file left exactly as it was.
# Usage: recorder_cli_test.sh RECORDER DATA_DIR
source "$(dirname "$0")/lib.sh"
RECORDER=$(realpath "$1")
TRACE="$2/traces/anomalies.trace"
WORK=$(mktemp -d)
trap 'chmod -R u+w "$WORK"; rm -rf "$WORK"' EXIT

run() { # expected-exit expected-stderr-regex args...
  local code=$1 pattern=$2
  shift 2
  local err
  err=$(${WRAP:-} "$RECORDER" "$@" 2>&1 >/dev/null)
  local got=$?
  check_eq "exit $code for: $*" "$code" "$got"
  check_match "message for: $*" "$pattern" "$err"
  check_eq "one line for: $*" 1 "$(printf '%s\n' "$err" | wc -l)"
}

run 2 "^octolog-recorder: The following argument was not expected: --bogus" --bogus
run 2 "^octolog-recorder: --interval: .*divides 300" --interval 7
run 2 "^octolog-recorder: --interval: .*must be a whole number of seconds that divides 300" --interval 0
run 2 "^octolog-recorder: --flush-interval: " --flush-interval soon
run 2 "^octolog-recorder: --replay: File does not exist" --replay "$WORK/none.trace"
run 2 "^octolog-recorder: --source: " --source carrier-pigeon

echo "garbage that is not SQLite, long enough to have a header ........." >"$WORK/garbage.db"
sum=$(sha256sum <"$WORK/garbage.db")
run 1 "is not an octolog database \(file is not a database\); left untouched" \
  --replay "$TRACE" --db "$WORK/garbage.db"
check_eq "garbage file unchanged" "$sum" "$(sha256sum <"$WORK/garbage.db")"

if command -v sqlite3 >/dev/null; then
  sqlite3 "$WORK/foreign.db" "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x')"
  sum=$(sha256sum <"$WORK/foreign.db")
  run 1 "is an SQLite database of another program, not octolog's; left untouched" \
    --replay "$TRACE" --db "$WORK/foreign.db"
  check_eq "foreign database unchanged" "$sum" "$(sha256sum <"$WORK/foreign.db")"
fi

printf '# octolog-trace v1\n1000 eth0 10 20\n1000 eth0 1 2 colour=blue\n' >"$WORK/bad.trace"
run 1 "bad.trace:3: unknown key 'colour'" --replay "$WORK/bad.trace" --db "$WORK/t.db"

printf 'interval = 7\n' >"$WORK/bad.toml"
run 2 "^octolog-recorder: --interval: .*divides 300" --config "$WORK/bad.toml"
run 2 "^octolog-recorder: .*no.such.toml" --config "$WORK/no-such.toml"

mkdir "$WORK/readonly"
if [[ $(id -u) -ne 0 ]]; then
  chmod a-w "$WORK/readonly"
  run 1 "cannot create lock file $WORK/readonly/x.db.lock: Permission denied" \
    --replay "$TRACE" --db "$WORK/readonly/x.db"
elif unshare -m true 2>/dev/null; then
  # Root ignores permission bits; a read-only mount stops even root.
  read_only_dir() {
    unshare -m sh -c 'mount -t tmpfs -o ro,size=1m none "$0" && exec "$@"' "$WORK/readonly" "$@"
  }
  WRAP=read_only_dir
  run 1 "cannot create lock file $WORK/readonly/x.db.lock: Read-only file system" \
    --replay "$TRACE" --db "$WORK/readonly/x.db"
  WRAP=""
fi

if command -v flock >/dev/null; then
  "$RECORDER" --replay "$TRACE" --db "$WORK/locked.db" >/dev/null 2>&1
  sum=$(sha256sum <"$WORK/locked.db")
  flock "$WORK/locked.db.lock" sleep 3 &
  holder=$!
  sleep 0.3
  run 1 "another octolog-recorder is already recording to $WORK/locked.db" \
    --replay "$TRACE" --db "$WORK/locked.db"
  kill "$holder" 2>/dev/null
  wait "$holder" 2>/dev/null
  check_eq "locked database unchanged" "$sum" "$(sha256sum <"$WORK/locked.db")"
fi

out=$("$RECORDER" --version)
check_match "--version" "^octolog-recorder [0-9]+\.[0-9]+\.[0-9]+$" "$out"
out=$("$RECORDER" --help)
for flag in --db --interval --flush-interval --include --exclude --replay --trace-out --config \
  --version --help --max-rate --keep-samples --keep-five-minutes --source --log-level; do
  check_match "--help lists $flag" "$flag" "$out"
done
finish
