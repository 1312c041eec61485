# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The orderer's confirmation e-mail of an order placed by a PO is sent by a
cron job, not while the procurement system waits for its answer.

The e-mail carries the order PDF, and wkhtmltopdf fetches the report's
assets over HTTP from the same Odoo server: with as many POs in flight as
HTTP workers (a burst of approved POs from an SRM), no worker would be free
to serve them and every worker would hang until its time limit. The PO is
answered at once; the e-mail follows from a cron worker, and an order whose
e-mail is still due keeps the flag until it is sent (a restart loses
nothing)."""

import logging

from odoo import fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

CONFIRMATION_MAIL_BATCH = 50


class SaleOrder(models.Model):
    _inherit = "sale.order"

    oci_confirmation_mail_due = fields.Boolean(
        "Confirmation e-mail due",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Placed by a purchase order: the confirmation e-mail to the orderer is "
        "sent by a scheduled action shortly after.",
    )

    def _oci_queue_confirmation_mail(self):
        """Send the confirmation e-mail of these orders from the cron job."""
        self.sudo().oci_confirmation_mail_due = True
        self.env.ref("oci_punchout.ir_cron_oci_po_confirmation_mail").sudo()._trigger()

    def _cron_oci_send_confirmation_mails(self, limit=CONFIRMATION_MAIL_BATCH):
        """Send the due confirmation e-mails, a batch at a time; the cron is
        triggered again while some are left. An e-mail that cannot be built
        (e.g. no PDF engine) is noted on the order, not retried forever."""
        orders = self.sudo().search([("oci_confirmation_mail_due", "=", True)], limit=limit + 1)
        batch, left = orders[:limit], orders[limit:]
        for order in batch:
            try:
                with self.env.cr.savepoint():
                    order._send_order_confirmation_mail()
            except UserError as error:
                _logger.warning(
                    "Order %s: confirmation e-mail not sent: %s", order.name, error.args[0]
                )
                order.message_post(
                    body=self.env._("The confirmation e-mail could not be sent: %s", error.args[0])
                )
            order.oci_confirmation_mail_due = False
        if left:
            self.env.ref("oci_punchout.ir_cron_oci_po_confirmation_mail")._trigger()
        return len(batch)
