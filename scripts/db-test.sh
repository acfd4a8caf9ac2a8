#!/usr/bin/env bash
# Runs the @callflow/db tests on both engines: SQLite, and PostgreSQL on the throw-away cluster of
# scripts/db-postgres.sh (started if needed, and stopped again if this script started it).
# An already set TEST_DATABASE_URL_PG is used as is.
set -euo pipefail
cd "$(dirname "$0")/.."

started=
if [[ -z "${TEST_DATABASE_URL_PG:-}" ]]; then
  if ! bash scripts/db-postgres.sh status; then started=1; fi
  TEST_DATABASE_URL_PG="$(bash scripts/db-postgres.sh start)"
  export TEST_DATABASE_URL_PG
fi
if [[ -n "$started" ]]; then trap 'bash scripts/db-postgres.sh stop' EXIT; fi

npm test -w @callflow/db
