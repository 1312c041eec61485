# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The built-in test buyer, by cXML: the shop staff plays the procurement
system (PunchOutSetupRequest handled in-process, the browser sent to the
StartPage) and the receiving end of the PunchOutOrderMessage."""

import logging
import secrets

from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.http import request

from ..tools import cxml_punchout
from . import request_body

_logger = logging.getLogger(__name__)

RECEIVE_PATH = "/oci/test-buyer/cxml/receive"
TEST_BUYER_AGENT = "OCI test buyer (cXML)"


class CxmlTestBuyerController(http.Controller):
    @http.route(
        "/oci/test-buyer/cxml",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def cxml_test_buyer(self, connection=None, shared_secret="", email="", **_kwargs):
        if not request.env.user.has_group("sales_team.group_sale_salesman"):
            raise Forbidden()
        selected = request.env["oci.connection"].search(
            [("id", "=", int(connection) if str(connection or "").isdigit() else 0)], limit=1
        )
        if not selected:
            return self._refused(404, request.env._("Unknown punchout connection."))
        base = (selected._get_website() or request.website).get_base_url()
        sender = (selected.po_domain or "NetworkID", selected.po_identity or "")
        body = cxml_punchout.build_setup_request(
            secrets.token_hex(8),
            f"{base.rstrip('/')}{RECEIVE_PATH}",
            sender,
            ("NetworkID", selected.code),
            sender,
            shared_secret or "",
            contact=(request.env.user.name, email.strip()) if email.strip() else None,
            user_agent=TEST_BUYER_AGENT,
            payload_domain="test-buyer.invalid",
        )
        status, text, start_url = (
            request.env["oci.session"]
            .sudo()
            ._cxml_setup(
                selected.code,
                body,
                remote_addr=request_body.remote_addr(request.httprequest),
                user_agent=TEST_BUYER_AGENT,
                own_form_post_path=RECEIVE_PATH,
            )
        )
        if not start_url:
            return self._refused(status, text)
        return request.redirect(start_url, code=303, local=False)

    def _refused(self, status, text):
        return request.render(
            "oci_punchout.cxml_test_buyer_refused_page",
            {"status": status, "text": text},
            status=status if 400 <= status < 600 else 400,
            headers={"Cache-Control": "no-store"},
        )

    @http.route(
        RECEIVE_PATH,
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,  # posted by the shop's transfer page, as to a procurement system
        website=True,
        sitemap=False,
    )
    def cxml_test_buyer_receive(self, **_kwargs):
        """Plays the procurement system receiving the PunchOutOrderMessage:
        shows it decoded. Stores nothing."""
        form = request.httprequest.form
        pairs = [(key, value) for key in form.keys() for value in form.getlist(key)]
        max_bytes = request.env["oci.session"].sudo()._cxml_max_bytes()
        values = {"order": None, "error": None}
        try:
            values["order"] = cxml_punchout.decode_order_message(pairs, max_bytes)
        except cxml_punchout.CxmlError as exc:
            values["error"] = exc.message
        return request.render(
            "oci_punchout.cxml_test_buyer_receive_page",
            values,
            status=400 if values["error"] else 200,
            headers={"Cache-Control": "no-store"},
        )
