# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        # Portal access granted to a customer administrator (portal wizard,
        # punchout auto-create): give it the administrator group.
        users.partner_id.filtered("oci_is_customer_admin")._oci_sync_admin_group()
        return users
