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
        return vals
