# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Budget of a business-account order: the budgets of its orderer and
delivery branch, what this order leaves of them, and the refusal (or the
over-budget mark for approval) when it exceeds one."""

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import format_amount


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # --- Budget ----------------------------------------------------------
    def _oci_budget_status(self):
        """One dict per budget of this order's orderer and delivery branch:
        partner, budget, spent (this period, other orders), left, period
        label, over (this order would exceed it)."""
        self.ensure_one()
        order = self.sudo()
        holders = (order.partner_id | order.partner_shipping_id).filtered(
            lambda partner: partner.oci_budget_amount > 0
        )
        if not holders:
            return []
        spent = holders._oci_budget_spent(exclude_orders=order)
        periods = dict(holders._fields["oci_budget_period"]._description_selection(self.env))
        currency = order.currency_id
        status = []
        for holder in holders:
            left = holder.oci_budget_amount - spent[holder.id]
            status.append(
                {
                    "partner": holder,
                    "budget": holder.oci_budget_amount,
                    "spent": spent[holder.id],
                    "left": left,
                    "left_after": left - order.amount_untaxed,
                    "period": periods.get(holder.oci_budget_period, ""),
                    "over": currency.compare_amounts(order.amount_untaxed, left) > 0,
                }
            )
        return status

    def _oci_budget_message(self, status):
        currency = self.currency_id
        return self.env._(
            "This order (%(amount)s) exceeds the budget per %(period)s of %(name)s: "
            "%(left)s left of %(budget)s.",
            amount=format_amount(self.env, self.amount_untaxed, currency),
            period=status["period"].lower(),
            name=status["partner"].name,
            left=format_amount(self.env, max(status["left"], 0.0), currency),
            budget=format_amount(self.env, status["budget"], currency),
        )

    def _oci_budget_refusal(self):
        """The message refusing this order for its budget, or '' (within
        budget, or the customer accepts over-budget orders for approval)."""
        self.ensure_one()
        over = [status for status in self._oci_budget_status() if status["over"]]
        if not over or self.partner_id.commercial_partner_id.oci_over_budget_policy == "approve":
            return ""
        return self._oci_budget_message(over[0])

    def _oci_check_budget(self):
        """Refuse an order over budget, or mark it over budget for approval
        when the customer chose so. Locks the budget holders so concurrent
        transfers cannot both spend the same budget."""
        self.ensure_one()
        order = self.sudo()
        holders = (order.partner_id | order.partner_shipping_id).filtered("oci_budget_amount")
        holders._oci_budget_lock()
        over = [status for status in self._oci_budget_status() if status["over"]]
        if not over:
            if order.oci_over_budget:
                order.oci_over_budget = False
            return
        message = self._oci_budget_message(over[0])
        if order.partner_id.commercial_partner_id.oci_over_budget_policy != "approve":
            raise UserError(message)
        if not order.oci_over_budget:
            order.oci_over_budget = True
            order.message_post(body=message)
