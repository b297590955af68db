#!/usr/bin/env bash
# A burst on express links: clients open their link, search slots, book a free one.
#   LINKS=2000 PROVIDERS=50 CONCURRENCY=64 bash bench/links/run.sh
# PACKAGED=1 runs the packaged jar with its live consumers on (a broker in a JVM of its own) and
# reports the analytics and finance consumers' apply rate and apply latency during the burst.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/platform.sh
source bench/common/compile.sh
source bench/common/apply-rate.sh
compile_client bench/links/LinkBurst.java
links=${LINKS:-2000}
providers=${PROVIDERS:-50}
concurrency=${CONCURRENCY:-64}
# The load client stands in for many clients through X-Forwarded-For from loopback.
export BOOKPAY_LINKS_TRUSTED_PROXIES=127.0.0.1
start_platform bookpay_bench_links 18081
{
  echo "# links benchmark $(date -u +%FT%TZ), $(nproc) cores, links=$links providers=$providers concurrency=$concurrency"
  echo "load: $(uptime)"
  if [ "${PACKAGED:-0}" = 1 ]; then apply_rate_start; fi
  java -cp bench/results/classes LinkBurst "$BASE_URL" "$BOOKPAY_ADMIN_TOKEN" "$links" "$providers" "$concurrency"
  sleep 2 # one view-flush interval, so the last LinkViewed rows are written
  if [ "${PACKAGED:-0}" = 1 ]; then apply_rate_stop; fi
  echo "load: $(uptime)"
  psql -h 127.0.0.1 -U postgres -d "$DB" -X -A -t -c "SET search_path = bookpay" -c \
    "SELECT 'LinkViewed: ' || coalesce(sum((envelope->'payload'->>'views')::bigint), 0) || ' views -> ' || count(*)
            || ' outbox rows in ' || count(DISTINCT created_at) || ' insert transactions'
     FROM outbox WHERE event_type = 'LinkViewed'"
  psql -h 127.0.0.1 -U postgres -d "$DB" -X -A -t -c "SET search_path = bookpay" -c \
    "SELECT 'bookings: ' || count(*) || ', links used: ' || (SELECT count(*) FROM links WHERE uses > 0)
            || ', outbox rows in all: ' || (SELECT count(*) FROM outbox) FROM bookings"
} | tee bench/results/links.txt
