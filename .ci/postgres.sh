#!/usr/bin/env bash
# Start a throwaway local PostgreSQL for the city-server tests and print its URL on stdout.
# Idempotent: installs the package only when missing, creates the cluster once, starts it only when
# stopped. Runs as root (CI) by handing the server to the "postgres" user; trust auth on 127.0.0.1.
set -euo pipefail
PGPORT="${CI_PGPORT:-55432}"
PGROOT="${CI_PGDATA:-/var/tmp/counter-ci-pg}"
PGDB=city_test

log() { echo "[postgres] $*" >&2; }

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  log "installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

mkdir -p "$PGROOT"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$PGROOT"
if [ ! -f "$PGROOT/data/PG_VERSION" ]; then
  log "creating cluster in $PGROOT/data"
  as_pg "$BIN/initdb" -D "$PGROOT/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null 2>&1 \
    || as_pg "$BIN/initdb" -D "$PGROOT/data" -U postgres -A trust -E UTF8 >/dev/null
fi
if ! as_pg "$BIN/pg_ctl" -D "$PGROOT/data" status >/dev/null 2>&1; then
  log "starting on 127.0.0.1:$PGPORT"
  as_pg "$BIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT -c max_connections=200 -c fsync=off" start >/dev/null
fi
if ! "$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname='$PGDB'" | grep -q 1; then
  "$BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres "$PGDB"
fi
echo "postgresql+psycopg://postgres@127.0.0.1:$PGPORT/$PGDB"
