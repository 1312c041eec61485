# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _oci_longtext(self):
        """NEW_ITEM-LONGTEXT of this line: its full description. Extended to
        add e.g. greeting-card text."""
        self.ensure_one()
        return self.name or ""
