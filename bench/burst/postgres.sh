# Sourced: a PostgreSQL cluster of the benchmark's own, so pg_stat_statements can be preloaded (the
# machine's cluster does not load it, and restarting that one would break everyone else's tests)
# and its CPU is counted apart from other work on the machine. Same settings as the machine's
# cluster (fsync on, synchronous_commit on, autovacuum off, shared_buffers 128 MB), plus
# pg_stat_statements. Started if not running, left running for the next run (stop_bench_postgres stops it).
BENCH_PG_DIR=${BENCH_PG_DIR:-/tmp/bookpay-bench-pg}
BENCH_PG_PORT=${BENCH_PG_PORT:-55432}
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

bench_psql() { psql -h 127.0.0.1 -p "$BENCH_PG_PORT" -U postgres -X -q "$@"; }

start_bench_postgres() {
  if pg_isready -q -h 127.0.0.1 -p "$BENCH_PG_PORT"; then return; fi
  local as=()
  [ "$(id -u)" = 0 ] && as=(runuser -u postgres --) # PostgreSQL refuses to run as root
  if [ ! -f "$BENCH_PG_DIR/PG_VERSION" ]; then
    mkdir -p "$BENCH_PG_DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$BENCH_PG_DIR"
    "${as[@]}" "$PG_BIN/initdb" -D "$BENCH_PG_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 > /dev/null
    cat >> "$BENCH_PG_DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $BENCH_PG_PORT
unix_socket_directories = '$BENCH_PG_DIR'
max_connections = 100
shared_buffers = 128MB
autovacuum = off
max_wal_size = 1GB
timezone = 'UTC'
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
pg_stat_statements.max = 5000
track_io_timing = off
logging_collector = off
CONF
  fi
  "${as[@]}" "$PG_BIN/pg_ctl" -D "$BENCH_PG_DIR" -l "$BENCH_PG_DIR/server.log" -w start > /dev/null
}

# CPU seconds (user + system) of the cluster: its live processes plus the children it has reaped
# (pgbench's backends end before the second reading).
bench_postgres_cpu() {
  local pm
  pm=$(head -1 "$BENCH_PG_DIR/postmaster.pid")
  { echo "$pm"; pgrep -P "$pm"; } | while read -r p; do
    [ -r /proc/$p/stat ] && sed -E 's/^[0-9]+ \(.*\) //' /proc/$p/stat | awk -v self=$([ "$p" = "$pm" ] && echo 1 || echo 0) \
      '{ t = $12 + $13; if (self) t += $14 + $15; print t }'
  done | awk -v hz="$(getconf CLK_TCK)" '{ s += $1 } END { printf "%.2f\n", s / hz }'
}

# CPU seconds of one process (user + system).
process_cpu() {
  sed -E 's/^[0-9]+ \(.*\) //' /proc/$1/stat | awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f\n", ($12 + $13) / hz }'
}

stop_bench_postgres() {
  local as=()
  [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$PG_BIN/pg_ctl" -D "$BENCH_PG_DIR" -m fast -w stop > /dev/null
}
