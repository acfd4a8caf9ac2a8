#!/usr/bin/env bash
# npm start: installs what is missing, migrates the database, starts the local Asterisk sandbox when
# no ARI_URL is configured (root on Debian), and runs the product (runtime + API) until Ctrl-C.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh

sandbox_started=0
cleanup() {
  if [ "$sandbox_started" -eq 1 ]; then bash scripts/asterisk-sandbox.sh stop || true; fi
}
trap cleanup EXIT

if [ -z "${ARI_URL:-}" ] && [ -z "${ARI_SERVERS:-}" ] && [ -z "${ARI_SERVERS_FILE:-}" ]; then
  if [ "$(id -u)" -eq 0 ] && [ -f /etc/debian_version ]; then
    # Stop it on exit only if this run started it.
    if ! bash scripts/asterisk-sandbox.sh status >/dev/null 2>&1; then sandbox_started=1; fi
    bash scripts/asterisk-sandbox.sh start
    set -a
    # shellcheck disable=SC1091
    . .cache/sandbox.env
    set +a
  else
    echo "start: set ARI_URL, ARI_USERNAME and ARI_PASSWORD for your Asterisk, or ARI_SERVERS for several (the local sandbox needs root on Debian)" >&2
    exit 1
  fi
fi

# The credentials store's key, shared by the runtime and the API: generated once into .cache/ (mode 600,
# like the sandbox's ARI password) unless CALLFLOW_SECRETS_KEY or CALLFLOW_SECRETS_KEY_FILE is set.
# Losing it makes stored secrets unreadable: they must then be set again.
if [ -z "${CALLFLOW_SECRETS_KEY:-}" ] && [ -z "${CALLFLOW_SECRETS_KEY_FILE:-}" ]; then
  if [ ! -s .cache/secrets.key ]; then
    mkdir -p .cache
    (umask 077 && node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64") + "\n")' >.cache/secrets.key)
  fi
  export CALLFLOW_SECRETS_KEY_FILE="$PWD/.cache/secrets.key"
fi

echo "start: runtime connecting to ${ARI_URL:-the servers in ARI_SERVERS}; editor on http://${API_HOST:-127.0.0.1}:${API_PORT:-3001}/ (API: /api, docs: /api/docs)" >&2
echo "start: publish flows with: npm run callflow -- publish <file> --extension <n>" >&2
node --import tsx apps/runtime/src/main.ts &
runtime=$!
node --import tsx apps/api/src/main.ts &
api=$!
stop_all() {
  kill -TERM "$runtime" "$api" 2>/dev/null || true
  wait "$runtime" "$api" 2>/dev/null || true
  cleanup
}
trap stop_all EXIT
trap 'exit 0' INT TERM
# Either service stopping ends the product: the other is stopped by the EXIT trap.
wait -n "$runtime" "$api"
