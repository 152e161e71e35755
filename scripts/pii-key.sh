#!/usr/bin/env bash
# Makes sure $QA_RUN_DIR/secrets.env (default .run/secrets.env, mode 600) holds a PII_KEY: 32 random
# bytes that encrypt customer numbers at rest, generated once and kept outside the database. An
# existing line (or PII_KEY exported by the operator) is never replaced: the stored numbers need it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
run="${QA_RUN_DIR:-$root/.run}"
file="$run/secrets.env"
mkdir -p "$run"
# scripts/secrets.sh (when present) writes the other secrets into a new file first: appending
# PII_KEY to a file that does not exist yet must not make it skip them.
if [ -f "$root/scripts/secrets.sh" ]; then bash "$root/scripts/secrets.sh" >/dev/null; fi
umask 077
touch "$file"
if ! grep -q '^PII_KEY=' "$file"; then
  key="${PII_KEY:-$(node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('base64'))")}"
  {
    echo "# Encrypts customer phone and id numbers at rest (ingestion, scoring, complaints). Losing it loses them."
    echo "PII_KEY=$key"
  } >>"$file"
  echo "[secrets] PII_KEY added to $file" >&2
fi
chmod 600 "$file"
echo "$file"
