# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Matching a PO without a quotation reference to an open transferred
quotation by its products and quantities: one query that PostgreSQL answers
from the open-quotation index, the same number of queries for 1 or 50 open
quotations, no line of a quotation that does not fit read into Python, and
still the right quotation."""

import logging
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged
from odoo.tools import SQL

from .po_common import PoCommon

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestPoMatchQueries(PoCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Matcher = cls.env["oci.po.matcher"]
        cls.wanted = [(cls.product_cake, 2), (cls.product_logo, 1)]

    def _open_quotations(self, specs, connection=None, minutes_ago=60, **vals):
        """Transferred punchout quotations, one per spec (a list of
        (product, quantity) or (section name, None)), the first of them
        transferred most recently."""
        connection = connection or self.connection
        now = fields.Datetime.now()
        return self.env["sale.order"].create(
            [
                dict(
                    {
                        "partner_id": self.orderer.id,
                        "oci_connection_id": connection.id,
                        "oci_transfer_state": "transferred",
                        "oci_transferred_at": now - timedelta(minutes=minutes_ago + index),
                        "state": "sent",
                        "order_line": [
                            Command.create(
                                {"display_type": "line_section", "name": product}
                                if qty is None
                                else {"product_id": product.id, "product_uom_qty": qty}
                            )
                            for product, qty in spec
                        ],
                    },
                    **vals,
                )
                for index, spec in enumerate(specs)
            ]
        )

    def _po(self, number="PO-MATCH-1"):
        return self.Po.create(
            {
                "connection_id": self.connection.id,
                "partner_id": self.customer.id,
                "channel": "cxml",
                "po_number": number,
                "data": {"quote_refs": []},
            }
        )

    def _resolved(self, items):
        return [
            {"product": product, "quantity": qty, "line_ref": str(10 * index)}
            for index, (product, qty) in enumerate(items, start=1)
        ]

    def _match(self, items=None, po=None):
        return self.Matcher._po_match(po or self._po(), self._resolved(items or self.wanted))

    def _close_all(self):
        self.env["sale.order"].search([("oci_connection_id", "=", self.connection.id)]).write(
            {"oci_transfer_state": "ordered"}
        )

    def test_query_count_constant_and_other_lines_not_read(self):
        counts = []
        for total in (1, 50):
            with self.subTest(open_quotations=total):
                self._close_all()
                target = self._open_quotations([self.wanted], minutes_ago=5)
                # Near misses: other quantities, a subset, a superset.
                others = [
                    [(self.product_cake, 3 + index), (self.product_logo, 1)]
                    for index in range(total - 1)
                ]
                others[:2] = [
                    [(self.product_cake, 2)],
                    [*self.wanted, (self.product_fruit, 1)],
                ][: len(others)]
                self._open_quotations(others, minutes_ago=10)
                po = self._po(f"PO-Q-{total}")
                resolved = self._resolved(self.wanted)
                self.env.invalidate_all()
                before = self.cr.sql_log_count
                quotation, matched_by, notes = self.Matcher._po_match(po, resolved)
                counts.append(self.cr.sql_log_count - before)
                self.assertEqual(quotation, target)
                self.assertEqual(matched_by, "products")
                self.assertFalse(notes)
                # Only the quotation taken may have had its lines read.
                read = self.env.cache.get_records(
                    self.env["sale.order.line"],
                    self.env["sale.order.line"]._fields["product_uom_qty"],
                )
                self.assertFalse(read.order_id - target, "lines of other quotations read")
        _logger.info("PO match by products: %s queries for 1 open quotation, %s for 50", *counts)
        self.assertEqual(counts[0], counts[1])

    def test_query_answered_from_the_open_quotation_index(self):
        self._open_quotations([self.wanted] * 3)
        query = self.Matcher._po_fitting_quotations_query(
            self._po(), {self.product_cake.id: 2.0, self.product_logo.id: 1.0}
        )
        self.env.flush_all()
        # A small table is read sequentially: forbid that to see whether
        # the index serves this query (as it will on a long history).
        self.cr.execute("SET LOCAL enable_seqscan = off")
        try:
            self.cr.execute(SQL("EXPLAIN %s", query.select()))
            plan = "\n".join(row[0] for row in self.cr.fetchall())
        finally:
            self.cr.execute("SET LOCAL enable_seqscan = on")
        self.assertIn("sale_order_oci_open_quotation_index", plan)
        self.assertNotIn("Seq Scan on sale_order ", plan)

    def test_right_quotation(self):
        cake, logo, fruit = self.product_cake, self.product_logo, self.product_fruit
        other_connection = self._open_quotations(
            [self.wanted], connection=self.other_connection, minutes_ago=1
        )
        ordered = self._open_quotations([self.wanted], minutes_ago=2)
        ordered.oci_transfer_state = "ordered"
        cart = self._open_quotations([self.wanted], minutes_ago=3, oci_transfer_state="cart")
        confirmed = self._open_quotations([self.wanted], minutes_ago=4)
        confirmed.action_confirm()
        self._open_quotations(
            [
                [(cake, 2.01), (logo, 1)],
                [(cake, 2)],
                [(cake, 2), (logo, 1), (fruit, 1)],
                [(cake, 2), (fruit, 1)],
            ],
            minutes_ago=5,
        )
        # Lines of one product add up; sections do not count; of several
        # fitting quotations the latest transferred is taken.
        older, target = self._open_quotations(
            [
                [(cake, 2), (logo, 1)],
                [(cake, 1), ("Cakes", None), (cake, 1), (logo, 1)],
            ],
            minutes_ago=30,
        )
        target.oci_transferred_at = fields.Datetime.now() - timedelta(minutes=20)
        quotation, matched_by, notes = self._match()
        self.assertEqual(quotation, target)
        self.assertEqual(matched_by, "products")
        self.assertEqual(len(notes), 1)
        self.assertIn("2 open quotations fit this PO", notes[0])
        self.assertIn(older.name, notes[0])
        for refused in (other_connection, ordered, cart, confirmed):
            self.assertNotIn(refused.name, notes[0])
        # A PO line of one product split in two lines fits as well.
        quotation, _matched_by, _notes = self._match([(cake, 1), (logo, 1), (cake, 1)])
        self.assertEqual(quotation, target)
        # Nothing fits: no quotation.
        quotation, matched_by, _notes = self._match([(cake, 5)])
        self.assertFalse(quotation)
        self.assertEqual(matched_by, "none")

    def test_cxml_po_without_reference_matched(self):
        """Through the intake: the latest fitting quotation is confirmed."""
        self._open_quotations([[(self.product_cake, 7)]] * 20, minutes_ago=10)
        order = self._quote()
        items = [(self.product_cake, 2, 32.5, ""), (self.product_logo, 1, 54.95, "")]
        code, _text, record = self._send(self._cxml(order, items=items, quote_ref=False))
        self.assertEqual(code, 200)
        self.assertEqual(record.matched_by, "products")
        self.assertEqual(record.order_id, order)
        self.assertEqual(order.state, "sale")
