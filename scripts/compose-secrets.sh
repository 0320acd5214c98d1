#!/usr/bin/env bash
# Writes .env at the repository root for docker-compose.yml, with random values (git-ignored):
#   GRAINMARKET_JWT_KEY         48 random bytes, base64: the access-token signing key every silo and gateway shares
#   GRAINMARKET_ADMIN_PASSWORD  the first admin's password (admin@grainmarket.local)
# An existing .env is left as it is: the admin account keeps the password it was created with, so a new one here
# would only mislead. Delete .env (and `docker compose down -v` for a fresh database) to start over.
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

if [[ -e "$env_file" ]]; then
  echo "compose-secrets: $env_file exists; kept"
  exit 0
fi

umask 077
{
  echo "GRAINMARKET_JWT_KEY=$(random_base64 48)"
  echo "GRAINMARKET_ADMIN_PASSWORD=$(random_base64 18)"
} >"$env_file"
echo "compose-secrets: wrote $env_file (admin: admin@grainmarket.local, password in GRAINMARKET_ADMIN_PASSWORD)"
