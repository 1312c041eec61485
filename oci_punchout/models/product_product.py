# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ProductProduct(models.Model):
    _inherit = "product.product"

    # EXTENDS website_sale
    def _is_add_to_cart_allowed(self):
        """A business customer's users may only add their assortment, also
        through crafted requests (/shop/cart/update, update_json, reorder)."""
        allowed = super()._is_add_to_cart_allowed()
        if not allowed:
            return False
        customer = self.env["website"].get_current_website()._oci_customer()
        if not customer:
            return True
        return bool(customer.sudo()._oci_assortment_filter(self.product_tmpl_id))
