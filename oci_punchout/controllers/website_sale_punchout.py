# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.http import request, route

from odoo.addons.website_sale.controllers.main import WebsiteSale


class OciPunchoutCart(WebsiteSale):
    # EXTENDS website_sale: the cart of a punchout whose connection does not
    # allow discount codes shows no code field; a code posted anyway is not
    # applied.
    @route()
    def pricelist(self, promo, **post):
        if request.website._oci_discount_codes_hidden():
            return request.redirect("/shop/cart", code=303)
        return super().pricelist(promo, **post)
