# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The backend's test buyer tries a connection by cXML: the staff member's
PunchOutSetupRequest (handled in-process), the StartPage, and the receive
page decoding the PunchOutOrderMessage."""

import re
from decimal import Decimal
from html import unescape
from urllib.parse import urlsplit

from odoo.tests import new_test_user, tagged

from ..tools import cxml_punchout as cx
from .cxml_common import CXML_SECRET, CxmlBrowser, CxmlHttpCommon

PAGE = "/oci/test-buyer"
RECEIVE = "/oci/test-buyer/cxml/receive"
_CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestCxmlTestBuyer(CxmlHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.connection.test_mode = True
        new_test_user(
            cls.env,
            login="sam_cxml_tb",
            password="sam_cxml_tb",
            groups="sales_team.group_sale_salesman",
        )

    def _staff_page(self):
        self.authenticate("sam_cxml_tb", "sam_cxml_tb")
        page = self.url_open(f"{PAGE}?connection={self.connection.id}")
        self.assertEqual(page.status_code, 200)
        return page

    def _try(self, secret, **extra):
        page = self._staff_page()
        data = {
            "csrf_token": _CSRF_RE.search(page.text).group(1),
            "connection": self.connection.id,
            "shared_secret": secret,
            **extra,
        }
        self.env.flush_all()
        response = self.url_open(f"{PAGE}/cxml", data=data, allow_redirects=False)
        self.env.invalidate_all()
        return response

    def test_page_shows_the_cxml_form(self):
        page = self._staff_page()
        self.assertIn('id="oci_test_buyer_cxml_form"', page.text)
        self.assertIn('action="/oci/test-buyer/cxml"', page.text)
        # An OCI-only connection offers no cXML form.
        self.connection.punchout_protocol = "oci"
        page = self.url_open(f"{PAGE}?connection={self.connection.id}")
        self.assertNotIn("oci_test_buyer_cxml_form", page.text)

    def test_wrong_secret_refused(self):
        response = self._try("not-the-secret")
        self.assertEqual(response.status_code, 401)
        self.assertIn("Wrong or missing credentials.", response.text)
        self.assertNotIn("not-the-secret", response.text)
        session = self._session()
        self.assertEqual(session.state, "refused")
        self.assertNotIn("not-the-secret", str(session.read()[0]))

    def test_form_post_url_needs_test_mode(self):
        self.connection.test_mode = False
        response = self._try(CXML_SECRET)
        self.assertEqual(response.status_code, 400)
        self.assertIn("BrowserFormPost URL is not allowed", response.text)
        # The receive path is no exception for an ordinary setup request.
        self.connection.test_mode = True
        status, _text, _detail, url = self._post_setup(
            self._setup_xml(url=f"https://evil.example{RECEIVE}")
        )
        self.assertEqual(status, 400)
        self.assertFalse(url)

    def test_setup_startpage_transfer_and_receive(self):
        response = self._try(CXML_SECRET, email="anna@zorg.example")
        self.assertEqual(response.status_code, 303, response.text[:800])
        start_url = response.headers["Location"]
        self.assertIn("/oci/cxml/start/", start_url)
        session = self._session()
        self.assertEqual(session.protocol, "cxml")
        self.assertEqual(
            session.hook_url, f"{self.connection._get_website().get_base_url()}{RECEIVE}"
        )
        self.assertEqual(session.orderer_id, self.orderer)
        self.assertNotIn(CXML_SECRET, str(session.read()[0]))
        # The browser follows the StartPage: the shop in punchout mode.
        browser = CxmlBrowser(self)
        started = browser.start(start_url)
        self.assertEqual(started.status_code, 303)
        self.assertEqual(urlsplit(started.headers["Location"]).path, "/shop")
        shop = browser.request("GET", "/shop")
        self.assertIn("o_oci_banner", shop.text)
        browser.add(self.product_cake, 2)
        action, order, _response = browser.press()
        self.assertEqual(action, session.hook_url)
        self.assertEqual(order.buyer_cookie, session.cxml_buyer_cookie)
        # The order message posted to the receive page is shown decoded.
        pairs = cx.form_fields(order.xml, "cxml-base64")
        shown = browser.request("POST", RECEIVE, data=dict(pairs))
        self.assertEqual(shown.status_code, 200, shown.text[:800])
        text = unescape(shown.text)
        self.assertIn(order.buyer_cookie, text)
        self.assertIn(order.operation_allowed, text)
        self.assertIn(str(order.total), text)
        self.assertEqual(shown.text.count('class="o_oci_cxml_item"'), 1)
        item = order.items[0]
        self.assertEqual(item.supplier_part_id, "TT-SLAG")
        for value in (
            item.supplier_part_id,
            item.supplier_part_auxiliary_id,
            str(item.unit_price),
            item.description,
            "UNSPSC: 50181900",
        ):
            self.assertIn(value, text)
        # The raw XML is escaped inside the <pre>.
        self.assertIn("&lt;PunchOutOrderMessage", shown.text)
        self.assertNotIn("<PunchOutOrderMessage", shown.text)

    def test_receive_urlencoded_built_message(self):
        item = cx.PoomItem(
            "TT-X<1>",
            Decimal(3),
            Decimal("4.25"),
            "Taart & <b>kaars</b>",
            "C62",
            classifications=(("UNSPSC", "50181900"), ("NZI", "4411")),
            supplier_part_auxiliary_id="SO1/7",
        )
        xml = cx.build_order_message(
            "cookie-<x>",
            [item],
            "EUR",
            Decimal("12.75"),
            ("DUNS", "1"),
            ("NetworkID", "AN1"),
            operation_allowed="create",
        )
        pairs = cx.form_fields(xml, "cxml-urlencoded")
        shown = self.url_open(RECEIVE, data=dict(pairs))
        self.assertEqual(shown.status_code, 200, shown.text[:800])
        self.assertIn("cookie-&lt;x&gt;", shown.text)
        self.assertIn("Taart &amp; &lt;b&gt;kaars&lt;/b&gt;", shown.text)
        self.assertNotIn("<b>kaars</b>", shown.text)
        text = unescape(shown.text)
        for value in ("TT-X<1>", "SO1/7", "4.25", "12.75", "create", "NZI: 4411"):
            self.assertIn(value, text)

    def test_receive_malformed_is_400(self):
        for data in (
            {"other": "field"},
            {"cxml-base64": "not base64 !!"},
            {"cxml-urlencoded": "<cXML><broken"},
            {"cxml-urlencoded": "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>"},
            {"cxml-urlencoded": "<cXML>\x00</cXML>"},
            {"cxml-base64": "PGNYTUwvPg==", "cxml-urlencoded": "<cXML/>"},
        ):
            with self.subTest(data=list(data)):
                response = self.url_open(RECEIVE, data=data)
                self.assertEqual(response.status_code, 400, response.text[:500])
                self.assertIn("o_oci_cxml_error", response.text)
                self.assertNotIn("root:", response.text)

    def test_portal_and_public_refused(self):
        # public: redirected to the login page, nothing handled
        self.env.flush_all()
        response = self.url_open(
            f"{PAGE}/cxml",
            data={"connection": self.connection.id, "shared_secret": CXML_SECRET},
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (303, 400, 403))
        self.assertNotIn("/oci/cxml/start/", response.headers.get("Location", ""))
        # portal (the orderer): forbidden
        self.orderer_user.password = "anna_pw_123"
        self.authenticate(self.orderer_user.login, "anna_pw_123")
        self.assertEqual(self.url_open(f"{PAGE}?connection={self.connection.id}").status_code, 403)
        token = _CSRF_RE.search(self.url_open("/shop").text).group(1)
        response = self.url_open(
            f"{PAGE}/cxml",
            data={
                "csrf_token": token,
                "connection": self.connection.id,
                "shared_secret": CXML_SECRET,
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 403)
        self.env.invalidate_all()
        self.assertFalse(
            self.env["oci.session"].search_count([("connection_id", "=", self.connection.id)])
        )
