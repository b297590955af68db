#!/usr/bin/env bash
# Bookings for many providers on random free slots: throughput, latency percentiles, query plans.
# Starts the platform (local run) on a fresh database, runs BookingLoad.java, then explain.sql.
#   PROVIDERS=1000 BOOKINGS=20000 CONCURRENCY=32 bash bench/bookings/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
providers=${PROVIDERS:-1000}
bookings=${BOOKINGS:-20000}
concurrency=${CONCURRENCY:-32}
db=bookpay_bench
port=18080
out=bench/results
mkdir -p "$out"

psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
export BOOKPAY_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" PORT=$port
BOOKPAY_ADMIN_TOKEN="bench-$(od -An -tx8 -N16 /dev/urandom | tr -d ' \n')"
export BOOKPAY_ADMIN_TOKEN
./mvnw -q -pl app -am test-compile spring-boot:test-run -Dspring-boot.run.jvmArguments="${JVM_ARGS:-}" > "$out/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/actuator/health/readiness" > /dev/null && break
  sleep 1
done
psql -h 127.0.0.1 -U postgres -d $db -q -c "SELECT pg_stat_reset()" > /dev/null

{
  echo "# bookings benchmark $(date -u +%FT%TZ), $(nproc) cores, providers=$providers bookings=$bookings concurrency=$concurrency"
  java bench/bookings/BookingLoad.java "http://127.0.0.1:$port" "$BOOKPAY_ADMIN_TOKEN" "$providers" "$bookings" "$concurrency"
  psql -h 127.0.0.1 -U postgres -d $db -X -f bench/bookings/explain.sql
} | tee "$out/bookings.txt"
