# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Several requisitions of one procurement user at once, over real HTTP, in
separate browsers (own cookie jars): every login keeps its own cart."""

from urllib.parse import urlsplit

from odoo.tests import tagged

from ..tools import oci_format
from .browser_common import CookieBrowser
from .http_common import OciHttpCommon

HOOK_X = "https://srm.example.com/sap/bc/hook?requisition=X"
HOOK_Y = "https://srm.example.com/sap/bc/hook?requisition=Y"


class _Browser(CookieBrowser):
    """One browser of an OCI requisition."""

    timeout = 30

    def login(self, hook_url, **extra):
        params = self.case._login_params(HOOK_URL=hook_url, **extra)
        response = self.request("POST", f"/oci/{self.case.connection.code}/login", data=params)
        self.case.assertEqual(response.status_code, 303, response.text[:500])
        return self.case.env["oci.session"].search(
            [("connection_id", "=", self.case.connection.id)], order="id desc", limit=1
        )

    def add(self, product, qty):
        response = super().add(product, qty)
        self.case.assertEqual(urlsplit(response.headers["Location"]).path, "/shop/cart")
        return response

    def transfer(self):
        """Press the transfer button; (form action, items) of the answer."""
        csrf = self.csrf("/shop/cart")
        response = self.request("POST", "/oci/transfer", data={"csrf_token": csrf})
        attrs, pairs, _doc = self.case._parse_form(response)
        return attrs["action"], oci_format.parse_cart_form(pairs)


@tagged("post_install", "-at_install")
class TestOciRequisitions(OciHttpCommon):
    def _lines(self, order):
        return sorted((line.product_id, line.product_uom_qty) for line in order.order_line)

    def test_two_requisitions_at_once_keep_their_own_carts(self):
        """One technical SRM user, fixed orderer, two requisitions in two
        browsers at the same time: each transfer carries its own lines to its
        own HOOK_URL; neither browser is ended by the other."""
        x, y = _Browser(self), _Browser(self)
        session_x = x.login(HOOK_X)
        x.add(self.product_cake, 2)
        session_y = y.login(HOOK_Y)
        self.assertNotEqual(session_x, session_y)
        self.assertEqual(session_x.state, "open", "the second login ends nothing")
        # Y's first visit of the cart: empty, never X's quotation (Odoo's
        # "restore the user's last cart" picks the orderer's latest draft).
        cart_y = y.request("GET", "/shop/cart")
        self.assertEqual(cart_y.status_code, 200)
        self.assertNotIn(self.product_cake.name, cart_y.text)
        self.assertFalse(session_y.order_id)
        y.add(self.product_logo, 1)
        x.add(self.product_fruit, 1)
        self.assertNotEqual(session_x.order_id, session_y.order_id)
        self.assertEqual(
            self._lines(session_x.order_id), [(self.product_cake, 2), (self.product_fruit, 1)]
        )
        self.assertEqual(self._lines(session_y.order_id), [(self.product_logo, 1)])
        self.assertEqual(session_x.order_id.oci_session_id, session_x)
        self.assertEqual(session_y.order_id.oci_session_id, session_y)

        action_y, items_y = y.transfer()
        self.assertEqual(action_y, HOOK_Y)
        self.assertEqual([i["EXT_PRODUCT_ID"] for i in items_y], [str(self.product_logo.id)])
        # X goes on after Y has transferred: no 410, its own cart.
        shop_x = x.request("GET", "/shop/cart")
        self.assertEqual(shop_x.status_code, 200)
        action_x, items_x = x.transfer()
        self.assertEqual(action_x, HOOK_X)
        self.assertCountEqual(
            [(i["EXT_PRODUCT_ID"], i["QUANTITY"]) for i in items_x],
            [(str(self.product_cake.id), "2"), (str(self.product_fruit.id), "1")],
        )
        self.assertEqual((session_x.state, session_y.state), ("transferred", "transferred"))
        self.assertEqual(session_x.order_id.oci_transfer_state, "transferred")
        self.assertEqual(session_y.order_id.oci_transfer_state, "transferred")

    def test_cart_of_a_requisition_in_another_browser_is_never_restored(self):
        """A draft left by an earlier (still open) requisition of the same
        orderer is not offered to a new one, not even after the first
        browser's cart was emptied."""
        x, y = _Browser(self), _Browser(self)
        session_x = x.login(HOOK_X)
        x.add(self.product_cake, 1)
        order_x = session_x.order_id
        session_y = y.login(HOOK_Y)
        for path in ("/shop/cart", "/shop"):
            y.request("GET", path)
        y.add(self.product_logo, 3)
        self.assertEqual(order_x.oci_session_id, session_x)
        self.assertEqual(session_x.order_id, order_x)
        self.assertEqual(self._lines(order_x), [(self.product_cake, 1)])
        self.assertEqual(self._lines(session_y.order_id), [(self.product_logo, 3)])
        # X cancels: Y still goes on with its own cart.
        response = x.request("POST", "/oci/cancel", data={"csrf_token": x.csrf("/shop/cart")})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(session_x.state, "cancelled")
        self.assertEqual(session_y.state, "open")
        _action, items = y.transfer()
        self.assertEqual([i["QUANTITY"] for i in items], ["3"])

    def test_same_hook_url_resumes_the_open_cart(self):
        """The same requisition coming back (same user, same HOOK_URL: the
        window was closed, the browser crashed) resumes its open cart; the
        older session ends as superseded."""
        x = _Browser(self)
        first = x.login(HOOK_X)
        x.add(self.product_cake, 2)
        order = first.order_id
        again = _Browser(self)
        second = again.login(HOOK_X)
        self.assertNotEqual(first, second)
        self.assertEqual(first.state, "expired")
        self.assertIn(f"#{second.id}", first.state_reason)
        self.assertEqual(second.order_id, order)
        self.assertEqual(order.oci_session_id, second)
        cart = again.request("GET", "/shop/cart")
        self.assertIn(self.product_cake.name, cart.text)
        # The old window is over: the clear "ended" page, not the cart.
        old = x.request("GET", "/shop/cart")
        self.assertEqual(old.status_code, 303)
        self.assertEqual(urlsplit(old.headers["Location"]).path, "/oci/ended")
        action, items = again.transfer()
        self.assertEqual(action, HOOK_X)
        self.assertEqual(
            [(i["EXT_PRODUCT_ID"], i["QUANTITY"]) for i in items],
            [(str(self.product_cake.id), "2")],
        )

    def test_login_after_a_transfer_starts_an_empty_cart(self):
        """The same HOOK_URL after the transfer is a new requisition: a
        transferred quotation is never reopened."""
        x = _Browser(self)
        first = x.login(HOOK_X)
        x.add(self.product_cake, 1)
        x.transfer()
        second = _Browser(self).login(HOOK_X)
        self.assertEqual(first.state, "transferred")
        self.assertFalse(second.order_id)
