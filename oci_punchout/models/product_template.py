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
    # The inverse of res.partner.oci_assortment_product_ids (same table): lets
    # an assortment be a sub-select PostgreSQL answers from the relation's
    # primary key, whatever the number of listed products.
    oci_assortment_partner_ids = fields.Many2many(
        "res.partner",
        "oci_partner_assortment_product_rel",
        "product_tmpl_id",
        "partner_id",
        string="In the assortment of",
        readonly=True,
        copy=False,
    )
