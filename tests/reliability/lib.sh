# Helpers shared by the reliability tests, on top of tests/e2e/lib.sh. Sourced,
# never run. Every loop here is bounded in count and in time; traffic goes
# only between network namespaces that the test made.

source "$(dirname "${BASH_SOURCE[0]}")/../e2e/lib.sh"

# Scales a count by OCTOLOG_RELIABILITY_SCALE (a percentage, default 100), at
# least 1, so that slow builds (sanitizers) can run fewer rounds.
scaled() { # count
  local n=$(($1 * ${OCTOLOG_RELIABILITY_SCALE:-100} / 100))
  echo $((n < 1 ? 1 : n))
}

# "rx tx" bytes recorded for interface $3 in view $2 of database $1.
db_totals() { # db view interface
  sqlite3 "$1" "SELECT coalesce(sum(rx_bytes), 0) || ' ' || coalesce(sum(tx_bytes), 0)
                FROM $2 WHERE interface = '$3'"
}

# Samples of one interface that start before the previous one ended, or last
# no time at all: 0 when the record is sound.
db_bad_samples() { # db
  sqlite3 "$1" "SELECT count(*) FROM (
      SELECT start_ms, end_ms,
             lag(end_ms) OVER (PARTITION BY interface ORDER BY start_ms) AS prev_end
      FROM traffic_samples) WHERE start_ms < prev_end OR end_ms <= start_ms"
}

# 5-minute buckets whose coverage is negative or longer than the bucket.
db_bad_buckets() { # db
  sqlite3 "$1" "SELECT count(*) FROM traffic_5min WHERE covered_ms < 0 OR covered_ms > 300000"
}

# Hours whose byte sums differ from the sum of their 5-minute buckets.
db_disagreeing_hours() { # db
  sqlite3 "$1" "SELECT count(*) FROM traffic_hourly h WHERE h.rx_bytes IS NOT (
      SELECT sum(f.rx_bytes) FROM traffic_5min f WHERE f.interface = h.interface
        AND f.start_ms >= h.start_ms AND f.start_ms < h.end_ms)
    OR h.tx_bytes IS NOT (
      SELECT sum(f.tx_bytes) FROM traffic_5min f WHERE f.interface = h.interface
        AND f.start_ms >= h.start_ms AND f.start_ms < h.end_ms)"
}

# The checks every test makes of a database at its end.
check_sound_database() { # db
  check_eq "database integrity" ok "$(sqlite3 "$1" "PRAGMA integrity_check")"
  check_eq "no overlapping, negative or empty samples" 0 "$(db_bad_samples "$1")"
  check_eq "no bucket covers more than its 5 minutes" 0 "$(db_bad_buckets "$1")"
  check_eq "hours equal the sum of their 5-minute buckets" 0 "$(db_disagreeing_hours "$1")"
}

# Resident memory of process $1 in KiB: "VmRSS RssAnon".
memory_kib() { # pid
  awk '/^VmRSS:/ {rss = $2} /^RssAnon:/ {anon = $2} END {print rss, anon}' "/proc/$1/status"
}

# CPU time of process $1 so far, in clock ticks (user + system).
cpu_ticks() { # pid
  awk '{print $14 + $15}' "/proc/$1/stat"
}

random_ms() { # low high
  echo $(($1 + RANDOM % ($2 - $1 + 1)))
}

sleep_ms() { # milliseconds
  sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"
}
