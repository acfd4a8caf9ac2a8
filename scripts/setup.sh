#!/usr/bin/env bash
# Installs what is missing and prepares the database. Safe to run again: it only does what is needed.
#
#   bash scripts/setup.sh            what the product needs (npm starts it before `npm start`)
#   bash scripts/setup.sh --test     also what the tests need (sipp, PostgreSQL server)
#
# Debian packages are installed with apt-get when running as root on Debian; elsewhere the script
# names what is missing and stops.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { echo "setup: $*" >&2; }

apt_updated=0
# ensure_packages <command>:<debian package> ...
ensure_packages() {
  local missing=()
  for pair in "$@"; do
    local cmd="${pair%%:*}" pkg="${pair#*:}"
    if ! command -v "$cmd" >/dev/null 2>&1 && ! dpkg -s "$pkg" >/dev/null 2>&1; then missing+=("$pkg"); fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "missing packages: ${missing[*]} (install them, or run as root on Debian)"
    exit 1
  fi
  say "installing ${missing[*]}"
  if [ "$apt_updated" -eq 0 ]; then
    apt-get update -qq >/dev/null
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  say "Node.js 20.19 or newer is needed (found $(node -v 2>/dev/null || echo none))"
  exit 1
fi

# Prompts: ffmpeg converts uploads and recordings to what Asterisk plays; espeak-ng is the built-in
# text-to-speech engine (voices for English, Russian, Chinese and many more, offline), its output
# resampled by sox (which starts in ~10 ms where ffmpeg takes ~300 ms: callers wait for it).
ensure_packages ffmpeg:ffmpeg ffprobe:ffmpeg espeak-ng:espeak-ng sox:sox

if [ "${1:-}" = "--test" ]; then
  ensure_packages sipp:sip-tester
  # PostgreSQL's server binaries live outside PATH on Debian: check the package.
  ensure_packages /usr/lib/postgresql:postgresql
  # The browser tests drive Debian's Chromium with playwright-core (no browser download).
  ensure_packages chromium:chromium
fi

# npm packages: install when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  # Exactly the lock file (`npm ci`), so every machine runs what was tested; it refuses a
  # package.json that disagrees with the lock instead of quietly resolving something else.
  npm ci --no-audit --no-fund --loglevel=error
fi

# The Prisma clients are generated (git-ignored) from prisma/schema.prisma.
npm run --silent -w @callflow/db generate >/dev/null

node --import tsx packages/db/scripts/migrate.ts

# The browser editor, served by the API: built when missing or older than anything it bundles (its
# sources, the packages' sources it imports, its settings, and the installed npm packages: npm
# rewrites node_modules/.package-lock.json on every install), so browser tests never run an old build.
editor_index=apps/editor/dist/index.html
editor_inputs=(apps/editor/src apps/editor/index.html apps/editor/vite.config.ts apps/editor/package.json
  apps/editor/tsconfig.json packages/flow/src packages/flow/package.json apps/api/src/contract
  package-lock.json node_modules/.package-lock.json)
if [ ! -f "$editor_index" ] || [ -n "$(find "${editor_inputs[@]}" -newer "$editor_index" -print -quit)" ]; then
  say "building the browser editor"
  npm run --silent -w @callflow/editor build >/dev/null
fi
