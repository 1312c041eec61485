# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two requisitions at once through one technical SRM user, as SAP SRM does
it: two buyer harnesses (tests/buyer/oci_buyer.py), each with its own
browser (cookie jar) and its own HOOK_URL server, interleaving their steps.
Each hook must receive exactly its own cart."""

import sys
from pathlib import Path

from odoo.tests import HttpCase, tagged
from odoo.tests.common import TEST_CURSOR_COOKIE_NAME

from odoo.addons.oci_punchout.tests.common import OCI_SECRET, OciCommon

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "buyer"))
import oci_buyer  # noqa: E402


@tagged("post_install", "-at_install")
class TestConcurrentRequisitions(OciCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("oci_punchout.max_failures", 1000)

    def _buyer(self):
        buyer = oci_buyer.OciBuyer(
            cookies={TEST_CURSOR_COOKIE_NAME: self.http_request_key},
            before_request=self._sync,
        )
        self.addCleanup(buyer.close)
        return buyer

    def _sync(self):
        """The server shares this test's cursor: hand it our pending writes."""
        self.env.flush_all()
        self.env.invalidate_all()

    def _login(self, buyer, **kwargs):
        response = buyer.login(
            self.base_url(), self.connection.code, self.connection.username, OCI_SECRET, **kwargs
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("/shop"), response.url)
        return response

    def _items(self, items):
        return sorted((int(i["EXT_PRODUCT_ID"]), i["QUANTITY"]) for i in items)

    def test_two_requisitions_one_technical_user(self):
        x, y = self._buyer(), self._buyer()
        self.connection.hook_url_prefixes = f"{x.hook.base_url}/\n{y.hook.base_url}/"
        self._login(x)
        x.add_to_cart(self.product_cake.id, 2)
        self._login(y)
        y.add_to_cart(self.product_logo.id, 1)
        x.add_to_cart(self.product_fruit.id, 3)
        y.add_to_cart(self.product_cake.id, 5)

        items_y = y.transfer()
        items_x = x.transfer()
        self._sync()
        self.assertEqual(
            self._items(items_x), [(self.product_cake.id, "2"), (self.product_fruit.id, "3")]
        )
        self.assertEqual(
            self._items(items_y), [(self.product_cake.id, "5"), (self.product_logo.id, "1")]
        )
        # Each cart went to its own HOOK_URL, and only there.
        self.assertEqual(len(x.hook.received), 1)
        self.assertEqual(len(y.hook.received), 1)
        self.assertEqual(x.last_post["query"], x.hook_url.split("?", 1)[1])
        self.assertEqual(y.last_post["query"], y.hook_url.split("?", 1)[1])
        sessions = self.env["oci.session"].search(
            [("connection_id", "=", self.connection.id)], order="id"
        )
        self.assertEqual(sessions.mapped("state"), ["transferred", "transferred"])
        self.assertEqual(len(sessions.order_id), 2)
        quote_ids = {i["EXT_QUOTE_ID"] for i in items_x} | {i["EXT_QUOTE_ID"] for i in items_y}
        self.assertEqual(quote_ids, set(sessions.order_id.mapped("name")))

    def test_requisition_resumed_after_a_crash(self):
        """The browser of requisition X is gone (crash, closed window); the
        SRM opens the catalog again for the same requisition (same HOOK_URL)
        from a fresh browser: the open cart is resumed and transferred."""
        x = self._buyer()
        self.connection.hook_url_prefixes = f"{x.hook.base_url}/"
        self._login(x)
        x.add_to_cart(self.product_logo.id, 4)
        fresh = self._buyer()
        self._login(fresh, hook_url=x.hook_url)
        fresh.add_to_cart(self.product_cake.id, 1)
        items = fresh.transfer()
        self.assertEqual(
            self._items(items), [(self.product_cake.id, "1"), (self.product_logo.id, "4")]
        )
        self.assertEqual(len(x.hook.received), 1, "posted to the requisition's HOOK_URL")
