# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The delivery date of a line on its invoice (oci_einvoice's hooks): the
date chosen for the line in the cart, else the order's, in the shop's time
zone; the invoice's delivery date is its lines' last one, also over
sale_stock's (the orders' first delivery)."""

from odoo import api, models


class AccountMove(models.Model):
    _inherit = "account.move"

    # EXTENDS oci_einvoice and sale_stock (whose order oci_einvoice cannot set)
    @api.depends("line_ids.oci_delivery_date")
    def _compute_delivery_date(self):
        res = super()._compute_delivery_date()
        self._oci_settle_delivery_date()
        return res


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # EXTENDS oci_einvoice: the line's own date, else the order's (shop time)
    def _oci_planned_delivery_date(self):
        self.ensure_one()
        return self.oci_delivery_date or super()._oci_planned_delivery_date()

    # EXTENDS oci_einvoice: the shop's days are those of its delivery rules
    # (as for the order's date, sale.order._oci_delivery_day), read without
    # building the whole rules for every invoiced line
    def _oci_delivery_tz(self):
        self.ensure_one()
        website = self.order_id._oci_delivery_website()
        return website.oci_delivery_tz or super()._oci_delivery_tz()
