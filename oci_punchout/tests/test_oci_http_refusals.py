# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The OCI login refused over real HTTP (status codes, throttling, expired
sessions), the security headers and cookies, and customers kept apart."""

from unittest.mock import patch
from urllib.parse import urlsplit

from werkzeug.datastructures import Headers

import odoo
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .http_common import HOOK_URL, OciHttpCommon


@tagged("post_install", "-at_install")
class TestOciHttpRefusals(OciHttpCommon):
    """Refusals, headers and cookies, and customers kept apart."""

    # ------------------------------------------------------------------
    # Refusals
    # ------------------------------------------------------------------
    def _assert_refused_http(self, status, text, method="POST", code=None, **extra):
        if code:
            self._fresh_opener()
            response = self.url_open(
                f"/oci/{code}/login", data=self._login_params(**extra), allow_redirects=False
            )
        else:
            response = self._punchout(method, **extra)
        self.assertEqual(response.status_code, status, response.text[:500])
        self.assertNotIn("Location", response.headers)
        self.assertIn(text, response.text)
        self.assertEqual(response.headers.get("Cache-Control"), "no-store")
        web_session = self._session_of()
        self.assertFalse(web_session and web_session.uid, "nobody may be logged in")
        return response

    def test_refusals_over_http(self):
        self._assert_refused_http(401, "Wrong or missing credentials", PASSWORD="wrong")
        self._assert_refused_http(401, "Wrong or missing credentials", "GET", PASSWORD="wrong")
        self._assert_refused_http(404, "Unknown punchout connection", code="no-such-shop")
        self._fresh_opener()
        response = self.url_open(
            self._url_login(),
            data=self._login_params(HOOK_URL="https://evil.example.net/steal"),
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("allowed prefixes", response.text)
        response = self.url_open(
            self._url_login(),
            data=self._login_params(HOOK_URL="javascript:alert(document.cookie)"),
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertNotIn(
            "javascript:alert",
            response.text.split("<body>")[-1].split("Error")[0].replace("scheme 'javascript:'", ""),
        )
        self._assert_refused_http(413, "too long", note="x" * 5000)
        self._assert_refused_http(413, "Too many parameters", **{f"p{i}": "1" for i in range(120)})
        # A refusal in a browser where a buyer is logged in never hands out a
        # cookie of a logged-in session.
        self._punchout()
        self.assertEqual(self._session_of().uid, self.orderer_user.id)
        response = self.url_open(
            self._url_login(), data=self._login_params(PASSWORD="bad"), allow_redirects=False
        )
        self.assertEqual(response.status_code, 401)
        for cookie in response.raw.headers.getlist("Set-Cookie"):
            if cookie.startswith("session_id="):
                sid = cookie.split(";")[0].split("=", 1)[1]
                self.assertFalse(odoo.http.root.session_store.get(sid).uid)
        # and the earlier punchout does not go on in this browser
        self.assertFalse(self._session_of().uid)
        self.assertNotIn("o_oci_banner", self.url_open("/shop").text)

    def test_throttled_429(self):
        self.env["ir.config_parameter"].sudo().set_param("oci_punchout.max_failures", 2)
        self._assert_refused_http(401, "credentials", PASSWORD="bad")
        self._assert_refused_http(401, "credentials", PASSWORD="bad")
        self._assert_refused_http(429, "Too many failed attempts")

    def test_expired_session_410(self):
        self._punchout()
        self._add_to_cart(self.product_cake, 1)
        oci_session = self._current_oci_session()
        oci_session.expires_at = "2000-01-01 00:00:00"
        response = self.url_open("/shop", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(urlsplit(response.headers["Location"]).path, "/oci/ended")
        ended = self.url_open("/oci/ended")
        self.assertEqual(ended.status_code, 410)
        self.assertIn("has ended", ended.text)
        self.assertFalse(self._session_of().uid)

    def test_expired_session_transfer_410(self):
        self._punchout()
        self._add_to_cart(self.product_cake, 1)
        csrf = self._csrf("/shop/cart")
        self._current_oci_session().expires_at = "2000-01-01 00:00:00"
        response = self.url_open("/oci/transfer", data={"csrf_token": csrf}, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(urlsplit(response.headers["Location"]).path, "/oci/ended")
        ended = self.url_open(response.headers["Location"])
        self.assertEqual(ended.status_code, 410)
        self.assertIn("has ended", ended.text)
        self.assertFalse(self._session_of().uid)

    # ------------------------------------------------------------------
    # Headers
    # ------------------------------------------------------------------
    def test_frame_ancestors_header(self):
        self.connection.frame_ancestors = "https://srm.example.com"
        self._punchout()
        shop = self.url_open("/shop")
        self.assertEqual(
            shop.headers.get("Content-Security-Policy"),
            "frame-ancestors 'self' https://srm.example.com",
        )
        self.assertNotIn("X-Frame-Options", shop.headers)
        self.assertEqual(shop.headers.get("Cache-Control"), "no-store")

    def test_cross_site_cookie_helper(self):
        headers = Headers()
        headers.add("Set-Cookie", "frontend_lang=en_US; Path=/")
        headers.add("Set-Cookie", "session_id=abc; Expires=x; HttpOnly; Path=/; SameSite=Lax")
        self.env["ir.http"]._oci_cross_site_cookie(headers)
        cookies = headers.getlist("Set-Cookie")
        self.assertEqual(cookies[0], "frontend_lang=en_US; Path=/")
        self.assertEqual(
            cookies[1], "session_id=abc; Expires=x; HttpOnly; Path=/; Secure; SameSite=None"
        )

    def test_cross_site_cookie_over_https(self):
        """Behind a TLS proxy (proxy_mode), the punchout's session cookie is
        sent cross-site; over plain http it is left alone."""
        host = urlsplit(self.base_url()).netloc
        with patch.dict(odoo.tools.config.options, {"proxy_mode": True}):
            self._fresh_opener()
            response = self.url_open(
                self._url_login(),
                data=self._login_params(HOOK_URL=HOOK_URL),
                headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": host},
                allow_redirects=False,
            )
        self.assertEqual(response.status_code, 303)
        session_cookie = [
            c for c in response.raw.headers.getlist("Set-Cookie") if c.startswith("session_id=")
        ]
        self.assertEqual(len(session_cookie), 1)
        self.assertIn("; Secure", session_cookie[0])
        self.assertIn("SameSite=None", session_cookie[0])
        plain = self._punchout()
        session_cookie = [
            c for c in plain.raw.headers.getlist("Set-Cookie") if c.startswith("session_id=")
        ]
        self.assertNotIn("SameSite=None", session_cookie[0])

    # ------------------------------------------------------------------
    # Customers are separated
    # ------------------------------------------------------------------
    def test_portal_user_sees_only_own_customer(self):
        other_session = self._open_session(self.other_connection)
        other_order = self._cart(other_session, [(self.product_cake, 4)])
        other_order.action_quotation_sent()
        own_session = self._open_session()
        own_order = self._cart(own_session, [(self.product_logo, 1)])
        own_order.message_subscribe(self.orderer.ids)
        anna_env = self.env(user=self.orderer_user)
        with self.assertRaises(AccessError):
            anna_env["oci.session"].browse(other_session.id).read(["hook_url"])
        with self.assertRaises(AccessError):
            anna_env["oci.session"].browse(own_session.id).read(["hook_url"])
        with self.assertRaises(AccessError):
            anna_env["sale.order"].browse(other_order.id).read(["amount_total"])
        self.assertNotIn(other_order, anna_env["sale.order"].search([]))
        # over HTTP, outside punchout mode (a normal portal login)
        self.authenticate(self.orderer_user.login, self.orderer_user.login)
        response = self.url_open(f"/my/orders/{other_order.id}", allow_redirects=False)
        self.assertIn(response.status_code, (303, 403, 404))
        self.assertNotIn(other_order.name, response.text)
        if response.status_code == 303:
            self.assertEqual(urlsplit(response.headers["Location"]).path, "/my")
        own = self.url_open(f"/my/orders/{own_order.id}", allow_redirects=False)
        self.assertEqual(own.status_code, 200)
        self.assertIn(own_order.name, own.text)

    def test_prices_are_per_customer(self):
        # As when pricelists are enabled in the settings: a general default
        # pricelist comes first. (Without one, Odoo falls back to the first
        # pricelist it finds -- for every partner and visitor.)
        self.env["product.pricelist"].create(
            {"name": "Default", "currency_id": self.currency.id, "sequence": 1}
        )
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "Ander -50%",
                "currency_id": self.currency.id,
                "sequence": 100,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 50,
                        }
                    )
                ],
            }
        )
        self.other_connection.pricelist_id = pricelist
        self._punchout(connection=self.other_connection)
        page = self.url_open(self.product_cake.product_tmpl_id.website_url)
        self.assertIn("16.25", page.text)
        self._punchout()
        page = self.url_open(self.product_cake.product_tmpl_id.website_url)
        self.assertIn("32.50", page.text)
        self.assertNotIn("16.25", page.text)
