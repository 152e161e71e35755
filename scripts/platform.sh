#!/usr/bin/env bash
# The start command: installs what is missing, brings up Kafka/Postgres/Redis, builds, starts
# every service in the background (migrations run at each service's start) and prints the URL.
# Stop with: npm run stop
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
run="${QA_RUN_DIR:-$root/.run}"
mkdir -p "$run/logs" "$run/pids"

bash scripts/setup.sh

# Secrets: strong random ones generated once into $run/secrets.env (mode 600) and reused after;
# values the operator exported before `npm start` win. Services refuse weak or published ones.
first_run=0
grep -qs '^ADMIN_PASSWORD=' "$run/secrets.env" || first_run=1
bash scripts/pii-key.sh >/dev/null
secrets="$(bash scripts/secrets.sh)"
while IFS='=' read -r key value; do
  case "$key" in '' | \#*) continue ;; esac
  [ -n "${!key:-}" ] || export "$key=$value"
done <"$secrets"
# A database kept from an earlier install with a new key: say so now, not as a 500 later.
rc=0
node -r @swc-node/register scripts/check-pii-key.ts || rc=$?
[ "$rc" != 1 ] || exit 1
# QA_SKIP_BUILD=1: dist/ was just built by the caller (the test command builds once, then the
# fault test starts the platform from it).
if [ "${QA_SKIP_BUILD:-0}" = 1 ] && [ -f dist/apps/gateway/src/main.js ]; then
  echo "[platform] QA_SKIP_BUILD=1: starting the build in dist/" >&2
else
  echo "[platform] building" >&2
  npm run --silent build
fi

apps=(ingestion scoring complaints kpi coaching gateway)
# QA_PORT_BASE moves all six ports (gateway on the base, the services after it), so a second
# platform (a fault test, a bench beside a developer's) can run on the same machine.
base="${QA_PORT_BASE:-3000}"
declare -A ports=([gateway]=$base [ingestion]=$((base + 1)) [scoring]=$((base + 2)) [complaints]=$((base + 3)) [kpi]=$((base + 4)) [coaching]=$((base + 5)))
for app in ingestion scoring complaints kpi coaching; do
  url_var="${app^^}_URL"
  [ -n "${!url_var:-}" ] || export "$url_var=http://127.0.0.1:${ports[$app]}"
done

for app in "${apps[@]}"; do
  pidfile="$run/pids/$app.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "[platform] $app already running (pid $(cat "$pidfile"))" >&2
    continue
  fi
  # Memory: V8 sized for a large machine grows a 32 MB young generation and collects lazily, and
  # glibc gives each thread its own arena; measured, services then held 380-400 MB RSS after
  # load with ~40 MB live. Ingestion gets more old space for 10,000-call batches.
  old_space=256; [ "$app" = ingestion ] && old_space=384
  MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" \
    NODE_OPTIONS="${SERVICE_NODE_OPTIONS:---max-semi-space-size=8 --max-old-space-size=$old_space}" \
    PORT="${ports[$app]}" nohup node "dist/apps/$app/src/main.js" >"$run/logs/$app.log" 2>&1 &
  echo $! >"$pidfile"
  echo "[platform] started $app (pid $!, log $run/logs/$app.log)" >&2
done

for app in "${apps[@]}"; do
  port="${ports[$app]}"
  for i in $(seq 1 90); do
    if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
      echo "[platform] $app healthy on :$port" >&2
      break
    fi
    if ! kill -0 "$(cat "$run/pids/$app.pid")" 2>/dev/null; then
      echo "[platform] $app exited; last log lines:" >&2
      tail -n 30 "$run/logs/$app.log" >&2
      exit 1
    fi
    if [ "$i" = 90 ]; then
      echo "[platform] $app not healthy after 90 s; see $run/logs/$app.log" >&2
      curl -sS "http://127.0.0.1:$port/health" >&2 || true
      exit 1
    fi
    sleep 1
  done
done

# Demo calls for the demo tenant, through the public API (idempotent: the same calls again are 200).
token=$(curl -fsS http://127.0.0.1:$base/api/v1/auth/login -H 'content-type: application/json' \
  -d '{"username":"demo-qa","password":"Qa-Demo-Pass-2026!"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken' 2>/dev/null || true)
if [ -n "$token" ]; then
  curl -fsS http://127.0.0.1:$base/api/v1/calls/batch -H "authorization: Bearer $token" \
    -H 'content-type: application/json' --data-binary @deploy/demo/calls.json >/dev/null \
    && echo "[platform] demo calls posted (demo-0001..0003)" >&2
fi

if [ "$first_run" = 1 ]; then
  admin_line="${ADMIN_USERNAME:-admin} / $ADMIN_PASSWORD   (shown this once; also in $secrets)"
else
  admin_line="${ADMIN_USERNAME:-admin} / the ADMIN_PASSWORD in $secrets (mode 600)"
fi
cat <<MSG

  QA platform is up:  http://127.0.0.1:$base/
  API docs:           http://127.0.0.1:$base/docs
  Logs:               $run/logs/
  Platform admin:     $admin_line
  Demo logins:        demo-admin / Admin-Demo-Pass-2026!, demo-qa / Qa-Demo-Pass-2026!,
                      demo-lead / Lead-Demo-Pass-2026!, demo-ops / Ops-Demo-Pass-2026!,
                      demo-agent / Agent-Demo-Pass-2026! (tenant "demo"; set NODE_ENV=production for none)
  Contract check:     QA_ADMIN_USER=${ADMIN_USERNAME:-admin} QA_ADMIN_PASS="\$(sed -n 's/^ADMIN_PASSWORD=//p' $secrets)" node $(realpath -m "$root/../shared/contract/check.mjs")
  Stop:               npm run stop
MSG
