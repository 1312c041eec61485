#!/usr/bin/env bash
# Make PostgreSQL usable for the shop and the tests, on $PGHOST:$PGPORT as
# $PGUSER/$PGPASSWORD (default localhost:5432, odoo/odoo):
# - on this machine, as root, with apt: install Debian's `postgresql` when
#   it is missing; start the Debian cluster that listens on $PGPORT (create
#   one when there is none at all);
# - create the role (LOGIN CREATEDB; Odoo refuses to run as "postgres").
# A server elsewhere (PGHOST not local) is only checked.
set -uo pipefail
PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-odoo} PGPASSWORD=${PGPASSWORD:-odoo}
export PGPASSWORD

say() { printf '    %s\n' "$*"; }
fail() { printf 'PostgreSQL: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }
local_host() {
  case "$PGHOST" in localhost | 127.0.0.1 | ::1 | /*) return 0 ;; *) return 1 ;; esac
}
ready() { command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h "$PGHOST" -p "$PGPORT"; }
# psql as the postgres superuser over the local socket; our PG* variables
# (exported by the Makefile) must not reach it: su keeps the environment.
as_postgres() {
  env -u PGHOST -u PGUSER -u PGPASSWORD -u PGDATABASE \
    su postgres -s /bin/sh -c "psql -X -q -p $PGPORT -v ON_ERROR_STOP=1 $*"
}
can_login() {
  psql -X -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -Atc "select 1" >/dev/null 2>&1
}

# ------------------------------------------------------------ installed?
if ! command -v pg_lsclusters >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then
  if ! local_host && command -v psql >/dev/null 2>&1; then
    :
  elif is_root && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian's postgresql (first run only)"
    (apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
      || fail "apt-get install postgresql failed"
  else
    fail "not installed: apt-get install postgresql (as root), or set PGHOST"
  fi
fi

# ------------------------------------------------------------ running?
if ! ready; then
  local_host || fail "not reachable on $PGHOST:$PGPORT"
  is_root && command -v pg_ctlcluster >/dev/null 2>&1 \
    || fail "not running on $PGHOST:$PGPORT: start it (as root: pg_ctlcluster <version> main start)"
  cluster=$(pg_lsclusters -h 2>/dev/null \
    | awk -v port="$PGPORT" '$3 == port { print $1 " " $2; exit }')
  if [ -z "$cluster" ]; then
    [ -z "$(pg_lsclusters -h 2>/dev/null)" ] \
      || fail "no cluster listens on port $PGPORT (pg_lsclusters shows the others; set PGPORT)"
    version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -1)
    [ -n "$version" ] || fail "no PostgreSQL server binaries in /usr/lib/postgresql"
    say "creating cluster $version/main on port $PGPORT"
    pg_createcluster -p "$PGPORT" "$version" main >/dev/null || fail "pg_createcluster failed"
    cluster="$version main"
  fi
  say "starting cluster $cluster"
  # shellcheck disable=SC2086  # "version name"
  pg_ctlcluster $cluster start || fail "pg_ctlcluster $cluster start failed"
fi

# pg_isready answers as soon as the postmaster accepts connections; right
# after a start, the first query can still fail ("the database system is
# starting up"). Wait until a real query works, up to a minute.
for _ in $(seq 1 60); do
  if can_login || { local_host && is_root && as_postgres -Atc "'select 1'" >/dev/null 2>&1; }; then
    break
  fi
  sleep 1
done

# ------------------------------------------------------------ role
if ! can_login; then
  local_host && is_root && id postgres >/dev/null 2>&1 \
    || fail "cannot log in as $PGUSER: create that role (LOGIN CREATEDB) or set PGUSER/PGPASSWORD"
  say "creating role $PGUSER"
  for attempt in 1 2 3 4 5; do
    exists=$(as_postgres -Atc "\"select 1 from pg_roles where rolname = '$PGUSER'\"" 2>/dev/null)
    if [ "$exists" = 1 ]; then verb=ALTER; else verb=CREATE; fi
    as_postgres -c "\"$verb ROLE \\\"$PGUSER\\\" LOGIN CREATEDB PASSWORD '$PGPASSWORD'\"" \
      && can_login && break
    say "role not usable yet (attempt $attempt), retrying"
    sleep 2
  done
  can_login || fail "cannot log in as $PGUSER after creating the role"
fi
exit 0
