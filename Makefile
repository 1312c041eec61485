# The two commands of the README:
#   make shop   run the shop with demo data on http://localhost:8069
#   make test   run every test (fresh database, pytest-odoo, HTTP tests and tours)
# Both need Odoo 18.0 importable by $(PY) and a PostgreSQL server (started here
# when it runs on this machine as a Debian cluster).

PY        ?= python3
PGHOST    ?= localhost
PGPORT    ?= 5432
PGUSER    ?= odoo
PGPASSWORD ?= odoo
SHOP_DB   ?= oci_demo
TEST_DB   ?= oci_test
HTTP_PORT ?= 8069
TEST_HTTP_PORT ?= 8169
MODULES   := oci_punchout,oci_einvoice
TEST_PATHS ?= tests/unit oci_punchout/tests oci_einvoice/tests tests/e2e
PYTEST_ARGS ?=

export PGHOST PGPORT PGUSER PGPASSWORD

ODOO_ADDONS = $(shell $(PY) -c "import odoo, os; print(os.path.join(os.path.dirname(odoo.__file__), 'addons'))" 2>/dev/null)
ADDONS_PATH = $(ODOO_ADDONS),$(CURDIR)
VAR := $(CURDIR)/var

.PHONY: shop test postgres config check-odoo

check-odoo:
	@$(PY) -c "import odoo.release as r; assert r.version_info[0] == 18, r.version" \
	  || { echo "Odoo 18.0 is not importable by $(PY): see README, 'Getting Odoo 18'."; exit 2; }

postgres:
	@tests/tools/ensure_postgres.sh

config: check-odoo
	@mkdir -p $(VAR)
	@printf '[options]\ndb_host = %s\ndb_port = %s\ndb_user = %s\ndb_password = %s\naddons_path = %s\nhttp_port = %s\ndata_dir = %s\n' \
	  "$(PGHOST)" "$(PGPORT)" "$(PGUSER)" "$(PGPASSWORD)" "$(ADDONS_PATH)" "$(TEST_HTTP_PORT)" "$(VAR)/filestore" \
	  > $(VAR)/odoo-test.cfg
	@printf '[options]\ndb_host = %s\ndb_port = %s\ndb_user = %s\ndb_password = %s\naddons_path = %s\nhttp_port = %s\ndata_dir = %s\ndbfilter = ^%s$$\n' \
	  "$(PGHOST)" "$(PGPORT)" "$(PGUSER)" "$(PGPASSWORD)" "$(ADDONS_PATH)" "$(HTTP_PORT)" "$(VAR)/filestore" "$(SHOP_DB)" \
	  > $(VAR)/odoo-shop.cfg

# Run the shop with demo data: the database is created (both addons + demo
# data) on the first run and reused afterwards.
shop: postgres config
	@if ! psql -d postgres -Atc "select 1 from pg_database where datname='$(SHOP_DB)'" | grep -q 1; then \
	  echo "Creating database $(SHOP_DB) with both addons and demo data..."; \
	  $(PY) -m odoo -c $(VAR)/odoo-shop.cfg -d $(SHOP_DB) -i $(MODULES) --stop-after-init --log-level=warn || exit 1; \
	fi
	@echo "Shop: http://localhost:$(HTTP_PORT)/shop  backend: http://localhost:$(HTTP_PORT)/odoo (admin/admin)"
	@echo "Test buyer: http://localhost:$(HTTP_PORT)/oci/test-buyer (demo secret: demo-secret)"
	$(PY) -m odoo -c $(VAR)/odoo-shop.cfg -d $(SHOP_DB)

# Run every test on a fresh database (no demo data; the tests make their own).
test: postgres config
	@dropdb --if-exists $(TEST_DB) >/dev/null
	@echo "Creating test database $(TEST_DB)..."
	@$(PY) -m odoo -c $(VAR)/odoo-test.cfg -d $(TEST_DB) -i $(MODULES) --without-demo=all \
	  --stop-after-init --log-level=warn
	@$(PY) -m pytest -p no:cacheprovider --odoo-config=$(VAR)/odoo-test.cfg --odoo-database=$(TEST_DB) \
	  --odoo-http $(PYTEST_ARGS) $(TEST_PATHS); rc=$$?; \
	  if [ $$rc = 5 ]; then echo "pytest collected no test (exit code 5)"; rc=0; fi; exit $$rc
