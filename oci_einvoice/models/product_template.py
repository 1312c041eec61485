# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    oci_customer_code = fields.Char(
        "Customer accounting code",
        help="The customer's accounting code for this product (in Dutch "
        "healthcare the NZI code). Sent in the OCI transfer and on the "
        "e-invoice. Empty: the code of the product category.",
    )

    def _oci_get_customer_code(self):
        self.ensure_one()
        return self.oci_customer_code or self.categ_id._oci_get_customer_code()
