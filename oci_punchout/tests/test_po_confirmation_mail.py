# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .po_common import PO_SECRET, PoCommon


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

    def test_failing_mail_skipped_not_blocking(self):
        """An e-mail failing with an unexpected error (not a UserError) is
        skipped and tried later behind the others, never blocks them, and
        is given up after a few attempts with an activity for the staff."""
        # A shop's customised PDF name that expects numeric (SAP) PO numbers:
        # an SRM sending "PO-7" makes Odoo's own rendering of that order's
        # e-mail raise a ValueError.
        self.env.ref(
            "sale.action_report_saleorder"
        ).print_report_name = "'Order %s (PO %d)' % (object.name, int(object.client_order_ref))"
        orders = self.env["sale.order"]
        for number in ("PO-7", "4500000001", "4500000002"):
            order = self._quote()
            code, text, record = self._send(self._cxml(order, po_number=number))
            self.assertEqual((code, record.state), (200, "confirmed"), text)
            orders |= order
        bad, good = orders[0], orders[1:]
        Order = self.env["sale.order"]
        logger = "odoo.addons.oci_punchout.models.sale_order_po_mail"
        with self.assertLogs(logger, "WARNING") as logs:
            self.assertEqual(Order._cron_oci_send_confirmation_mails(), 3)
        self.assertIn(
            f"Order {bad.name}: confirmation e-mail failed (attempt 1 of 3)", logs.output[0]
        )
        self.assertNotIn(PO_SECRET, "".join(logs.output))
        for order in good:
            self.assertEqual(len(self._mails(order)), 1, order.name)
            self.assertFalse(order.oci_confirmation_mail_due)
        self.assertFalse(self._mails(bad))
        self.assertEqual(
            (bad.oci_confirmation_mail_due, bad.oci_confirmation_mail_attempts), (True, 1)
        )
        self.assertGreater(bad.oci_confirmation_mail_retry_at, fields.Datetime.now())
        # Postponed: the next run does not try it again at once.
        self.assertEqual(Order._cron_oci_send_confirmation_mails(), 0)
        # Once due again it goes behind an order never tried.
        fresh = self._quote()
        code, text, record = self._send(self._cxml(fresh, po_number="4500000003"))
        self.assertEqual((code, record.state), (200, "confirmed"), text)
        bad.oci_confirmation_mail_retry_at = fields.Datetime.now() - timedelta(seconds=1)
        self.assertEqual(Order._cron_oci_send_confirmation_mails(limit=1), 1)
        self.assertEqual(len(self._mails(fresh)), 1)
        self.assertEqual(bad.oci_confirmation_mail_attempts, 1)
        for attempt in (2, 3):
            bad.oci_confirmation_mail_retry_at = fields.Datetime.now() - timedelta(seconds=1)
            with self.assertLogs(logger, "WARNING"):
                self.assertEqual(Order._cron_oci_send_confirmation_mails(), 1)
            self.assertEqual(bad.oci_confirmation_mail_attempts, attempt)
        # Given up: no longer due, the staff see it on the order.
        self.assertFalse(bad.oci_confirmation_mail_due)
        self.assertEqual(Order._cron_oci_send_confirmation_mails(), 0)
        self.assertFalse(self._mails(bad))
        activity = bad.activity_ids.filtered(lambda a: a.summary == "Confirmation e-mail not sent")
        self.assertEqual(len(activity), 1)
        self.assertFalse(activity.user_id.share)
        self.assertIn("failed 3 times", "".join(bad.message_ids.mapped("body")))
        for order in good | fresh:
            self.assertEqual(len(self._mails(order)), 1, order.name)
