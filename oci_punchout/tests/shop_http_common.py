# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Website shop steps of the HttpCase tests, as the test's browser
(``url_open``) takes them (no tests here)."""

from html.parser import HTMLParser

from .http_common import _CSRF_RE


class _HiddenInputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.pairs = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self.pairs.append((attrs["name"], attrs.get("value") or ""))


def hidden_inputs(html):
    """(name, value) of the hidden inputs of a page (an auto-submit form)."""
    parser = _HiddenInputs()
    parser.feed(html)
    return parser.pairs


class ShopHttpMixin:
    """The CSRF token of a page, add to cart, the orderer's draft cart."""

    def _csrf(self, url="/shop"):
        response = self.url_open(url)
        match = _CSRF_RE.search(response.text)
        self.assertTrue(match, f"no csrf_token on {url}")
        return match.group(1)

    def _cart_add(self, csrf, product, qty=1):
        return self.url_open(
            "/shop/cart/update",
            data={"csrf_token": csrf, "product_id": product.id, "add_qty": qty},
        )

    def _shop_cart(self):
        """The orderer logged in with a cake in the cart: (csrf, order)."""
        self.authenticate(self.orderer_user.login, self.orderer_user.login)
        csrf = self._csrf()
        self._cart_add(csrf, self.product_cake)
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.orderer.id), ("state", "=", "draft")],
            order="id desc",
            limit=1,
        )
        self.assertTrue(order)
        return csrf, order
