# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A browser of the HTTP tests with its own cookie jar, so that several
browsers at once keep their own website sessions (no tests here)."""

import requests

from odoo.tests.common import TEST_CURSOR_COOKIE_NAME

from .http_common import _CSRF_RE


class CookieBrowser:
    """One browser: its own cookie jar (plus the test cursor cookie)."""

    timeout = 60
    csrf_path = "/shop"

    def __init__(self, case):
        self.case = case
        self.http = requests.Session()
        self.http.cookies.set(TEST_CURSOR_COOKIE_NAME, case.http_request_key)
        case.addCleanup(self.http.close)

    def request(self, method, path, **kwargs):
        # The server shares the test's cursor: hand it our pending writes.
        self.case.env.flush_all()
        kwargs.setdefault("allow_redirects", False)
        if path.startswith("/"):
            path = self.case.base_url() + path
        response = self.http.request(method, path, timeout=self.timeout, **kwargs)
        self.case.env.invalidate_all()
        return response

    def csrf(self, path=None):
        path = path or self.csrf_path
        response = self.request("GET", path)
        self.case.assertEqual(response.status_code, 200, f"GET {path}: {response.text[-3000:]}")
        return _CSRF_RE.search(response.text).group(1)

    def add(self, product, qty):
        """Add to the cart as the shop page's button does."""
        response = self.request(
            "POST",
            "/shop/cart/update",
            data={"product_id": product.id, "add_qty": qty, "csrf_token": self.csrf("/shop")},
        )
        self.case.assertEqual(response.status_code, 303, response.text[:500])
        return response
