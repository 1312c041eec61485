# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import binascii
import json

from odoo import http
from odoo.http import request

from ..tools import cxml
from . import request_body
from .routes import SERVER_POST, xml_response

_JSON_MARKUP = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


class OciPurchaseOrderController(http.Controller):
    """Server-to-server PO endpoints. They read the body (with a size cap)
    and hand it to the intake (oci.po.intake), which authenticates the sender
    against the connection and does everything else."""

    def _po_remote_addr(self):
        return request_body.remote_addr(request.httprequest)

    def _po_body(self):
        """The request body, or None when it is over the size limit. Kept
        (cached) on the request: Odoo runs a request again after a
        serialization failure, and the retry must read the same document."""
        limit = request.env["oci.po.intake"].sudo()._po_max_bytes()
        return request_body.limited_body(request.httprequest, limit)

    def _po_intake(self, receive):
        """(code, text, record): 413 when the body is over the size limit,
        else what ``receive(intake, body)`` answers."""
        body = self._po_body()
        if body is None:
            return 413, "The document is too large.", None
        return receive(request.env["oci.po.intake"].sudo(), body)

    @http.route("/oci/<string:oci_code>/po/cxml", **SERVER_POST)
    def oci_po_cxml(self, oci_code, **_kwargs):
        code, text, _record = self._po_intake(
            lambda intake, body: intake._po_receive_cxml(
                oci_code, body, remote_addr=self._po_remote_addr()
            )
        )
        # cXML carries the outcome in the Status element, inside HTTP 200
        # (what Ariba, Coupa and the hubs expect).
        return xml_response(cxml.cxml_response(code, cxml.status_text(code), text))

    @http.route("/oci/<string:oci_code>/po/ubl", **SERVER_POST)
    def oci_po_ubl(self, oci_code, **_kwargs):
        identity, secret = self._po_basic_auth()
        code, text, record = self._po_intake(
            lambda intake, body: intake._po_receive_ubl(
                oci_code, body, identity, secret, remote_addr=self._po_remote_addr()
            )
        )
        payload = {"status": code, "message": text}
        if record:
            payload["po"] = record.id
        headers = [
            ("Content-Type", "application/json; charset=utf-8"),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
        ]
        if code == 401:
            headers.append(("WWW-Authenticate", 'Basic realm="oci-po"'))
        # Markup characters of a quoted value are escaped even in JSON.
        body = json.dumps(payload).translate(_JSON_MARKUP)
        return request.make_response(body, headers=headers, status=code if code >= 400 else 200)

    def _po_basic_auth(self):
        header = request.httprequest.headers.get("Authorization") or ""
        scheme, _sep, value = header.partition(" ")
        if scheme.lower() != "basic" or not value:
            return "", ""
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return "", ""
        identity, _sep, secret = decoded.partition(":")
        if "\x00" in decoded:
            # Hashes ignore trailing NULs (HMAC key padding): a credential
            # with a NUL byte is no credential.
            return "", ""
        return identity, secret
