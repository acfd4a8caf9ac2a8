#!/usr/bin/env bash
# npm test: installs what is missing, then runs every check: lint and format, typecheck, unit tests
# (database tests on SQLite and PostgreSQL), and the end-to-end suite against a real Asterisk.
# Nothing is skipped: a missing prerequisite fails the run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh --test

started_pg=0
started_sandbox=0
cleanup() {
  [ "$started_sandbox" -eq 1 ] && bash scripts/asterisk-sandbox.sh stop >/dev/null 2>&1 || true
  [ "$started_pg" -eq 1 ] && bash scripts/db-postgres.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

step() { printf '\n==> %s\n' "$*"; }

step "lint and format (biome)"
npx biome ci .

step "typecheck"
npx turbo run typecheck --output-logs=errors-only

step "unit tests (SQLite and PostgreSQL)"
TEST_DATABASE_URL_PG="$(bash scripts/db-postgres.sh start)"
export TEST_DATABASE_URL_PG
started_pg=1
# Each package's vitest also writes a JSON report, read back below to print what ran.
# Every workspace with a test script: a new package's tests cannot be left out of the count.
mapfile -t unit_test_packages < <(node -e '
  const { readdirSync, readFileSync, existsSync } = require("node:fs");
  for (const parent of ["packages", "apps"])
    for (const name of readdirSync(parent).sort()) {
      const file = `${parent}/${name}/package.json`;
      if (existsSync(file) && JSON.parse(readFileSync(file, "utf8")).scripts?.test) console.log(`${parent}/${name}`);
    }')
for dir in "${unit_test_packages[@]}"; do rm -f "$dir/.test-results.json"; done
npx turbo run test --env-mode=loose --concurrency=1 --output-logs=errors-only \
  -- --reporter=default --reporter=json --outputFile.json=.test-results.json
node scripts/testSummary.mjs "${unit_test_packages[@]}"

step "end-to-end: real calls into Asterisk 22"
if [ -z "${ARI_URL:-}" ]; then
  if ! bash scripts/asterisk-sandbox.sh status >/dev/null 2>&1; then started_sandbox=1; fi
  bash scripts/asterisk-sandbox.sh start
fi
rm -f e2e/.test-results.json
npm run --silent -w @callflow/e2e e2e -- --reporter=default --reporter=json --outputFile.json=.test-results.json
# The end-to-end suite must run every test: none may skip itself (a missing Asterisk, browser or sipp).
node scripts/testSummary.mjs --no-skips e2e

step "all checks passed"
