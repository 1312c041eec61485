# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""HTTP helpers shared by the OCI round-trip tests over real HTTP (no tests
here, so nothing is collected twice)."""

import re
from urllib.parse import urlsplit

import lxml.html

import odoo
from odoo.tests import HttpCase

from .common import OciCommon

HOOK_URL = "https://srm.example.com/sap/bc/hook?sess=42&x=%20y&empty=&a=b%26c"
_CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


class OciHttpCommon(OciCommon, HttpCase):
    """HTTP helpers: a punchout login, website cart updates and a parser of
    the transfer form, as a browser sees them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Refusals are logged per address; tests must not throttle each other.
        cls.env["ir.config_parameter"].sudo().set_param("oci_punchout.max_failures", 1000)

    def _fresh_opener(self):
        """A browser without cookies (but with the test cursor cookie)."""
        self.opener.cookies.clear()
        self.opener.cookies[odoo.tests.common.TEST_CURSOR_COOKIE_NAME] = self.http_request_key

    def _url_login(self, connection=None):
        connection = connection or self.connection
        return f"/oci/{connection.code}/login"

    def _punchout(self, method="POST", connection=None, **extra):
        """Log in like the SRM does; returns the (not followed) response."""
        self._fresh_opener()
        params = self._login_params(connection, **dict({"HOOK_URL": HOOK_URL}, **extra))
        if method == "GET":
            response = self.opener.get(
                self.base_url() + self._url_login(connection),
                params=params,
                allow_redirects=False,
                timeout=20,
            )
        else:
            response = self.url_open(
                self._url_login(connection), data=params, allow_redirects=False
            )
        self.env.invalidate_all()
        return response

    def _csrf(self, url="/shop"):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, response.text[:500])
        match = _CSRF_RE.search(response.text)
        self.assertTrue(match, f"no csrf_token on {url}")
        return match.group(1)

    def _add_to_cart(self, product, qty, csrf=None):
        """The shop's own add-to-cart form post."""
        response = self.url_open(
            "/shop/cart/update",
            data={
                "product_id": product.id,
                "add_qty": qty,
                "csrf_token": csrf or self._csrf(),
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.assertEqual(urlsplit(response.headers["Location"]).path, "/shop/cart")
        self.env.invalidate_all()

    def _add_to_cart_json(self, product, qty):
        """The shop's JS add-to-cart (json route)."""
        response = self.opener.post(
            self.base_url() + "/shop/cart/update_json",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {"product_id": product.id, "add_qty": qty},
            },
            timeout=20,
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("error", response.json(), response.text[:500])
        self.env.invalidate_all()
        return response.json()["result"]

    def _post_button(self, url, csrf=None):
        response = self.url_open(
            url, data={"csrf_token": csrf or self._csrf("/shop/cart")}, allow_redirects=False
        )
        self.env.invalidate_all()
        return response

    def _parse_form(self, response):
        """(form attributes, [(name, value)]) of the auto-submit page."""
        self.assertEqual(response.status_code, 200, response.text[:800])
        doc = lxml.html.fromstring(response.content)
        forms = doc.xpath("//form[@id='oci_transfer_form']")
        self.assertEqual(len(forms), 1, "exactly one transfer form")
        form = forms[0]
        pairs = [
            (node.get("name"), node.get("value") or "")
            for node in form.iter("input")
            if node.get("name")
        ]
        return dict(form.attrib), pairs, doc

    def _session_of(self, response_or_opener=None):
        """The server-side web session of the current browser."""
        sid = self.opener.cookies.get("session_id")
        return odoo.http.root.session_store.get(sid) if sid else None

    def _current_oci_session(self):
        return self.env["oci.session"].search(
            [("connection_id", "=", self.connection.id)], order="id desc", limit=1
        )
