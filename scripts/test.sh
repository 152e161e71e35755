#!/usr/bin/env bash
# The test command: installs and starts what the tests need, then runs every check.
# Unit tests (no I/O) and integration tests against the real Postgres, Redis and Kafka.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mkdir -p artifacts
rm -f artifacts/jest-unit.json artifacts/jest-int.json  # never count a previous run's results
start=$(date +%s)

# Tests get their own broker (port, data dir) so a broker or platform a developer runs on 9092 is
# never reused, stopped or fed test events; the fault test stops and restarts this one.
export KAFKA_PORT="${KAFKA_PORT:-19092}"
export KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:$KAFKA_PORT}"
export QA_RUN_DIR="${QA_RUN_DIR:-$root/.run/test}"

bash scripts/setup.sh --with-browser || { echo "[test] setup failed" >&2; exit 1; }

status=0
step() {
  local name="$1"; shift
  local t0=$(date +%s)
  echo "[test] ▶ $name" >&2
  if "$@"; then echo "[test] ✔ $name ($(( $(date +%s) - t0 )) s)" >&2
  else echo "[test] ✘ $name ($(( $(date +%s) - t0 )) s)" >&2; status=1; fi
}

step "typecheck" npm run --silent typecheck
step "lint" npx eslint --max-warnings=0 .
step "unit tests" npx jest --selectProjects unit --ci --json --outputFile=artifacts/jest-unit.json
step "build dashboard" npx vite build web --logLevel warn
# No --forceExit: a connection or timer left open is a bug to see. The watchdog turns a run that
# does not exit into a failure in minutes rather than a CI timeout (they take about one minute).
step "integration tests" timeout --kill-after=30 900 npx jest --selectProjects int --ci --runInBand --json --outputFile=artifacts/jest-int.json
node scripts/test-summary.js artifacts/jest-unit.json artifacts/jest-int.json || status=1
echo "[test] total $(( $(date +%s) - start )) s" >&2
exit $status
