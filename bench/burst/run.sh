#!/usr/bin/env bash
# Bursts on the packaged jar, with PostgreSQL's own limit measured beside them.
#   SCENARIOS="booking slots webhook mixed" CONNECTIONS="8 16 32 64" DURATION=30 bash bench/burst/run.sh
# Starts a PostgreSQL cluster of its own (postgres.sh, with pg_stat_statements) if it is not running,
# a Kafka broker in a JVM of its own (../rebuild/Broker.java) and the packaged jar with production
# settings and its projection consumers off (production runs them in separate workers; CONSUMERS=1
# runs them); seeds a tenant, express links and what the scenarios act on through the API (Seed.java);
# then per scenario and connection count warms up, resets the counters and runs wrk (wrk.lua) for
# DURATION seconds, flat out or at RATE requests a second:
#   booking: POST /v1/public/links/{token}/bookings, every request a different free slot
#   slots:   GET /v1/public/links/{token}/slots for one day
#   webhook: POST /v1/webhooks/stripe/{tenantId}, signed events, 30% repeats; then waits for the inbox to
#            drain and checks from SQL that no event was lost or applied twice
#   mixed:   a clinic's day through the API (SeedMixed.java: searches, bookings, payments, refunds,
#            claim transitions), statuses per route from the app's own counters
# After the scenarios it reads the topics for commit -> Kafka lag (KafkaLag.java), stops the app and
# runs pgbench at PGBENCH_CLIENTS clients on the minimal booking transaction and on the app's own
# statements of each scenario (the SQL files the app loads, see pgbench.sh). Results:
# bench/results/<date>-burst-<scenario>[-c<n>][-r<rate>][-consumers].json and a printed table. JFR=1
# records the app (bench/results/burst/app.jfr). BUILD=0 skips the build; JAR=path runs another build
# of the app (a baseline); PG_STOP=1 stops the benchmark's PostgreSQL at the end (otherwise left
# running for the next run). BENCH_DB, PORT, KAFKA_PORT, BENCH_PG_PORT, BENCH_PG_DIR and BENCH_WORK
# separate two runs on one machine.
# The app starts with the container image's JVM options (docker/jvm.options; JVM_OPTIONS=other-file, or
# JVM_OPTIONS= for none; JVM_ARGS adds to them, a repeated flag wins) and is restarted once after
# migrating, to time a start on a migrated schema. JAVA=path picks the JVM; AOT=1 (JDK 25) starts it as
# the image does: the extracted jar, a training run, then the AOT cache. docker/jvm.options turns on Spring's
# build-time processing (-Dspring.aot.enabled=true), which needs a jar built with process-aot (app/pom.xml):
# for an older JAR=, add JVM_ARGS=-Dspring.aot.enabled=false.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/burst/postgres.sh
source bench/burst/metrics.sh
scenarios=${SCENARIOS:-booking slots}
connections=${CONNECTIONS:-32}
threads=${THREADS:-2}
duration=${DURATION:-30}
warmup=${WARMUP:-15}
rate=${RATE:-0}
consumers=${CONSUMERS:-0}
providers=${PROVIDERS:-100}
links=${LINKS:-2000}
pgbench_clients=${PGBENCH_CLIENTS:-8}
pgbench_duration=${PGBENCH_DURATION:-20}
port=${PORT:-18087}
kafka_port=${KAFKA_PORT:-19093}
DB=${BENCH_DB:-bookpay_bench_burst}
mkdir -p bench/results
work=$(realpath -m "${BENCH_WORK:-bench/results/burst}")
mkdir -p "$work"
jar=$(realpath -m "${JAR:-app/target/bookpay-app-0.1.0-SNAPSHOT.jar}")
for scenario in $scenarios; do
  case $scenario in booking | slots | webhook | mixed) ;; *) echo "unknown scenario $scenario"; exit 1 ;; esac
done
sweep=0; [ "$(wc -w <<< "$connections")" -gt 1 ] && sweep=1

if [ "${BUILD:-1}" != 0 ]; then
  ./mvnw -o -q -pl app -am package -DskipTests
  ./mvnw -o -q -pl app -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$work/test-classpath.txt" -Dmdep.includeScope=test > /dev/null
fi
test_cp="$PWD/app/target/test-classes:$(cat "$work/test-classpath.txt")"
rm -rf "$work/lib" && mkdir -p "$work/lib"
(cd "$work/lib" && unzip -q -o "$jar" 'BOOT-INF/lib/*')
lib_cp=$(ls "$work"/lib/BOOT-INF/lib/*.jar | tr '\n' ':')
rm -rf "$work/classes" && javac -d "$work/classes" bench/common/Load.java bench/burst/Seed.java bench/burst/SeedWebhooks.java \
  bench/burst/SeedMixed.java

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
export BOOKPAY_KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$kafka_port"
export BOOKPAY_KAFKA_CONSUMERS_ENABLED=$([ "$consumers" = 1 ] && echo true || echo false)
export BOOKPAY_ADMIN_TOKEN="bench-$(od -An -tx8 -N16 /dev/urandom | tr -d ' \n')"
# The load generator stands in for many clients through X-Forwarded-For, as a proxy in front would.
export BOOKPAY_LINKS_TRUSTED_PROXIES=127.0.0.1
if [[ " $scenarios " == *" webhook "* ]]; then
  # Card payments need a gateway: the simulated one, its own webhooks off (the load sends them).
  export BOOKPAY_PAYMENTS_GATEWAY=simulated BOOKPAY_WEBHOOKS_SIMULATOR_DELIVER=false
  # Signing secrets are stored sealed: a key of the run's own.
  export BOOKPAY_SECRETS_KEY=${BOOKPAY_SECRETS_KEY:-$(head -c 32 /dev/urandom | base64)}
  # The plans are signed when seeded: a wide tolerance keeps later runs of them fresh (the check costs the same).
  export BOOKPAY_WEBHOOKS_TOLERANCE=${BOOKPAY_WEBHOOKS_TOLERANCE:-24h}
  # One endpoint, one sender (loopback): the ingest's own rate, not the per-tenant limit (1,000/s), is measured.
  export BOOKPAY_WEBHOOKS_RATE_LIMITS_PER_TENANT_CAPACITY=${BOOKPAY_WEBHOOKS_RATE_LIMITS_PER_TENANT_CAPACITY:-1000000}
  export BOOKPAY_WEBHOOKS_RATE_LIMITS_PER_IP_CAPACITY=${BOOKPAY_WEBHOOKS_RATE_LIMITS_PER_IP_CAPACITY:-1000000}
fi
java_bin=${JAVA:-java}
jvm_options=${JVM_OPTIONS-docker/jvm.options}
jvm_args=()
if [ -n "$jvm_options" ]; then jvm_args+=("@$(realpath "$jvm_options")"); fi
jvm_args+=(${JVM_ARGS:-})
if [ "${AOT:-0}" = 1 ]; then
  # The commands of docker/Dockerfile: no database or broker in the training run, migrations off.
  aot="$work/aot" # work is absolute (realpath above)
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
java -cp "$work/classes" Seed "$base" "$BOOKPAY_ADMIN_TOKEN" "$work" "$providers" "$links" "${WARMUP_BOOKINGS:-8000}" \
  "$bookings_planned" "$scenarios"
api_key=$(cat "$work/api-key.txt")

calc() { awk "BEGIN { printf \"%.3f\", $1 }"; } # bc would print .5, which is not JSON
sql() { bench_psql -d "$DB" -At -c "$1"; }
commits() { sql "SELECT xact_commit FROM pg_stat_database WHERE datname = '$DB'"; }
rss_sampler() { # the app's largest resident set while the load runs, in MiB
  local max=0 kb
  while kill -0 "$app_pid" 2>/dev/null && [ ! -e "$work/rss.stop" ]; do
    kb=$(awk '/VmRSS/ { print $2 }' /proc/$app_pid/status)
    [ "$kb" -gt "$max" ] && max=$kb && echo $((max / 1024)) > "$work/rss.max"
    sleep 0.5
  done
}
# Waits (at most $2 s) until the SQL query $1 prints 0; prints the seconds it took.
wait_zero() {
  local t0 n
  t0=$(date +%s.%N)
  for _ in $(seq 1 $(($2 * 5))); do n=$(sql "$1"); [ "$n" = 0 ] && break; sleep 0.2; done
  [ "$n" = 0 ] || echo "still $n after $2 s: $1" >&2
  calc "$(date +%s.%N) - $t0"
}
inbox_pending="SELECT count(*) FROM bookpay.webhook_inbox WHERE status = 'PENDING'"
# The live consumers have caught up: every outbox row is on Kafka and processed_events has not grown for 2 s.
consumers_settle() {
  local t0 before after
  t0=$(date +%s.%N)
  wait_zero "SELECT count(*) FROM bookpay.outbox WHERE published_at IS NULL" 120 > /dev/null
  after=-1
  for _ in $(seq 1 60); do
    before=$after; sleep 2; after=$(sql "SELECT count(*) FROM bookpay.processed_events")
    [ "$before" = "$after" ] && break
  done
  calc "$(date +%s.%N) - $t0"
}
# Runs wrk on plan $1 for $2 s at $conns connections into $3; each plan's lines are used once across runs.
declare -A plan_used
run_wrk() {
  SCENARIO=$scenario PLAN=$1 THREADS=$threads PLAN_OFFSET=${plan_used[$1]:-0} RATE=$rate CONNECTIONS=$conns API_KEY=$api_key \
    wrk -t"$threads" -c"$conns" -d"${2}s" --timeout "${WRK_TIMEOUT:-10s}" -s bench/burst/wrk.lua "$base" > "$3"
  local used
  used=$(grep '^RESULT ' "$3" | sed 's/^RESULT //' | jq .planLinesUsed)
  plan_used[$1]=$(( ${plan_used[$1]:-0} + used ))
}
tag_of() { # the result file's suffix for one connection count
  local tag=""
  [ "$sweep" = 1 ] && tag+="-c$1"
  [ "$rate" != 0 ] && tag+="-r$rate"
  [ "$consumers" = 1 ] && tag+="-consumers"
  echo "$tag"
}

declare -A windows
runs=()
for scenario in $scenarios; do
  case $scenario in
    booking) plan_warm="$work/booking-warmup.txt" plan="$work/booking.txt" ;;
    slots) plan_warm="$work/slots.txt" plan="$work/slots.txt" ;;
    webhook) plan_warm="$work/webhook-warmup.txt" plan="$work/webhook.txt" ;;
    mixed) plan_warm="$work/mixed-warmup.txt" plan="$work/mixed.txt" ;;
  esac
  for conns in $connections; do
    run="$scenario$(tag_of "$conns")"
    runs+=("$run")
    run_wrk "$plan_warm" "$warmup" "$work/$run-warmup.txt"
    # What the warm-up left to do is not the window's: the inbox drained, the consumers caught up.
    [ "$scenario" = webhook ] && wait_zero "$inbox_pending" 600 > /dev/null
    [ "$consumers" = 1 ] && consumers_settle > /dev/null
    inbox0=$(sql "SELECT count(*) FROM bookpay.webhook_inbox")
    succeeded0=$(sql "SELECT count(*) FROM bookpay.payments WHERE status = 'SUCCEEDED'")
    events0=$(sql "SELECT count(*) FROM bookpay.outbox WHERE event_type = 'PaymentSucceeded'")
    bookings0=$(sql "SELECT count(*) FROM bookpay.bookings")
    prom_snapshot "$work/$run-before.prom"
    sql "SELECT pg_stat_statements_reset()" > /dev/null
    c0=$(commits); app0=$(process_cpu "$app_pid"); pg0=$(bench_postgres_cpu)
    rm -f "$work/rss.stop" "$work/rss.max"; rss_sampler & sampler=$!
    load_before=$(cut -d' ' -f1-3 /proc/loadavg)
    from_ms=$(date +%s%3N)
    run_wrk "$plan" "$duration" "$work/$run-wrk.txt"
    to_ms=$(date +%s%3N)
    touch "$work/rss.stop"; wait "$sampler" || true
    app1=$(process_cpu "$app_pid"); pg1=$(bench_postgres_cpu); c1=$(commits)
    load_after=$(cut -d' ' -f1-3 /proc/loadavg)
    windows[$run]="$from_ms $to_ms"
    wrk_json=$(grep '^RESULT ' "$work/$run-wrk.txt" | sed 's/^RESULT //')
    requests=$(echo "$wrk_json" | jq .requests)
    statements=$(sql "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = '$DB' AND s.toplevel AND s.query !~* 'pg_stat|pg_database|bookpay\\.(bookings|webhook_inbox|payments|outbox|processed_events)|^(BEGIN|COMMIT|START TRANSACTION|ROLLBACK)'")
    tx_statements=$(sql "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = '$DB' AND s.toplevel AND s.query ~* '^(BEGIN|COMMIT|START TRANSACTION|ROLLBACK)'")
    bench_psql -d "$DB" -At -F ' | ' -c "SELECT round(calls::numeric / $requests, 2), round(mean_exec_time::numeric, 3) || ' ms',
          regexp_replace(left(query, 160), '\s+', ' ', 'g')
        FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '$DB' AND s.toplevel
        ORDER BY calls DESC LIMIT 40" \
      > "$work/$run-statements.txt"
    # After the window: what the load left behind is done (the inbox drained, the consumers caught up),
    # with the app's CPU until then.
    drain_s=null settle_s=null
    [ "$scenario" = webhook ] && drain_s=$(wait_zero "$inbox_pending" 600)
    [ "$consumers" = 1 ] && settle_s=$(consumers_settle)
    app2=$(process_cpu "$app_pid")
    prom_snapshot "$work/$run-after.prom"
    bookings1=$(sql "SELECT count(*) FROM bookpay.bookings")
    double=$(sql "SELECT count(*) FROM bookpay.bookings a JOIN bookpay.bookings b
        ON a.provider_id = b.provider_id AND a.id < b.id AND a.blocked && b.blocked
        WHERE a.status IN ('HELD', 'CONFIRMED') AND b.status IN ('HELD', 'CONFIRMED')")
    webhook_json=null
    if [ "$scenario" = webhook ]; then
      # Nothing lost: every answer "new" is a row. A row may have no answer wrk saw: the requests in flight
      # when wrk stops (at most one per connection) are stored, or cancelled, without one.
      since="to_timestamp($from_ms / 1000.0)"
      webhook_json=$(jq -n --argjson answers "$(echo "$wrk_json" | jq .webhookAnswers)" \
        --argjson stored "$(( $(sql "SELECT count(*) FROM bookpay.webhook_inbox") - inbox0 ))" \
        --argjson inbox "$(sql "SELECT coalesce(json_object_agg(status, n), '{}') FROM (SELECT status, count(*) AS n
            FROM bookpay.webhook_inbox WHERE received_at >= $since GROUP BY status) s")" \
        --argjson successesStored "$(sql "SELECT count(*) FROM bookpay.webhook_inbox WHERE received_at >= $since
            AND event_type = 'payment_intent.succeeded'")" \
        --argjson paymentsSucceeded "$(( $(sql "SELECT count(*) FROM bookpay.payments WHERE status = 'SUCCEEDED'") - succeeded0 ))" \
        --argjson paymentSucceededEvents "$(( $(sql "SELECT count(*) FROM bookpay.outbox WHERE event_type = 'PaymentSucceeded'") - events0 ))" \
        --argjson appliedTwice "$(sql "SELECT count(*) FROM (SELECT aggregate_id FROM bookpay.outbox
            WHERE event_type IN ('PaymentSucceeded', 'InvoicePaid') GROUP BY event_type, aggregate_id HAVING count(*) > 1) t")" \
        --argjson drain "$drain_s" --argjson connections "$conns" '{
          answers: $answers, stored: $stored, storedWithoutAnswerSeen: ($stored - $answers.accepted), inboxByStatus: $inbox,
          successesStored: $successesStored, paymentsSucceeded: $paymentsSucceeded, paymentSucceededEvents: $paymentSucceededEvents,
          appliedTwice: $appliedTwice, drainSecondsAfterWindow: $drain,
          ok: ($stored >= $answers.accepted and $stored - $answers.accepted <= $connections
               and ($inbox.PENDING // 0) == 0 and ($inbox.FAILED // 0) == 0
               and $successesStored == $paymentsSucceeded and $paymentsSucceeded == $paymentSucceededEvents and $appliedTwice == 0) }')
    fi
    projection_json=null
    if [ "$consumers" = 1 ]; then
      # processed_events.processed_at is now() of the transaction that applies the event's batch, i.e.
      # that transaction's start: a lower bound of the applied time (the histogram's bounds are upper ones).
      projection_json=$(jq -n --argjson sql "$(sql "SELECT coalesce(json_object_agg(consumer, json_build_object('events', n,
            'p50', p50, 'p90', p90, 'p99', p99, 'max', mx)), '{}') FROM (
          SELECT pe.consumer, count(*) AS n, round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)) AS p50,
                 round(percentile_cont(0.9) WITHIN GROUP (ORDER BY ms)) AS p90,
                 round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)) AS p99, round(max(ms)) AS mx
          FROM (SELECT pe.consumer, extract(epoch FROM pe.processed_at - o.occurred_at) * 1000 AS ms
                FROM bookpay.processed_events pe JOIN bookpay.outbox o ON o.event_id = pe.event_id
                WHERE o.occurred_at >= to_timestamp($from_ms / 1000.0) AND o.occurred_at < to_timestamp($to_ms / 1000.0)) pe
          GROUP BY pe.consumer) t")" \
        --argjson histogram "$(apply_latency "$work/$run-before.prom" "$work/$run-after.prom")" --argjson settle "$settle_s" '{
          fromProcessedEventsMs: $sql, fromApplyLatencyHistogram: $histogram, settleSecondsAfterWindow: $settle,
          basis: "processed_events.processed_at (the applying transaction start: a lower bound) - outbox.occurred_at, for the events that occurred in the window; the histogram: occurredAt -> the batch commit, upper bucket bounds" }')
    fi
    jq -n --argjson wrk "$wrk_json" --arg scenario "$scenario" --argjson connections "$conns" --argjson threads "$threads" \
      --argjson requests "$requests" --argjson statements "$statements" --argjson txStatements "$tx_statements" \
      --argjson commits "$((c1 - c0))" --argjson appCpu "$(calc "$app1 - $app0")" --argjson pgCpu "$(calc "$pg1 - $pg0")" \
      --argjson appCpuUntilDone "$(calc "$app2 - $app0")" --argjson rate "$rate" --argjson consumers "$consumers" \
      --argjson rss "$(cat "$work/rss.max" 2>/dev/null || echo 0)" --argjson booked "$((bookings1 - bookings0))" \
      --argjson double "$double" --argjson fresh "$fresh_s" --argjson ready "$ready_s" --arg loadBefore "$load_before" --arg loadAfter "$load_after" \
      --argjson byRoute "$(http_statuses "$work/$run-before.prom" "$work/$run-after.prom")" \
      --argjson webhook "$webhook_json" --argjson projection "$projection_json" \
      --arg cores "$(nproc)" --arg at "$(date -u +%FT%TZ)" '{
        scenario: $scenario, at: $at, cores: ($cores | tonumber), loadavgBefore: $loadBefore, loadavgAfter: $loadAfter,
        app: { connections: $connections, wrkThreads: $threads, startToReadySeconds: $fresh, migratedStartToReadySeconds: $ready, consumers: ($consumers == 1) },
        rateTarget: (if $rate > 0 then $rate else null end),
        throughput: $wrk.throughput, requests: $requests, latencyMs: $wrk.latencyMs, statuses: $wrk.statuses,
        errors: ([$wrk.statuses | to_entries[] | select((.key | tonumber) >= 400) | .value] | add // 0),
        statusesByRoute: $byRoute, socketErrors: $wrk.socketErrors, planWrapped: $wrk.planWrapped,
        perRequest: { statements: ($statements / $requests), beginCommitRollback: ($txStatements / $requests),
                      commits: ($commits / $requests),
                      appCpuMs: ($appCpu * 1000 / $requests), postgresCpuMs: ($pgCpu * 1000 / $requests),
                      appCpuMsUntilDone: ($appCpuUntilDone * 1000 / $requests) },
        cpuSeconds: { app: $appCpu, postgres: $pgCpu, appUntilDone: $appCpuUntilDone }, rssMaxMiB: $rss,
        bookingsWritten: $booked, doubleBookings: $double, webhook: $webhook, commitToProjection: $projection }' > "$work/$run.json"
    echo "$run: $(jq -c '{throughput, latencyMs, statuses, errors, perRequest, rssMaxMiB, doubleBookings}' "$work/$run.json")"
  done
done

for run in "${runs[@]}"; do
  lag=$(java -cp "$lib_cp" bench/burst/KafkaLag.java "127.0.0.1:$kafka_port" ${windows[$run]} 2> "$work/kafka-lag.log" \
    | grep '^LAG ' | sed 's/^LAG //')
  jq --argjson lag "${lag:-null}" '. + { commitToKafkaMs: $lag }' "$work/$run.json" > "$work/$run.json.tmp"
  mv "$work/$run.json.tmp" "$work/$run.json"
done

kill "$app_pid"; wait "$app_pid" 2>/dev/null || true
source bench/burst/pgbench.sh
pgbench_setup
declare -A app_tps minimal_tps
for scenario in $scenarios; do
  own="$work/app-$scenario.pgbench"
  [ "$scenario" = webhook ] && own=bench/burst/webhook-inbox.pgbench
  app_tps[$scenario]=$(pgbench_run "$own" "$work/pgbench-app-$scenario.txt")
  minimal_tps[$scenario]=$(pgbench_run bench/burst/minimal-booking.pgbench "$work/pgbench-minimal-$scenario.txt")
done
day=$(date -u +%F)
for run in "${runs[@]}"; do
  scenario=$(jq -r .scenario "$work/$run.json")
  jq --argjson app "${app_tps[$scenario]}" --argjson minimal "${minimal_tps[$scenario]}" --argjson clients "$pgbench_clients" '. + { pgbench: {
        clients: $clients, minimalBookingTps: $minimal, appStatementsTps: $app },
      ratio: { appToMinimalBooking: (if $minimal then .throughput / $minimal else null end),
               appToOwnStatements: (if $app then .throughput / $app else null end) } }' \
    "$work/$run.json" > "bench/results/$day-burst-$run.json"
done

# The best run of each scenario by throughput (marked * when several connection counts ran).
declare -A best
for run in "${runs[@]}"; do
  f="bench/results/$day-burst-$run.json"; s=$(jq -r .scenario "$f")
  if [ -z "${best[$s]:-}" ] || [ "$(jq -n --slurpfile a "$f" --slurpfile b "${best[$s]}" '$a[0].throughput > $b[0].throughput')" = true ]; then
    best[$s]=$f
  fi
done
printf '\n%-8s %5s %9s %8s %8s %8s %8s %6s %6s %7s %7s %6s %8s %8s %9s %7s %7s %6s\n' scenario conns "req/s" p50 p90 p99 max \
  "stmt/r" "cmt/r" "appCPU" "pgCPU" RSS "kafka50" "kafka99" "pgb-min" "ratio" "ratio2" errors
for run in "${runs[@]}"; do
  f="bench/results/$day-burst-$run.json"; s=$(jq -r .scenario "$f")
  mark=" "; [ "$sweep" = 1 ] && [ "${best[$s]}" = "$f" ] && mark="*"
  jq -r '[.scenario, .app.connections, .throughput, .latencyMs.p50, .latencyMs.p90, .latencyMs.p99, .latencyMs.max,
      .perRequest.statements, .perRequest.commits, .perRequest.appCpuMs, .perRequest.postgresCpuMs, .rssMaxMiB,
      (.commitToKafkaMs.p50 // "-"), (.commitToKafkaMs.p99 // "-"), (.pgbench.minimalBookingTps // 0),
      (.ratio.appToMinimalBooking // 0), (.ratio.appToOwnStatements // 0), .errors] | @tsv' "$f" \
    | awk -F'\t' -v mark="$mark" '{ printf "%-8s %4d%s %9.1f %8.1f %8.1f %8.1f %8.1f %6.2f %6.2f %7.2f %7.2f %6d %8s %8s %9.0f %7.3f %7.3f %6d\n",
        $1, $2, mark, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18 }'
  jq -c '{statuses, planWrapped, doubleBookings, bookingsWritten, loadavgBefore, loadavgAfter}
      + (if .rateTarget then {rateTarget, achieved: .throughput} else {} end)' "$f"
  jq -c 'select(.scenario == "mixed") | {statusesByRoute}' "$f"
  jq -c 'select(.webhook) | .webhook' "$f"
  jq -c 'select(.commitToProjection) | {commitToProjection: .commitToProjection | del(.basis), appCpuMsUntilDone: .perRequest.appCpuMsUntilDone}' "$f"
  # The consumers' CPU: against the same run without them today, if there is one.
  without="bench/results/$day-burst-${run%-consumers}.json"
  if [ "$consumers" = 1 ] && [ -f "$without" ]; then
    jq -rn --slurpfile a "$f" --slurpfile b "$without" '"consumers: app CPU per request \($a[0].perRequest.appCpuMsUntilDone | . * 100 | round / 100) ms (until caught up) against \($b[0].perRequest.appCpuMsUntilDone // $b[0].perRequest.appCpuMs | . * 100 | round / 100) ms without them"'
  fi
done
echo "(ms per request for CPU; stmt/r excludes BEGIN/COMMIT; ratio = app / pgbench minimal booking, ratio2 = app / pgbench on its own statements; * = best connection count)"
