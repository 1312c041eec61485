# OCI punchout and e-invoicing for Odoo 18.0. The two commands of the README:
#   make shop   run the shop with demo data on http://localhost:8069
#   make test   run every test (fresh database, pytest-odoo, HTTP tests, tours, prefork)
# `make help` lists every target and variable.
#
# Both set everything up the first time (tests/tools/setup_odoo.sh, one
# progress line per phase) and reuse it afterwards: when python3 cannot import
# Odoo 18.0, a virtual env .venv/ with Odoo 18.0 from ODOO_SOURCE, Odoo's
# pinned requirements and tests/requirements.txt; PostgreSQL (installed and
# started as root when it runs here); then the database and its modules.

# --- Which Python runs Odoo -------------------------------------------------
# python3 when it imports Odoo 18.0 (your own Odoo is kept), else the
# repository's .venv/. USE_VENV=1 forces .venv/, USE_VENV=0 forbids it; PY=...
# names an interpreter outright.
BASE_PY     ?= python3
VENV        ?= $(CURDIR)/.venv
USE_VENV    ?= auto
# Where Odoo 18.0 comes from when .venv/ needs it: a local source folder (used
# in place), a tarball (path or URL) or a git URL[#commit]. Default: Odoo's
# own source tarball of the 18.0 nightly build of 2025-05-06, the build the
# tests run against.
ODOO_SOURCE ?= https://nightly.odoo.com/18.0/nightly/tgz/odoo_18.0.20250506.tar.gz

ifeq ($(origin PY),undefined)
  ifeq ($(USE_VENV),1)
    PY := $(VENV)/bin/python
  else ifeq ($(USE_VENV),0)
    PY := $(BASE_PY)
  else ifneq ($(filter-out help,$(or $(MAKECMDGOALS),help)),)
    PY := $(shell $(BASE_PY) -c 'import odoo.release as r; assert r.version_info[0] == 18' \
            >/dev/null 2>&1 && echo $(BASE_PY) || echo $(VENV)/bin/python)
  else
    PY := $(BASE_PY)
  endif
endif
# Odoo is started like its own odoo-bin (a script file: the prefork master
# re-executes it for the websocket process).
ODOO = $(PY) $(CURDIR)/tests/tools/run_odoo.py

# --- PostgreSQL, databases, ports ---------------------------------------------
PGHOST    ?= localhost
PGPORT    ?= 5432
PGUSER    ?= odoo
PGPASSWORD ?= odoo
SHOP_DB   ?= oci_demo
TEST_DB   ?= oci_test
HTTP_PORT ?= 8069
GEVENT_PORT ?= 8072
WORKERS   ?= 0
TEST_HTTP_PORT ?= 8169
MODULES   := oci_punchout,oci_einvoice
TEST_PATHS ?= tests/unit oci_punchout/tests oci_einvoice/tests tests/e2e tests/prefork
PYTEST_ARGS ?=

export PGHOST PGPORT PGUSER PGPASSWORD

VAR := $(CURDIR)/var
TEST_CFG ?= $(VAR)/odoo-test-$(TEST_DB).cfg
SHOP_CFG ?= $(VAR)/odoo-shop-$(SHOP_DB).cfg
PHASE = @printf '[setup 5/5] modules: %s\n'

.DEFAULT_GOAL := help
.PHONY: help setup postgres config shop test python lint

help:
	@echo "make shop     the shop with demo data on http://localhost:$(HTTP_PORT)"
	@echo "              (database $(SHOP_DB), made on the first run); WORKERS=4: prefork mode"
	@echo "make test     every test: fresh database $(TEST_DB), then pytest-odoo over"
	@echo "              $(TEST_PATHS)"
	@echo "make test-einvoice  oci_einvoice alone (no website, no oci_punchout): fresh database"
	@echo "              $(TEST_DB)_einvoice with only that addon, then oci_einvoice/tests"
	@echo "make lint     pre-commit run --all-files: ruff format + check, pylint-odoo (OCA's"
	@echo "              mandatory checks), prettier XML, addon README.rst (.pre-commit-config.yaml)"
	@echo "make setup    only the set-up both run first: .venv/ with Odoo 18.0 when python3"
	@echo "              cannot import it, Odoo's requirements, tests/requirements.txt, PostgreSQL"
	@echo "make postgres only start PostgreSQL (and create the role $(PGUSER))"
	@echo "make python   print the Python that runs Odoo"
	@echo
	@echo "Variables (make VAR=value ...):"
	@echo "  ODOO_SOURCE  Odoo 18.0 for .venv/: source folder, tarball (path or URL),"
	@echo "               or git URL[#commit]"
	@echo "               (default $(ODOO_SOURCE))"
	@echo "  USE_VENV     auto (default), 1 = always .venv/, 0 = never; PY=/path/python to choose"
	@echo "  WORKERS      Odoo workers for make shop (default 0: threaded), websocket on"
	@echo "               GEVENT_PORT (default 8072)"
	@echo "  SHOP_DB HTTP_PORT TEST_DB TEST_HTTP_PORT TEST_PATHS PYTEST_ARGS"
	@echo "  PGHOST PGPORT PGUSER PGPASSWORD (default localhost 5432 odoo odoo)"

setup:
	@PY="$(PY)" VENV="$(VENV)" BASE_PY="$(BASE_PY)" ODOO_SOURCE="$(ODOO_SOURCE)" \
	  $(CURDIR)/tests/tools/setup_odoo.sh

postgres:
	@$(CURDIR)/tests/tools/ensure_postgres.sh

python:
	@echo $(PY)

config: setup
	@mkdir -p $(VAR)
	@addons="$$($(PY) -c 'import odoo, os; print(os.path.dirname(odoo.__file__))')/addons"; \
	  options() { echo "[options]"; echo "db_host = $(PGHOST)"; echo "db_port = $(PGPORT)"; \
	    echo "db_user = $(PGUSER)"; echo "db_password = $(PGPASSWORD)"; \
	    echo "addons_path = $$addons,$(CURDIR)"; echo "data_dir = $(VAR)/filestore"; }; \
	  { options; echo "http_port = $(TEST_HTTP_PORT)"; } > $(TEST_CFG) \
	  && { options; echo "http_port = $(HTTP_PORT)"; echo "gevent_port = $(GEVENT_PORT)"; \
	    echo "dbfilter = ^$(SHOP_DB)$$"; } > $(SHOP_CFG)

# The shop with demo data: the database is created (both addons and their
# demo data) on the first run and reused afterwards.
shop: config
	@if psql -d postgres -Atc "select 1 from pg_database where datname='$(SHOP_DB)'" | grep -q 1; \
	then \
	  printf '[setup 5/5] modules: reusing database %s\n' "$(SHOP_DB)"; \
	else \
	  printf '[setup 5/5] modules: creating database %s, both addons, demo data %s\n' \
	    "$(SHOP_DB)" "(a few minutes)"; \
	  $(ODOO) -c $(SHOP_CFG) -d $(SHOP_DB) -i l10n_nl,$(MODULES) --stop-after-init --log-level=warn \
	    || exit 1; \
	fi
	@echo
	@echo "  Shop          http://localhost:$(HTTP_PORT)/shop"
	@echo "  Backend       http://localhost:$(HTTP_PORT)/odoo   login admin / admin"
	@echo "  Test buyer    http://localhost:$(HTTP_PORT)/oci/test-buyer  (private window)"
	@echo "                secret demo-secret"
	@echo "  OCI login     http://localhost:$(HTTP_PORT)/oci/demo-linde/login"
	@echo "                USERNAME delinde, PASSWORD demo-secret"
	@echo "  cXML PO       http://localhost:$(HTTP_PORT)/oci/demo-linde/po/cxml"
	@echo "                sender DELINDE-SRM (domain NetworkID), shared secret demo-po-secret"
	@if [ "$(WORKERS)" != 0 ]; then \
	  echo "  Prefork       $(WORKERS) workers on port $(HTTP_PORT), websocket on $(GEVENT_PORT)"; \
	  echo "                (behind a proxy, send /websocket to port $(GEVENT_PORT))"; \
	fi
	@echo "  Stop with Ctrl+C. Odoo: $(PY)"
	@echo
	$(ODOO) -c $(SHOP_CFG) -d $(SHOP_DB) $(if $(filter-out 0,$(WORKERS)),--workers=$(WORKERS))

# Every test on a fresh database (no demo data; the tests make their own;
# tests/prefork makes its own database with demo data and a 2-worker server).
test: config
	$(PHASE) "fresh database $(TEST_DB), both addons, no demo data (a few minutes)"
	@PGOPTIONS="-c client_min_messages=warning" dropdb --if-exists $(TEST_DB)
	@$(ODOO) -c $(TEST_CFG) -d $(TEST_DB) -i $(MODULES) --without-demo=all \
	  --stop-after-init --log-level=warn
	@echo "==> pytest $(TEST_PATHS)"
	@$(PY) -m pytest -p no:cacheprovider --odoo-config=$(TEST_CFG) --odoo-database=$(TEST_DB) \
	  --odoo-http $(PYTEST_ARGS) $(TEST_PATHS); rc=$$?; \
	  if [ $$rc = 5 ]; then echo "pytest collected no test (exit code 5)"; rc=0; fi; exit $$rc

# oci_einvoice alone (no website, no oci_punchout): a fresh database with only
# that addon, then its own tests. EINVOICE_DB defaults to <TEST_DB>_einvoice.
EINVOICE_DB ?= $(TEST_DB)_einvoice
.PHONY: test-einvoice
test-einvoice: config
	$(PHASE) "fresh database $(EINVOICE_DB), oci_einvoice alone, no demo data"
	@PGOPTIONS="-c client_min_messages=warning" dropdb --if-exists $(EINVOICE_DB)
	@$(ODOO) -c $(TEST_CFG) -d $(EINVOICE_DB) -i oci_einvoice --without-demo=all \
	  --stop-after-init --log-level=warn
	@echo "==> pytest oci_einvoice/tests on $(EINVOICE_DB)"
	@$(PY) -m pytest -p no:cacheprovider --odoo-config=$(TEST_CFG) --odoo-database=$(EINVOICE_DB) \
	  --odoo-http $(PYTEST_ARGS) oci_einvoice/tests

# The tool chain of .pre-commit-config.yaml over every file (its hooks are
# installed from PyPI and npm on the first run). .ci/run runs the same.
lint:
	@$(BASE_PY) -m pre_commit --version >/dev/null 2>&1 || $(BASE_PY) -m pip install -q pre-commit
	$(BASE_PY) -m pre_commit run --all-files --show-diff-on-failure
