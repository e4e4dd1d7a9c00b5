#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the test suite and print the line that points the
# tests at it:   eval "$(bash .ci/postgres.sh)"
#
# Installs Debian's postgresql if it is missing, makes a fresh cluster under /tmp owned by the
# postgres user (trust auth, listening on 127.0.0.1 only), waits until it accepts connections
# and prints `export STUDIODESK_TEST_PG_URL=...`. Everything else goes to stderr, so the output
# can be eval'ed. Works as root on a fresh Debian 12 machine without stdin (CI=true).
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

find_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

PGBIN="$(find_bin)"
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/pg_ctl" ]; then
    log "installing Debian's postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2 </dev/null
    apt-get install -y -q --no-install-recommends postgresql >&2 </dev/null
    PGBIN="$(find_bin)"
fi
[ -x "$PGBIN/pg_ctl" ] || { log "no pg_ctl found after install"; exit 1; }

# The server refuses to run as root: run it as the postgres user (created by the package).
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT="${STUDIODESK_PG_PORT:-}"
if [ -z "$PORT" ]; then
    PORT=54329
    while port_in_use "$PORT"; do PORT=$((PORT + 1)); done
fi
BASE="$(mktemp -d /tmp/studiodesk-pg.XXXXXX)"
DATA="$BASE/data"
chmod 755 "$BASE"
[ "$(id -u)" = 0 ] && chown postgres "$BASE"

log "creating cluster in $DATA ($("$PGBIN/postgres" --version))"
as_pg "$PGBIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$BASE/initdb.log" 2>&1 \
    || { cat "$BASE/initdb.log" >&2; exit 1; }

# Test server only: no durability needed, so skip fsync for speed; enough connections for
# the two-desk tests.
as_pg "$PGBIN/pg_ctl" -D "$DATA" -l "$BASE/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $BASE -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
    start >&2 </dev/null || { cat "$BASE/server.log" >&2; exit 1; }

for _ in $(seq 1 60); do
    if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -U postgres; then
        log "ready on 127.0.0.1:$PORT (stop: runuser -u postgres -- $PGBIN/pg_ctl -D $DATA stop)"
        echo "export STUDIODESK_TEST_PG_URL=postgresql://postgres@127.0.0.1:$PORT/postgres"
        exit 0
    fi
    sleep 1
done
log "server did not become ready"; cat "$BASE/server.log" >&2
exit 1
