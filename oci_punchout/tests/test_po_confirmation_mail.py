# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .po_common import PoCommon


@tagged("post_install", "-at_install")
class TestPoConfirmationMail(PoCommon):
    """The orderer's confirmation e-mail of a PO order is sent by the cron
    job in batches (its PDF is never rendered inside the PO request)."""

    def _mails(self, order):
        return self.env["mail.message"].search(
            [
                ("model", "=", "sale.order"),
                ("res_id", "=", order.id),
                ("partner_ids", "in", order.partner_id.ids),
            ]
        )

    def test_due_mails_sent_in_batches(self):
        orders = self.env["sale.order"]
        for number in ("PO-A", "PO-B", "PO-C"):
            order = self._quote()
            code, text, record = self._send(self._cxml(order, po_number=number))
            self.assertEqual((code, record.state), (200, "confirmed"), text)
            orders |= order
        self.assertEqual(orders.mapped("oci_confirmation_mail_due"), [True] * 3)
        self.assertFalse(any(self._mails(order) for order in orders))
        cron = self.env.ref("oci_punchout.ir_cron_oci_po_confirmation_mail")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        sent = self.env["sale.order"]._cron_oci_send_confirmation_mails(limit=2)
        self.assertEqual(sent, 2)
        self.assertEqual(sorted(orders.mapped("oci_confirmation_mail_due")), [False, False, True])
        # Some left: the cron is triggered again.
        self.assertGreater(
            len(self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])), len(triggers)
        )
        self.assertEqual(self.env["sale.order"]._cron_oci_send_confirmation_mails(limit=2), 1)
        self.assertEqual(orders.mapped("oci_confirmation_mail_due"), [False] * 3)
        for order in orders:
            self.assertEqual(len(self._mails(order)), 1, order.name)
        # Nothing due: nothing sent twice.
        self.assertEqual(self.env["sale.order"]._cron_oci_send_confirmation_mails(), 0)
        for order in orders:
            self.assertEqual(len(self._mails(order)), 1, order.name)

    def test_po_held_for_review_sends_no_mail(self):
        order = self._quote([(self.product_cake, 2)])
        items = [(self.product_cake, 5, 32.5, f"{order.name}/{order.order_line.id}")]
        code, text, record = self._send(self._cxml(order, items=items))
        self.assertEqual((code, record.state), (201, "review"), text)
        self.assertFalse(order.oci_confirmation_mail_due)
