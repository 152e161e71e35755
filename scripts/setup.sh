#!/usr/bin/env bash
# Installs what is missing and brings up Postgres, Redis and the Kafka broker. Idempotent.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if ! command -v node >/dev/null || ! command -v java >/dev/null || ! command -v mvn >/dev/null; then
  echo "[setup] installing node/java/maven from Debian packages" >&2
  apt-get update -qq && apt-get install -y -qq nodejs npm openjdk-17-jre-headless maven >/dev/null
fi

stamp=node_modules/.install-stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  # npm install, not npm ci: this registry mirror lacks some other-platform optional packages
  # (e.g. @swc/core-darwin-*), which npm ci treats as a lock mismatch.
  echo "[setup] npm install" >&2
  npm install --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi

with_browser=0 with_clients=0
for arg in "$@"; do
  case "$arg" in
    --with-browser) with_browser=1 ;;
    --with-clients) with_clients=1 ;;
  esac
done

# Browser tests drive Debian's Chromium (no browser download); a CJK font makes screenshots legible.
if [ "$with_browser" = 1 ] && { ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi 'wenquanyi\|noto sans cjk'; }; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "[setup] installing chromium and a CJK font (Debian packages)" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  else
    echo "[setup] browser tests need: apt-get install chromium fonts-wqy-microhei" >&2
  fi
fi

# Foreign-client tests produce and read our topics with kcat and decode payloads with protoc, so a
# change only our own client tolerates fails; the metrics test scrapes the services with a real
# Prometheus, which also loads deploy/prometheus/alerts.yml (Debian packages, like the browser above).
if [ "$with_clients" = 1 ] &&
  { ! command -v kcat >/dev/null || ! command -v protoc >/dev/null || ! command -v prometheus >/dev/null; }; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "[setup] installing kcat, protobuf-compiler and prometheus (Debian packages)" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kcat protobuf-compiler prometheus >/dev/null
  else
    echo "[setup] foreign-client and metrics tests need: apt-get install kcat protobuf-compiler prometheus" >&2
  fi
fi

QA_AUTO_INSTALL=1 bash deploy/services/ensure.sh qa qa_test
bash deploy/kafka/up.sh
