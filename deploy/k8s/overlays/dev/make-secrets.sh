#!/usr/bin/env bash
# Writes the dev overlay's secret files with random values, next to this script:
#   secrets.env  grainmarket-secrets: jwt-key (48 random bytes, base64), admin-email, admin-password, metrics-token
#   db.env       grainmarket-db: connection-string and password of the application's role (grainmarket), and
#                superuser-password of the in-cluster PostgreSQL's superuser
# Both are git-ignored. An existing file is left as it is: PostgreSQL takes its password only when it initialises
# its volume, so a new password would lock the silos out of a database that already exists. To start over, delete
# the files and the volume (kubectl delete pvc data-grainmarket-postgres-0).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd -P)

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

if [[ -e "$here/secrets.env" ]]; then
  echo "make-secrets: $here/secrets.env exists; kept"
else
  {
    echo "jwt-key=$(random_base64 48)"
    echo "admin-email=admin@grainmarket.local"
    echo "admin-password=$(random_base64 18)"
    echo "metrics-token=$(random_hex 32)"
  } >"$here/secrets.env"
  echo "make-secrets: wrote $here/secrets.env"
fi

if [[ -e "$here/db.env" ]]; then
  echo "make-secrets: $here/db.env exists; kept"
else
  password=$(random_hex 24)
  {
    echo "connection-string=Host=grainmarket-postgres;Port=5432;Database=grainmarket;Username=grainmarket;Password=$password"
    echo "password=$password"
  } >"$here/db.env"
  echo "make-secrets: wrote $here/db.env"
fi

# A db.env written before the superuser had its own password gets one (PostgreSQL reads it only on a new volume).
if ! grep -q '^superuser-password=' "$here/db.env"; then
  echo "superuser-password=$(random_hex 24)" >>"$here/db.env"
  echo "make-secrets: added superuser-password to $here/db.env"
fi
