# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import secrets

from werkzeug.exceptions import BadRequest, Forbidden

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from ..const import OCI_UNREADABLE, SESSION_KEY
from ..exceptions import OciLoginRefused
from ..tools import oci_format
from .oci_language import oci_open_in_language
from .routes import BUYER_REQUEST, PUNCHOUT_FORM_POST

_logger = logging.getLogger(__name__)


TEST_HOOK_PATH = "/oci/test-buyer/hook"
MAX_SEARCH_RESULTS = 50


class OciPunchoutController(http.Controller):
    """Routes of the OCI round-trip. They check the request and hand over to
    oci.session / oci.connection; nothing here builds cart data."""

    _login_url = "/oci/<string:oci_code>/login"

    @http.route(_login_url, **BUYER_REQUEST)
    def oci_login(self, oci_code, **_kwargs):
        params = self._oci_request_params()
        httprequest = request.httprequest
        try:
            session = (
                request.env["oci.session"]
                .sudo()
                ._oci_login(
                    oci_code,
                    params,
                    remote_addr=httprequest.remote_addr,
                    user_agent=httprequest.user_agent.string,
                    own_hook_path=TEST_HOOK_PATH,
                    unreadable=getattr(request, OCI_UNREADABLE, None),
                )
            )
        except OciLoginRefused as refusal:
            # A refused punchout never leaves this browser logged in: an
            # earlier punchout would otherwise go on and send the cart to the
            # previous requisition's HOOK_URL.
            request.session.logout(keep_db=True)
            return self._oci_error_page(refusal.reason, refusal.status)
        if session.function == "validate":
            return self._oci_answer_validate(session, params)
        if session.function == "background_search":
            return self._oci_answer_search(session, params)
        return self._oci_start_shopping(session, params)

    def _oci_request_params(self):
        """Query string and form fields, first value of each (SRMs send both
        GET and POST logins)."""
        values = request.httprequest.values
        return {key: values.get(key) for key in values.keys()}

    def _oci_start_shopping(self, session, params):
        """Log the orderer in to the website and open the shop (or the
        product asked for by FUNCTION=DETAIL)."""
        redirect = "/shop"
        if session.function == "detail":
            product = session.connection_id._oci_resolve_product(params.get("PRODUCTID"))
            if not product:
                session.write({"state": "cancelled", "state_reason": "Unknown PRODUCTID"})
                return self._oci_error_page(
                    request.env._("This product is not in your catalog."), 404
                )
            redirect = product.website_url or redirect
        user = session.user_id
        request.session.logout(keep_db=True)
        request.session["pre_login"] = user.login
        request.session["pre_uid"] = user.id
        request.session.finalize(request.env)
        request.session[SESSION_KEY] = session.id
        request.update_env(user=user.id)
        order = session.order_id
        if order and order.state == "draft":
            request.session["sale_order_id"] = order.id
        _logger.info("OCI session %s opened for user %s", session.id, user.id)
        redirect = oci_open_in_language(session, redirect)
        return request.redirect(redirect, code=303, local=True)

    def _oci_answer_validate(self, session, params):
        product = session.connection_id._oci_resolve_product(params.get("PRODUCTID"))
        quantity = oci_format.parse_number(params.get("QUANTITY") or "1")
        fields_ = session._oci_answer_function(product, {product.id: quantity})
        if not product:
            session.state_reason = "Unknown PRODUCTID"
        return self._oci_form_response(session, fields_, autosubmit=True, show_button=False)

    def _oci_answer_search(self, session, params):
        needle = (params.get("SEARCHSTRING") or "").strip()
        products = request.env["product.product"]
        if needle:
            products = session.connection_id._oci_find_products(
                [
                    "|",
                    "|",
                    ("name", "ilike", needle),
                    ("default_code", "ilike", needle),
                    ("barcode", "=", needle),
                ],
                limit=MAX_SEARCH_RESULTS,
            )
        fields_ = session._oci_answer_function(products)
        return self._oci_form_response(session, fields_, autosubmit=True, show_button=True)

    # ------------------------------------------------------------------
    # Transfer / cancel
    # ------------------------------------------------------------------
    # auth="public" and our own CSRF check: a buyer who comes back to the
    # shop page (back button) after the transfer has been logged out, and
    # must get the clear "session ended" page (410), not a login form or a
    # "session expired" 400 for a token bound to the previous session.
    @http.route("/oci/transfer", **PUNCHOUT_FORM_POST)
    def oci_transfer(self, csrf_token=None, **_kwargs):
        return self._oci_close_posted(csrf_token, lambda s: s._oci_transfer(), cart_on_error=True)

    @http.route("/oci/cancel", **PUNCHOUT_FORM_POST)
    def oci_cancel(self, csrf_token=None, **_kwargs):
        return self._oci_close_posted(csrf_token, lambda s: s._oci_cancel())

    def _oci_close_posted(
        self, csrf_token, close, protocol=None, charset=None, cart_on_error=False
    ):
        """A transfer/cancel form post (OCI and cXML): the session it was
        posted in (the 410 page when there is none), ``close(session)`` gives
        the form fields, then the website session ends with the form to the
        procurement system. With ``cart_on_error`` a UserError of ``close``
        (a cart that cannot be transferred) goes back to the cart with its
        message; otherwise it is raised."""
        session = self._oci_posting_session(csrf_token, protocol)
        if not session:
            return self._oci_gone_page()
        try:
            fields_ = close(session)
        except UserError as error:
            if not cart_on_error:
                raise
            request.session["oci_error"] = str(error.args[0])
            return request.redirect("/shop/cart", code=303)
        return self._oci_end(session, fields_, charset=charset)

    def _oci_posting_session(self, csrf_token, protocol=None):
        """The punchout session a transfer/cancel form was posted in, after
        the CSRF check; empty when the browser has no punchout session (of
        ``protocol``, when given)."""
        session = request.website._oci_get_session()
        if session and not request.validate_csrf(csrf_token or ""):
            raise BadRequest(request.env._("Session expired (invalid CSRF token)"))
        if protocol:
            return session.filtered(lambda s: s.protocol == protocol)
        return session

    @http.route("/oci/ended", type="http", auth="public", website=True, sitemap=False)
    def oci_ended(self, **_kwargs):
        return self._oci_gone_page()

    def _oci_gone_page(self):
        return self._oci_error_page(
            request.env._(
                "This punchout session has ended or was already used. Please start "
                "again from your procurement system."
            ),
            410,
        )

    def _oci_end(self, session, fields_, charset=None):
        """Close the website session: the cart now lives in the procurement
        system, the next punchout starts with an empty cart."""
        request.website.sale_reset()
        request.session.pop(SESSION_KEY, None)
        request.session.logout(keep_db=True)
        return self._oci_form_response(
            session, fields_, autosubmit=True, show_button=True, charset=charset
        )

    # ------------------------------------------------------------------
    # Rendering
    # ------------------------------------------------------------------
    def _oci_form_response(self, session, fields_, autosubmit=True, show_button=True, charset=None):
        """The auto-submitting form to the HOOK_URL; ``charset`` overrides the
        connection's (cXML forms are always UTF-8)."""
        connection = session.connection_id
        html = request.env["ir.qweb"]._render(
            "oci_punchout.transfer_form",
            {
                "hook_url": session.hook_url,
                "target": session.form_target or "_top",
                "fields": fields_,
                "charset": charset or connection.charset or "utf-8",
                "autosubmit": autosubmit,
                "show_button": show_button,
                "item_count": session.transfer_item_count,
                "customer": session.partner_id.name,
                "csp_nonce": secrets.token_urlsafe(16),
            },
        )
        return request.make_response(
            html,
            headers=[
                ("Content-Type", "text/html; charset=utf-8"),
                ("Cache-Control", "no-store"),
                ("X-Robots-Tag", "noindex, nofollow"),
            ],
        )

    def _oci_error_page(self, message, status):
        html = request.env["ir.qweb"]._render(
            "oci_punchout.error_page", {"message": message, "status": status}
        )
        return request.make_response(
            html,
            headers=[
                ("Content-Type", "text/html; charset=utf-8"),
                ("Cache-Control", "no-store"),
            ],
            status=status,
        )

    # ------------------------------------------------------------------
    # Built-in test buyer
    # ------------------------------------------------------------------
    @http.route("/oci/test-buyer", type="http", auth="user", website=True, sitemap=False)
    def oci_test_buyer(self, connection=None, **_kwargs):
        if not request.env.user.has_group("sales_team.group_sale_salesman"):
            raise Forbidden()
        connections = request.env["oci.connection"].search([])
        selected = connections.filtered(lambda c: str(c.id) == str(connection)) or connections[:1]
        # The test hook the connection accepts lives on the configured base
        # URL, never on whatever Host header the request carried.
        base = (selected._get_website() or request.website).get_base_url() if selected else ""
        return request.render(
            "oci_punchout.test_buyer_page",
            {
                "connections": connections,
                "selected": selected,
                "hook_url": f"{base}{TEST_HOOK_PATH}?buyer_session={secrets.token_hex(4)}",
            },
        )

    @http.route(TEST_HOOK_PATH, **BUYER_REQUEST)
    def oci_test_buyer_hook(self, **_kwargs):
        """Plays the procurement system receiving the cart: shows what was
        posted, item by item. Stores nothing."""
        form = request.httprequest.form
        pairs = [(key, value) for key in form.keys() for value in form.getlist(key)]
        return request.render(
            "oci_punchout.test_buyer_hook_page",
            {
                "pairs": pairs,
                "items": oci_format.parse_cart_form(pairs),
                "echo": [(k, v) for k, v in pairs if k.startswith("~")],
                "query": request.httprequest.query_string.decode("latin-1"),
            },
            headers={"Cache-Control": "no-store"},
        )
