# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Delivery date and recipient in the cart (punchout and direct orders)."""

from werkzeug.exceptions import NotFound

from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import Controller, request, route
from odoo.tools import format_date

from odoo.addons.website_sale.controllers.main import WebsiteSale

from .routes import USER_FORM_POST

DATE_FORMAT = "EEEE d MMMM y"
NEW_RECIPIENT_KEYS = ("name", "street", "zip", "city", "country_id", "phone", "note")


class OciDeliveryWebsiteSale(WebsiteSale):
    # EXTENDS website_sale
    def _cart_values(self, **post):
        values = super()._cart_values(**post)
        order = request.website.sale_get_order()
        values["oci_delivery_notice"] = request.website._oci_delivery_notice_text()
        if order and order.state == "draft" and order._oci_product_lines():
            values.update(order._oci_delivery_cart_values())
            values["oci_delivery_error"] = request.session.pop("oci_delivery_error", None)
        return values

    # EXTENDS website_sale
    def _get_shop_payment_errors(self, order):
        errors = super()._get_shop_payment_errors(order)
        if order:
            for message in order._oci_delivery_refusals():
                errors.append((request.env._("Delivery date not possible"), message))
        return errors

    def _oci_draft_cart(self):
        """The website's cart while it is a draft, else None."""
        order = request.website.sale_get_order()
        return order if order and order.state == "draft" else None

    def _oci_back_to_cart(self, error=None):
        """Back to the cart, with the message of a refused change."""
        if error:
            request.session["oci_delivery_error"] = str(error.args[0])
        return request.redirect("/shop/cart")

    @route("/shop/cart/oci_delivery", **USER_FORM_POST)
    def oci_delivery_update(self, delivery_date=None, recipient_id=None, **post):
        """The cart's delivery date and recipient, per order and per line."""
        order = self._oci_draft_cart()
        if not order:
            return self._oci_back_to_cart()
        line_values = {}
        for key, value in post.items():
            if key.startswith("line_date_") and key[len("line_date_") :].isdecimal():
                line_id = int(key[len("line_date_") :])
                line_values[line_id] = (value, post.get(f"line_recipient_{line_id}") or "")
        new_recipient = {key: post.get(f"new_{key}") for key in NEW_RECIPIENT_KEYS}
        try:
            order._oci_set_delivery(
                order_date=delivery_date,
                recipient=recipient_id or None,
                line_values=line_values,
                new_recipient=new_recipient if new_recipient.get("name") else None,
            )
        except (UserError, ValidationError) as error:
            return self._oci_back_to_cart(error)
        return self._oci_back_to_cart()

    @route("/shop/cart/oci_delivery/recipient/<int:partner_id>", **USER_FORM_POST)
    def oci_delivery_recipient_update(self, partner_id, **post):
        """Correct a one-off recipient of the cart. Another cart's or another
        customer's recipient: 404, whoever it belongs to."""
        order = self._oci_draft_cart()
        if not order:
            raise NotFound()
        values = {key: post.get(key) for key in NEW_RECIPIENT_KEYS}
        try:
            order._oci_update_one_off(partner_id, values)
        except MissingError as error:
            raise NotFound() from error
        except (UserError, ValidationError) as error:
            return self._oci_back_to_cart(error)
        return self._oci_back_to_cart()

    @route(
        "/shop/cart/oci_delivery/dates",
        type="json",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def oci_delivery_dates(self, recipient_id=None, line_id=None):
        """The possible dates for a recipient (and a line), for the picker."""
        order = self._oci_draft_cart()
        if not order:
            return {"error": request.env._("Your cart is empty."), "dates": []}
        try:
            recipient = order._oci_recipient(recipient_id) if recipient_id else None
        except UserError as error:
            return {"error": str(error.args[0]), "dates": []}
        lines = None
        if line_id:
            lines = order.order_line.filtered(lambda line: line.id == line_id)
            if not lines:
                return {"error": request.env._("This line is not in your cart."), "dates": []}
            recipient = recipient or lines.oci_recipient_id or None
        dates = order._oci_possible_dates(recipient=recipient, lines=lines)
        return {
            "dates": [
                {"value": day.isoformat(), "label": format_date(request.env, day, DATE_FORMAT)}
                for day in dates
            ]
        }


class OciDeliveryPortal(Controller):
    @route("/my/account/recipients/<int:partner_id>/make_branch", **USER_FORM_POST)
    def oci_make_branch(self, partner_id, **_kwargs):
        """The customer administrator keeps a one-off recipient as branch."""
        partner = request.env["res.partner"].browse(partner_id)
        try:
            partner._oci_admin_make_branch()
        except (AccessError, MissingError, UserError) as exc:
            raise NotFound() from exc
        return request.redirect("/my/account/branches")
