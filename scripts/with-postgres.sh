#!/usr/bin/env bash
# Runs a command next to a throwaway PostgreSQL 15 server on 127.0.0.1, then stops and deletes it.
#
#   bash scripts/with-postgres.sh npm run test:unit
#   bash scripts/with-postgres.sh npm run bench
#
# The command sees TEST_DATABASE_URL and BENCH_DATABASE_URL pointing at the server (user postgres,
# trust authentication, fsync off: for tests only). Installs Debian's postgresql-15 when it is
# missing and we are root; otherwise says exactly what to install. PostgreSQL refuses to run as
# root, so as root the server runs as the `postgres` user.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 <command> [args…]" >&2
  exit 64
fi

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

if [[ ! -x "$PG_BIN/postgres" ]]; then
  if [[ "$(id -u)" -eq 0 ]]; then
    echo "== installing PostgreSQL 15 (Debian package postgresql-15)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends postgresql-15
  else
    cat >&2 <<EOF
PostgreSQL 15 server binaries are missing ($PG_BIN/postgres).
Install them, then run again:
    sudo apt-get install -y postgresql-15
(or set PG_BIN to the bin directory of a PostgreSQL ≥ 15 installation)
EOF
    exit 1
  fi
fi

as_pg() {
  if [[ "$(id -u)" -eq 0 ]]; then
    if command -v runuser >/dev/null; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

port="${PG_PORT:-5439}"
while port_in_use "$port"; do port=$((port + 1)); done

dir="$(mktemp -d -t klaster-pg-XXXXXX)"
[[ "$(id -u)" -eq 0 ]] && chown postgres: "$dir"
chmod 700 "$dir"

stop() {
  as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

url="postgres://postgres@127.0.0.1:$port/postgres"
echo "== throwaway PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') at $url"
export TEST_DATABASE_URL="$url" BENCH_DATABASE_URL="$url"
set +e
"$@"
status=$?
set -e
exit "$status"
