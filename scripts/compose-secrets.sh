#!/usr/bin/env bash
# Writes .env at the repository root for docker-compose.yml, with random values (git-ignored):
#   GRAINMARKET_JWT_KEY         48 random bytes, base64: the access-token signing key every silo and gateway shares
#   GRAINMARKET_ADMIN_PASSWORD  the first admin's password (admin@grainmarket.local)
#   GRAINMARKET_DB_PASSWORD     the grainmarket database role's password (the silos' and the gateway's)
#   GRAINMARKET_DB_SUPERUSER_PASSWORD  the postgres superuser's password (the container's init script, an operator)
# The values in an existing .env are kept (the admin account and the database keep the passwords they were created
# with); a variable missing from it is added. Delete .env and `docker compose down -v` to start over.
set -euo pipefail

env_file="$(cd "$(dirname "$0")/.." && pwd -P)/.env"

# N random bytes as base64 on one line (openssl when present, else the kernel's generator).
random_base64() {
  if command -v openssl >/dev/null 2>&1; then
    openssl rand -base64 "$1" | tr -d '\n'
  else
    head -c "$1" /dev/urandom | base64 | tr -d '\n'
  fi
}

# N random bytes as hex: safe inside an Npgsql connection string without quoting.
random_hex() {
  head -c "$1" /dev/urandom | od -An -v -tx1 | tr -d ' \n'
}

umask 077
touch "$env_file"
added=()
# add NAME VALUE — appends NAME=VALUE unless .env sets NAME already.
add() {
  if ! grep -q "^$1=" "$env_file"; then
    echo "$1=$2" >>"$env_file"
    added+=("$1")
  fi
}

add GRAINMARKET_JWT_KEY "$(random_base64 48)"
add GRAINMARKET_ADMIN_PASSWORD "$(random_base64 18)"
add GRAINMARKET_DB_PASSWORD "$(random_hex 24)"
add GRAINMARKET_DB_SUPERUSER_PASSWORD "$(random_hex 24)"
if ((${#added[@]} == 0)); then
  echo "compose-secrets: $env_file has every variable; kept"
else
  echo "compose-secrets: wrote ${added[*]} to $env_file (admin: admin@grainmarket.local, password in GRAINMARKET_ADMIN_PASSWORD)"
fi
