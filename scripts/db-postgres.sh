#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for tests and for authoring PostgreSQL migrations.
#
#   scripts/db-postgres.sh start   initdb (first time) + start; prints the connection URL on stdout
#   scripts/db-postgres.sh url     prints the connection URL
#   scripts/db-postgres.sh status  exit 0 when running
#   scripts/db-postgres.sh stop    stops the cluster and deletes its data
#   scripts/db-postgres.sh halt    stops the server (pg_ctl stop -m fast) but keeps its data: `start`
#                                  brings the same database back (tests of a database outage)
#
# Typical use:  export TEST_DATABASE_URL_PG="$(scripts/db-postgres.sh start)"
#
# Listens on 127.0.0.1 only with trust authentication (no password): test data only.
# Environment: CALLFLOW_PG_PORT (default 54329), CALLFLOW_PG_DIR (default $TMPDIR/callflow-pg-<port>).
# Needs the PostgreSQL server binaries (Debian: apt-get install -y postgresql).
set -euo pipefail

port="${CALLFLOW_PG_PORT:-54329}"
dir="${CALLFLOW_PG_DIR:-${TMPDIR:-/tmp}/callflow-pg-${port}}"
data="$dir/data"
user=callflow
database=callflow
url="postgresql://${user}@127.0.0.1:${port}/${database}"

log() { echo "db-postgres: $*" >&2; }

find_bindir() {
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return
  fi
  # Debian keeps the server binaries out of PATH.
  local candidate
  candidate="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$candidate" && -x "$candidate/pg_ctl" ]]; then
    echo "$candidate"
    return
  fi
  log "PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install -y postgresql"
  exit 1
}

# initdb and postgres refuse to run as root: run them as the postgres user then.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

running() {
  [[ -f "$data/PG_VERSION" ]] && as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1
}

start() {
  if running; then
    echo "$url"
    return
  fi
  if [[ ! -f "$data/PG_VERSION" ]]; then
    mkdir -p "$dir"
    if [[ "$(id -u)" == 0 ]]; then chown postgres: "$dir"; fi
    log "initdb into $data"
    as_owner "$bindir/initdb" -D "$data" -U "$user" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  log "starting on 127.0.0.1:$port"
  # fsync off: this cluster is disposable and tests create and drop databases often.
  as_owner "$bindir/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 30 \
    -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null ||
    { cat "$dir/server.log" >&2; exit 1; }
  if ! as_owner "$bindir/psql" -h 127.0.0.1 -p "$port" -U "$user" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
    as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$user" "$database"
  fi
  echo "$url"
}

halt() {
  if running; then
    log "halting (data kept)"
    as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null
  fi
}

stop() {
  if running; then
    log "stopping"
    as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null
  fi
  rm -rf "$dir"
}

bindir="$(find_bindir)"
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  halt) halt ;;
  url) echo "$url" ;;
  status) running ;;
  *)
    echo "usage: $0 start|stop|halt|url|status" >&2
    exit 2
    ;;
esac
