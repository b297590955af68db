#!/usr/bin/env bash
# Bookings for many providers on random free slots: throughput, latency percentiles, query plans.
#   PROVIDERS=1000 BOOKINGS=6000 CONCURRENCY=32 bash bench/bookings/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/platform.sh
source bench/common/compile.sh
compile_client bench/bookings/BookingLoad.java
providers=${PROVIDERS:-1000}
bookings=${BOOKINGS:-6000}
concurrency=${CONCURRENCY:-32}
start_platform bookpay_bench 18080
{
  echo "# bookings benchmark $(date -u +%FT%TZ), $(nproc) cores, providers=$providers bookings=$bookings concurrency=$concurrency"
  java -cp bench/results/classes BookingLoad "$BASE_URL" "$BOOKPAY_ADMIN_TOKEN" "$providers" "$bookings" "$concurrency"
  psql -h 127.0.0.1 -U postgres -d "$DB" -X -f bench/bookings/explain.sql
} | tee bench/results/bookings.txt
