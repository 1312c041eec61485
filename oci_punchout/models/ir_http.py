# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from urllib.parse import parse_qsl

import werkzeug.exceptions
from werkzeug.datastructures import ImmutableMultiDict

from odoo import models
from odoo.http import request

from ..const import OCI_UNREADABLE, SESSION_KEY

_SESSION_COOKIE_RE = re.compile(r"^session_id=")
OCI_LOGIN_ROUTE = "/oci/<string:oci_code>/login"
# Routes that work without a punchout session: a stale one is dropped silently.
_OCI_OPEN_ROUTES = (OCI_LOGIN_ROUTE, "/oci/ended", "/oci/test-buyer", "/oci/cxml/start/")
# Routes a punchout buyer never uses: the order is placed by the procurement
# system, not by checkout and payment, and the account is managed there.
_OCI_CLOSED_ROUTES = (
    "/shop/checkout",
    "/shop/address",
    "/shop/extra_info",
    "/shop/payment",
    "/shop/confirm_order",
    "/shop/confirmation",
    "/shop/print",
    "/my",
    "/web/signup",
    "/web/reset_password",
)


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _pre_dispatch(cls, rule, args):
        if rule.rule == OCI_LOGIN_ROUTE:
            cls._oci_read_login_params()
        super()._pre_dispatch(rule, args)
        session_id = request.session.get(SESSION_KEY)
        if not session_id or not request.env:
            return
        session = request.env["oci.session"].sudo().browse(session_id).exists()
        if session and session.user_id.id == request.session.uid and session._is_usable():
            # Checked once per request: website._oci_get_session() and
            # _post_dispatch reuse it instead of querying again.
            request._oci_session_cache = session
            if rule.rule.startswith(_OCI_CLOSED_ROUTES):
                if request.httprequest.method == "GET":
                    werkzeug.exceptions.abort(request.redirect("/shop/cart"))
                raise werkzeug.exceptions.Forbidden()
            return
        # The punchout is over (expired, transferred elsewhere, superseded):
        # end the browser session so no normal checkout can follow.
        if session.state == "open":
            session._expire()
        request.session.logout(keep_db=True)
        if rule.rule.startswith(_OCI_OPEN_ROUTES):
            # A new punchout login (or the "ended" page) goes on as public.
            request.update_env(user=request.env.ref("base.public_user").id)
            return
        if rule.endpoint.routing.get("type") == "http":
            # Also for a POST (the transfer button pressed too late): the
            # browser follows the 303 to the clear "session ended" page.
            werkzeug.exceptions.abort(request.redirect("/oci/ended", code=303))
        raise werkzeug.exceptions.Gone("The punchout session has ended.")

    @classmethod
    def _oci_read_login_params(cls):
        """Parse the query string and form of a punchout login before Odoo
        does. Bytes that are not UTF-8 (or a body too large) make werkzeug
        fail while Odoo collects the parameters, answered by a generic error
        page (or a 500) that records nothing. Here they are read leniently
        instead (U+FFFD for what is not UTF-8, for the refusal log) and the
        request is marked: the login route refuses it with its own clear page,
        recorded and counted like any refusal."""
        httprequest = request.httprequest
        problem = None
        try:
            cls._oci_parse_now(httprequest, "args")
        except UnicodeDecodeError:
            problem = "encoding"
            httprequest.args = cls._oci_lenient_params(httprequest.query_string)
        try:
            if httprequest.mimetype == "application/x-www-form-urlencoded":
                httprequest.get_data(cache=True)
            cls._oci_parse_now(httprequest, "form")
        except (UnicodeDecodeError, werkzeug.exceptions.RequestEntityTooLarge) as exc:
            form = ImmutableMultiDict()
            if isinstance(exc, UnicodeDecodeError) or isinstance(exc.__cause__, UnicodeDecodeError):
                problem = problem or "encoding"
                if httprequest.mimetype == "application/x-www-form-urlencoded":
                    form = cls._oci_lenient_params(httprequest.get_data(cache=True))
            else:
                problem = "size"
            httprequest.form = form
            httprequest.files = ImmutableMultiDict()
        setattr(request, OCI_UNREADABLE, problem)

    @classmethod
    def _oci_parse_now(cls, httprequest, attribute):
        """Parse the request's ``args`` or ``form`` now: werkzeug parses them
        on first access (and caches them), so input that is not UTF-8 or too
        large fails here, where it is caught."""
        return getattr(httprequest, attribute)

    @classmethod
    def _oci_lenient_params(cls, raw):
        return ImmutableMultiDict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))

    @classmethod
    def _post_dispatch(cls, response):
        super()._post_dispatch(response)
        if not request.session.get(SESSION_KEY) or not request.db:
            return
        session = (
            getattr(request, "_oci_session_cache", None)
            or request.env["oci.session"].sudo().browse(request.session[SESSION_KEY]).exists()
        )
        headers = response.headers
        # Customer prices must not leak through shared caches or search engines.
        headers["Cache-Control"] = "no-store"
        headers["X-Robots-Tag"] = "noindex, nofollow"
        ancestors = session.connection_id.frame_ancestors
        if ancestors:
            headers.pop("X-Frame-Options", None)
            headers["Content-Security-Policy"] = f"frame-ancestors 'self' {ancestors}"
        if request.httprequest.scheme == "https":
            cls._oci_cross_site_cookie(headers)

    @classmethod
    def _oci_cross_site_cookie(cls, headers):
        """Procurement systems show the shop in a frame or popup of their own
        site: the session cookie must be sent cross-site (SameSite=None;
        Secure), which browsers only allow over https."""
        cookies = headers.getlist("Set-Cookie")
        if not any(_SESSION_COOKIE_RE.match(c) for c in cookies):
            return
        headers.remove("Set-Cookie")
        for cookie in cookies:
            if _SESSION_COOKIE_RE.match(cookie):
                parts = [
                    p
                    for p in cookie.split("; ")
                    if not p.lower().startswith(("samesite", "secure"))
                ]
                cookie = "; ".join(parts + ["Secure", "SameSite=None"])
            headers.add("Set-Cookie", cookie)
