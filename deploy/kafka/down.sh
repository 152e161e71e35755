#!/usr/bin/env bash
# Stops the broker that up.sh started (the pid in <run>/kafka/kafka.pid) and leaves any other broker
# alone. SIGTERM (clean, controlled shutdown), up to 30 s, then SIGKILL. Data is kept, so up.sh
# brings back the same topics and committed offsets. Exits 0 when there is nothing to stop.
# Env: QA_RUN_DIR (<repo>/.run), KAFKA_STOP_TIMEOUT (30, seconds before SIGKILL)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
run="${QA_RUN_DIR:-$root/.run}/kafka"
pidfile="$run/kafka.pid"
grace="${KAFKA_STOP_TIMEOUT:-30}"
log() { echo "[kafka] $*" >&2; }

[ -f "$pidfile" ] || { log "no broker started by up.sh (no $pidfile)"; exit 0; }
# Same lock as up.sh: a stop never interleaves with a start on this run directory.
exec 9>"$run/.lock"
flock -w 150 9 || log "could not take $run/.lock in 150 s; stopping anyway"

pid="$(cat "$pidfile" 2>/dev/null || true)"
is_our_broker() {
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "kafka.Kafka $run/server.properties"
}
# Gone once the process is dead or a zombie (a zombie holds no ports, files or locks).
gone() { ! kill -0 "$pid" 2>/dev/null || [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" = Z ]; }

if ! is_our_broker; then
  log "broker pid ${pid:-?} is not running; removing stale $pidfile"
  rm -f "$pidfile"
  exit 0
fi

t0=$(date +%s)
kill -TERM "$pid" 2>/dev/null || true
deadline=$(( t0 + grace ))
until gone || [ "$(date +%s)" -ge "$deadline" ]; do sleep 0.2; done
if ! gone; then
  log "broker $pid did not stop in $grace s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do gone && break; sleep 0.1; done
fi
rm -f "$pidfile"
log "stopped broker (pid $pid) in $(( $(date +%s) - t0 )) s"
