#!/usr/bin/env bash
# Makes sure $QA_RUN_DIR/secrets.env (default .run/secrets.env, mode 600) holds strong random
# JWT_SECRET and INTERNAL_SECRET, the platform admin's ADMIN_PASSWORD and (for Docker)
# POSTGRES_PASSWORD: each generated once, when its line is missing, and kept after (an
# ADMIN_PASSWORD exported by the operator is used instead of a generated one). Prints the path.
# Usable on its own for Docker: docker compose --env-file .run/secrets.env up --build
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
run="${QA_RUN_DIR:-$root/.run}"
file="$run/secrets.env"
mkdir -p "$run"
umask 077
touch "$file"
random() { node -e "process.stdout.write(require('node:crypto').randomBytes($1).toString('base64url'))"; }
add() {
  grep -q "^$1=" "$file" && return 0
  { echo "# $3"; echo "$1=$2"; } >>"$file"
  echo "[secrets] $1 added to $file" >&2
}
add JWT_SECRET "$(random 32)" 'Signs access tokens (gateway). A new one logs everyone out.'
add INTERNAL_SECRET "$(random 32)" 'Signs identities from the gateway to the services; the same on every service.'
add ADMIN_PASSWORD "${ADMIN_PASSWORD:-$(random 18)}" 'Creates the platform admin at first start; change it later with POST /api/v1/auth/password.'
add POSTGRES_PASSWORD "$(random 24)" "docker-compose.yml's Postgres (the local scripts use the machine's Postgres)."
chmod 600 "$file"
echo "$file"
