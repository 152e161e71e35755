#!/usr/bin/env bash
# The test command: installs and starts what the tests need, then runs every check.
# Unit tests (no I/O) and integration tests against the real Postgres, Redis and Kafka.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mkdir -p artifacts
rm -f artifacts/jest-unit.json artifacts/jest-int.json  # never count a previous run's results
# Every log line of the run lands here and is checked for personal numbers at the end.
export QA_TEST_LOG_DIR="$root/artifacts/logs"
rm -rf "$QA_TEST_LOG_DIR" && mkdir -p "$QA_TEST_LOG_DIR"
# Every answer the integration tests get, and each service's OpenAPI document, checked at the end.
export QA_RESPONSE_LOG_DIR="$root/artifacts/responses"
rm -rf "$QA_RESPONSE_LOG_DIR"
start=$(date +%s)

# Tests get their own broker (port, data dir) so a broker or platform a developer runs on 9092 is
# never reused, stopped or fed test events; the fault test stops and restarts this one.
export QA_RUN_DIR="${QA_RUN_DIR:-$root/.run/test}"
# The fault test stops and restarts the broker, which works only on this checkout's own: keep the
# port of our broker if it runs, else take the first free pair from 19092/19093 (then 19192/19193,
# …), so a broker another checkout left behind is never reused.
taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
our_port() {
  local pid props="$QA_RUN_DIR/kafka/server.properties"
  pid="$(cat "$QA_RUN_DIR/kafka/kafka.pid" 2>/dev/null)" && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "kafka.Kafka $props" &&
    sed -n 's|^listeners=PLAINTEXT://127.0.0.1:\([0-9]*\),.*|\1|p' "$props" 2>/dev/null
}
if [ -z "${KAFKA_PORT:-}" ]; then
  KAFKA_PORT="$(our_port || true)"
  if [ -z "$KAFKA_PORT" ]; then
    KAFKA_PORT=19092
    while taken "$KAFKA_PORT" || taken $((KAFKA_PORT + 1)); do
      KAFKA_PORT=$((KAFKA_PORT + 100))
      [ "$KAFKA_PORT" -lt 21092 ] || { echo "[test] no free port pair for a test broker" >&2; exit 1; }
    done
  fi
  [ "$KAFKA_PORT" = 19092 ] || echo "[test] test broker on 127.0.0.1:$KAFKA_PORT (19092 is taken)" >&2
  export KAFKA_CONTROLLER_PORT=$((KAFKA_PORT + 1))
fi
export KAFKA_PORT
export KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:$KAFKA_PORT}"

bash scripts/setup.sh --with-browser --with-clients || { echo "[test] setup failed" >&2; exit 1; }

status=0
# Runs a command with its output also kept in a log file (for the log check).
logged() {
  local log="$1"; shift
  "$@" 2>&1 | tee "$log"
  return "${PIPESTATUS[0]}"
}
step() {
  local name="$1"; shift
  local t0=$(date +%s)
  echo "[test] ▶ $name" >&2
  if "$@"; then echo "[test] ✔ $name ($(( $(date +%s) - t0 )) s)" >&2
  else echo "[test] ✘ $name ($(( $(date +%s) - t0 )) s)" >&2; status=1; fi
}

step "typecheck" npm run --silent typecheck
step "lint" npx eslint --max-warnings=0 .
step "unit tests" logged "$QA_TEST_LOG_DIR/jest-unit.log" npx jest --selectProjects unit --ci --json --outputFile=artifacts/jest-unit.json
step "build dashboard" npx vite build web --logLevel warn
# No --forceExit: a connection or timer left open is a bug to see. The watchdog turns a run that
# does not exit into a failure in minutes rather than a CI timeout (they take about one minute).
step "integration tests" logged "$QA_TEST_LOG_DIR/jest-int.log" timeout --kill-after=30 1200 npx jest --selectProjects int --ci --runInBand --json --outputFile=artifacts/jest-int.json
# Every bench section on a few calls: proves the harness still runs; its figures are not asserted.
step "benchmarks run (--quick)" bash -c 'log="$QA_TEST_LOG_DIR/bench-quick.log"
  REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/1}" npm run -s bench -- --quick >artifacts/bench-quick.json 2>"$log" ||
    { tail -n 20 "$log"; exit 1; }'
step "no personal numbers in any log line" node -r @swc-node/register test/logs/check-log-pii.ts "$QA_TEST_LOG_DIR"
step "every answer seen is documented in /docs" node -r @swc-node/register test/openapi/check-documented-responses.ts "$QA_RESPONSE_LOG_DIR"
node scripts/test-summary.js artifacts/jest-unit.json artifacts/jest-int.json || status=1
echo "[test] total $(( $(date +%s) - start )) s" >&2
exit $status
