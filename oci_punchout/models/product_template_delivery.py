# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.delivery_dates import MAX_PREPARATION_DAYS


class ProductTemplate(models.Model):
    _inherit = "product.template"

    oci_preparation_days = fields.Integer(
        "Preparation days",
        default=0,
        help="Working days the shop needs to prepare this product (e.g. 1 for a standard "
        "cake, 3 for a logo cake); 0: ready-made.",
    )

    @api.constrains("oci_preparation_days")
    def _check_oci_preparation_days(self):
        for template in self:
            if not 0 <= template.oci_preparation_days <= MAX_PREPARATION_DAYS:
                raise ValidationError(
                    self.env._(
                        "Preparation days are from 0 to %s.",
                        MAX_PREPARATION_DAYS,
                    )
                )
