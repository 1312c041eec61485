# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    oci_po_line_ref = fields.Char(
        "PO line",
        copy=False,
        help="Line number of this line in the customer's purchase order.",
    )

    def _prepare_invoice_line(self, **optional_values):
        # EXTENDS sale
        vals = super()._prepare_invoice_line(**optional_values)
        if not self.display_type:
            order = self.order_id
            vals.setdefault("oci_po_line_ref", self.oci_po_line_ref or False)
            vals.setdefault("oci_cost_center", order.oci_cost_center or False)
            vals.setdefault("oci_branch_id", order.partner_shipping_id.id)
            vals.setdefault("oci_delivery_date", self._oci_delivery_date() or False)
        return vals

    # --- Delivery date of the line (UBL BT-72 / BG-26 on the invoice) -----
    def _oci_delivery_date(self):
        """The day this line's goods were delivered, for its invoice line:
        the day Odoo saw them delivered, else the day they were to be
        delivered; False when neither is known (the invoice then is stock
        Odoo's)."""
        self.ensure_one()
        if self.display_type or self.is_downpayment:
            return False
        return self._oci_delivered_date() or self._oci_planned_delivery_date()

    def _oci_planned_delivery_date(self):
        """Hook: the day this line was to be delivered: the order's
        commitment date (oci_punchout: the line's own date)."""
        self.ensure_one()
        commitment = self.order_id.commitment_date
        return self._oci_local_day(commitment) if commitment else False

    def _oci_delivered_date(self):
        """The day of the line's last delivery to the customer as Odoo knows
        it (its done outgoing moves, with sale_stock), else False."""
        self.ensure_one()
        if "move_ids" not in self._fields:  # sale without stock
            return False
        done = self.move_ids.filtered(
            lambda move: move.state == "done" and move.location_dest_id.usage == "customer"
        )
        return self._oci_local_day(max(done.mapped("date"))) if done else False

    def _oci_delivery_tz(self):
        """Hook: the time zone whose calendar days the delivery dates are."""
        self.ensure_one()
        return self.order_id.company_id.partner_id.tz or self.env.user.tz or "UTC"

    def _oci_local_day(self, moment):
        """The day of the naive UTC ``moment`` in the delivery time zone."""
        local = self.with_context(tz=self._oci_delivery_tz())
        return fields.Datetime.context_timestamp(local, moment).date()
