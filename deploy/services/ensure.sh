#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) answer, starting them when they
# are installed but down, makes Redis safe for BullMQ (maxmemory-policy noeviction) and creates the
# given databases when missing. Idempotent.
# Usage: ensure.sh [database…]   (default: qa qa_test)
# Env:   QA_AUTO_INSTALL=1  install missing packages with apt-get instead of failing (needs root)
set -euo pipefail
log() { echo "[services] $*" >&2; }
dbs=("$@")
[ ${#dbs[@]} -gt 0 ] || dbs=(qa qa_test)
for db in "${dbs[@]}"; do
  [[ "$db" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { log "not a plain database name: '$db'"; exit 1; }
done

missing=()
for bin in pg_isready psql pg_ctlcluster; do command -v "$bin" >/dev/null || { missing+=(postgresql); break; }; done
for bin in redis-cli redis-server; do command -v "$bin" >/dev/null || { missing+=(redis-server); break; }; done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "${QA_AUTO_INSTALL:-0}" = 1 ] && [ "$(id -u)" = 0 ]; then
    log "installing ${missing[*]} (QA_AUTO_INSTALL=1)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    log "missing ${missing[*]}: install with  apt-get install postgresql redis-server  (PostgreSQL 15, Redis 7)"
    exit 1
  fi
fi

export PGCONNECT_TIMEOUT=5
pg_up() { pg_isready -q -h 127.0.0.1 -p 5432; }
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]; }

if ! pg_up; then
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$version" ] || { log "no PostgreSQL cluster in /etc/postgresql: apt-get install postgresql (creates 'main')"; exit 1; }
  log "PostgreSQL not answering; starting cluster $version/main"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || log "pg_ctlcluster $version main start failed (waiting anyway)"
fi
if ! redis_up; then
  log "Redis not answering; starting redis-server"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log || log "redis-server failed to start (waiting anyway)"
fi

for _ in $(seq 1 60); do pg_up && redis_up && break; sleep 0.5; done
pg_up || { log "PostgreSQL does not answer on 127.0.0.1:5432 after 30 s"; exit 1; }
redis_up || { log "Redis does not answer on 127.0.0.1:6379 after 30 s (see /var/log/redis/ci.log)"; exit 1; }

policy="$(redis-cli -h 127.0.0.1 -p 6379 config get maxmemory-policy | tail -n 1)"
if [ "$policy" != noeviction ]; then
  log "WARNING: Redis maxmemory-policy is '$policy'; BullMQ needs 'noeviction' (else queued jobs can be evicted). Setting it with CONFIG SET (not persisted)."
  redis-cli -h 127.0.0.1 -p 6379 config set maxmemory-policy noeviction >/dev/null
fi

psql_q() { psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -Atqc "$1"; }
created=()
for db in "${dbs[@]}"; do
  if [ "$(psql_q "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
    # Tolerate a concurrent creator: re-check when CREATE fails.
    psql_q "CREATE DATABASE \"$db\"" 2>/dev/null ||
      [ "$(psql_q "SELECT 1 FROM pg_database WHERE datname = '$db'")" = 1 ] ||
      { log "could not create database $db"; exit 1; }
    created+=("$db")
  elif [ "$(psql_q "SELECT datallowconn FROM pg_database WHERE datname = '$db'")" != t ]; then
    # The outage test closes its database for a few seconds; a run killed meanwhile leaves it shut.
    psql_q "ALTER DATABASE \"$db\" WITH ALLOW_CONNECTIONS true" && log "reopened database $db"
  fi
done
[ ${#created[@]} -eq 0 ] || log "created database(s): ${created[*]}"
log "PostgreSQL 127.0.0.1:5432 and Redis 127.0.0.1:6379 ready (databases: ${dbs[*]})"
