#!/usr/bin/env bash
# The README's API tour, as one script: from the first tenant to the last report, against a running
# Bookpay. Plain bash, curl and jq. A test (TourIntegrationTest) runs it against a started instance,
# so every command shown in the README's "API tour" runs as written.
#
#   export BOOKPAY_ADMIN_TOKEN=...        # the operator token the local run prints at start
#   bash docs/tour.sh                     # BASE_URL defaults to http://localhost:8080
set -euo pipefail

BASE_URL=${BASE_URL:-http://localhost:8080}
: "${BOOKPAY_ADMIN_TOKEN:?export the operator token first (the local run prints the export line at start)}"
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "tour.sh needs $tool (Debian: apt-get install $tool)" >&2; exit 1; }
done

# --- helpers -------------------------------------------------------------------------------------

step() { printf '\n== %s\n' "$*"; }
show() { printf '   %s\n' "$*"; }

# call CREDENTIAL PATH [curl options...]: one request; prints the JSON answer, and stops the tour
# with the problem on a 4xx or 5xx. CREDENTIAL empty: no Authorization header (public routes).
call() {
  local credential=$1 path=$2 answer
  shift 2
  local auth=() # expanded as ${auth[@]+...}: bash 3 (macOS) calls an empty array unbound under set -u
  [[ -n $credential ]] && auth=(-H "Authorization: Bearer $credential")
  if ! answer=$(curl -sS --fail-with-body ${auth[@]+"${auth[@]}"} "$@" "$BASE_URL$path"); then
    echo "FAILED: $path answered: $answer" >&2
    return 1
  fi
  printf '%s\n' "$answer"
}
admin()  { call "$BOOKPAY_ADMIN_TOKEN" "$@"; }                                  # operator token
api()    { call "$KEY" "$@" -H 'Content-Type: application/json'; }               # the tenant's API key, JSON body
public() { call "" "$@" -H 'Content-Type: application/json'; }                   # a link's client: no credential

# An Idempotency-Key: 128 random bits in hex (uuidgen is not on every machine).
new_key() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }

# Times come from jq, so the tour runs the same on GNU and BSD systems.
TOMORROW=$(jq -nr 'now + 86400 | strftime("%Y-%m-%dT00:00:00Z")')
NEXT_WEEK=$(jq -nr 'now + 8 * 86400 | strftime("%Y-%m-%dT00:00:00Z")')
YEAR_START=$(jq -nr 'now | strftime("%Y-01-01")')

# --- tour ----------------------------------------------------------------------------------------

step "An operator creates a tenant; the answer holds its first API key, shown only this once"
TENANT=$(admin /v1/admin/tenants -H 'Content-Type: application/json' -d '{"name":"Harbour Clinic"}')
TENANT_ID=$(jq -r .id <<<"$TENANT")
KEY=$(jq -r .apiKey <<<"$TENANT")
show "tenant $TENANT_ID, API key ${KEY:0:12}..."

step "A customer"
CUS=$(api /v1/customers -d '{"name":"Ada Lovelace","email":"ada@example.com","phone":"+44 20 7946 0000"}' | jq -r .id)
api "/v1/customers?email=ada@example.com" | jq -r '.items[] | "   found \(.name) <\(.email)> \(.id)"'

step "Catalog: a location, a service (EUR), a provider and her working hours"
LOC=$(api /v1/locations -d '{"name":"Harbour","timeZone":"Europe/Berlin","address":"Kai 1"}' | jq -r .id)
SVC=$(api /v1/services -d '{"name":"Consultation","durationMinutes":30,"priceAmount":6000,"currency":"EUR",
  "bufferAfterMinutes":10,"slotIntervalMinutes":15,"minNoticeMinutes":120,"maxAdvanceDays":60}' | jq -r .id)
PRO=$(api /v1/providers -d "{\"name\":\"Dr. Weiss\",\"locationIds\":[\"$LOC\"],\"serviceIds\":[\"$SVC\"]}" | jq -r .id)
HOURS=$(jq -nc --arg loc "$LOC" '{hours: [range(1; 8) | {locationId: $loc, weekday: ., start: "09:00", end: "17:00"}]}')
api "/v1/providers/$PRO/working-hours" -X PUT -d "$HOURS" | jq -r '"   \(.hours | length) weekly windows, local time"'

step "Availability, then a booking held on the first free slot, then confirmed"
START=$(api "/v1/availability?serviceId=$SVC&from=$TOMORROW&to=$NEXT_WEEK" | jq -r '.slots[0].start')
BOOKING=$(api /v1/bookings -d "{\"serviceId\":\"$SVC\",\"start\":\"$START\",\"hold\":true,\"customerId\":\"$CUS\"}")
BKG=$(jq -r .id <<<"$BOOKING")
show "booking $BKG $(jq -r '"\(.status) \(.start), hold until \(.holdExpiresAt)"' <<<"$BOOKING")"
api "/v1/bookings/$BKG/confirm" -X POST | jq -r '"   \(.status)"'
LATER=$(api "/v1/availability?serviceId=$SVC&providerId=$PRO&from=$TOMORROW&to=$NEXT_WEEK" | jq -r '.slots[0].start')
api "/v1/bookings/$BKG/reschedule" -d "{\"start\":\"$LATER\"}" | jq -r '"   rescheduled to \(.start)"'
api "/v1/bookings/$BKG/history" | jq -r '.items[] | "   \(.from // "-") -> \(.to) by \(.actor)"'

step "An express booking link, opened and booked by the client, without an API key"
LINK=$(api /v1/links -d "{\"serviceId\":\"$SVC\",\"maxUses\":1,
  \"customer\":{\"name\":\"Grace Hopper\",\"email\":\"grace@example.com\"}}")
LINK_ID=$(jq -r .id <<<"$LINK")
TOKEN=$(jq -r .token <<<"$LINK")
show "link $LINK_ID: $(jq -r .url <<<"$LINK")"
public "/v1/public/links/$TOKEN" | jq -r '"   \(.business): \(.service.name), \(.service.priceAmount) \(.service.currency), \(.status)"'
LINK_START=$(public "/v1/public/links/$TOKEN/slots?from=$TOMORROW&to=$NEXT_WEEK" | jq -r '.slots[0].start')
public "/v1/public/links/$TOKEN/bookings" -d "{\"start\":\"$LINK_START\"}" | jq -r '"   booked: \(.status) \(.start)"'
# Single use: opened again, it answers 410 with the reason.
curl -sS "$BASE_URL/v1/public/links/$TOKEN" | jq -r '"   opened again: \(.status) \(.linkStatus)"'

step "Money: an invoice for the booking, finalized, a cash copay paid once despite a retry"
INV=$(api "/v1/bookings/$BKG/invoice" -X POST | jq -r .id)
api "/v1/invoices/$INV/finalize" -X POST | jq -r '"   invoice \(.status), total \(.total) \(.currency)"'
PAY_KEY=$(new_key)
PAY=$(api "/v1/invoices/$INV/payments" -H "Idempotency-Key: $PAY_KEY" -d '{"method":"CASH","amount":2000}' | jq -r .id)
PAY_AGAIN=$(api "/v1/invoices/$INV/payments" -H "Idempotency-Key: $PAY_KEY" -d '{"method":"CASH","amount":2000}' | jq -r .id)
show "payment $PAY; the retry with the same key answered payment $PAY_AGAIN"

step "Insurance: a plan covering the service (in the service's currency), an enrolment, a claim"
PLAN=$(api /v1/insurance-plans -d '{"name":"Gold PPO","payer":"Acme Health","planCode":"GOLD"}' | jq -r .id)
api "/v1/insurance-plans/$PLAN/coverage-rules" \
  -d "{\"serviceId\":\"$SVC\",\"coveragePercent\":80,\"copayAmount\":2000,\"annualLimitAmount\":50000,\"currency\":\"EUR\"}" \
  | jq -r '"   covers \(.coveragePercent)% after a \(.copayAmount) copay"'
api /v1/enrolments -d "{\"customerId\":\"$CUS\",\"planId\":\"$PLAN\",\"memberNumber\":\"M-1\",\"validFrom\":\"$YEAR_START\"}" >/dev/null
CLAIM=$(api /v1/claims -d "{\"customerId\":\"$CUS\",\"planId\":\"$PLAN\",\"bookingId\":\"$BKG\",\"invoiceId\":\"$INV\",
  \"items\":[{\"serviceId\":\"$SVC\",\"amount\":6000}]}")
CLM=$(jq -r .id <<<"$CLAIM")
COVERED=$(jq -r .expectedCoveredAmount <<<"$CLAIM")
show "claim $CLM $(jq -r .status <<<"$CLAIM"), expected to cover $COVERED"

step "The claim's lifecycle (If-Match: the claim's version) and a referral document"
VERSION=$(jq -r .version <<<"$CLAIM")
for STEP in '{"to":"SUBMITTED"}' '{"to":"UNDER_REVIEW"}' "{\"to\":\"APPROVED\",\"approvedAmount\":$COVERED}"; do
  VERSION=$(api "/v1/claims/$CLM/transitions" -H "If-Match: \"$VERSION\"" -d "$STEP" | jq -r '"\(.version) \(.status)"')
  show "${VERSION#* }"
  VERSION=${VERSION%% *}
done
DOCS=$(mktemp -d)
trap 'rm -rf "$DOCS"' EXIT
printf '%%PDF-1.4\n%% referral letter\n%%%%EOF\n' >"$DOCS/referral.pdf"
# No JSON Content-Type here: curl -F sends multipart/form-data with its boundary.
call "$KEY" "/v1/claims/$CLM/documents" -F "file=@$DOCS/referral.pdf;type=application/pdf" \
  | jq -r '"   document \(.filename), \(.sizeBytes) bytes, sha-256 \(.sha256[0:12])..."'
api "/v1/claims/$CLM/apply" -X POST | jq -r '"   applied: payment \(.paymentId)"'

step "The rest in cash, then a goodwill refund"
DUE=$(api "/v1/invoices/$INV" | jq -r .balanceDue)
api "/v1/invoices/$INV/payments" -H "Idempotency-Key: $(new_key)" -d "{\"method\":\"CASH\",\"amount\":$DUE}" >/dev/null
api "/v1/payments/$PAY/refunds" -H "Idempotency-Key: $(new_key)" -d '{"amount":500,"reason":"goodwill"}' \
  | jq -r '"   refund \(.status) \(.amount)"'
api "/v1/invoices/$INV" | jq -r '"   invoice \(.status) (\(.refundStatus)): paid \(.amountPaid), refunded \(.amountRefunded)"'

step "A gift card: its code is shown once, then looked up by it"
CODE=$(api /v1/gift-cards -d '{"amount":5000,"currency":"EUR"}' | jq -r .code)
api /v1/gift-cards/lookup -d "{\"code\":\"$CODE\"}" | jq -r '"   balance \(.balance) \(.currency)"'

step "Payment webhooks: a Stripe signing secret (without \"secret\", Bookpay makes one and shows it once)"
api /v1/webhooks/secrets -d '{}' | jq -r '"   secret ...\(.hint), for the Stripe endpoint URL https://<host>/v1/webhooks/stripe/'"$TENANT_ID"'"'
api "/v1/webhooks/events?status=FAILED" | jq -r '"   \(.items | length) parked webhook events"'

step "Narrower keys: a reporting key that can only read reports"
REPORTING=$(api /v1/api-keys -d '{"name":"reporting","scopes":["reports:read"]}' | jq -r .key)
show "key ${REPORTING:0:12}..., for GET /v1/reports/** only"

step "The report: events per type, built from Kafka by the analytics consumer (a second or so behind)"
for attempt in $(seq 1 60); do
  REPORT=$(call "$REPORTING" /v1/reports/events)
  jq -e '(.totals.PaymentSucceeded // 0) >= 3 and (.totals.LinkUsed // 0) >= 1' <<<"$REPORT" >/dev/null && break
  ((attempt < 60)) || { echo "FAILED: the report did not show the tour's events within 60 s" >&2; exit 1; }
  sleep 1
done
jq -r '.totals | to_entries[] | "   \(.key): \(.value)"' <<<"$REPORT"

step "Bookings this month on the tenant's calendar days, by ISO week; then the same as CSV"
MONTH_START=$(jq -nr 'now | strftime("%Y-%m-01")')
TODAY=$(jq -nr 'now | strftime("%Y-%m-%d")')
call "$REPORTING" "/v1/reports/bookings?from=$MONTH_START&to=$TODAY&groupBy=week" -H 'Cache-Control: no-cache' \
  | jq -r '"   created \(.totals.created), cancelled \(.totals.cancelled) (as of \(.asOf), \(.lagSeconds) s behind)"'
call "$REPORTING" "/v1/reports/bookings?from=$MONTH_START&to=$TODAY&groupBy=week" -H 'Accept: text/csv' | sed 's/^/   /'

step "Optional: the same events on Kafka with kcat"
if command -v kcat >/dev/null; then
  # -e: exit at the end of the topic instead of waiting for more.
  kcat -b "${BOOKPAY_KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}" -t bookpay.bookings -C -o beginning -e -q -m 10 \
    -f '   %k %h\n' | tail -n 3 || show "kcat could not read the topic; skipped"
else
  show "kcat is not installed; skipped"
fi

printf '\nTour complete.\n'
