# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The transfer builds its NEW_ITEM rows in a fixed number of queries: a
100-line cart costs at most 3 queries more than a 1-line cart."""

from odoo import Command
from odoo.tests import tagged

from .common import OciCommon

MAX_EXTRA_QUERIES = 3


def make_catalog(env, count, company=None):
    """``count`` published products spread over several categories (with
    and without NZI codes) and units: the worst case for per-line reads."""
    parent = env["product.category"].create({"name": "OCI Bench", "oci_customer_code": "4400"})
    categories = env["product.category"].create(
        [
            {
                "name": f"OCI Bench {i}",
                "parent_id": parent.id,
                "oci_customer_code": f"44{i:02d}" if i % 2 else False,
            }
            for i in range(10)
        ]
    )
    units = (
        env.ref("uom.product_uom_unit")
        + env.ref("uom.product_uom_kgm")
        + env.ref("uom.product_uom_litre")
    )
    return env["product.product"].create(
        [
            {
                "name": f"Bench taart {i}",
                "default_code": f"BENCH-{i:04d}",
                "list_price": 10 + i,
                "categ_id": categories[i % 10].id,
                "type": "consu",
                "uom_id": units[i % 3].id,
                "uom_po_id": units[i % 3].id,
                "is_published": True,
                "sale_ok": True,
                "taxes_id": [Command.clear()],
                "oci_customer_code": f"77{i:04d}" if i % 3 == 0 else False,
                "description_sale": f"Bench taart {i}",
            }
            for i in range(count)
        ]
    )


def transfer_query_count(env, session):
    """SQL queries of one transfer (``_oci_transfer`` incl. the item rows and
    the writes it flushes), from a cold cache as in a real request."""
    env.flush_all()
    env.invalidate_all()
    cr = env.cr
    before = cr.sql_log_count
    session._oci_transfer()
    env.flush_all()
    return cr.sql_log_count - before


@tagged("post_install", "-at_install")
class TestOciQueries(OciCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.catalog = make_catalog(cls.env, 100)
        cls.connection.uom_ids = [Command.create({"uom_id": cls.uom_kg.id, "code": "KG"})]
        # Exact PRICE computes each line's net unit price through its taxes:
        # price-included and excluded taxes, 3-decimal prices.
        taxes = cls.env["account.tax"].create(
            [
                {
                    "name": f"OCI bench {amount}% {mode}",
                    "amount": amount,
                    "type_tax_use": "sale",
                    "price_include_override": mode,
                    "company_id": cls.company.id,
                }
                for amount, mode in ((21, "tax_included"), (9, "tax_excluded"))
            ]
        )
        for i, product in enumerate(cls.catalog):
            product.write(
                {
                    "list_price": 10 + i + (i % 7) / 1000,
                    "taxes_id": [Command.set(taxes[i % 3 : i % 3 + 1].ids)],
                }
            )

    def _count(self, size):
        session = self._open_session()
        order = self._cart(
            session, [(product, 1 + i % 4) for i, product in enumerate(self.catalog[:size])]
        )
        self.assertEqual(len(order.order_line), size)
        for i, line in enumerate(order.order_line):
            line.discount = (i % 5) * 2.5
        count = transfer_query_count(self.env, session)
        self.assertEqual(session.state, "transferred")
        self.assertEqual(session.transfer_item_count, size)
        return count

    def test_transfer_queries_do_not_grow_with_lines(self):
        self._count(1)  # warm-up: ORM and registry caches, as on a running server
        one = self._count(1)
        ten = self._count(10)
        hundred = self._count(100)
        print(  # pylint: disable=print-used
            f"\ntransfer queries: 1 line {one}, 10 lines {ten}, 100 lines {hundred}"
        )
        self.assertLessEqual(
            hundred,
            one + MAX_EXTRA_QUERIES,
            f"transfer queries: 1 line {one}, 10 lines {ten}, 100 lines {hundred}",
        )
        self.assertLessEqual(ten, one + MAX_EXTRA_QUERIES)

    def _function_count(self, size):
        session = self._open_session(FUNCTION="BACKGROUND_SEARCH", SEARCHSTRING="Bench")
        products = self.catalog[:size]
        # BACKGROUND_SEARCH prices one of each (VALIDATE: one product)
        quantities = {product.id: 1.0 for product in products}
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        fields_ = session._oci_answer_function(products, quantities)
        self.env.flush_all()
        self.assertEqual(session.transfer_item_count, size)
        self.assertTrue(fields_)
        return self.env.cr.sql_log_count - before

    def test_function_answer_queries_do_not_grow_with_products(self):
        self._function_count(1)  # warm-up
        one = self._function_count(1)
        hundred = self._function_count(100)
        print(  # pylint: disable=print-used
            f"\nFUNCTION answer queries: 1 product {one}, 100 products {hundred}"
        )
        self.assertLessEqual(
            hundred, one + MAX_EXTRA_QUERIES, f"FUNCTION answer: 1 product {one}, 100 {hundred}"
        )
