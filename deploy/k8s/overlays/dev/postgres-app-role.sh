#!/usr/bin/env bash
# Run once by the postgres image's entrypoint (/docker-entrypoint-initdb.d) when it initialises an empty volume, as
# the superuser (POSTGRES_USER, postgres). Makes the application's role and database, the same split as the scripts'
# own PostgreSQL (scripts/pg.sh):
#   grainmarket  LOGIN, no superuser, no CREATEROLE, no CREATEDB; owns the grainmarket database and so its public
#                schema (PostgreSQL 15), where the migrations create every table. Its password: APP_ROLE_PASSWORD.
# Every connection authenticates with scram-sha-256 (POSTGRES_INITDB_ARGS and POSTGRES_HOST_AUTH_METHOD). Used by
# docker-compose.yml and the Kubernetes dev overlay (postgres.yaml).
set -euo pipefail

: "${APP_ROLE_PASSWORD:?APP_ROLE_PASSWORD, the password of the grainmarket role, is not set}"

# psql reads the password from the environment (\getenv, psql 15): it shows in no process list.
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname postgres <<'SQL'
\getenv app_password APP_ROLE_PASSWORD
SET password_encryption = 'scram-sha-256';
CREATE ROLE grainmarket LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION PASSWORD :'app_password';
CREATE DATABASE grainmarket OWNER grainmarket;
REVOKE ALL ON DATABASE grainmarket FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE grainmarket TO grainmarket;
SQL
