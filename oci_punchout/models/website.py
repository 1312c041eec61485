# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, models
from odoo.http import request
from odoo.osv import expression
from odoo.tools import SQL

from ..const import SESSION_KEY


class Website(models.Model):
    _inherit = "website"

    def _oci_get_session(self):
        """The usable punchout session of the current browser session (sudo),
        or an empty recordset outside punchout mode. Cached per request."""
        Session = self.env["oci.session"].sudo()
        if not request or not request.session.get(SESSION_KEY):
            return Session
        cached = getattr(request, "_oci_session_cache", None)
        if cached is not None:
            return cached
        session = Session.browse(request.session[SESSION_KEY]).exists()
        if not session or session.user_id != self.env.user or not session._is_usable():
            session = Session
        request._oci_session_cache = session
        return session

    def _oci_customer(self):
        """Commercial partner whose assortment applies to the current user."""
        user = self.env.user
        if not user or user._is_public() or user._is_internal():
            return self.env["res.partner"]
        return user.partner_id.commercial_partner_id

    # EXTENDS website_sale
    def sale_product_domain(self):
        domain = super().sale_product_domain()
        customer = self._oci_customer()
        if customer:
            assortment = customer.sudo()._oci_assortment_domain()
            if assortment:
                domain = expression.AND([domain, assortment])
        return domain

    # EXTENDS website_sale
    def sale_get_order(self, force_create=False):
        """In punchout mode the cart is the punchout session's own quotation,
        created on the first add and linked to the session. Never Odoo's
        "last cart of the user" (partner.last_website_so_id): with one
        technical user for all requisitioners, that is another requisition's
        cart, open in another browser."""
        session = self._oci_get_session()
        if not session:
            return super().sale_get_order(force_create=force_create)
        order = session.order_id
        if order and order.state == "draft":
            request.session["sale_order_id"] = order.id
            return super().sale_get_order(force_create=force_create)
        request.session.pop("sale_order_id", None)
        request.session.pop("website_sale_cart_quantity", None)
        if not force_create:
            return self.env["sale.order"]
        return self._oci_create_cart(session)

    def _oci_create_cart(self, session):
        """A new quotation for the punchout session's cart."""
        self.ensure_one()
        # Lock the session: two first adds at once (two tabs) make one
        # cart; the later one is retried by Odoo and finds it.
        self.env.cr.execute(
            SQL("SELECT id FROM oci_session WHERE id = %s FOR NO KEY UPDATE", session.id)
        )
        website = self.with_company(self.company_id)
        values = website._prepare_sale_order_values(self.env.user.partner_id)
        order_sudo = website.env["sale.order"].sudo().with_user(SUPERUSER_ID).create(values)
        order_sudo._oci_link_session(session)
        request.session["sale_order_id"] = order_sudo.id
        request.session["website_sale_cart_quantity"] = order_sudo.cart_quantity
        return order_sudo.with_user(self.env.user).sudo()

    # EXTENDS website_sale
    def _prepare_sale_order_values(self, partner_sudo):
        values = super()._prepare_sale_order_values(partner_sudo)
        session = self._oci_get_session()
        if session:
            pricelist = session.connection_id._oci_pricelist(session.partner_id)
            if pricelist:
                values["pricelist_id"] = pricelist.id
        return values

    # EXTENDS website_sale
    def _get_current_pricelist(self):
        session = self._oci_get_session()
        if session:
            pricelist = session.connection_id._oci_pricelist(session.partner_id)
            if pricelist:
                return pricelist
        return super()._get_current_pricelist()

    # EXTENDS website_sale
    def get_pricelist_available(self, show_visible=False):
        session = self._oci_get_session()
        if session:
            pricelist = session.connection_id._oci_pricelist(session.partner_id)
            if pricelist:
                return pricelist
        return super().get_pricelist_available(show_visible=show_visible)
