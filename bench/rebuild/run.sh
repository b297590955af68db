#!/usr/bin/env bash
# Rebuild of projections from one million events written straight to the topics (not through the API).
#   EVENTS=1000000 TENANTS=300 PROJECTIONS="analytics finance" bash bench/rebuild/run.sh
# Runs the packaged jar (not spring-boot:test-run, whose JVM is C1-only) against a broker in a JVM of
# its own, with the live consumers off, so the rebuild has the machine to itself. JFR=1 records a
# flight recording of the app to bench/results/rebuild.jfr.
set -euo pipefail
cd "$(dirname "$0")/../.."
events=${EVENTS:-1000000}
tenants=${TENANTS:-300}
projections=${PROJECTIONS:-analytics}
port=${PORT:-18085}
kafka_port=${KAFKA_PORT:-19092}
DB=bookpay_bench_rebuild
mkdir -p bench/results
out=bench/results/rebuild.txt

./mvnw -o -q -pl app -am package -DskipTests
./mvnw -o -q -pl app -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/bench/results/test-classpath.txt" -Dmdep.includeScope=test > /dev/null
test_cp="$PWD/app/target/test-classes:$(cat bench/results/test-classpath.txt)"
# The generator needs only the events module and the Kafka client: the packaged jar carries both.
rm -rf bench/results/rebuild-lib && mkdir -p bench/results/rebuild-lib
(cd bench/results/rebuild-lib && unzip -q -o ../../../app/target/bookpay-app-0.1.0-SNAPSHOT.jar 'BOOT-INF/lib/*')
lib_cp=$(ls bench/results/rebuild-lib/BOOT-INF/lib/*.jar | tr '\n' ':')

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

java -cp "$test_cp" bench/rebuild/Broker.java "$kafka_port" > bench/results/rebuild-broker.log 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do grep -q "broker ready" bench/results/rebuild-broker.log && break; sleep 1; done
grep -q "broker ready" bench/results/rebuild-broker.log || { echo "broker did not start"; exit 1; }

psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
if [ -n "${SLOW_MS:-}" ]; then # PostgreSQL logs statements slower than this (in its own log)
  psql -h 127.0.0.1 -U postgres -q -c "ALTER DATABASE $DB SET log_min_duration_statement = $SLOW_MS" \
    -c "ALTER DATABASE $DB SET log_parameter_max_length = 0"
fi
export BOOKPAY_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" PORT=$port
export BOOKPAY_KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$kafka_port" BOOKPAY_KAFKA_CONSUMERS_ENABLED=false
export BOOKPAY_ADMIN_TOKEN="bench-$(od -An -tx8 -N16 /dev/urandom | tr -d ' \n')"
jvm_args=()
if [ "${JFR:-0}" = 1 ]; then
  jvm_args+=("-XX:StartFlightRecording=filename=bench/results/rebuild.jfr,settings=profile,dumponexit=true")
fi
java "${jvm_args[@]}" -jar app/target/bookpay-app-0.1.0-SNAPSHOT.jar ${APP_ARGS:-} --logging.level.io.bookpay.projection.RebuildRun=${REBUILD_LOG:-INFO} > bench/results/rebuild-app.log 2>&1 &
app_pid=$!
pids+=($app_pid)
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do curl -fs "$base/actuator/health/readiness" > /dev/null && break; sleep 1; done
curl -fs "$base/actuator/health/readiness" > /dev/null || { echo "app did not start"; exit 1; }

{
  echo "# rebuild benchmark $(date -u +%FT%TZ), $(nproc) cores, events=$events tenants=$tenants projections=$projections"
  java -cp "$lib_cp" bench/rebuild/GenerateEvents.java "127.0.0.1:$kafka_port" bookpay. "$events" "$tenants" \
    | grep -v -P '^[0-9:.]+ \[|^\t' # the Kafka client's log lines and its configuration
  started=$(date +%s.%N)
  for p in $projections; do
    code=$(curl -s -o bench/results/rebuild-start-$p.json -w '%{http_code}' -X POST \
      -H "Authorization: Bearer $BOOKPAY_ADMIN_TOKEN" "$base/v1/admin/projections/$p/rebuild")
    echo "POST $p rebuild: $code"
  done
  for p in $projections; do
    [ -s bench/results/rebuild-start-$p.json ] && grep -q '"RUNNING"' bench/results/rebuild-start-$p.json || continue
    while :; do
      status=$(curl -fs -H "Authorization: Bearer $BOOKPAY_ADMIN_TOKEN" "$base/v1/admin/projections/$p/rebuild")
      state=$(echo "$status" | sed -E 's/.*"state":"([A-Z]+)".*/\1/')
      [ "$state" != RUNNING ] && break
      sleep 1
    done
    ended=$(date +%s.%N)
    replayed=$(echo "$status" | sed -E 's/.*"eventsReplayed":([0-9]+).*/\1/')
    awk -v p="$p" -v s="$state" -v n="$replayed" -v t0="$started" -v t1="$ended" \
      'BEGIN { t = t1 - t0; printf "%s: %s, %d events in %.1f s (%.0f events/s)\n", p, s, n, t, n / t }'
    echo "$status" | grep -o '"error":"[^"]*"' || true
    # The rebuild's own span (the polls above wait for each projection in turn, so a later one's line runs long).
    s0=$(echo "$status" | sed -nE 's/.*"startedAt":"([^"]+)".*/\1/p'); s1=$(echo "$status" | sed -nE 's/.*"finishedAt":"([^"]+)".*/\1/p')
    [ -n "$s0" ] && [ -n "$s1" ] && awk -v p="$p" -v a="$(date -d "$s0" +%s.%N)" -v b="$(date -d "$s1" +%s.%N)" -v n="$replayed" \
      'BEGIN { printf "%s: startedAt -> finishedAt %.1f s (%.0f events/s)\n", p, b - a, n / (b - a) }'
  done
  grep -h "read index\|switched:\|replayed" bench/results/rebuild-app.log | sed -E 's/.*RebuildRun *: //'
  psql -h 127.0.0.1 -U postgres -d "$DB" -X -A -t -c "SET search_path = bookpay" -c \
    "SELECT 'analytics_events rows: ' || count(*) FROM analytics_events" \
    -c "SELECT 'processed_events rows: ' || count(*) FROM processed_events"
} | tee "$out"
