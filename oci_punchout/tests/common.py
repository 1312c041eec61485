# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import random
import time

from psycopg2 import IntegrityError, OperationalError

from odoo import Command, api
from odoo.service.model import (
    MAX_TRIES_ON_CONCURRENCY_FAILURE,
    PG_CONCURRENCY_EXCEPTIONS_TO_RETRY,
    _as_validation_error,
)
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

OCI_SECRET = "s3cr3t-Passw0rd"


class OciCommon(BaseCommon):
    """Two customer companies, each with an orderer (portal user), a branch
    and a punchout connection; three published products with NZI codes.
    Builds its own data: no demo data needed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.registry.in_test_mode():
            # The failed-login counter (oci.throttle) commits in a cursor of
            # its own: in tests that cursor shares the test's transaction
            # (as in HttpCase), so no counter outlives a test.
            cls.registry.enter_test_mode(cls.cr)
            cls.addClassCleanup(cls.registry.leave_test_mode)
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.website = cls.env["website"].search([("company_id", "=", cls.company.id)], limit=1)
        cls.currency = cls.company.currency_id
        # Prices in the test currency whatever the database holds (as Odoo's
        # own SaleCommon does): BaseCommon forces the company to USD, the demo
        # shop's pricelists are in euro.
        cls.default_pricelist = cls.env["product.pricelist"].create(
            {"name": "OCI test default", "currency_id": cls.currency.id, "sequence": 1}
        )
        cls.env["product.pricelist"].search(
            [("id", "!=", cls.default_pricelist.id)]
        ).action_archive()
        cls.portal_group = cls.env.ref("base.group_portal")
        cls.uom_unit = cls.env.ref("uom.product_uom_unit")
        cls.uom_kg = cls.env.ref("uom.product_uom_kgm")

        cls.categ_cakes = cls.env["product.category"].create(
            {"name": "OCI Cakes", "oci_customer_code": "4411"}
        )
        cls.categ_sub = cls.env["product.category"].create(
            {"name": "OCI Cakes / Logo", "parent_id": cls.categ_cakes.id}
        )
        cls.product_cake = cls._create_product("Slagroomtaart", "TT-SLAG", 32.5, cls.categ_cakes)
        cls.product_logo = cls._create_product(
            "Logotaart met uw eigen bedrijfslogo in eetbare print extra groot",
            "TT-LOGO",
            54.95,
            cls.categ_sub,
            oci_customer_code="4412",
        )
        cls.product_fruit = cls._create_product(
            "Fruitmand",
            "TG-FRUIT",
            39.95,
            cls.env.ref("product.product_category_all"),
            uom=cls.uom_kg,
        )

        cls.customer = cls.env["res.partner"].create(
            {"name": "Zorggroep Test", "is_company": True, "email": "inkoop@zorg.example"}
        )
        cls.branch = cls.env["res.partner"].create(
            {
                "name": "Locatie Noord",
                "type": "delivery",
                "parent_id": cls.customer.id,
                "street": "Noordweg 1",
                "city": "Utrecht",
            }
        )
        cls.orderer = cls.env["res.partner"].create(
            {"name": "Anna Orderer", "email": "anna@zorg.example", "parent_id": cls.customer.id}
        )
        cls.orderer_user = new_test_user(
            cls.env,
            login="anna@zorg.example",
            groups="base.group_portal",
            partner_id=cls.orderer.id,
        )
        cls.connection = cls._create_connection(cls.customer, cls.orderer, "zorgtest")

        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Ziekenhuis Ander", "is_company": True}
        )
        cls.other_orderer = cls.env["res.partner"].create(
            {"name": "Bob Other", "email": "bob@ander.example", "parent_id": cls.other_customer.id}
        )
        cls.other_user = new_test_user(
            cls.env,
            login="bob@ander.example",
            groups="base.group_portal",
            partner_id=cls.other_orderer.id,
        )
        cls.other_connection = cls._create_connection(
            cls.other_customer, cls.other_orderer, "ander"
        )

    @classmethod
    def _create_product(cls, name, code, price, categ, uom=None, **vals):
        uom = uom or cls.uom_unit
        return cls.env["product.product"].create(
            dict(
                {
                    "name": name,
                    "default_code": code,
                    "list_price": price,
                    "categ_id": categ.id,
                    "type": "consu",
                    "uom_id": uom.id,
                    "uom_po_id": uom.id,
                    "is_published": True,
                    "sale_ok": True,
                    "taxes_id": [Command.clear()],
                    "description_sale": f"{name}: vers gebakken.",
                },
                **vals,
            )
        )

    @classmethod
    def _create_connection(cls, customer, orderer, code, **vals):
        return cls.env["oci.connection"].create(
            dict(
                {
                    "name": f"{customer.name} SRM",
                    "code": code,
                    "partner_id": customer.id,
                    "username": f"{code}-user",
                    "password": OCI_SECRET,
                    "orderer_mode": "fixed",
                    "orderer_id": orderer.id,
                    "vendor_code": "100234",
                    "hook_url_prefixes": "https://srm.example.com/sap/\nhttp://127.0.0.1",
                    "website_id": cls.website.id,
                    "field_ids": [
                        Command.create({"oci_field": "MATGROUP", "source": "customer_code"}),
                        Command.create({"oci_field": "CUST_FIELD1", "source": "customer_code"}),
                        Command.create(
                            {"oci_field": "CUST_FIELD5", "source": "fixed", "value": "Toptaarten"}
                        ),
                    ],
                },
                **vals,
            )
        )

    def _login_params(self, connection=None, **extra):
        connection = connection or self.connection
        params = {
            connection.username_param: connection.username,
            connection.password_param: OCI_SECRET,
            "HOOK_URL": "https://srm.example.com/sap/bc/hook?sess=42&x=%20y",
            "~OkCode": "ADDI",
            "~TARGET": "_top",
            "~CALLER": "CTLG",
            "OCI_VERSION": "4.0",
        }
        params.update(extra)
        return {k: v for k, v in params.items() if v is not None}

    def _open_session(self, connection=None, **extra):
        connection = connection or self.connection
        return (
            self.env["oci.session"]
            .sudo()
            ._oci_login(
                connection.code, self._login_params(connection, **extra), remote_addr="10.0.0.1"
            )
        )

    def _cart(self, session, lines):
        """A punchout cart as the website would make it."""
        order = (
            self.env["sale.order"]
            .sudo()
            .create(
                {
                    "partner_id": session.orderer_id.id,
                    "website_id": self.website.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": qty})
                        for product, qty in lines
                    ],
                }
            )
        )
        order._oci_link_session(session)
        return order


def thread_env(registry, cr, context=None):
    """An environment for a cursor of this test's own threads.

    ``api.Environment`` on a fresh cursor calls ``Registry(dbname)``, which
    waits for ``Registry._lock``; under ``odoo --test-enable`` the server
    thread holds that lock while post_install tests run, so the threads
    would wait for ever. Giving the cursor its transaction avoids the call.
    """
    cr.transaction = api.Transaction(registry)
    return api.Environment(cr, api.SUPERUSER_ID, context or {})


def thread_retrying(func, env):
    """``odoo.service.model.retrying`` (what an HTTP request does) for this
    test's own threads: a serialization failure, lock or deadlock is rolled
    back and ``func`` called again on a fresh snapshot (up to Odoo's number of
    tries, after a random pause), an IntegrityError raised as Odoo's
    ValidationError, the transaction committed at the end.

    Odoo's own helper resets the environment with ``Registry(dbname)``, which
    waits for ``Registry._lock`` (see ``thread_env``): under ``odoo
    --test-enable`` the retrying thread would wait for ever. The registry does
    not change during a test, so clearing the transaction's caches is the
    whole reset.
    """
    for tryno in range(1, MAX_TRIES_ON_CONCURRENCY_FAILURE + 1):
        try:
            result = func()
            env.cr.flush()
            break
        except (IntegrityError, OperationalError) as exc:
            env.cr.rollback()
            env.transaction.clear()
            env.registry.reset_changes()
            if isinstance(exc, IntegrityError):
                raise _as_validation_error(env, exc) from exc
            if (
                not isinstance(exc, PG_CONCURRENCY_EXCEPTIONS_TO_RETRY)
                or tryno == MAX_TRIES_ON_CONCURRENCY_FAILURE
            ):
                raise
            time.sleep(random.uniform(0.0, 2**tryno))  # noqa: S311 -- a pause, not a secret
    env.cr.commit()
    return result
