# Sourced by the scenarios: starts the platform (the README's local run) on a fresh database and
# stops it on exit. Sets BOOKPAY_ADMIN_TOKEN, BASE_URL and DB for the caller.
start_platform() {
  DB=$1
  local port=$2
  mkdir -p bench/results
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  export BOOKPAY_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" PORT=$port
  BOOKPAY_ADMIN_TOKEN="bench-$(od -An -tx8 -N16 /dev/urandom | tr -d ' \n')"
  export BOOKPAY_ADMIN_TOKEN
  ./mvnw -q -pl app -am test-compile spring-boot:test-run -Dspring-boot.run.jvmArguments="${JVM_ARGS:-}" \
    > "bench/results/app-$DB.log" 2>&1 &
  PLATFORM_PID=$!
  trap 'kill $PLATFORM_PID 2>/dev/null || true; wait $PLATFORM_PID 2>/dev/null || true' EXIT
  BASE_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 120); do
    curl -fs "$BASE_URL/actuator/health/readiness" > /dev/null && break
    sleep 1
  done
  psql -h 127.0.0.1 -U postgres -d "$DB" -q -c "SELECT pg_stat_reset()" > /dev/null
}
