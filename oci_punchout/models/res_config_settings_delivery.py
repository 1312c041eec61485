# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    oci_delivery_tz = fields.Selection(related="website_id.oci_delivery_tz", readonly=False)
    oci_delivery_cutoff = fields.Float(related="website_id.oci_delivery_cutoff", readonly=False)
    oci_delivery_weekday_ids = fields.Many2many(
        related="website_id.oci_delivery_weekday_ids", readonly=False
    )
    oci_preparation_weekday_ids = fields.Many2many(
        related="website_id.oci_preparation_weekday_ids", readonly=False
    )
    oci_delivery_horizon = fields.Integer(related="website_id.oci_delivery_horizon", readonly=False)
    oci_delivery_notice = fields.Text(related="website_id.oci_delivery_notice", readonly=False)
    oci_delivery_notice_start = fields.Date(
        related="website_id.oci_delivery_notice_start", readonly=False
    )
    oci_delivery_notice_end = fields.Date(
        related="website_id.oci_delivery_notice_end", readonly=False
    )
