#!/usr/bin/env bash
# Runs deploy/k8s/overlays/dev/postgres-app-role.sh as the postgres image's entrypoint would, on a throwaway server
# initialised as the image initialises one (superuser postgres, scram-sha-256 everywhere), then reports what the
# application's role may do: one `name=value` line per finding. Used by DevelopmentDatabaseTests.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd -P)
source "$root/scripts/common.sh"
source "$root/scripts/pg.sh"
pg_find_bin || die "no PostgreSQL server binaries (./grainmarket test installs them)"
pg_choose_os_user

base=$(mktemp -d /tmp/gm-app-role-XXXXXX)
port=$(free_port)
trap 'pg_as "$PG_BIN/pg_ctl" -D "$base/data" stop -m immediate >/dev/null 2>&1 || true; rm -rf "$base"' EXIT
superuser_password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
app_password="a'b\"c \\d \$e"
printf '%s\n' "$superuser_password" >"$base/pw"
pg_give "$base"
pg_as "$PG_BIN/initdb" -D "$base/data" -U postgres --pwfile="$base/pw" -E UTF8 --locale=C \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 >"$base/initdb.log" 2>&1 || die "initdb failed: $(cat "$base/initdb.log")"
pg_as "$PG_BIN/pg_ctl" -D "$base/data" -w -l "$base/server.log" \
    -o "-p $port -k $base -c listen_addresses=127.0.0.1" start >/dev/null || die "the server did not start"

PGHOST=127.0.0.1 PGPORT=$port PGPASSWORD=$superuser_password POSTGRES_USER=postgres APP_ROLE_PASSWORD=$app_password \
    bash "$root/deploy/k8s/overlays/dev/postgres-app-role.sh" >/dev/null

app() { PGPASSWORD=$1 psql -X -q -t -A -h 127.0.0.1 -p "$port" -U grainmarket -d grainmarket -c "$2" 2>&1; }
echo "flags=$(app "$app_password" "SELECT concat_ws(',', rolsuper, rolcreaterole, rolcreatedb, rolreplication) FROM pg_roles WHERE rolname = current_user")"
echo "owns=$(app "$app_password" "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()")"
echo "creates=$(app "$app_password" "CREATE TABLE probe (x int); DROP TABLE probe; SELECT 'yes'")"
wrong=$(app wrong "SELECT 'accepted'" || true)
echo "wrong-password=$([[ $wrong == *"password authentication failed"* ]] && echo refused || echo "$wrong")"
echo "methods=$(PGPASSWORD=$superuser_password psql -X -q -t -A -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "SELECT string_agg(DISTINCT auth_method, ',') FROM pg_hba_file_rules")"
