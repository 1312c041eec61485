# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo.exceptions import UserError, ValidationError
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

    # ------------------------------------------------------------------
    # Business accounts: assortment, budget, branch, greeting card
    # ------------------------------------------------------------------
    # EXTENDS website_sale
    @route()
    def product(self, product, category="", search="", **kwargs):
        customer = request.website._oci_customer()
        if customer and not customer.sudo()._oci_assortment_filter(product):
            raise NotFound()
        return super().product(product, category=category, search=search, **kwargs)

    # EXTENDS website_sale: the price range of a category page (see
    # res.partner._oci_assortment_domain, oci_assortment_narrow)
    def _get_shop_domain(self, search, category, attrib_values, search_in_description=True):
        website = request.website
        if category:
            request.website = website.with_context(oci_assortment_narrow=True)
        try:
            return super()._get_shop_domain(
                search, category, attrib_values, search_in_description=search_in_description
            )
        finally:
            request.website = website

    # EXTENDS website_sale
    def _cart_values(self, **post):
        values = super()._cart_values(**post)
        order = request.website.sale_get_order()
        if order and order.state == "draft":
            values.update(
                {
                    "oci_removed_products": order._oci_remove_foreign_lines(),
                    "oci_business_error": request.session.pop("oci_business_error", None),
                    "oci_budget_status": order._oci_budget_status(),
                    "oci_branches": order._oci_branch_choices(),
                }
            )
        return values

    # EXTENDS website_sale
    def _get_shop_payment_errors(self, order):
        errors = super()._get_shop_payment_errors(order)
        if order:
            foreign = order._oci_foreign_lines()
            if foreign:
                errors.append(
                    (
                        request.env._("Some products are not in your assortment."),
                        ", ".join(foreign.product_id.mapped("display_name")),
                    )
                )
            refusal = order._oci_budget_refusal()
            if refusal:
                errors.append((request.env._("Over budget"), refusal))
        return errors

    @route(
        "/shop/cart/oci_business",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def oci_business_update(self, branch_id=None, card_text=None, card_logo=None, **post):
        """The cart's branch, greeting card and line cards."""
        order = request.website.sale_get_order()
        if not order or order.state != "draft":
            return request.redirect("/shop/cart")
        prefix = "line_card_text_"
        line_cards = {
            int(key[len(prefix) :]): (value, bool(post.get(f"line_card_logo_{key[len(prefix) :]}")))
            for key, value in post.items()
            if key.startswith(prefix) and key[len(prefix) :].isdecimal()
        }
        try:
            order._oci_set_business_details(
                branch_id=int(branch_id) if str(branch_id or "").isdecimal() else None,
                card=(card_text, card_logo) if card_text is not None else None,
                line_cards=line_cards,
            )
        except (UserError, ValidationError) as error:
            request.session["oci_business_error"] = str(error.args[0])
        return request.redirect("/shop/cart")
