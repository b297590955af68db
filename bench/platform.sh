# Sourced by the scenarios: starts the platform (the README's local run) on a fresh database and
# stops it on exit. Sets BOOKPAY_ADMIN_TOKEN, BASE_URL and DB for the caller. PACKAGED=1 runs the
# packaged jar with its live consumers on against a broker in a JVM of its own instead.
start_platform() {
  DB=$1
  local port=$2
  mkdir -p bench/results
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  export BOOKPAY_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" PORT=$port
  BOOKPAY_ADMIN_TOKEN="bench-$(od -An -tx8 -N16 /dev/urandom | tr -d ' \n')"
  export BOOKPAY_ADMIN_TOKEN
  if [ "${PACKAGED:-0}" = 1 ]; then
    # The packaged jar (C2, like production) with its live consumers on, beside the tests' broker in a
    # JVM of its own (the jar brings none); as bench/rebuild/run.sh does.
    if [ "${NO_BUILD:-0}" != 1 ]; then # NO_BUILD=1: the jar and test classpath of the last build (e.g. bench/rebuild/run.sh's)
      ./mvnw -o -q -pl app -am package -DskipTests
      ./mvnw -o -q -pl app -am test-compile dependency:build-classpath \
        -Dmdep.outputFile="$PWD/bench/results/test-classpath.txt" -Dmdep.includeScope=test > /dev/null
    fi
    local kafka_port=${KAFKA_PORT:-19093}
    java -cp "$PWD/app/target/test-classes:$(cat bench/results/test-classpath.txt)" bench/rebuild/Broker.java "$kafka_port" \
      > "bench/results/broker-$DB.log" 2>&1 &
    BROKER_PID=$!
    for _ in $(seq 1 60); do grep -q "broker ready" "bench/results/broker-$DB.log" && break; sleep 1; done
    export BOOKPAY_KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$kafka_port" BOOKPAY_KAFKA_CONSUMERS_ENABLED=true
    java ${JVM_ARGS:-} -jar app/target/bookpay-app-0.1.0-SNAPSHOT.jar > "bench/results/app-$DB.log" 2>&1 &
    PLATFORM_PID=$!
    trap 'kill $PLATFORM_PID $BROKER_PID 2>/dev/null || true; wait $PLATFORM_PID $BROKER_PID 2>/dev/null || true' EXIT
  else
    ./mvnw -q -pl app -am test-compile spring-boot:test-run -Dspring-boot.run.jvmArguments="${JVM_ARGS:-}" \
      > "bench/results/app-$DB.log" 2>&1 &
    PLATFORM_PID=$!
    trap 'kill $PLATFORM_PID 2>/dev/null || true; wait $PLATFORM_PID 2>/dev/null || true' EXIT
  fi
  BASE_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 120); do
    curl -fs "$BASE_URL/actuator/health/readiness" > /dev/null && break
    sleep 1
  done
  psql -h 127.0.0.1 -U postgres -d "$DB" -q -c "SELECT pg_stat_reset()" > /dev/null
}
