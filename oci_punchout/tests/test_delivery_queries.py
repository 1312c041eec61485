# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Delivery date and recipient per line in the cart return cost no query per
line: the OCI item rows with date and recipient mapped to customer fields,
and the cXML order message with a DateInfo and a ShipTo on every ItemIn."""

from odoo import Command
from odoo.tests import tagged

from .common import OciCommon
from .test_oci_queries import MAX_EXTRA_QUERIES, make_catalog


@tagged("post_install", "-at_install")
class TestDeliveryQueries(OciCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.catalog = make_catalog(cls.env, 40)
        nl = cls.env.ref("base.nl")
        cls.branch.write({"ref": "NOORD", "zip": "3511 AA", "country_id": nl.id})
        cls.branch_west = cls.env["res.partner"].create(
            {
                "name": "Locatie West",
                "type": "delivery",
                "parent_id": cls.customer.id,
                "ref": "WEST",
                "street": "Westweg 2",
                "zip": "3500 AB",
                "city": "Utrecht",
                "country_id": nl.id,
                "oci_delivery_instructions": "Dock 2",
            }
        )
        cls.connection.field_ids = [
            Command.create({"oci_field": "CUST_FIELD2", "source": "delivery_date"}),
            Command.create({"oci_field": "CUST_FIELD3", "source": "recipient_code"}),
            Command.create({"oci_field": "CUST_FIELD4", "source": "recipient_zip"}),
        ]

    def _order(self, size):
        session = self._open_session()
        order = self._cart(session, [(product, 1) for product in self.catalog[:size]])
        order.partner_shipping_id = self.branch
        dates = order._oci_possible_dates()
        order.commitment_date = order._oci_day_to_datetime(dates[0], order._oci_delivery_rules())
        for i, line in enumerate(order.order_line):
            if i % 2:
                line.write({"oci_delivery_date": dates[1], "oci_recipient_id": self.branch_west.id})
        session.cxml_buyer_cookie = "cookie"
        return session, order

    def _queries(self, size):
        session, order = self._order(size)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        rows = order._oci_item_rows(self.connection)
        rows_queries = self.env.cr.sql_log_count - before
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        xml = session._cxml_message(order, order.order_line)
        poom_queries = self.env.cr.sql_log_count - before
        self.assertEqual(len(rows), size)
        self.assertEqual(
            {row["CUST_FIELD3"] for row in rows}, {"NOORD", "WEST"} if size > 1 else {"NOORD"}
        )
        self.assertEqual(xml.count(b"<ShipTo>"), size)
        self.assertEqual(xml.count(b'type="requestedDeliveryDate"'), size)
        return rows_queries, poom_queries

    def test_queries_do_not_grow_with_lines(self):
        self._queries(1)  # warm-up: ORM and registry caches
        rows_one, poom_one = self._queries(1)
        rows_forty, poom_forty = self._queries(40)
        print(  # pylint: disable=print-used
            f"\nitem rows queries: 1 line {rows_one}, 40 lines {rows_forty}; "
            f"cXML message: 1 line {poom_one}, 40 lines {poom_forty}"
        )
        self.assertLessEqual(rows_forty, rows_one + MAX_EXTRA_QUERIES)
        self.assertLessEqual(poom_forty, poom_one + MAX_EXTRA_QUERIES)
