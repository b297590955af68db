#!/usr/bin/env bash
# Express-link bursts on the packaged jar, with PostgreSQL's own limit measured beside them.
#   SCENARIOS="booking slots" CONNECTIONS=32 DURATION=30 bash bench/burst/run.sh
# Starts a PostgreSQL cluster of its own (postgres.sh, with pg_stat_statements) if it is not running,
# a Kafka broker in a JVM of its own (../rebuild/Broker.java) and the packaged jar with production
# settings and its projection consumers off (production runs them in separate workers); seeds a
# tenant and express links through the API (Seed.java); then per scenario warms up, resets the
# counters and runs wrk (wrk.lua) for DURATION seconds at CONNECTIONS connections:
#   booking: POST /v1/public/links/{token}/bookings, every request a different free slot
#   slots:   GET /v1/public/links/{token}/slots for one day
# After the scenarios it reads the topics for commit -> Kafka lag (KafkaLag.java), stops the app and
# runs pgbench at PGBENCH_CLIENTS clients on the minimal booking transaction and on the app's own
# statements of each scenario (the SQL files the app loads, see pgbench.sh). Results:
# bench/results/<date>-burst-<scenario>.json and a printed table. JFR=1 records the app
# (bench/results/burst/app.jfr). BUILD=0 skips the build; JAR=path runs another build of the app (a baseline);
# PG_STOP=1 stops the benchmark's PostgreSQL at the end (otherwise left running for the next run).
# The app starts with the container image's JVM options (docker/jvm.options; JVM_OPTIONS=other-file, or
# JVM_OPTIONS= for none; JVM_ARGS adds to them, a repeated flag wins) and is restarted once after
# migrating, to time a start on a migrated schema. JAVA=path picks the JVM; AOT=1 (JDK 25) starts it as
# the image does: the extracted jar, a training run, then the AOT cache.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/burst/postgres.sh
scenarios=${SCENARIOS:-booking slots}
conns=${CONNECTIONS:-32}
threads=${THREADS:-2}
duration=${DURATION:-30}
warmup=${WARMUP:-15}
providers=${PROVIDERS:-100}
links=${LINKS:-2000}
pgbench_clients=${PGBENCH_CLIENTS:-8}
pgbench_duration=${PGBENCH_DURATION:-20}
port=${PORT:-18087}
kafka_port=${KAFKA_PORT:-19093}
DB=bookpay_bench_burst
work=bench/results/burst
mkdir -p "$work"
jar=$(realpath -m "${JAR:-app/target/bookpay-app-0.1.0-SNAPSHOT.jar}")

if [ "${BUILD:-1}" != 0 ]; then
  ./mvnw -o -q -pl app -am package -DskipTests
  ./mvnw -o -q -pl app -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$work/test-classpath.txt" -Dmdep.includeScope=test > /dev/null
fi
test_cp="$PWD/app/target/test-classes:$(cat "$work/test-classpath.txt")"
rm -rf "$work/lib" && mkdir -p "$work/lib"
(cd "$work/lib" && unzip -q -o "$jar" 'BOOT-INF/lib/*')
lib_cp=$(ls "$work"/lib/BOOT-INF/lib/*.jar | tr '\n' ':')
rm -rf "$work/classes" && javac -d "$work/classes" bench/common/Load.java bench/burst/Seed.java

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ "${PG_STOP:-0}" = 1 ]; then stop_bench_postgres; fi
}
trap cleanup EXIT

start_bench_postgres
# The last run's broker and app may still be closing: wait until their ports are free.
for _ in $(seq 1 60); do ss -ltn | grep -qE ":($kafka_port|$port) " || break; sleep 1; done
java -cp "$test_cp" bench/rebuild/Broker.java "$kafka_port" > "$work/broker.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do grep -q "broker ready" "$work/broker.log" && break; sleep 1; done
grep -q "broker ready" "$work/broker.log" || { echo "broker did not start"; exit 1; }

bench_psql -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
bench_psql -d "$DB" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
export BOOKPAY_DB_URL="jdbc:postgresql://127.0.0.1:$BENCH_PG_PORT/$DB" PORT=$port
export BOOKPAY_KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$kafka_port" BOOKPAY_KAFKA_CONSUMERS_ENABLED=false
export BOOKPAY_ADMIN_TOKEN="bench-$(od -An -tx8 -N16 /dev/urandom | tr -d ' \n')"
# The load generator stands in for many clients through X-Forwarded-For, as a proxy in front would.
export BOOKPAY_LINKS_TRUSTED_PROXIES=127.0.0.1
java_bin=${JAVA:-java}
jvm_options=${JVM_OPTIONS-docker/jvm.options}
jvm_args=()
if [ -n "$jvm_options" ]; then jvm_args+=("@$(realpath "$jvm_options")"); fi
jvm_args+=(${JVM_ARGS:-})
if [ "${AOT:-0}" = 1 ]; then
  # The commands of docker/Dockerfile: no database or broker in the training run, migrations off.
  aot="$PWD/$work/aot"
  rm -rf "$aot" && "$java_bin" -Djarmode=tools -jar "$jar" extract --destination "$aot" --application-filename bookpay-app.jar
  BOOKPAY_DB_MIGRATE_ON_START=false BOOKPAY_DB_URL=jdbc:postgresql://127.0.0.1:1/training BOOKPAY_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 \
    "$java_bin" "${jvm_args[@]}" -XX:AOTCacheOutput="$aot/bookpay.aot" -Dspring.context.exit=onRefresh \
      -jar "$aot/bookpay-app.jar" > "$work/aot-training.log" 2>&1 || { echo "AOT training failed"; tail -20 "$work/aot-training.log"; exit 1; }
  jar="$aot/bookpay-app.jar"
  jvm_args+=("-XX:AOTCache=$aot/bookpay.aot")
fi
if [ "${JFR:-0}" = 1 ]; then
  jvm_args+=("-XX:StartFlightRecording=filename=$work/app.jfr,settings=profile,dumponexit=true")
fi
base="http://127.0.0.1:$port"
start_app() { # LOG: starts the app, waits until it is ready; sets app_pid and ready_s
  local started deadline
  started=$(date +%s.%N); deadline=$(($(date +%s) + 180))
  "$java_bin" "${jvm_args[@]}" -jar "$jar" ${APP_ARGS:-} > "$1" 2>&1 &
  app_pid=$!
  pids+=($app_pid)
  until curl -fs "$base/actuator/health/readiness" > /dev/null; do
    kill -0 "$app_pid" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ] || { echo "app did not start"; tail -50 "$1"; exit 1; }
    sleep 0.05
  done
  ready_s=$(printf '%.3f' "$(echo "$(date +%s.%N) - $started" | bc)")
}
start_app "$work/app-migrate.log"
fresh_s=$ready_s
echo "app ready in ${fresh_s} s (fresh schema, migrations included); load: $(cut -d' ' -f1-3 /proc/loadavg)"
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true
for _ in $(seq 1 60); do ss -ltn | grep -qE ":$port " || break; sleep 0.2; done
start_app "$work/app.log"
echo "app ready in ${ready_s} s (migrated schema, restarted); load: $(cut -d' ' -f1-3 /proc/loadavg)"

bookings_planned=${BOOKINGS:-60000}
java -cp "$work/classes" Seed "$base" "$BOOKPAY_ADMIN_TOKEN" "$work" "$providers" "$links" "${WARMUP_BOOKINGS:-8000}" "$bookings_planned"

commits() { bench_psql -d "$DB" -At -c "SELECT xact_commit FROM pg_stat_database WHERE datname = '$DB'"; }
rss_sampler() { # the app's largest resident set while the load runs, in MiB
  local max=0 kb
  while kill -0 "$app_pid" 2>/dev/null && [ ! -e "$work/rss.stop" ]; do
    kb=$(awk '/VmRSS/ { print $2 }' /proc/$app_pid/status)
    [ "$kb" -gt "$max" ] && max=$kb && echo $((max / 1024)) > "$work/rss.max"
    sleep 0.5
  done
}

declare -A windows
for scenario in $scenarios; do
  case $scenario in
    booking) plan_warm="$work/booking-warmup.txt" plan="$work/booking.txt" ;;
    slots) plan_warm="$work/slots.txt" plan="$work/slots.txt" ;;
    *) echo "unknown scenario $scenario"; exit 1 ;;
  esac
  SCENARIO=$scenario PLAN=$plan_warm THREADS=$threads wrk -t"$threads" -c"$conns" -d"${warmup}s" --timeout "${WRK_TIMEOUT:-10s}" -s bench/burst/wrk.lua "$base" > "$work/$scenario-warmup.txt"
  bench_psql -d "$DB" -At -c "SELECT pg_stat_statements_reset()" > /dev/null
  c0=$(commits); app0=$(process_cpu "$app_pid"); pg0=$(bench_postgres_cpu)
  bookings0=$(bench_psql -d "$DB" -At -c "SELECT count(*) FROM bookpay.bookings")
  rm -f "$work/rss.stop" "$work/rss.max"; rss_sampler & sampler=$!
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  from_ms=$(date +%s%3N)
  SCENARIO=$scenario PLAN=$plan THREADS=$threads wrk -t"$threads" -c"$conns" -d"${duration}s" --timeout "${WRK_TIMEOUT:-10s}" -s bench/burst/wrk.lua "$base" > "$work/$scenario-wrk.txt"
  to_ms=$(date +%s%3N)
  touch "$work/rss.stop"; wait "$sampler" || true
  app1=$(process_cpu "$app_pid"); pg1=$(bench_postgres_cpu); c1=$(commits)
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  windows[$scenario]="$from_ms $to_ms"
  wrk_json=$(grep '^RESULT ' "$work/$scenario-wrk.txt" | sed 's/^RESULT //')
  requests=$(echo "$wrk_json" | jq .requests)
  statements=$(bench_psql -d "$DB" -At -c "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
      WHERE d.datname = '$DB' AND s.toplevel AND s.query !~* 'pg_stat|pg_database|bookpay\\.bookings|^(BEGIN|COMMIT|START TRANSACTION|ROLLBACK)'")
  tx_statements=$(bench_psql -d "$DB" -At -c "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
      WHERE d.datname = '$DB' AND s.toplevel AND s.query ~* '^(BEGIN|COMMIT|START TRANSACTION|ROLLBACK)'")
  bench_psql -d "$DB" -At -F ' | ' -c "SELECT round(calls::numeric / $requests, 2), round(mean_exec_time::numeric, 3) || ' ms',
        regexp_replace(left(query, 160), '\s+', ' ', 'g')
      FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '$DB' AND s.toplevel
      ORDER BY calls DESC LIMIT 40" \
    > "$work/$scenario-statements.txt"
  bookings1=$(bench_psql -d "$DB" -At -c "SELECT count(*) FROM bookpay.bookings")
  double=$(bench_psql -d "$DB" -At -c "SELECT count(*) FROM bookpay.bookings a JOIN bookpay.bookings b
      ON a.provider_id = b.provider_id AND a.id < b.id AND a.blocked && b.blocked
      WHERE a.status IN ('HELD', 'CONFIRMED') AND b.status IN ('HELD', 'CONFIRMED')")
  jq -n --argjson wrk "$wrk_json" --arg scenario "$scenario" --argjson connections "$conns" --argjson threads "$threads" \
    --argjson requests "$requests" --argjson statements "$statements" --argjson txStatements "$tx_statements" \
    --argjson commits "$((c1 - c0))" --argjson appCpu "$(echo "$app1 - $app0" | bc)" --argjson pgCpu "$(echo "$pg1 - $pg0" | bc)" \
    --argjson rss "$(cat "$work/rss.max" 2>/dev/null || echo 0)" --argjson booked "$((bookings1 - bookings0))" \
    --argjson double "$double" --argjson fresh "$fresh_s" --argjson ready "$ready_s" --arg loadBefore "$load_before" --arg loadAfter "$load_after" \
    --arg cores "$(nproc)" --arg at "$(date -u +%FT%TZ)" '{
      scenario: $scenario, at: $at, cores: ($cores | tonumber), loadavgBefore: $loadBefore, loadavgAfter: $loadAfter,
      app: { connections: $connections, wrkThreads: $threads, startToReadySeconds: $fresh, migratedStartToReadySeconds: $ready },
      throughput: $wrk.throughput, requests: $requests, latencyMs: $wrk.latencyMs, statuses: $wrk.statuses,
      socketErrors: $wrk.socketErrors, planWrapped: $wrk.planWrapped,
      perRequest: { statements: ($statements / $requests), beginCommitRollback: ($txStatements / $requests),
                    commits: ($commits / $requests),
                    appCpuMs: ($appCpu * 1000 / $requests), postgresCpuMs: ($pgCpu * 1000 / $requests) },
      cpuSeconds: { app: $appCpu, postgres: $pgCpu }, rssMaxMiB: $rss,
      bookingsWritten: $booked, doubleBookings: $double }' > "$work/$scenario.json"
  echo "$scenario: $(jq -c '{throughput, latencyMs, statuses, perRequest, rssMaxMiB, doubleBookings}' "$work/$scenario.json")"
done

for scenario in $scenarios; do
  lag=$(java -cp "$lib_cp" bench/burst/KafkaLag.java "127.0.0.1:$kafka_port" ${windows[$scenario]} 2> "$work/kafka-lag.log" \
    | grep '^LAG ' | sed 's/^LAG //')
  jq --argjson lag "${lag:-null}" '. + { commitToKafkaMs: $lag }' "$work/$scenario.json" > "$work/$scenario.json.tmp"
  mv "$work/$scenario.json.tmp" "$work/$scenario.json"
done

kill "$app_pid"; wait "$app_pid" 2>/dev/null || true
source bench/burst/pgbench.sh
pgbench_setup
for scenario in $scenarios; do
  app_tps=$(pgbench_run "$work/app-$scenario.pgbench" "$work/pgbench-app-$scenario.txt")
  minimal_tps=$(pgbench_run bench/burst/minimal-booking.pgbench "$work/pgbench-minimal-$scenario.txt")
  jq --argjson app "$app_tps" --argjson minimal "$minimal_tps" --argjson clients "$pgbench_clients" '. + { pgbench: {
        clients: $clients, minimalBookingTps: $minimal, appStatementsTps: $app },
      ratio: { appToMinimalBooking: (if $minimal then .throughput / $minimal else null end),
               appToOwnStatements: (if $app then .throughput / $app else null end) } }' \
    "$work/$scenario.json" > "bench/results/$(date -u +%F)-burst-$scenario.json"
done

printf '\n%-8s %5s %9s %8s %8s %8s %8s %6s %6s %7s %7s %6s %8s %8s %9s %7s %7s\n' scenario conns "req/s" p50 p90 p99 max \
  "stmt/r" "cmt/r" "appCPU" "pgCPU" RSS "kafka50" "kafka99" "pgb-min" "ratio" "ratio2"
for scenario in $scenarios; do
  jq -r '[.scenario, .app.connections, .throughput, .latencyMs.p50, .latencyMs.p90, .latencyMs.p99, .latencyMs.max,
      .perRequest.statements, .perRequest.commits, .perRequest.appCpuMs, .perRequest.postgresCpuMs, .rssMaxMiB,
      (.commitToKafkaMs.p50 // "-"), (.commitToKafkaMs.p99 // "-"), (.pgbench.minimalBookingTps // 0),
      (.ratio.appToMinimalBooking // 0), (.ratio.appToOwnStatements // 0)] | @tsv' "bench/results/$(date -u +%F)-burst-$scenario.json" \
    | awk -F'\t' '{ printf "%-8s %5d %9.1f %8.1f %8.1f %8.1f %8.1f %6.2f %6.2f %7.2f %7.2f %6d %8s %8s %9.0f %7.3f %7.3f\n",
        $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17 }'
  jq -c '{statuses, doubleBookings, bookingsWritten, loadavgBefore, loadavgAfter}' "bench/results/$(date -u +%F)-burst-$scenario.json"
done
echo "(ms per request for CPU; stmt/r excludes BEGIN/COMMIT; ratio = app / pgbench minimal booking, ratio2 = app / pgbench on its own statements)"
