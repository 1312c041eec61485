# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The cXML buyer harness (tests/buyer/cxml_buyer.py, its own cookie jar and
a local BrowserFormPost server) against the real shop over HTTP: setup,
StartPage, website cart, Transfer, the POOM decoded and checked, in both
encodings."""

import sys
from pathlib import Path

from odoo.tests import tagged
from odoo.tests.common import TEST_CURSOR_COOKIE_NAME

from .cxml_common import CXML_IDENTITY, CXML_SECRET, SHOP, CxmlHttpCommon

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "buyer"))
import cxml_buyer  # noqa: E402


@tagged("post_install", "-at_install")
class TestCxmlBuyerHarnessOdoo(CxmlHttpCommon):
    def _buyer(self, encoding):
        self.connection.cxml_poom_encoding = encoding
        buyer = cxml_buyer.CxmlBuyer(
            identity=CXML_IDENTITY,
            secret=CXML_SECRET,
            to=SHOP,
            encoding=encoding,
            cookies={TEST_CURSOR_COOKIE_NAME: self.http_request_key},
            before_request=self._sync,
        )
        self.addCleanup(buyer.close)
        self.connection.cxml_form_post_prefixes = buyer.hook.base_url + "/"
        return buyer

    def _sync(self):
        self.env.flush_all()
        self.env.invalidate_all()

    def test_harness_round_trip_both_encodings(self):
        for encoding in ("cxml-base64", "cxml-urlencoded"):
            with self.subTest(encoding=encoding):
                buyer = self._buyer(encoding)
                response = buyer.punchout(
                    self.base_url(), self.connection.code, contact=("Anna", "anna@zorg.example")
                )
                self.assertIn("Zorggroep Test", response.text)
                buyer.add_to_cart(self.product_cake.id, 2)
                buyer.add_to_cart(self.product_fruit.id, 1)
                order = buyer.transfer(path="/oci/cxml/transfer", operation_allowed="edit")
                self._sync()
                self.assertEqual(order.encoding, encoding)
                self.assertEqual(
                    sorted((i.supplier_part_id, i.quantity) for i in order.items),
                    [("TG-FRUIT", 1), ("TT-SLAG", 2)],
                )
                self.assertEqual(cxml_buyer.dtd_errors(order.xml) or None, None)
                session = self._session()
                self.assertEqual(session.state, "transferred")
                self.assertEqual(str(order.total), f"{session.order_id.amount_untaxed:.2f}")

    def test_harness_cancel(self):
        buyer = self._buyer("cxml-base64")
        buyer.punchout(self.base_url(), self.connection.code)
        buyer.add_to_cart(self.product_cake.id, 1)
        order = buyer.cancel(path="/oci/cxml/cancel")
        self.assertTrue(order.is_cancel)
        self._sync()
        self.assertEqual(self._session().state, "cancelled")
