# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The OCI round-trip over real HTTP: the login, the shop in punchout mode and
the FUNCTIONs (DETAIL, VALIDATE, BACKGROUND_SEARCH) as a procurement system
and a buyer's browser see them."""

from urllib.parse import urlsplit

import lxml.html

from odoo import Command
from odoo.tests import tagged

from ..tools import oci_format
from .http_common import HOOK_URL, OciHttpCommon


@tagged("post_install", "-at_install")
class TestOciHttp(OciHttpCommon):
    """Login, the shop in punchout mode and the OCI FUNCTIONs."""

    # ------------------------------------------------------------------
    # Login and the shop in punchout mode
    # ------------------------------------------------------------------
    def _assert_logged_in_shop(self, response):
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.assertEqual(urlsplit(response.headers["Location"]).path, "/shop")
        self.assertEqual(response.headers.get("Cache-Control"), "no-store")
        web_session = self._session_of()
        self.assertEqual(web_session.uid, self.orderer_user.id)
        oci_session = self._current_oci_session()
        self.assertEqual(oci_session.state, "open")
        self.assertEqual(oci_session.hook_url, HOOK_URL)
        shop = self.url_open("/shop")
        self.assertEqual(shop.status_code, 200)
        doc = lxml.html.fromstring(shop.content)
        banner = doc.xpath("//div[contains(@class, 'o_oci_banner')]")
        self.assertEqual(len(banner), 1, "punchout banner shown")
        self.assertEqual(
            banner[0].xpath(".//strong[hasclass('o_oci_customer')]")[0].text_content(),
            "Zorggroep Test",
        )
        self.assertIn(self.orderer.name, banner[0].text_content())
        self.assertEqual(shop.headers.get("Cache-Control"), "no-store")
        self.assertIn("noindex", shop.headers.get("X-Robots-Tag", ""))

    def test_login_post_redirects_to_shop(self):
        self._assert_logged_in_shop(self._punchout("POST"))

    def test_login_get_redirects_to_shop(self):
        self._assert_logged_in_shop(self._punchout("GET"))

    def test_closed_pages_redirect_to_cart(self):
        self._punchout()
        self._add_to_cart(self.product_cake, 1)
        for url in ("/shop/checkout", "/shop/payment", "/my", "/my/orders", "/shop/address"):
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 303, url)
            self.assertEqual(urlsplit(response.headers["Location"]).path, "/shop/cart", url)
        cart = self.url_open("/shop/cart")
        doc = lxml.html.fromstring(cart.content)
        self.assertTrue(doc.xpath("//button[hasclass('o_oci_cart_transfer')]"))
        self.assertFalse(
            doc.xpath("//a[@name='website_sale_main_button']"),
            "no checkout button in punchout mode",
        )

    def test_outside_punchout_no_banner(self):
        self._fresh_opener()
        shop = self.url_open("/shop")
        self.assertEqual(shop.status_code, 200)
        self.assertNotIn("o_oci_banner", shop.text)
        self.assertNotEqual(shop.headers.get("Cache-Control"), "no-store")

    # ------------------------------------------------------------------
    # FUNCTIONs
    # ------------------------------------------------------------------
    def test_validate_same_url_one_item(self):
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "Zorg -20%",
                "currency_id": self.currency.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 20,
                        }
                    )
                ],
            }
        )
        self.connection.pricelist_id = pricelist
        response = self._punchout(
            FUNCTION="VALIDATE", PRODUCTID=str(self.product_cake.id), QUANTITY="2,5"
        )
        self.assertEqual(response.status_code, 200, "answered on the same URL, no redirect")
        self.assertNotIn("Location", response.headers)
        attrs, pairs, doc = self._parse_form(response)
        self.assertEqual(attrs["action"], HOOK_URL)
        self.assertTrue(doc.xpath("//script[contains(text(), 'oci_transfer_form')]"))
        self.assertFalse(
            doc.xpath("//button[@id='oci_transfer_submit']"), "VALIDATE hides the submit button"
        )
        items = oci_format.parse_cart_form(pairs)
        self.assertEqual(len(items), 1)
        self.assertEqual(items[0]["EXT_PRODUCT_ID"], str(self.product_cake.id))
        self.assertEqual(items[0]["QUANTITY"], "2.5")
        self.assertEqual(items[0]["PRICE"], "26")  # 32.50 - 20 %
        self.assertFalse(self._session_of() and self._session_of().uid, "nobody logged in")

    def test_background_search_only_customer_catalog(self):
        hidden = self._create_product(
            "Slagroomtaart geheim", "TT-SLAG-H", 1.0, self.categ_cakes, is_published=False
        )
        not_sold = self._create_product(
            "Slagroomtaart intern", "TT-SLAG-I", 1.0, self.categ_cakes, sale_ok=False
        )
        response = self._punchout(FUNCTION="BACKGROUND_SEARCH", SEARCHSTRING="slagroom")
        self.assertEqual(response.status_code, 200)
        _attrs, pairs, _doc = self._parse_form(response)
        found = {item["EXT_PRODUCT_ID"] for item in oci_format.parse_cart_form(pairs)}
        self.assertIn(str(self.product_cake.id), found)
        self.assertNotIn(str(hidden.id), found)
        self.assertNotIn(str(not_sold.id), found)
        products = self.env["product.product"].browse(int(i) for i in found)
        self.assertTrue(all(p.is_published and p.sale_ok for p in products))

    def test_functions_respect_assortment(self):
        """The customer's assortment (res.partner._oci_assortment_domain) and
        the shop's company bound what the FUNCTIONs answer."""
        other_company = self.env["res.company"].create({"name": "Other Shop BV"})
        self._create_product(
            "Slagroomtaart elders", "OT-SLAG", 1.0, self.categ_cakes, company_id=other_company.id
        )
        other_categ = self.env["product.category"].create({"name": "OCI Gebak"})
        outside = self._create_product("Slagroomtaart gebak", "GB-SLAG", 1.0, other_categ)
        self.customer.oci_assortment_categ_ids = self.categ_cakes
        response = self._punchout(FUNCTION="BACKGROUND_SEARCH", SEARCHSTRING="slagroomtaart")
        _attrs, pairs, _doc = self._parse_form(response)
        found = [item["VENDORMAT"] for item in oci_format.parse_cart_form(pairs)]
        self.assertIn("TT-SLAG", found)
        self.assertNotIn("OT-SLAG", found)
        self.assertNotIn("GB-SLAG", found)
        # VALIDATE of a product outside the assortment: nothing to order
        response = self._punchout(FUNCTION="VALIDATE", PRODUCTID=str(outside.id))
        _attrs, pairs, _doc = self._parse_form(response)
        self.assertEqual(oci_format.parse_cart_form(pairs), [])
        # the other customer, without an assortment, finds it
        response = self._punchout(
            connection=self.other_connection,
            FUNCTION="BACKGROUND_SEARCH",
            SEARCHSTRING="slagroomtaart",
        )
        _attrs, pairs, _doc = self._parse_form(response)
        found = [item["VENDORMAT"] for item in oci_format.parse_cart_form(pairs)]
        self.assertIn("GB-SLAG", found)

    def test_functions_for_unknown_products(self):
        hidden = self._create_product(
            "Geheime taart", "TT-GEHEIM", 1.0, self.categ_cakes, is_published=False
        )
        # VALIDATE of a product the customer may not order: an empty answer
        response = self._punchout(FUNCTION="VALIDATE", PRODUCTID=str(hidden.id))
        _attrs, pairs, _doc = self._parse_form(response)
        self.assertEqual(oci_format.parse_cart_form(pairs), [])
        self.assertCountEqual([k for k, _v in pairs], ["~OkCode", "~TARGET", "~CALLER"])
        # BACKGROUND_SEARCH without hits: an empty answer on the same URL
        response = self._punchout(FUNCTION="BACKGROUND_SEARCH", SEARCHSTRING="geheim")
        _attrs, pairs, _doc = self._parse_form(response)
        self.assertEqual(oci_format.parse_cart_form(pairs), [])
        # DETAIL of it: a clear 404 page, nobody logged in
        response = self._punchout(FUNCTION="DETAIL", PRODUCTID=str(hidden.id))
        self.assertEqual(response.status_code, 404)
        self.assertIn("not in your catalog", response.text)
        self.assertFalse(self._session_of() and self._session_of().uid)
        # DETAIL by our SKU (EXT_PRODUCT_ID may be a default_code too)
        response = self._punchout(FUNCTION="DETAIL", PRODUCTID="TT-SLAG")
        self.assertEqual(
            urlsplit(response.headers["Location"]).path,
            self.product_cake.product_tmpl_id.website_url,
        )

    def test_detail_redirects_to_product(self):
        response = self._punchout(FUNCTION="DETAIL", PRODUCTID=str(self.product_logo.id))
        self.assertEqual(response.status_code, 303)
        self.assertEqual(
            urlsplit(response.headers["Location"]).path,
            self.product_logo.product_tmpl_id.website_url,
        )
        page = self.url_open(response.headers["Location"])
        self.assertEqual(page.status_code, 200)
        self.assertIn("Logotaart", page.text)
