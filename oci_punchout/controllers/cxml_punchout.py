# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""cXML punchout routes: PunchOutSetupRequest (server to server), the
one-time StartPage (browser) and the PunchOutOrderMessage transfer/cancel.
They check the request and hand over to oci.session."""

import logging

from odoo import http
from odoo.http import request

from ..exceptions import OciLoginRefused
from ..models.oci_session_cxml import START_PATH
from ..tools import cxml_punchout
from . import request_body
from .oci_punchout import OciPunchoutController
from .routes import PUNCHOUT_FORM_POST, SERVER_POST, xml_response

_logger = logging.getLogger(__name__)

XML_TYPES = ("text/xml", "application/xml")


class CxmlPunchoutController(http.Controller):
    @http.route("/oci/<string:oci_code>/cxml/setup", **SERVER_POST)
    def cxml_setup(self, oci_code, **_kwargs):
        httprequest = request.httprequest
        Session = request.env["oci.session"].sudo()
        start_url = None
        if httprequest.mimetype not in XML_TYPES:
            code, text = 400, request.env._("Send the PunchOutSetupRequest as text/xml.")
        else:
            body = request_body.limited_body(httprequest, Session._cxml_max_bytes())
            if body is None:
                code, text = 413, request.env._("The document is too large.")
            else:
                code, text, start_url = Session._cxml_setup(
                    oci_code,
                    body,
                    remote_addr=request_body.remote_addr(httprequest),
                    user_agent=httprequest.user_agent.string,
                )
        # cXML carries the outcome in Status@code, always inside HTTP 200.
        if start_url:
            return xml_response(cxml_punchout.build_setup_response(start_url))
        return xml_response(cxml_punchout.build_status_response(code, detail=text))

    @http.route(
        f"{START_PATH}<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def cxml_start(self, token, **_kwargs):
        oci = OciPunchoutController()
        try:
            session = request.env["oci.session"].sudo()._cxml_redeem(token)
        except OciLoginRefused as refusal:
            request.session.logout(keep_db=True)
            return oci._oci_error_page(refusal.reason, refusal.status)
        oci._oci_start_shopping(session, {})
        if session.cxml_items and not session.order_id:
            # edit without a kept quotation: the cart from the ItemOut lines.
            request._oci_session_cache = None
            website = request.env["website"].browse(request.website.id)
            order = website.sale_get_order(force_create=True)
            for product_id, quantity in session.cxml_items:
                order._cart_update(product_id=product_id, add_qty=quantity)
        if session.cxml_operation in ("edit", "inspect"):
            return request.redirect("/shop/cart", code=303, local=True)
        return request.redirect("/shop", code=303, local=True)

    # ------------------------------------------------------------------
    # Transfer / cancel
    # ------------------------------------------------------------------
    @http.route("/oci/cxml/transfer", **PUNCHOUT_FORM_POST)
    def cxml_transfer(self, csrf_token=None, **_kwargs):
        return OciPunchoutController()._oci_close_posted(
            csrf_token,
            lambda s: s._cxml_transfer(),
            protocol="cxml",
            charset="utf-8",
            cart_on_error=True,
        )

    @http.route("/oci/cxml/cancel", **PUNCHOUT_FORM_POST)
    def cxml_cancel(self, csrf_token=None, **_kwargs):
        return OciPunchoutController()._oci_close_posted(
            csrf_token, lambda s: s._cxml_cancel(), protocol="cxml", charset="utf-8"
        )
