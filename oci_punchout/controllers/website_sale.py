# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.http import request, route

from odoo.addons.website_sale.controllers.main import WebsiteSale


class OciWebsiteSale(WebsiteSale):
    # EXTENDS website_sale
    @route()
    def cart(self, access_token=None, revive="", **post):
        response = super().cart(access_token=access_token, revive=revive, **post)
        error = request.session.pop("oci_error", None)
        if error and hasattr(response, "qcontext"):
            response.qcontext["oci_error"] = error
        return response
