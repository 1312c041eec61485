# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    oci_card_allowed = fields.Boolean(
        "Greeting card per item",
        help="Buyers can add a greeting card with a personal text (and their "
        "company logo) to each line of this product.",
    )
