# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The countries a one-off recipient typed in the cart may be in: the shop
delivers there only (a setting per website; default: the company's country)."""

from odoo import fields, models


class Website(models.Model):
    _inherit = "website"

    oci_recipient_country_ids = fields.Many2many(
        "res.country",
        "website_oci_recipient_country_rel",
        "website_id",
        "country_id",
        string="Delivery countries",
        help="Countries the shop delivers to: a recipient typed in the cart must be in one "
        "of them. Empty: the company's country.",
    )

    def _oci_recipient_countries(self):
        """The countries a new or edited one-off recipient may be in."""
        self.ensure_one()
        website = self.sudo()
        countries = website.oci_recipient_country_ids or website.company_id.country_id
        return countries or self.env["res.country"].sudo().search([])


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    oci_recipient_country_ids = fields.Many2many(
        related="website_id.oci_recipient_country_ids", readonly=False
    )
