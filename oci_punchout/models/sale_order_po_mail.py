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
from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

CONFIRMATION_MAIL_BATCH = 50
# An e-mail that fails with an unexpected error is tried again later, at most
# this many times in all, each time after a longer pause (minutes × attempts);
# then it is given up and the shop's staff get an activity on the order.
CONFIRMATION_MAIL_ATTEMPTS = 3
CONFIRMATION_MAIL_RETRY_MINUTES = 15


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
    oci_confirmation_mail_attempts = fields.Integer(
        "Failed confirmation e-mail attempts",
        copy=False,
        readonly=True,
        help="How often sending the confirmation e-mail failed with an unexpected error.",
    )
    oci_confirmation_mail_retry_at = fields.Datetime(
        "Confirmation e-mail retried after",
        copy=False,
        readonly=True,
        help="The confirmation e-mail failed: it is tried again after this time.",
    )

    def _oci_queue_confirmation_mail(self):
        """Send the confirmation e-mail of these orders from the cron job."""
        self.sudo().write(
            {
                "oci_confirmation_mail_due": True,
                "oci_confirmation_mail_attempts": 0,
                "oci_confirmation_mail_retry_at": False,
            }
        )
        self.env.ref("oci_punchout.ir_cron_oci_po_confirmation_mail").sudo()._trigger()

    def _cron_oci_send_confirmation_mails(self, limit=CONFIRMATION_MAIL_BATCH):
        """Send the due confirmation e-mails, a batch at a time; the cron is
        triggered again while some are left. Each e-mail runs in its own
        savepoint: one that fails never stops the others. An e-mail that
        cannot be built (UserError, e.g. no PDF engine) is noted on the order
        and not retried; one that fails otherwise is tried again later,
        behind the orders never tried, and given up after a few attempts with
        an activity for the shop's staff."""
        now = fields.Datetime.now()
        orders = self.sudo().search(
            [
                ("oci_confirmation_mail_due", "=", True),
                "|",
                ("oci_confirmation_mail_retry_at", "=", False),
                ("oci_confirmation_mail_retry_at", "<=", now),
            ],
            order="oci_confirmation_mail_attempts asc nulls first, id",
            limit=limit + 1,
        )
        batch, left = orders[:limit], orders[limit:]
        cron = self.env.ref("oci_punchout.ir_cron_oci_po_confirmation_mail")
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
            except Exception as error:  # any other error of this order's e-mail: skip it
                order._oci_confirmation_mail_failed(error, now)
                continue
            order.oci_confirmation_mail_due = False
        if left:
            cron._trigger()
        return len(batch)

    def _oci_confirmation_mail_failed(self, error, now):
        """The confirmation e-mail failed unexpectedly: log it, try it later
        (behind the others), or after the last attempt give it up and tell
        the shop's staff with an activity on the order."""
        self.ensure_one()
        attempts = self.oci_confirmation_mail_attempts + 1
        final = attempts >= CONFIRMATION_MAIL_ATTEMPTS
        _logger.warning(
            "Order %s: confirmation e-mail failed (attempt %s of %s%s): %s",
            self.name,
            attempts,
            CONFIRMATION_MAIL_ATTEMPTS,
            ", given up" if final else "",
            type(error).__name__,
            exc_info=True,
        )
        retry_at = now + timedelta(minutes=CONFIRMATION_MAIL_RETRY_MINUTES * attempts)
        self.write(
            {
                "oci_confirmation_mail_attempts": attempts,
                "oci_confirmation_mail_due": not final,
                "oci_confirmation_mail_retry_at": False if final else retry_at,
            }
        )
        if not final:
            self.env.ref("oci_punchout.ir_cron_oci_po_confirmation_mail")._trigger(at=retry_at)
            return
        note = self.env._(
            "The confirmation e-mail to the orderer failed %(count)s times and is no longer "
            "tried (%(error)s). Check the order and send it by hand.",
            count=attempts,
            error=type(error).__name__,
        )
        user = (
            self.oci_connection_id.po_review_user_id
            or self.user_id
            or self.team_id.user_id
            or self.env.ref("base.user_admin", raise_if_not_found=False)
        )
        try:
            with self.env.cr.savepoint():
                self.message_post(body=note)
                self.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=user.id if user else self.env.uid,
                    summary=self.env._("Confirmation e-mail not sent"),
                    note=note,
                )
        except Exception:
            # The order's chatter fails too: the counters above still stop
            # the retries; the log keeps the order's name.
            _logger.exception("Order %s: the note on the failed e-mail failed", self.name)
