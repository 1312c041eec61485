# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class Website(models.Model):
    _inherit = "website"

    def _oci_discount_codes_hidden(self):
        """True in a punchout whose connection does not allow discount codes:
        the cart shows no discount-code field and /shop/pricelist refuses one."""
        session = self._oci_get_session()
        return bool(session) and not session.connection_id.allow_discount_codes
