# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""cXML punchout over real HTTP: PunchOutSetupRequest -> one-time StartPage
-> website cart -> PunchOutOrderMessage, and every refusal a cXML Status
inside HTTP 200."""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from odoo import fields
from odoo.tests import tagged

from ..tools import cxml_punchout as cx
from .cxml_common import CXML_SECRET, FORM_POST, CxmlBrowser, CxmlHttpCommon, dtd_errors

DATA = Path(__file__).parent / "data"


@tagged("post_install", "-at_install")
class TestCxmlPunchoutHttp(CxmlHttpCommon):
    def test_setup_startpage_cart_transfer(self):
        url = self._setup(contact=("Anna Orderer", "anna@zorg.example"))
        session = self._session()
        self.assertEqual(session.protocol, "cxml")
        self.assertEqual(session.hook_url, FORM_POST)
        self.assertEqual(session.orderer_id, self.orderer)
        # Only a hash of the one-time token is kept.
        token = urlsplit(url).path.rsplit("/", 1)[1]
        self.assertGreaterEqual(len(token), 40)
        self.assertNotIn(token, str(session.read()[0]))
        self.assertNotIn(CXML_SECRET, str(session.params))
        browser = CxmlBrowser(self)
        response = browser.start(url)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(urlsplit(response.headers["Location"]).path, "/shop")
        shop = browser.request("GET", "/shop")
        self.assertIn("o_oci_banner", shop.text)
        self.assertIn('action="/oci/cxml/transfer"', shop.text)
        self.assertIn('action="/oci/cxml/cancel"', shop.text)
        browser.add(self.product_cake, 2)
        browser.add(self.product_logo, 1)
        cart = browser.request("GET", "/shop/cart")
        self.assertIn('action="/oci/cxml/transfer"', cart.text)
        # the checkout stays closed
        checkout = browser.request("GET", "/shop/checkout")
        self.assertEqual(urlsplit(checkout.headers["Location"]).path, "/shop/cart")
        action, order, response = browser.press()
        self.assertEqual(action, FORM_POST)
        self.assertIn('name="cxml-base64"', response.text)
        self.assertFalse(order.carries_secret)
        self.assertNotIn(CXML_SECRET.encode(), order.xml)
        self.assertEqual(order.buyer_cookie, "cookie-1")
        self.assertEqual(order.operation_allowed, "edit")
        self.assertEqual(order.in_reply_to, session.cxml_payload_id)
        quotation = session.order_id
        self.assertEqual(quotation.oci_transfer_state, "transferred")
        self.assertEqual(order.total, Decimal(str(quotation.amount_untaxed)))
        self.assertEqual(sum(i.quantity * i.unit_price for i in order.items), order.total)
        by_part = {item.supplier_part_id: item for item in order.items}
        cake = by_part["TT-SLAG"]
        line = quotation.order_line.filtered(lambda ln: ln.product_id == self.product_cake)
        self.assertEqual(cake.supplier_part_auxiliary_id, f"{quotation.name}/{line.id}")
        self.assertEqual(cake.quantity, 2)
        self.assertEqual(cake.unit_price, Decimal("32.5"))
        self.assertEqual(cake.unit_of_measure, "C62")
        self.assertIn(("UNSPSC", "50181900"), cake.classifications)
        self.assertIn(("NZI", "4411"), cake.classifications)
        self.assertIn(("NZI", "4412"), by_part["TT-LOGO"].classifications)
        problems = dtd_errors(order.xml)
        self.assertFalse(problems, problems)
        self.assertEqual(session.state, "transferred")
        # The browser is logged out: the back button finds the session ended.
        again = browser.request("POST", "/oci/cxml/transfer", data={"csrf_token": "x"})
        self.assertIn(again.status_code, (303, 410))

    def test_urlencoded_encoding_and_cancel(self):
        self.connection.cxml_poom_encoding = "cxml-urlencoded"
        browser = CxmlBrowser(self)
        browser.start(self._setup(buyer_cookie="cookie-<&\"'>"))
        browser.add(self.product_cake, 1)
        session = self._session()
        quotation = session.order_id
        action, order, response = browser.press("/oci/cxml/cancel")
        self.assertIn('name="cxml-urlencoded"', response.text)
        self.assertEqual(action, FORM_POST)
        self.assertTrue(order.is_cancel)
        self.assertEqual(order.buyer_cookie, "cookie-<&\"'>")
        self.assertEqual(order.encoding, "cxml-urlencoded")
        self.assertFalse(dtd_errors(order.xml))
        self.assertEqual(session.state, "cancelled")
        self.assertEqual(quotation.state, "cancel")

    def test_bad_credentials_and_unknown_connection(self):
        cases = [
            (self._setup_xml(secret="wrong"), None, 401),
            (self._setup_xml(identity="AN-NOBODY"), None, 401),
            (self._setup_xml(secret=""), None, 401),
            (self._setup_xml(), "no-such-code", 404),
            # the other customer's secret does not open this connection
            (self._setup_xml(identity="AN-OTHER", secret="other-secret"), None, 401),
        ]
        for body, code, expected in cases:
            with self.subTest(expected=expected, code=code):
                status, text, detail, url = self._post_setup(body, code=code)
                self.assertEqual(status, expected, detail)
                self.assertFalse(url)
                self.assertNotIn("Traceback", detail)
        refused = self.env["oci.session"].search(
            [("connection_id", "=", self.connection.id), ("state", "=", "refused")]
        )
        self.assertEqual(len(refused), 4)
        self.assertFalse(refused.filtered(lambda s: s.user_id or s.order_id))
        self.assertNotIn("wrong", str(refused.mapped("params")))

    def test_oci_only_connection_refuses_cxml_and_cxml_only_refuses_oci(self):
        self.connection.punchout_protocol = "oci"
        status, _text, _detail, url = self._post_setup(self._setup_xml())
        self.assertEqual(status, 403)
        self.connection.punchout_protocol = "cxml"
        response = self.url_open(
            f"/oci/{self.connection.code}/login", data=self._login_params(), allow_redirects=False
        )
        self.assertEqual(response.status_code, 403)

    def test_replayed_payload_id(self):
        body = self._setup_xml()
        status, _t, _d, url = self._post_setup(body)
        self.assertEqual(status, 200)
        status, _t, detail, url2 = self._post_setup(body)
        self.assertEqual(status, 409, detail)
        self.assertFalse(url2)
        opened = self.env["oci.session"].search(
            [("connection_id", "=", self.connection.id), ("state", "=", "open")]
        )
        self.assertEqual(len(opened), 1)

    def test_startpage_once_and_expiry(self):
        url = self._setup()
        first = CxmlBrowser(self).start(url)
        self.assertEqual(first.status_code, 303)
        second = CxmlBrowser(self).start(url)
        self.assertEqual(second.status_code, 410)
        self.assertIn("already used or has expired", second.text)
        self.assertNotIn("o_oci_banner", second.text)
        # expired before use
        url = self._setup(buyer_cookie="late")
        session = self._session()
        session.cxml_start_expires_at = fields.Datetime.now() - timedelta(seconds=1)
        late = CxmlBrowser(self).start(url)
        self.assertEqual(late.status_code, 410)
        self.assertEqual(session.state, "expired")
        # unknown / forged token
        forged = CxmlBrowser(self).start("/oci/cxml/start/" + "A" * 43)
        self.assertEqual(forged.status_code, 404)

    def test_browser_form_post_outside_allow_list(self):
        for bad in (
            "https://evil.example.com/punchout/",
            "https://buyer.example.com.evil.net/punchout/",
            "https://buyer.example.com/other/",
        ):
            with self.subTest(url=bad):
                status, _t, detail, url = self._post_setup(self._setup_xml(url=bad))
                self.assertEqual(status, 400)
                self.assertIn("BrowserFormPost", detail)
                self.assertFalse(url)

    def test_hostile_documents(self):
        self.env["ir.config_parameter"].sudo().set_param("oci_punchout.po_max_bytes", 50000)
        big = self._setup_xml(extrinsics={"Note": "x" * 3000}).replace(
            b"</cXML>", b"<!--" + b"y" * 60000 + b"--></cXML>"
        )
        cases = [
            ((DATA / "cxml_xxe.xml").read_bytes(), 400),
            ((DATA / "cxml_billion_laughs.xml").read_bytes(), 400),
            (b"not xml at all", 400),
            (b"<cXML payloadID='x'><Header/></cXML>", 400),
            (big, 413),
            (self._setup_xml().replace(b"NetworkID", b"Network\x00ID", 1), 400),
        ]
        for body, expected in cases:
            with self.subTest(expected=expected, body=body[:40]):
                status, _text, detail, url = self._post_setup(body)
                self.assertEqual(status, expected, detail)
                self.assertFalse(url)
                self.assertNotIn("/etc/passwd", detail)
                self.assertNotIn("root:", detail)
        # not XML at all: a Status too, never an HTTP error
        status, _t, _d, _u = self._post_setup(self._setup_xml(), content_type="text/plain")
        self.assertEqual(status, 400)
        self.assertFalse(
            self.env["oci.session"].search(
                [("connection_id", "=", self.connection.id), ("state", "=", "open")]
            )
        )

    def test_unknown_operation(self):
        body = self._setup_xml().replace(b'operation="create"', b'operation="delete"')
        status, _t, detail, url = self._post_setup(body)
        self.assertEqual(status, 406, detail)
        self.assertFalse(url)

    def test_two_sessions_of_one_buyer_keep_their_carts(self):
        x, y = CxmlBrowser(self), CxmlBrowser(self)
        x.start(self._setup(buyer_cookie="X"))
        session_x = self._session()
        y.start(self._setup(buyer_cookie="Y"))
        session_y = self._session()
        self.assertNotEqual(session_x, session_y)
        x.add(self.product_cake, 1)
        y.add(self.product_fruit, 4)
        x.add(self.product_logo, 2)
        _a, order_y, _r = y.press()
        _a, order_x, _r = x.press()
        self.assertEqual(order_x.buyer_cookie, "X")
        self.assertEqual(order_y.buyer_cookie, "Y")
        self.assertEqual(
            sorted((i.supplier_part_id, i.quantity) for i in order_x.items),
            [("TT-LOGO", 2), ("TT-SLAG", 1)],
        )
        self.assertEqual(
            [(i.supplier_part_id, i.quantity) for i in order_y.items], [("TG-FRUIT", 4)]
        )
        self.assertNotEqual(session_x.order_id, session_y.order_id)

    def test_branch_cost_center_and_orderer_from_extrinsics(self):
        self.connection.write(
            {"orderer_mode": "param", "orderer_param": "email", "orderer_auto_create": True}
        )
        url = self._setup(
            extrinsics={"UserEmail": "new.buyer@zorg.example", "CostCenter": "KP-77"},
            contact=("New Buyer", "new.buyer@zorg.example"),
            ship_to=cx.Address(address_id="NOORD", name="Locatie Noord"),
        )
        session = self._session()
        self.assertEqual(session.orderer_id.email, "new.buyer@zorg.example")
        self.assertEqual(session.orderer_id.commercial_partner_id, self.customer)
        browser = CxmlBrowser(self)
        browser.start(url)
        browser.add(self.product_cake, 1)
        self.assertEqual(session.order_id.partner_shipping_id, self.branch)
        self.assertEqual(session.order_id.oci_cost_center, "KP-77")
        _a, order, _r = browser.press()
        extrinsics = dict(order.items[0].extrinsics)
        self.assertEqual(extrinsics.get("Branch"), "NOORD")
        self.assertEqual(extrinsics.get("CostCenter"), "KP-77")
