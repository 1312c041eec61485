# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    oci_customer_code = fields.Char(
        "Customer accounting code",
        help="Default customer accounting code (the Dutch healthcare NZI code) "
        "of the products in this category and its sub-categories.",
    )

    def _oci_get_customer_code(self):
        """Own code, else the nearest parent's."""
        self.ensure_one()
        category = self
        while category:
            if category.oci_customer_code:
                return category.oci_customer_code
            category = category.parent_id
        return False
