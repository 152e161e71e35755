#!/usr/bin/env bash
# Stops the broker that up.sh started (by its pid file); leaves any other broker alone.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
run="${QA_RUN_DIR:-$root/.run}/kafka"
pidfile="$run/kafka.pid"
[ -f "$pidfile" ] || { echo "[kafka] no broker started by up.sh" >&2; exit 0; }
pid="$(cat "$pidfile")"
if kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "[kafka] broker $pid did not stop in 30 s; killing it" >&2
    kill -KILL "$pid"
    sleep 0.5
  fi
  echo "[kafka] stopped broker (pid $pid)" >&2
fi
rm -f "$pidfile"
