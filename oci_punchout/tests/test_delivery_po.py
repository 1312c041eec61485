# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""PO intake and the delivery date chosen in the cart: the PO must request
that date, and the shop must still make it when the PO arrives."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from odoo import Command
from odoo.tests import tagged

from .test_po_intake import PoCommon


@tagged("post_install", "-at_install")
class TestDeliveryPo(PoCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        mon_fri = cls.env["oci.delivery.weekday"].search([("code", "<", 5)])
        cls.env["website"].search([]).write(
            {
                "oci_delivery_tz": "Europe/Amsterdam",
                "oci_delivery_cutoff": 14.0,
                "oci_delivery_weekday_ids": [Command.set(mon_fri.ids)],
                "oci_preparation_weekday_ids": [Command.set(mon_fri.ids)],
                "oci_delivery_horizon": 60,
            }
        )
        cls.product_cake.oci_preparation_days = 1

    def _dated_quote(self):
        order = self._quote(lines=[(self.product_cake, 2)])
        day = order._oci_possible_dates()[0]
        order.commitment_date = order._oci_day_to_datetime(day, order._oci_delivery_rules())
        return order, day

    def _po(self, order, day):
        return self._cxml(order).replace(
            b'requestedDeliveryDate="2026-05-08"', f'requestedDeliveryDate="{day}"'.encode()
        )

    def test_po_with_the_chosen_date_confirms(self):
        order, day = self._dated_quote()
        code, text, record = self._send(self._po(order, day))
        self.assertEqual(code, 200, text)
        self.assertEqual(record.state, "confirmed")
        self.assertEqual(order.commitment_date.date(), day)

    def test_po_with_another_date_is_held(self):
        order, day = self._dated_quote()
        code, text, record = self._send(self._po(order, day + timedelta(days=7)))
        self.assertEqual(record.state, "review", text)
        self.assertIn("Delivery date: PO", order.oci_po_differences)
        self.assertEqual(order.state, "sent")

    def test_po_with_a_date_the_shop_cannot_make_is_held(self):
        order, day = self._dated_quote()
        self.env["oci.delivery.closed.day"].create({"name": "Storing", "date": day})
        code, text, record = self._send(self._po(order, day))
        self.assertEqual(record.state, "review", text)
        self.assertIn("the shop is closed that day", order.oci_po_differences)
        self.assertIn("First possible date:", order.oci_po_differences)
        self.assertNotIn("First possible date: -", order.oci_po_differences)
        self.assertEqual(order.state, "sent")

    def test_po_after_the_cutoff_for_its_date(self):
        order, day = self._dated_quote()
        po = self.Po.create(
            {
                "connection_id": self.connection.id,
                "partner_id": self.customer.id,
                "po_number": "PO-CUTOFF",
                "channel": "manual",
                "data": {"delivery_date": day.isoformat()},
            }
        )
        Matcher = self.env["oci.po.matcher"]
        zone = ZoneInfo("Europe/Amsterdam")
        before = datetime.combine(day - timedelta(days=1), time(13, 59), zone).astimezone(UTC)
        while before.astimezone(zone).weekday() > 4:  # the last working day before
            before -= timedelta(days=1)
        self.assertEqual(Matcher._po_delivery_date_differences(po, order, now=before), [])
        after = before + timedelta(minutes=1)
        differences = Matcher._po_delivery_date_differences(po, order, now=after)
        self.assertEqual(len(differences), 1)
        self.assertIn("cannot be ready by then", differences[0])
        # A quotation without a chosen date keeps the PO's date as before.
        order.commitment_date = False
        self.assertEqual(Matcher._po_delivery_date_differences(po, order, now=after), [])
