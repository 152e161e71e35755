#!/usr/bin/env bash
# Stops the services started by scripts/platform.sh, then the broker deploy/kafka/up.sh started.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
run="${QA_RUN_DIR:-$root/.run}"
for pidfile in "$run"/pids/*.pid; do
  [ -f "$pidfile" ] || continue
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" && echo "[stop] $(basename "$pidfile" .pid) (pid $pid)" >&2
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -f "$pidfile"
done
[ "${1:-}" = "--keep-kafka" ] || bash "$root/deploy/kafka/down.sh"
