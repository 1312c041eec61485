# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A clean punchout cart: no checkout steps, no express checkout, a
discount-code field only when the connection allows it; web shoppers keep
all of it."""

import lxml.html

from odoo.tests import tagged

from .http_common import OciHttpCommon


@tagged("post_install", "-at_install")
class TestOciCartClean(OciHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.promo_pricelist = cls.env["product.pricelist"].create(
            {
                "name": "OCI promo",
                "code": "KORTING10",
                "currency_id": cls.currency.id,
                "selectable": True,
                "website_id": cls.website.id,
                "item_ids": [
                    (0, 0, {"compute_price": "percentage", "percent_price": 10.0}),
                ],
            }
        )

    def _cart_page(self):
        response = self.url_open("/shop/cart")
        self.assertEqual(response.status_code, 200, response.text[:500])
        return lxml.html.fromstring(response.content)

    def _assert_shop_look(self, doc):
        self.assertTrue(doc.xpath("//header"), "website header kept")
        self.assertTrue(doc.xpath("//div[hasclass('o_website_sale_checkout')]"))
        self.assertTrue(doc.xpath("//div[hasclass('o_total_card')]"), "cart summary kept")

    def _apply_code(self, csrf):
        return self.url_open(
            "/shop/pricelist",
            data={"promo": "KORTING10", "csrf_token": csrf},
            allow_redirects=False,
        )

    def test_punchout_cart_has_no_steps_nor_code(self):
        self._punchout()
        csrf = self._csrf()
        self._add_to_cart(self.product_cake, 1, csrf)
        doc = self._cart_page()
        self._assert_shop_look(doc)
        self.assertFalse(doc.xpath("//div[hasclass('o_wizard')]"), "no checkout steps")
        self.assertFalse(doc.xpath("//input[@name='promo']"), "no discount-code field")
        self.assertFalse(doc.xpath("//form[@name='coupon_code']"))
        self.assertTrue(doc.xpath("//button[hasclass('o_oci_cart_transfer')]"), "transfer kept")
        # A code posted anyway is not applied.
        order = self._current_oci_session().order_id
        pricelist = order.pricelist_id
        chosen = self._session_of().get("website_sale_current_pl")
        response = self._apply_code(csrf)
        self.assertEqual(response.status_code, 303)
        self.assertNotIn("code_not_available", response.headers["Location"])
        order.invalidate_recordset()
        self.assertEqual(order.pricelist_id, pricelist)
        self.assertEqual(self._session_of().get("website_sale_current_pl"), chosen)
        self.assertNotEqual(chosen, self.promo_pricelist.id, "code not taken")

    def test_punchout_cart_with_discount_codes_allowed(self):
        self.connection.allow_discount_codes = True
        self._punchout()
        csrf = self._csrf()
        self._add_to_cart(self.product_cake, 1, csrf)
        doc = self._cart_page()
        self.assertFalse(doc.xpath("//div[hasclass('o_wizard')]"), "no checkout steps")
        self.assertTrue(doc.xpath("//input[@name='promo']"), "discount-code field")
        response = self._apply_code(csrf)
        self.assertEqual(response.status_code, 303)
        # Handed to the shop's own code check (this promo pricelist is not one
        # of the punchout customer's), not refused unseen.
        self.assertIn("code_not_available", response.headers["Location"])

    def test_web_shopper_keeps_steps_and_code(self):
        self._fresh_opener()
        csrf = self._csrf()
        self._add_to_cart(self.product_cake, 1, csrf)
        doc = self._cart_page()
        self._assert_shop_look(doc)
        steps = doc.xpath("//div[hasclass('o_wizard')]")
        self.assertTrue(steps, "checkout steps for a web shopper")
        self.assertIn("Payment", steps[0].text_content())
        self.assertTrue(doc.xpath("//input[@name='promo']"), "discount-code field")
        self.assertEqual(self._apply_code(csrf).status_code, 303)
        self.assertEqual(
            self._session_of().get("website_sale_current_pl"),
            self.promo_pricelist.id,
            "a web shopper's code is taken",
        )

    def test_logged_in_business_orderer_outside_punchout_keeps_steps(self):
        self.authenticate(self.orderer_user.login, self.orderer_user.login)
        csrf = self._csrf()
        self._add_to_cart(self.product_cake, 1, csrf)
        doc = self._cart_page()
        self.assertTrue(doc.xpath("//div[hasclass('o_wizard')]"))
        self.assertTrue(doc.xpath("//input[@name='promo']"))
