# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The whole OCI round-trip as an SRM sees it, over real HTTP, with the
buyer harness (tests/buyer/oci_buyer.py, its own cookie jar and a local hook
server): login, shop, transfer, the cart received at HOOK_URL, then the PO
sent back (tests/buyer/po_sender.py) confirming the quotation."""

import sys
import uuid
from pathlib import Path

import requests

from odoo.tests import HttpCase, tagged
from odoo.tests.common import TEST_CURSOR_COOKIE_NAME

from odoo.addons.oci_punchout.tests.common import OCI_SECRET, OciCommon

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "buyer"))
import oci_buyer  # noqa: E402
import po_sender  # noqa: E402

PO_IDENTITY = "AN01000000123"
PO_SECRET = "po-shared-secret"


@tagged("post_install", "-at_install")
class TestPunchoutRoundtrip(OciCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("oci_punchout.max_failures", 1000)
        cls.connection.write({"po_identity": PO_IDENTITY, "po_secret": PO_SECRET})

    def setUp(self):
        super().setUp()
        self.buyer = oci_buyer.OciBuyer(
            cookies={TEST_CURSOR_COOKIE_NAME: self.http_request_key},
            before_request=self._sync,
        )
        self.addCleanup(self.buyer.close)
        # The harness's hook server listens on its own free port.
        self.connection.hook_url_prefixes = self.buyer.hook.base_url + "/"

    def _sync(self):
        """The server shares this test's cursor: hand it our pending writes."""
        self.env.flush_all()
        self.env.invalidate_all()

    def _login(self, **kwargs):
        return self.buyer.login(
            self.base_url(), self.connection.code, self.connection.username, OCI_SECRET, **kwargs
        )

    def test_roundtrip_transfer_then_po(self):
        response = self._login()
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("/shop"), response.url)
        self.assertEqual(response.history[0].status_code, 303)
        self.assertIn("Zorggroep Test", response.text)
        self.buyer.add_to_cart(self.product_cake.id, 2)
        self.buyer.add_to_cart(self.product_logo.id, 1)
        self.buyer.add_to_cart(self.product_fruit.id, 3)
        items = self.buyer.transfer()
        self._sync()

        post = self.buyer.last_post
        self.assertEqual(post["method"], "POST")
        self.assertEqual(post["path"], "/sap/bc/hook")
        self.assertEqual(post["query"], self.buyer.hook_url.split("?", 1)[1], "query kept")
        self.assertEqual(post["headers"]["Content-Type"], "application/x-www-form-urlencoded")
        self.assertCountEqual(
            [(k, v) for k, v in post["pairs"] if k.startswith("~")],
            [("~OkCode", "ADDI"), ("~TARGET", "_top"), ("~CALLER", "CTLG")],
        )
        session = self.env["oci.session"].search(
            [("connection_id", "=", self.connection.id)], limit=1
        )
        order = session.order_id
        lines = order.order_line.sorted(lambda line: (line.sequence, line.id))
        self.assertEqual(len(items), 3)
        currency = self.company.currency_id.name
        expected = [
            (self.product_cake, "Slagroomtaart", "2", "C62", "32.5", "4411"),
            (
                self.product_logo,
                "Logotaart met uw eigen bedrijfslogo in e",
                "1",
                "C62",
                "54.95",
                "4412",
            ),
            (self.product_fruit, "Fruitmand", "3", "KGM", "39.95", ""),
        ]
        for item, (product, desc, qty, unit, price, nzi), line in zip(
            items, expected, lines, strict=True
        ):
            self.assertEqual(
                item,
                {
                    "DESCRIPTION": desc,
                    "MATNR": "",
                    "QUANTITY": qty,
                    "UNIT": unit,
                    "PRICE": price,
                    "PRICEUNIT": "1",
                    "CURRENCY": currency,
                    "LEADTIME": "1",
                    "VENDOR": "100234",
                    "VENDORMAT": product.default_code,
                    "MATGROUP": nzi,
                    "EXT_PRODUCT_ID": str(product.id),
                    "EXT_QUOTE_ID": order.name,
                    "EXT_QUOTE_ITEM": str(line.id),
                    "EXT_CATEGORY_ID": "",
                    "CUST_FIELD1": nzi,
                    "CUST_FIELD2": "",
                    "CUST_FIELD3": "",
                    "CUST_FIELD4": "",
                    "CUST_FIELD5": "Toptaarten",
                    "LONGTEXT": line.name,
                },
            )
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.oci_transfer_state, "transferred")
        self.assertEqual(session.state, "transferred")

        # The browser is logged out: a second transfer is refused (410).
        again = self.buyer.http.post(
            self.base_url() + "/oci/transfer", data={"csrf_token": "x"}, timeout=30
        )
        self.assertEqual(again.status_code, 410)

        # After approval the SRM sends the purchase order.
        xml = po_sender.build_cxml_order(
            items, "4500012345", f"{uuid.uuid4()}@srm.example", PO_IDENTITY, PO_SECRET
        )
        self._sync()
        http = requests.Session()
        http.cookies.set(TEST_CURSOR_COOKIE_NAME, self.http_request_key)
        status, cxml_code, text = po_sender.post_cxml(
            self.base_url(), self.connection.code, xml, session=http
        )
        self._sync()
        self.assertEqual((status, cxml_code), (200, 200), text)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.client_order_ref, "4500012345")

    def test_cancel(self):
        self._login(extra={"~TARGET": None, "returntarget": "_parent"})
        self.buyer.add_to_cart(self.product_cake.id, 1)
        items = self.buyer.cancel()
        self._sync()
        self.assertEqual(items, [])
        self.assertEqual(self.buyer.last_form["attrs"]["target"], "_parent")
        self.assertCountEqual(
            self.buyer.last_post["pairs"], [("~OkCode", "ADDI"), ("~CALLER", "CTLG")]
        )
        session = self.env["oci.session"].search(
            [("connection_id", "=", self.connection.id)], limit=1
        )
        self.assertEqual(session.state, "cancelled")
        self.assertEqual(session.order_id.state, "cancel")

    def test_validate(self):
        items = self.buyer.validate(
            self.base_url(),
            self.connection.code,
            self.connection.username,
            OCI_SECRET,
            self.product_logo.id,
            "2,5",
        )
        self.assertEqual(self.buyer.last_response.status_code, 200)
        self.assertFalse(self.buyer.last_response.history, "answered on the same URL")
        self.assertTrue(
            all(b["noscript"] for b in self.buyer.last_form["buttons"]),
            "VALIDATE shows no button (only a <noscript> fallback)",
        )
        self.assertEqual(len(items), 1)
        self.assertEqual(items[0]["EXT_PRODUCT_ID"], str(self.product_logo.id))
        self.assertEqual(items[0]["QUANTITY"], "2.5")
        self.assertEqual(items[0]["PRICE"], "54.95")

    def test_background_search_iso_8859_1(self):
        self.connection.charset = "iso-8859-1"
        self._create_product("Crème brûlée \u2013 Łódź", "TT-CB", 7.5, self.categ_cakes)
        items = self.buyer.search(
            self.base_url(), self.connection.code, self.connection.username, OCI_SECRET, "brûlée"
        )
        self.assertEqual(self.buyer.last_post["charset"], "iso-8859-1")
        # posted as Latin-1 bytes: é is one byte %E9
        self.assertIn(b"Cr%E8me+br%FBl%E9e", self.buyer.last_post["body"])
        self.assertEqual([i["DESCRIPTION"] for i in items], ["Crème brûlée - Lódz"])

    def test_refused_login(self):
        response = self.buyer.login(
            self.base_url(), self.connection.code, self.connection.username, "wrong"
        )
        self.assertEqual(response.status_code, 401)
        self.assertEqual(self.buyer.hook.received, [])
