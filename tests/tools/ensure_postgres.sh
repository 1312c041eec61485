#!/usr/bin/env bash
# Start the local PostgreSQL (Debian cluster) when it is not running, and make
# sure the role the tests and the shop use exists (Odoo refuses "postgres").
set -euo pipefail
PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-odoo} PGPASSWORD=${PGPASSWORD:-odoo}

if ! pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    cluster=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1" "$2}')
    [ -n "$cluster" ] || { echo "No PostgreSQL cluster found (install postgresql)."; exit 1; }
    echo "Starting PostgreSQL cluster $cluster"
    pg_ctlcluster $cluster start
    for _ in $(seq 1 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 1; done
  else
    echo "PostgreSQL is not reachable on $PGHOST:$PGPORT; start it (or set PGHOST/PGPORT)."; exit 1
  fi
fi

if ! PGPASSWORD="$PGPASSWORD" psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -Atc "select 1" >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
    echo "Creating PostgreSQL role $PGUSER"
    su postgres -c "psql -v ON_ERROR_STOP=1 -q -c \"CREATE ROLE \\\"$PGUSER\\\" LOGIN CREATEDB PASSWORD '$PGPASSWORD'\"" \
      || su postgres -c "psql -q -c \"ALTER ROLE \\\"$PGUSER\\\" LOGIN CREATEDB PASSWORD '$PGPASSWORD'\""
  else
    echo "Cannot log in to PostgreSQL as $PGUSER; create that role (LOGIN CREATEDB) or set PGUSER/PGPASSWORD."; exit 1
  fi
fi
