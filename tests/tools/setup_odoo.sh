#!/usr/bin/env bash
# Everything `make shop` and `make test` need before a database can be made,
# done once and reused afterwards (each phase prints one progress line):
#
#   1 virtual env   .venv/ in the repository, only when $PY is that venv's
#                   Python (the Makefile picks it when python3 cannot import
#                   Odoo 18.0, or when USE_VENV=1)
#   2 Odoo          Odoo 18.0 put into that venv from $ODOO_SOURCE: a local
#                   source folder (used in place), a tarball (file or URL) or a
#                   git URL[#ref] (cloned into .venv/src/)
#   3 requirements  Odoo's pinned requirements for this Python
#                   (tests/tools/odoo_requirements.py) and tests/requirements.txt
#   4 database      PostgreSQL installed/started, role created
#                   (tests/tools/ensure_postgres.sh)
#
# A Python that already imports Odoo 18.0 is used as it is: only the test
# requirements it lacks are installed into it.
#
# Exit status: 0 ready; 3 no Odoo 18.0 could be had (nothing importable and
# $ODOO_SOURCE unusable or unreachable); 1 anything else.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=${PY:-python3}
VENV=${VENV:-$ROOT/.venv}
BASE_PY=${BASE_PY:-python3}
ODOO_SOURCE=${ODOO_SOURCE:-}
SKIP_DATABASE=${SKIP_DATABASE:-}

step() { local n=$1; shift; printf '[setup %s/5] %s\n' "$n" "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }
no_odoo() {
  printf '\n%s\n' "########  NO ODOO 18.0: $*  ########" >&2
  exit 3
}
odoo_ok() {
  "$1" -c 'import odoo.release as r; assert r.version_info[0] == 18, r.version' >/dev/null 2>&1
}
as_root_apt() {  # as_root_apt PACKAGE...: install Debian packages when we may
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "    apt-get install $*"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null)
  else
    return 1
  fi
}

in_venv=
case "$PY" in "$VENV"/*) in_venv=1 ;; esac

# ---------------------------------------------------------------- 1 venv
if [ -z "$in_venv" ]; then
  command -v "$PY" >/dev/null 2>&1 || die "no Python interpreter '$PY'"
  step 1 "virtual env: not needed, $PY imports Odoo itself"
elif [ -x "$VENV/bin/python" ]; then
  step 1 "virtual env: reusing $VENV"
else
  step 1 "virtual env: creating $VENV with $BASE_PY ($("$BASE_PY" -V 2>&1))"
  "$BASE_PY" -c 'import sys; assert sys.version_info >= (3, 10)' 2>/dev/null \
    || die "$BASE_PY is older than Python 3.10 (Odoo 18.0 needs 3.10 to 3.12)"
  if ! "$BASE_PY" -m venv "$VENV" >/dev/null 2>&1; then
    rm -rf "$VENV"
    ver=$("$BASE_PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    as_root_apt "python$ver-venv" || as_root_apt python3-venv \
      || die "cannot create a virtual env: install python3-venv"
    "$BASE_PY" -m venv "$VENV" || die "cannot create $VENV"
  fi
fi

# ---------------------------------------------------------------- 2 Odoo
odoo_where() {  # "18.0-... from /path/odoo", fails unless Odoo 18.0 imports
  "$PY" -c 'import odoo, odoo.release as r; assert r.version_info[0] == 18, r.version
print(r.version, "from", odoo.__path__[0])' 2>/dev/null
}
site_packages() {
  "$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])'
}
# Odoo version of a source tree, read from odoo/release.py alone (importing
# odoo needs its requirements, which phase 3 installs).
source_version() {
  "$BASE_PY" -c 'import sys; ns = {}; exec(open(sys.argv[1]).read(), ns); print(ns["version"])' \
    "$1/odoo/release.py" 2>/dev/null
}
# The source the venv's .pth points at, when it is an Odoo 18.0 tree.
placed_source() {
  local pth root
  pth="$(site_packages)/odoo-source.pth"
  [ -f "$pth" ] || return 1
  root=$(head -1 "$pth")
  case "$(source_version "$root")" in
    18.0*) echo "$root ($(source_version "$root"))" ;;
    *) return 1 ;;
  esac
}
# Directory holding odoo/release.py under $1 (itself or up to two levels down).
find_source_root() {
  local found
  found=$(find "$1" -maxdepth 3 -path '*/odoo/release.py' 2>/dev/null \
    | awk '{ print length($0) "\t" $0 }' | sort -n | head -1 | cut -f2)
  [ -n "$found" ] && dirname "$(dirname "$found")"
}
install_odoo() {
  local src=$ODOO_SOURCE dest="$VENV/src" root ref=
  [ -n "$src" ] || no_odoo "Odoo is not importable and ODOO_SOURCE is empty"
  mkdir -p "$dest"
  if [ -d "$src" ]; then
    root=$(find_source_root "$(cd "$src" && pwd)") \
      || no_odoo "ODOO_SOURCE=$src holds no odoo/release.py"
    echo "    using the source folder in place: $root"
  elif [[ "$src" == /* || "$src" == .* || "$src" == ~* ]] && [ ! -e "$src" ]; then
    no_odoo "ODOO_SOURCE=$src: no such folder or file"
  elif [[ "$src" =~ \.(tar\.gz|tgz|tar\.xz|tar\.bz2|tar|zip)$ ]]; then
    local archive=$src
    if [[ "$src" =~ ^https?:// ]]; then
      archive="$dest/$(basename "$src")"
      if [ ! -s "$archive" ]; then
        echo "    downloading $src"
        if command -v curl >/dev/null 2>&1; then
          curl -fL --retry 2 --connect-timeout 20 --progress-bar -o "$archive.part" "$src"
        else
          "$BASE_PY" -c 'import sys, urllib.request as u; u.urlretrieve(sys.argv[1], sys.argv[2])' \
            "$src" "$archive.part"
        fi || { rm -f "$archive.part"; no_odoo "cannot download ODOO_SOURCE=$src"; }
        mv "$archive.part" "$archive"
      fi
    fi
    [ -f "$archive" ] || no_odoo "ODOO_SOURCE=$src: no such file"
    rm -rf "$dest/odoo" && mkdir -p "$dest/odoo"
    echo "    unpacking $(basename "$archive") into $dest/odoo"
    if [[ "$archive" == *.zip ]]; then
      "$BASE_PY" -m zipfile -e "$archive" "$dest/odoo" || no_odoo "cannot unpack $archive"
    else
      tar -xf "$archive" -C "$dest/odoo" || no_odoo "cannot unpack $archive"
    fi
    root=$(find_source_root "$dest/odoo") || no_odoo "$archive holds no odoo/release.py"
  else
    # git URL, optionally #ref (commit, tag or branch)
    local url=${src%%#*}
    [ "$url" != "$src" ] && ref=${src#*#}
    command -v git >/dev/null 2>&1 || as_root_apt git || no_odoo "git is needed for $src"
    rm -rf "$dest/odoo"
    echo "    fetching $url ${ref:+at $ref}"
    git init -q "$dest/odoo" \
      && git -C "$dest/odoo" fetch -q --depth 1 "$url" "${ref:-HEAD}" \
      && git -C "$dest/odoo" checkout -q FETCH_HEAD \
      || { rm -rf "$dest/odoo"; no_odoo "cannot fetch ODOO_SOURCE=$src"; }
    root="$dest/odoo"
  fi
  # Installed like `pip install -e`: a .pth line puts the source on sys.path
  # (Odoo's setup.py wants a setup/ folder that source copies often lack).
  case "$(source_version "$root")" in
    18.0*) echo "    Odoo $(source_version "$root") in $root" ;;
    *) no_odoo "$root is not Odoo 18.0 (release.py says '$(source_version "$root")')" ;;
  esac
  echo "$root" > "$(site_packages)/odoo-source.pth"
}

if [ -z "$in_venv" ]; then
  where=$(odoo_where) || no_odoo "$PY cannot import Odoo 18.0 (unset PY, or USE_VENV=1)"
  step 2 "Odoo: $where"
elif placed=$(placed_source); then
  step 2 "Odoo: reusing $placed"
else
  step 2 "Odoo: installing 18.0 from ${ODOO_SOURCE:-<nothing>}"
  install_odoo
fi

# ---------------------------------------------------------------- 3 requirements
if [ -n "$in_venv" ]; then
  odoo_root=$(head -1 "$(site_packages)/odoo-source.pth")
  [ -f "$odoo_root/requirements.txt" ] || die "no requirements.txt in $odoo_root"
  wanted="$VENV/odoo-requirements.txt"
  "$PY" "$ROOT/tests/tools/odoo_requirements.py" "$odoo_root/requirements.txt" > "$wanted.new" \
    || die "cannot read $odoo_root/requirements.txt"
  stamp=$(cat "$wanted.new" "$ROOT/tests/requirements.txt" | cksum)
  if [ "$(cat "$VENV/.requirements-installed" 2>/dev/null)" = "$stamp" ]; then
    rm -f "$wanted.new"
    step 3 "requirements: reusing ($(grep -c . "$wanted") of Odoo's pins + tests/requirements.txt)"
  else
    mv "$wanted.new" "$wanted"
    step 3 "requirements: pip install, $(grep -c . "$wanted") Odoo pins for $("$PY" -V)" \
      "+ tests/requirements.txt"
    "$PY" -m pip install --disable-pip-version-check --progress-bar off \
      -r "$wanted" -r "$ROOT/tests/requirements.txt" | grep --line-buffered -E '^(Collecting|Successfully)'
    [ "${PIPESTATUS[0]}" = 0 ] || die "pip install failed (see above)"
    echo "$stamp" > "$VENV/.requirements-installed"
  fi
else
  missing=$("$PY" - "$ROOT/tests/requirements.txt" <<'PYEOF'
import re, sys
from importlib import metadata
for line in open(sys.argv[1], encoding="utf-8"):
    name = re.split(r"[\s<>=!~;\[#]", line.strip(), maxsplit=1)[0]
    if name:
        try:
            metadata.distribution(name)
        except metadata.PackageNotFoundError:
            print(name)
PYEOF
  )
  if [ -z "$missing" ]; then
    step 3 "requirements: tests/requirements.txt already installed for $PY"
  else
    step 3 "requirements: installing tests/requirements.txt for $PY (missing: $(echo $missing))"
    "$PY" -m pip install --disable-pip-version-check -q -r "$ROOT/tests/requirements.txt" \
      || die "pip install -r tests/requirements.txt failed for $PY"
  fi
fi

if [ -n "$in_venv" ] && ! odoo_ok "$PY"; then
  "$PY" -c 'import odoo' 2>&1 | tail -3 >&2
  die "Odoo 18.0 does not import in $VENV (see above)"
fi

# ---------------------------------------------------------------- 4 database
if [ -n "$SKIP_DATABASE" ]; then
  step 4 "database: skipped"
else
  step 4 "database: PostgreSQL on ${PGHOST:-localhost}:${PGPORT:-5432} as ${PGUSER:-odoo}"
  "$ROOT/tests/tools/ensure_postgres.sh" || die "PostgreSQL is not usable (see above)"
fi
