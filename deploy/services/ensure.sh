#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) answer, starting them when
# they are installed but down, checks Redis is safe for BullMQ, and creates the given databases.
# Usage: ensure.sh [database…]   (default: qa qa_test)
set -euo pipefail
log() { echo "[services] $*" >&2; }
dbs=("$@")
[ ${#dbs[@]} -gt 0 ] || dbs=(qa qa_test)

if ! command -v pg_isready >/dev/null || ! command -v redis-cli >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing postgresql and redis-server (Debian packages)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server >/dev/null
  else
    log "PostgreSQL 15 and Redis 7 are needed: apt-get install postgresql redis-server"
    exit 1
  fi
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  log "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start || true
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  log "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi

for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p 5432 && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p 5432 || { log "PostgreSQL does not answer on 127.0.0.1:5432"; exit 1; }
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || { log "Redis does not answer on 127.0.0.1:6379"; exit 1; }

policy="$(redis-cli -h 127.0.0.1 -p 6379 config get maxmemory-policy | tail -n 1)"
if [ "$policy" != "noeviction" ]; then
  log "WARNING: Redis maxmemory-policy is '$policy'; BullMQ needs 'noeviction' (jobs could be evicted). Setting it."
  redis-cli -h 127.0.0.1 -p 6379 config set maxmemory-policy noeviction >/dev/null
fi

psql_q() { psql -h 127.0.0.1 -U postgres -d postgres -Atqc "$1"; }
for db in "${dbs[@]}"; do
  if [ "$(psql_q "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]; then
    psql_q "CREATE DATABASE \"$db\"" && log "created database $db"
  fi
done
log "PostgreSQL and Redis ready (databases: ${dbs[*]})"
