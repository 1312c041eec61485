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

    def _oci_longtext(self):
        """NEW_ITEM-LONGTEXT of this line: its full description. Extended to
        add e.g. greeting-card text."""
        self.ensure_one()
        return self.name or ""
