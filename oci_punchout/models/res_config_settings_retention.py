# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .oci_retention import DEFAULT_RETENTION_DAYS, RETENTION_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    oci_session_retention_days = fields.Integer(
        "Punchout log retention (days)",
        config_parameter=RETENTION_PARAM,
        default=DEFAULT_RETENTION_DAYS,
        help="Punchout sessions older than this are removed by a daily job, with their "
        "parameters and transferred fields. 0 keeps them forever. Received purchase "
        "orders are kept.",
    )
