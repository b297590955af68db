# Sourced by run.sh after the app stopped: pgbench on the same cluster and database, over TCP
# loopback as the app, with prepared statements (the driver's statement cache prepares them too)
# and the app's search_path.
pgbench_setup() {
  bench_psql -d "$DB" -c "CREATE TABLE IF NOT EXISTS public.bench_providers (idx int PRIMARY KEY, id uuid NOT NULL)" \
    -c "TRUNCATE public.bench_providers" \
    -c "INSERT INTO public.bench_providers SELECT row_number() OVER (ORDER BY id) - 1, id FROM bookpay.providers" \
    -c "CREATE SEQUENCE IF NOT EXISTS public.bench_slot" > /dev/null
  pgbench_vars=(-D "provider_count=$(bench_psql -d "$DB" -At -c "SELECT count(*) FROM public.bench_providers")")
  local name column table
  for name in tenant:tenant_id:services service:id:services location:id:locations customer:id:customers; do
    IFS=: read -r var column table <<< "$name"
    pgbench_vars+=(-D "$var=$(bench_psql -d "$DB" -At -c "SELECT $column FROM bookpay.$table ORDER BY created_at LIMIT 1")")
  done
  # The app's statements: one link (its token hash, tenant, service, provider) and one day of the plan.
  local link day
  link=$(bench_psql -d "$DB" -At -F ' ' -c "SELECT '\\x' || encode(token_hash, 'hex'), tenant_id, service_id, provider_id, id
      FROM bookpay.links ORDER BY created_at LIMIT 1")
  read -r hash tenant_id service_id provider_id link_id <<< "$link"
  read -r _ from to < <(head -1 "$work/slots.txt")
  pgbench_vars+=(-D "hash=$hash" -D "tenantId=$tenant_id" -D "serviceId=$service_id" -D "providerId=$provider_id"
    -D "providers={$provider_id}" -D "from=$from" -D "to=$to" -D "now=$(date -u +%FT%TZ)" -D "linkId=$link_id"
    -D "aggregate_types={customer,link,booking}" -D "event_types={CustomerRegistered,LinkUsed,BookingConfirmed}"
    -D "event_topics={bookpay.customers,bookpay.links,bookpay.bookings}"
    -D "status=CONFIRMED" -D "confirmed_status={CONFIRMED}" -D "price=4500" -D "currency=USD" -D "verified=true" -D "trusted=false"
    -D "history_actor=link:$link_id")
  for template in bench/burst/app-*.pgbench.in; do
    python3 bench/burst/compose.py "$template" "$work/$(basename "$template" .in)"
  done
}

# Prints the tps of one script (null when the script does not exist); its whole output goes to $2.
pgbench_run() {
  if [ ! -f "$1" ]; then echo null; return; fi
  PGOPTIONS="-c search_path=bookpay" pgbench -n -h 127.0.0.1 -p "$BENCH_PG_PORT" -U postgres -M prepared \
    -c "$pgbench_clients" -j 2 -T "$pgbench_duration" "${pgbench_vars[@]}" -f "$1" "$DB" > "$2" 2>&1 \
    || { tail -5 "$2" >&2; echo null; return; }
  grep -oP 'tps = \K[0-9.]+(?= \(without initial connection time\))' "$2"
}
