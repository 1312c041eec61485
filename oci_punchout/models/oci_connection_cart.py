# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class OciConnection(models.Model):
    _inherit = "oci.connection"

    allow_discount_codes = fields.Boolean(
        "Discount codes in the cart",
        help="Show the discount-code field in the punchout cart. Without it the "
        "cart shows only what the punchout needs.",
    )
