#!/usr/bin/env bash
# A burst of signed Stripe webhooks: new events, repeats, types Bookpay ignores; then checks that
# every distinct event was stored once and processed, and every payment success applied once.
#   PAYMENTS=3000 RATE=500 SECONDS_=30 bash bench/webhooks/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/platform.sh
source bench/common/compile.sh
compile_client bench/webhooks/WebhookBurst.java
payments=${PAYMENTS:-3000}
rate=${RATE:-500}
seconds=${SECONDS_:-30}
# Card payments need a gateway: the simulated one, which takes them without a processor.
export BOOKPAY_PAYMENTS_GATEWAY=simulated
# The bench sends its own webhooks; the simulated gateway's would add successes of their own.
export BOOKPAY_WEBHOOKS_SIMULATOR_DELIVER=false
start_platform bookpay_bench_webhooks 18082
{
  echo "# webhooks benchmark $(date -u +%FT%TZ), $(nproc) cores, payments=$payments rate=$rate/s seconds=$seconds"
  java -cp bench/results/classes WebhookBurst "$BASE_URL" "$BOOKPAY_ADMIN_TOKEN" "$payments" "$rate" "$seconds" | tee bench/results/webhooks-client.txt
  tenant=$(sed -n 's/^tenant=\([^ ]*\).*/\1/p' bench/results/webhooks-client.txt)
  psql -h 127.0.0.1 -U postgres -d "$DB" -X -A -t -c "SET search_path = bookpay" -c \
    "SELECT 'inbox: ' || count(*) || ' rows (' || string_agg(DISTINCT status, ',') || '), processed '
            || count(*) FILTER (WHERE status = 'PROCESSED') || ', ignored ' || count(*) FILTER (WHERE status = 'IGNORED')
            || ', failed ' || count(*) FILTER (WHERE status = 'FAILED') || ', pending ' || count(*) FILTER (WHERE status = 'PENDING')
     FROM webhook_inbox WHERE tenant_id = '$tenant'"
  psql -h 127.0.0.1 -U postgres -d "$DB" -X -A -t -c "SET search_path = bookpay" -c \
    "SELECT 'payments SUCCEEDED: ' || count(*) FILTER (WHERE status = 'SUCCEEDED') || ', PENDING: ' || count(*) FILTER (WHERE status = 'PENDING')
            || '; PaymentSucceeded events: ' || (SELECT count(*) FROM outbox WHERE tenant_id = '$tenant' AND event_type = 'PaymentSucceeded')
            || ', InvoicePaid events: ' || (SELECT count(*) FROM outbox WHERE tenant_id = '$tenant' AND event_type = 'InvoicePaid')
     FROM payments WHERE tenant_id = '$tenant'"
  curl -s "$BASE_URL/actuator/prometheus" -H "Authorization: Bearer $BOOKPAY_ADMIN_TOKEN" | grep -E '^bookpay_webhooks_(received|processed)_total' || true
} | tee bench/results/webhooks.txt
