# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Spend overview of a business customer: per branch and per orderer, for
the current and the previous budget period, the budget, what is committed,
what is spent and what remains.

- committed: transferred punchout carts not ordered yet, and the part of
  confirmed orders not invoiced yet;
- spent: what the confirmed orders' posted invoices charged, minus their
  posted credit notes (a credit note frees budget);
- cancelled orders and carts still being filled count nowhere.

Orders count in the period of their confirmation, carts in that of their
transfer (as the budget check does). Orderers count the orders they placed,
branches the orders delivered to them. The figures come from a fixed number
of grouped queries, whatever the number of orders."""

from datetime import timedelta

from babel.dates import format_date

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import format_amount

from ..const import BRANCH_TYPES

# kind of holder -> the order field that links an order to it
SPEND_ROLES = {"orderer": "partner_id", "branch": "partner_shipping_id"}
# the same link as read from an order line
_LINE_ROLES = {"orderer": "order_partner_id", "branch": "oci_order_shipping_id"}
SPEND_PERIODS = ("current", "previous")


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    oci_order_shipping_id = fields.Many2one(
        related="order_id.partner_shipping_id", string="Order delivery address"
    )


class ResPartner(models.Model):
    _inherit = "res.partner"

    oci_spend_html = fields.Html(
        "Spend overview", compute="_compute_oci_spend_html", sanitize=False
    )

    def _compute_oci_spend_html(self):
        for partner in self:
            if not partner.is_company or not partner.id:
                partner.oci_spend_html = False
                continue
            overview = partner._oci_spend_overview()
            partner.oci_spend_html = self.env["ir.qweb"]._render(
                "oci_punchout.spend_tables",
                {"overview": overview, "drilldown": False},
            )

    # ------------------------------------------------------------------
    # Periods
    # ------------------------------------------------------------------
    def _oci_spend_bounds(self, period, when=None):
        """(start, end) of this holder's ``period`` ('current' or
        'previous') budget period."""
        self.ensure_one()
        start, end = self._oci_budget_bounds(when)
        if period == "previous":
            start, end = self._oci_budget_bounds(start - timedelta(days=1))
        return start, end

    def _oci_spend_period_label(self, start):
        self.ensure_one()
        lang = self.env.lang or "en_US"
        if self.oci_budget_period == "quarter":
            return self.env._(
                "Q%(quarter)s %(year)s", quarter=(start.month + 2) // 3, year=start.year
            )
        return format_date(start.date(), "LLLL y", locale=lang)

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------
    def _oci_spend_holders(self):
        """{kind: partners} whose spend this customer company sees."""
        self.ensure_one()
        Partner = self.env["res.partner"].sudo()
        base = [("parent_id", "=", self.id), ("is_company", "=", False)]
        return {
            "orderer": Partner.search(base + [("type", "=", "contact")], order="name, id"),
            "branch": Partner.search(base + [("type", "in", BRANCH_TYPES)], order="name, id"),
        }

    @api.model
    def _oci_spend_order_domain(self, kind, holders, start, end):
        """sale.order domain of what counts for ``holders`` between start and
        end: confirmed orders and transferred carts."""
        role = SPEND_ROLES[kind]
        return [(role, "in", holders.ids), *self._oci_counted_orders_domain(start, end)]

    @api.model
    def _oci_counted_orders_domain(self, start, end):
        """sale.order domain of what counts as spent between start and end
        (budgets and spend reports): confirmed orders in the period of their
        confirmation, transferred carts in the period of their transfer."""
        return [
            "|",
            "&",
            "&",
            ("state", "=", "sale"),
            ("date_order", ">=", start),
            ("date_order", "<", end),
            "&",
            "&",
            "&",
            ("state", "in", ("draft", "sent")),
            ("oci_transfer_state", "=", "transferred"),
            ("oci_transferred_at", ">=", start),
            ("oci_transferred_at", "<", end),
        ]

    @api.model
    def _oci_spend_amounts(self, kind, holders, start, end):
        """{holder id: (committed, spent)} of ``holders`` between start and
        end, in two grouped queries."""
        role = SPEND_ROLES[kind]
        line_role = _LINE_ROLES[kind]
        Order = self.env["sale.order"].sudo()
        Line = self.env["sale.order.line"].sudo()
        carts = Order._read_group(
            [
                (role, "in", holders.ids),
                ("state", "in", ("draft", "sent")),
                ("oci_transfer_state", "=", "transferred"),
                ("oci_transferred_at", ">=", start),
                ("oci_transferred_at", "<", end),
            ],
            [role],
            ["amount_untaxed:sum"],
        )
        period_lines = [
            ("state", "=", "sale"),
            ("display_type", "=", False),
            ("order_id.date_order", ">=", start),
            ("order_id.date_order", "<", end),
        ]
        confirmed = Line._read_group(
            [(line_role, "in", holders.ids), *period_lines],
            [line_role],
            ["price_subtotal:sum"],
        )
        # Posted invoice and credit-note lines of those order lines, per
        # order line and type (a refund is positive on its own move).
        invoiced = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("parent_state", "=", "posted"),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                    ("display_type", "=", "product"),
                    *[
                        (f"sale_line_ids.{field}", op, value)
                        for field, op, value in [(line_role, "in", holders.ids), *period_lines]
                    ],
                ],
                ["sale_line_ids", "move_type"],
                ["price_subtotal:sum"],
            )
        )
        amounts = {holder_id: [0.0, 0.0] for holder_id in holders.ids}
        ordered = dict.fromkeys(holders.ids, 0.0)
        for holder, total in carts:
            amounts[holder.id][0] += total
        for holder, total in confirmed:
            ordered[holder.id] += total
        gross = dict.fromkeys(holders.ids, 0.0)
        for sale_line, move_type, total in invoiced:
            holder_id = sale_line[line_role].id
            if holder_id not in gross:
                continue
            if move_type == "out_refund":
                amounts[holder_id][1] -= total
            else:
                gross[holder_id] += total
                amounts[holder_id][1] += total
        for holder_id, total in ordered.items():
            # What the invoices did not charge yet is still committed; a
            # credit note lowers what is spent.
            amounts[holder_id][0] += max(total - gross[holder_id], 0.0)
        return {key: tuple(value) for key, value in amounts.items()}

    def _oci_spend_overview(self, when=None):
        """Spend of this customer company's orderers and branches:
        {"orderer": [row], "branch": [row]}, each row a dict with partner,
        period ('current'/'previous'), label, start, end, budget, committed,
        spent, remaining (None without a budget) and over (bool)."""
        self.ensure_one()
        currency = self.currency_id or self.env.company.currency_id
        overview = {"currency": currency, "company": self}
        for kind, holders in self._oci_spend_holders().items():
            # Holders with the same period kind share the bounds: one pair
            # of grouped queries per kind of period and period.
            figures = {}
            for period_kind in {holder.oci_budget_period or "month" for holder in holders}:
                group = holders.filtered(
                    lambda h, k=period_kind: (h.oci_budget_period or "month") == k
                )
                for period in SPEND_PERIODS:
                    start, end = group[0]._oci_spend_bounds(period, when)
                    amounts = self._oci_spend_amounts(kind, group, start, end)
                    for holder in group:
                        figures[holder.id, period] = (start, end, *amounts[holder.id])
            rows = []
            for holder in holders:
                for period in SPEND_PERIODS:
                    start, end, committed, spent = figures[holder.id, period]
                    budget = holder.oci_budget_amount
                    remaining = currency.round(budget - committed - spent) if budget else None
                    rows.append(
                        {
                            "partner": holder,
                            "kind": kind,
                            "period": period,
                            "label": holder._oci_spend_period_label(start),
                            "start": start,
                            "end": end,
                            "budget": budget,
                            "committed": currency.round(committed),
                            "spent": currency.round(spent),
                            "remaining": remaining,
                            "over": remaining is not None and remaining < 0,
                        }
                    )
            overview[kind] = rows
        return overview

    def _oci_spend_orders(self, kind, holder, period, when=None):
        """The orders behind one row of the overview (drill-down)."""
        self.ensure_one()
        start, end = holder._oci_spend_bounds(period, when)
        domain = expression.AND(
            [
                self._oci_spend_order_domain(kind, holder, start, end),
                [("partner_id", "child_of", self.id)],
            ]
        )
        return self.env["sale.order"].sudo().search(domain, order="date_order desc, id desc")

    def _oci_spend_format(self, amount):
        currency = self.currency_id or self.env.company.currency_id
        return format_amount(self.env, amount, currency)
