# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Budgets of orderers and branches: the amount per period and what is
spent of it."""

from datetime import datetime

from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

    oci_budget_amount = fields.Monetary(
        "Budget",
        currency_field="currency_id",
        help="Amount (untaxed) this orderer or branch may order per period. Zero: no budget.",
    )
    oci_budget_period = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter")],
        string="Budget period",
        default="month",
    )
    oci_over_budget_policy = fields.Selection(
        [
            ("refuse", "Refuse the order"),
            ("approve", "Accept it, marked over budget for approval"),
        ],
        string="Over budget",
        default="refuse",
        help="What happens to a transfer or checkout exceeding a budget of "
        "this customer's orderers or branches.",
    )

    def _oci_budget_bounds(self, when=None):
        """(start, end) datetimes of the budget period containing ``when``."""
        self.ensure_one()
        day = fields.Datetime.to_datetime(when or fields.Datetime.now()).date()
        if self.oci_budget_period == "quarter":
            start = day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)
            end = start + relativedelta(months=3)
        else:
            start = day.replace(day=1)
            end = start + relativedelta(months=1)
        return datetime.combine(start, datetime.min.time()), datetime.combine(
            end, datetime.min.time()
        )

    def _oci_budget_lock(self):
        """Take the budget of these holders for the rest of the transaction,
        before counting what is spent of it: concurrent budget checks go one
        after the other. The rows are also rewritten (the same values): Odoo
        runs in REPEATABLE READ, so a check that waited for this one would
        otherwise count on the snapshot it took before this order was placed
        and pass as well; now it fails with a serialization error when this
        transaction commits and is retried (as HTTP requests are) on a fresh
        snapshot that counts this order."""
        if not self:
            return
        self.env.cr.execute(
            SQL(
                """UPDATE res_partner SET write_date = write_date
                    WHERE id IN (SELECT id FROM res_partner WHERE id IN %s
                                 ORDER BY id FOR NO KEY UPDATE)""",
                tuple(self.ids),
            )
        )

    def _oci_budget_spent(self, exclude_orders=None, when=None):
        """{partner id: amount} spent in the current period by each budget
        holder of ``self`` (orders placed by the orderer or delivered to the
        branch): confirmed orders and transferred, not yet ordered punchout
        carts, each order counted once, minus the posted credit notes of
        those orders (a credit note frees budget, as in the spend overview);
        cancelled orders and carts count nowhere. Two grouped queries per
        holder, whatever the number of orders."""
        spent = {}
        Order = self.env["sale.order"].sudo()
        MoveLine = self.env["account.move.line"].sudo()
        for holder in self:
            start, end = holder._oci_budget_bounds(when)
            # Confirmed orders count in the period of their confirmation,
            # transferred carts in the period of their transfer.
            domain = [
                "|",
                ("partner_id", "=", holder.id),
                ("partner_shipping_id", "=", holder.id),
                *self._oci_counted_orders_domain(start, end),
            ]
            if exclude_orders:
                domain.append(("id", "not in", exclude_orders.ids))
            data = Order._read_group(domain, [], ["amount_untaxed:sum"])
            refunded = MoveLine._read_group(
                [
                    ("parent_state", "=", "posted"),
                    ("move_type", "=", "out_refund"),
                    ("display_type", "=", "product"),
                    ("sale_line_ids", "any", [("order_id", "any", domain)]),
                ],
                [],
                ["price_subtotal:sum"],
            )
            spent[holder.id] = (data[0][0] if data else 0.0) - (refunded[0][0] if refunded else 0.0)
        return spent
