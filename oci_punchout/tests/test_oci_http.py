# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The OCI round-trip over real HTTP: what a procurement system and a buyer's
browser see (status codes, redirects, headers, the auto-submit form)."""

import re
from unittest.mock import patch
from urllib.parse import urlsplit

import lxml.html
from werkzeug.datastructures import Headers

import odoo
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from ..tools import oci_format
from .common import OciCommon

HOOK_URL = "https://srm.example.com/sap/bc/hook?sess=42&x=%20y&empty=&a=b%26c"
_CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


class OciHttpCommon(OciCommon, HttpCase):
    """HTTP helpers: a punchout login, website cart updates and a parser of
    the transfer form, as a browser sees them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Refusals are logged per address; tests must not throttle each other.
        cls.env["ir.config_parameter"].sudo().set_param("oci_punchout.max_failures", 1000)

    def _fresh_opener(self):
        """A browser without cookies (but with the test cursor cookie)."""
        self.opener.cookies.clear()
        self.opener.cookies[odoo.tests.common.TEST_CURSOR_COOKIE_NAME] = self.http_request_key

    def _url_login(self, connection=None):
        connection = connection or self.connection
        return f"/oci/{connection.code}/login"

    def _punchout(self, method="POST", connection=None, **extra):
        """Log in like the SRM does; returns the (not followed) response."""
        self._fresh_opener()
        params = self._login_params(connection, **dict({"HOOK_URL": HOOK_URL}, **extra))
        if method == "GET":
            response = self.opener.get(
                self.base_url() + self._url_login(connection),
                params=params,
                allow_redirects=False,
                timeout=20,
            )
        else:
            response = self.url_open(
                self._url_login(connection), data=params, allow_redirects=False
            )
        self.env.invalidate_all()
        return response

    def _csrf(self, url="/shop"):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, response.text[:500])
        match = _CSRF_RE.search(response.text)
        self.assertTrue(match, f"no csrf_token on {url}")
        return match.group(1)

    def _add_to_cart(self, product, qty, csrf=None):
        """The shop's own add-to-cart form post."""
        response = self.url_open(
            "/shop/cart/update",
            data={
                "product_id": product.id,
                "add_qty": qty,
                "csrf_token": csrf or self._csrf(),
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.assertEqual(urlsplit(response.headers["Location"]).path, "/shop/cart")
        self.env.invalidate_all()

    def _add_to_cart_json(self, product, qty):
        """The shop's JS add-to-cart (json route)."""
        response = self.opener.post(
            self.base_url() + "/shop/cart/update_json",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {"product_id": product.id, "add_qty": qty},
            },
            timeout=20,
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("error", response.json(), response.text[:500])
        self.env.invalidate_all()
        return response.json()["result"]

    def _post_button(self, url, csrf=None):
        response = self.url_open(
            url, data={"csrf_token": csrf or self._csrf("/shop/cart")}, allow_redirects=False
        )
        self.env.invalidate_all()
        return response

    def _parse_form(self, response):
        """(form attributes, [(name, value)]) of the auto-submit page."""
        self.assertEqual(response.status_code, 200, response.text[:800])
        doc = lxml.html.fromstring(response.content)
        forms = doc.xpath("//form[@id='oci_transfer_form']")
        self.assertEqual(len(forms), 1, "exactly one transfer form")
        form = forms[0]
        pairs = [
            (node.get("name"), node.get("value") or "")
            for node in form.iter("input")
            if node.get("name")
        ]
        return dict(form.attrib), pairs, doc

    def _session_of(self, response_or_opener=None):
        """The server-side web session of the current browser."""
        sid = self.opener.cookies.get("session_id")
        return odoo.http.root.session_store.get(sid) if sid else None

    def _current_oci_session(self):
        return self.env["oci.session"].search(
            [("connection_id", "=", self.connection.id)], order="id desc", limit=1
        )


@tagged("post_install", "-at_install")
class TestOciHttp(OciHttpCommon):
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
    # Transfer
    # ------------------------------------------------------------------
    def _formatting_setup(self):
        """Products covering every formatting rule, and a 10% pricelist."""
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "Zorg -10%",
                "currency_id": self.currency.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 10,
                        }
                    )
                ],
            }
        )
        # no unit override: kg goes out as its UN/ECE code KGM, Units as C62
        self.connection.pricelist_id = pricelist
        self.product_cake.sale_delay = 3
        tax = self.env["account.tax"].create(
            {
                "name": "BTW 21% incl.",
                "amount": 21,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "price_include_override": "tax_included",
                "company_id": self.company.id,
            }
        )
        taxed = self._create_product(
            "Bloemstuk", "TB-BLOEM", 121.0, self.categ_cakes, taxes_id=[Command.set(tax.ids)]
        )
        evil = self._create_product('"><script>alert(1)</script>', "X<&>", 5.0, self.categ_cakes)
        # 39 ASCII characters then "e" + combining acute: one character at
        # position 40 that must not be split.
        # in a sub-category without own code: the parent category's NZI code
        accented = self._create_product(
            "Taart " + "x" * 33 + "e\u0301 met slagroom", "TT-ACC", 10.0, self.categ_sub
        )
        return taxed, evil, accented

    def test_transfer_form(self):
        taxed, evil, accented = self._formatting_setup()
        self._punchout(**{"~TARGET": "_parent", "~CALLER": "CTLG"})
        csrf = self._csrf()
        self._add_to_cart(self.product_cake, 2, csrf)
        self._add_to_cart(self.product_logo, 1, csrf)
        self._add_to_cart_json(self.product_fruit, 2)
        self._add_to_cart(taxed, 1, csrf)
        self._add_to_cart(evil, 1, csrf)
        self._add_to_cart(accented, 3, csrf)
        oci_session = self._current_oci_session()
        order = oci_session.order_id
        self.assertEqual(len(order.order_line), 6)
        # The shop only adds whole units; a decimal quantity (kg) set on the
        # quotation must come out with a dot.
        fruit_line = order.order_line.filtered(lambda line: line.product_id == self.product_fruit)
        fruit_line.product_uom_qty = 1.5

        response = self._post_button("/oci/transfer")
        self.assertEqual(response.headers.get("Cache-Control"), "no-store")
        attrs, pairs, doc = self._parse_form(response)
        # action is HOOK_URL byte for byte (only attribute-escaped in HTML)
        self.assertEqual(attrs["action"], HOOK_URL)
        self.assertIn(
            'action="https://srm.example.com/sap/bc/hook?sess=42&amp;x=%20y&amp;empty=&amp;a=b%26c"',
            response.text,
        )
        self.assertEqual(attrs["target"], "_parent")
        self.assertEqual(attrs["method"], "post")
        self.assertEqual(attrs["accept-charset"], "utf-8")
        self.assertTrue(doc.xpath("//script[contains(text(), 'oci_transfer_form')]"), "auto-submit")
        # XSS: nothing of the product name comes out as markup
        self.assertNotIn("<script>alert(1)", response.text)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", response.text)

        values = dict(pairs)
        self.assertEqual(values["~OkCode"], "ADDI")
        self.assertEqual(values["~TARGET"], "_parent")
        self.assertEqual(values["~CALLER"], "CTLG")
        items = oci_format.parse_cart_form(pairs)
        self.assertEqual(len(items), 6)
        indices = {
            int(m.group(1))
            for name, _v in pairs
            for m in [re.match(r"NEW_ITEM-DESCRIPTION\[(\d+)\]$", name)]
            if m
        }
        self.assertEqual(indices, {1, 2, 3, 4, 5, 6})
        lines = order.order_line.sorted(lambda line: (line.sequence, line.id))
        expected_common = {
            "MATNR": "",
            "PRICEUNIT": "1",
            "CURRENCY": self.currency.name,
            "VENDOR": "100234",
            "EXT_QUOTE_ID": order.name,
            "CUST_FIELD2": "",
            "CUST_FIELD3": "",
            "CUST_FIELD4": "",
            "CUST_FIELD5": "Toptaarten",
            "EXT_CATEGORY_ID": "",
        }
        expected = [
            dict(
                DESCRIPTION="Slagroomtaart",
                QUANTITY="2",
                UNIT="C62",
                PRICE="29.25",
                LEADTIME="3",
                VENDORMAT="TT-SLAG",
                MATGROUP="4411",
                CUST_FIELD1="4411",
                EXT_PRODUCT_ID=str(self.product_cake.id),
            ),
            dict(
                DESCRIPTION="Logotaart met uw eigen bedrijfslogo in e",
                QUANTITY="1",
                UNIT="C62",
                PRICE="49.46",
                LEADTIME="1",
                VENDORMAT="TT-LOGO",
                MATGROUP="4412",
                CUST_FIELD1="4412",
                EXT_PRODUCT_ID=str(self.product_logo.id),
            ),
            dict(
                DESCRIPTION="Fruitmand",
                QUANTITY="1.5",
                UNIT="KGM",
                PRICE="35.96",
                LEADTIME="1",
                VENDORMAT="TG-FRUIT",
                MATGROUP="",
                CUST_FIELD1="",
                EXT_PRODUCT_ID=str(self.product_fruit.id),
            ),
            dict(
                DESCRIPTION="Bloemstuk",
                QUANTITY="1",
                UNIT="C62",
                PRICE="90",
                LEADTIME="1",
                VENDORMAT="TB-BLOEM",
                MATGROUP="4411",
                CUST_FIELD1="4411",
                EXT_PRODUCT_ID=str(taxed.id),
            ),
            dict(
                DESCRIPTION='"><script>alert(1)</script>',
                QUANTITY="1",
                UNIT="C62",
                PRICE="4.5",
                LEADTIME="1",
                VENDORMAT="X<&>",
                MATGROUP="4411",
                CUST_FIELD1="4411",
                EXT_PRODUCT_ID=str(evil.id),
            ),
            dict(
                DESCRIPTION="Taart " + "x" * 33 + "\u00e9",
                QUANTITY="3",
                UNIT="C62",
                PRICE="9",
                LEADTIME="1",
                VENDORMAT="TT-ACC",
                MATGROUP="4411",
                CUST_FIELD1="4411",
                EXT_PRODUCT_ID=str(accented.id),
            ),
        ]
        for index, (item, want, line) in enumerate(zip(items, expected, lines, strict=True), 1):
            with self.subTest(item=index):
                want = dict(expected_common, **want, EXT_QUOTE_ITEM=str(line.id))
                for name, value in want.items():
                    self.assertEqual(item.get(name), value, f"{name}[{index}]")
                self.assertLessEqual(len(item["DESCRIPTION"]), 40)
                # every number: dot decimals, at most three
                for name in ("QUANTITY", "PRICE"):
                    self.assertRegex(item[name], r"^\d{1,11}(\.\d{1,3})?$")
                self.assertEqual(item["LONGTEXT"], line.name)
                self.assertIn(f"NEW_ITEM-LONGTEXT_{index}:132[]", values)

        # after the transfer
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.oci_transfer_state, "transferred")
        self.assertEqual(oci_session.state, "transferred")
        self.assertEqual(oci_session.transfer_item_count, 6)
        self.assertFalse(self._session_of().uid, "the orderer is logged out")
        # the browser goes back and presses the button again: 410, not a login
        again = self.url_open("/oci/transfer", data={"csrf_token": csrf}, allow_redirects=False)
        self.assertEqual(again.status_code, 410)
        self.assertIn("already used", again.text)
        self.assertEqual(order.oci_transfer_state, "transferred")
        shop = self.url_open("/shop")
        self.assertNotIn("o_oci_banner", shop.text)

    def test_line_discount_in_unit_price(self):
        """A discount shown on the line (discount column) is still sent in
        PRICE: OCI has no discount field."""
        self._punchout()
        self._add_to_cart(self.product_cake, 2)
        line = self._current_oci_session().order_id.order_line
        line.discount = 20
        _attrs, pairs, _doc = self._parse_form(self._post_button("/oci/transfer"))
        item = oci_format.parse_cart_form(pairs)[0]
        self.assertEqual((item["QUANTITY"], item["PRICE"]), ("2", "26"))

    def test_hostile_echo_fields_and_target(self):
        evil = '"><script>alert(2)</script>'
        self._punchout(**{"~TARGET": evil, "~CALLER": evil})
        self._add_to_cart(self.product_cake, 1)
        response = self._post_button("/oci/transfer")
        attrs, pairs, _doc = self._parse_form(response)
        self.assertEqual(attrs["target"], "_top", "a non-frame-name target is not used")
        self.assertEqual(dict(pairs)["~CALLER"], evil, "echoed unchanged ...")
        self.assertNotIn("<script>alert(2)", response.text, "... but escaped")

    def test_sapevent_hook(self):
        response = self._punchout(HOOK_URL="SAPEVENT:POST")
        self.assertEqual(response.status_code, 400)
        self.connection.allow_sapevent = True
        self._fresh_opener()
        response = self.url_open(
            self._url_login(),
            data=self._login_params(HOOK_URL="SAPEVENT:POST"),
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self._add_to_cart(self.product_cake, 1)
        attrs, _pairs, _doc = self._parse_form(self._post_button("/oci/transfer"))
        self.assertEqual(attrs["action"], "SAPEVENT:POST")

    def test_unit_override_per_connection(self):
        self.connection.uom_ids = [Command.create({"uom_id": self.uom_unit.id, "code": "ST"})]
        self._punchout()
        self._add_to_cart(self.product_cake, 1)
        self._add_to_cart(self.product_fruit, 2)
        _attrs, pairs, _doc = self._parse_form(self._post_button("/oci/transfer"))
        items = oci_format.parse_cart_form(pairs)
        self.assertEqual([i["UNIT"] for i in items], ["ST", "KGM"])

    def test_transfer_iso_8859_1(self):
        self.connection.charset = "iso-8859-1"
        product = self._create_product(
            "Crème brûlée \u2013 5\u20ac \u0141ódź", "TT-CB", 5.0, self.categ_cakes
        )
        self._punchout()
        self._add_to_cart(product, 1)
        response = self._post_button("/oci/transfer")
        attrs, pairs, _doc = self._parse_form(response)
        self.assertEqual(attrs["accept-charset"], "iso-8859-1")
        item = oci_format.parse_cart_form(pairs)[0]
        # é, û, ó are Latin-1; the en dash, euro sign, Ł and ź are not
        self.assertEqual(item["DESCRIPTION"], "Crème brûlée - 5EUR Lódz")
        for name, value in pairs:
            value.encode("iso-8859-1")  # every value can be posted in Latin-1
            name.encode("iso-8859-1")

    def test_transfer_utf8_keeps_non_ascii(self):
        product = self._create_product(
            "Crème brûlée \u2013 5\u20ac \u0141ódź", "TT-CB", 5.0, self.categ_cakes
        )
        self._punchout()
        self._add_to_cart(product, 1)
        _attrs, pairs, _doc = self._parse_form(self._post_button("/oci/transfer"))
        item = oci_format.parse_cart_form(pairs)[0]
        self.assertEqual(item["DESCRIPTION"], "Crème brûlée \u2013 5\u20ac \u0141ódź")

    def test_transfer_empty_cart_stays_in_shop(self):
        self._punchout()
        response = self._post_button("/oci/transfer")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(urlsplit(response.headers["Location"]).path, "/shop/cart")
        cart = self.url_open("/shop/cart")
        self.assertIn("nothing to transfer", cart.text)
        self.assertEqual(self._current_oci_session().state, "open")
        self.assertEqual(self._session_of().uid, self.orderer_user.id)

    def test_transfer_needs_csrf(self):
        self._punchout()
        self._add_to_cart(self.product_cake, 1)
        response = self.url_open(
            "/oci/transfer", data={"csrf_token": "forged"}, allow_redirects=False
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._current_oci_session().state, "open")

    def test_cancel_posts_echo_only(self):
        self._punchout(returntarget="_parent", **{"~TARGET": None})
        self._add_to_cart(self.product_cake, 1)
        oci_session = self._current_oci_session()
        order = oci_session.order_id
        attrs, pairs, _doc = self._parse_form(self._post_button("/oci/cancel"))
        self.assertEqual(attrs["action"], HOOK_URL)
        self.assertEqual(attrs["target"], "_parent")
        self.assertCountEqual(pairs, [("~OkCode", "ADDI"), ("~CALLER", "CTLG")])
        self.assertEqual(oci_session.state, "cancelled")
        self.assertEqual(order.state, "cancel")
        self.assertFalse(self._session_of().uid)

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

    # ------------------------------------------------------------------
    # Refusals
    # ------------------------------------------------------------------
    def _assert_refused_http(self, status, text, method="POST", code=None, **extra):
        if code:
            self._fresh_opener()
            response = self.url_open(
                f"/oci/{code}/login", data=self._login_params(**extra), allow_redirects=False
            )
        else:
            response = self._punchout(method, **extra)
        self.assertEqual(response.status_code, status, response.text[:500])
        self.assertNotIn("Location", response.headers)
        self.assertIn(text, response.text)
        self.assertEqual(response.headers.get("Cache-Control"), "no-store")
        web_session = self._session_of()
        self.assertFalse(web_session and web_session.uid, "nobody may be logged in")
        return response

    def test_refusals_over_http(self):
        self._assert_refused_http(401, "Wrong or missing credentials", PASSWORD="wrong")
        self._assert_refused_http(401, "Wrong or missing credentials", "GET", PASSWORD="wrong")
        self._assert_refused_http(404, "Unknown punchout connection", code="no-such-shop")
        self._fresh_opener()
        response = self.url_open(
            self._url_login(),
            data=self._login_params(HOOK_URL="https://evil.example.net/steal"),
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("allowed prefixes", response.text)
        response = self.url_open(
            self._url_login(),
            data=self._login_params(HOOK_URL="javascript:alert(document.cookie)"),
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertNotIn(
            "javascript:alert",
            response.text.split("<body>")[-1].split("Error")[0].replace("scheme 'javascript:'", ""),
        )
        self._assert_refused_http(413, "too long", note="x" * 5000)
        self._assert_refused_http(413, "Too many parameters", **{f"p{i}": "1" for i in range(120)})
        # A refusal in a browser where a buyer is logged in never hands out a
        # cookie of a logged-in session.
        self._punchout()
        self.assertEqual(self._session_of().uid, self.orderer_user.id)
        response = self.url_open(
            self._url_login(), data=self._login_params(PASSWORD="bad"), allow_redirects=False
        )
        self.assertEqual(response.status_code, 401)
        for cookie in response.raw.headers.getlist("Set-Cookie"):
            if cookie.startswith("session_id="):
                sid = cookie.split(";")[0].split("=", 1)[1]
                self.assertFalse(odoo.http.root.session_store.get(sid).uid)
        # and the earlier punchout does not go on in this browser
        self.assertFalse(self._session_of().uid)
        self.assertNotIn("o_oci_banner", self.url_open("/shop").text)

    def test_throttled_429(self):
        self.env["ir.config_parameter"].sudo().set_param("oci_punchout.max_failures", 2)
        self._assert_refused_http(401, "credentials", PASSWORD="bad")
        self._assert_refused_http(401, "credentials", PASSWORD="bad")
        self._assert_refused_http(429, "Too many failed attempts")

    def test_expired_session_410(self):
        self._punchout()
        self._add_to_cart(self.product_cake, 1)
        oci_session = self._current_oci_session()
        oci_session.expires_at = "2000-01-01 00:00:00"
        response = self.url_open("/shop", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(urlsplit(response.headers["Location"]).path, "/oci/ended")
        ended = self.url_open("/oci/ended")
        self.assertEqual(ended.status_code, 410)
        self.assertIn("has ended", ended.text)
        self.assertFalse(self._session_of().uid)

    def test_expired_session_transfer_410(self):
        self._punchout()
        self._add_to_cart(self.product_cake, 1)
        csrf = self._csrf("/shop/cart")
        self._current_oci_session().expires_at = "2000-01-01 00:00:00"
        response = self.url_open("/oci/transfer", data={"csrf_token": csrf}, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(urlsplit(response.headers["Location"]).path, "/oci/ended")
        ended = self.url_open(response.headers["Location"])
        self.assertEqual(ended.status_code, 410)
        self.assertIn("has ended", ended.text)
        self.assertFalse(self._session_of().uid)

    # ------------------------------------------------------------------
    # Headers
    # ------------------------------------------------------------------
    def test_frame_ancestors_header(self):
        self.connection.frame_ancestors = "https://srm.example.com"
        self._punchout()
        shop = self.url_open("/shop")
        self.assertEqual(
            shop.headers.get("Content-Security-Policy"),
            "frame-ancestors 'self' https://srm.example.com",
        )
        self.assertNotIn("X-Frame-Options", shop.headers)
        self.assertEqual(shop.headers.get("Cache-Control"), "no-store")

    def test_cross_site_cookie_helper(self):
        headers = Headers()
        headers.add("Set-Cookie", "frontend_lang=en_US; Path=/")
        headers.add("Set-Cookie", "session_id=abc; Expires=x; HttpOnly; Path=/; SameSite=Lax")
        self.env["ir.http"]._oci_cross_site_cookie(headers)
        cookies = headers.getlist("Set-Cookie")
        self.assertEqual(cookies[0], "frontend_lang=en_US; Path=/")
        self.assertEqual(
            cookies[1], "session_id=abc; Expires=x; HttpOnly; Path=/; Secure; SameSite=None"
        )

    def test_cross_site_cookie_over_https(self):
        """Behind a TLS proxy (proxy_mode), the punchout's session cookie is
        sent cross-site; over plain http it is left alone."""
        host = urlsplit(self.base_url()).netloc
        with patch.dict(odoo.tools.config.options, {"proxy_mode": True}):
            self._fresh_opener()
            response = self.url_open(
                self._url_login(),
                data=self._login_params(HOOK_URL=HOOK_URL),
                headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": host},
                allow_redirects=False,
            )
        self.assertEqual(response.status_code, 303)
        session_cookie = [
            c for c in response.raw.headers.getlist("Set-Cookie") if c.startswith("session_id=")
        ]
        self.assertEqual(len(session_cookie), 1)
        self.assertIn("; Secure", session_cookie[0])
        self.assertIn("SameSite=None", session_cookie[0])
        plain = self._punchout()
        session_cookie = [
            c for c in plain.raw.headers.getlist("Set-Cookie") if c.startswith("session_id=")
        ]
        self.assertNotIn("SameSite=None", session_cookie[0])

    # ------------------------------------------------------------------
    # Customers are separated
    # ------------------------------------------------------------------
    def test_portal_user_sees_only_own_customer(self):
        other_session = self._open_session(self.other_connection)
        other_order = self._cart(other_session, [(self.product_cake, 4)])
        other_order.action_quotation_sent()
        own_session = self._open_session()
        own_order = self._cart(own_session, [(self.product_logo, 1)])
        own_order.message_subscribe(self.orderer.ids)
        anna_env = self.env(user=self.orderer_user)
        with self.assertRaises(AccessError):
            anna_env["oci.session"].browse(other_session.id).read(["hook_url"])
        with self.assertRaises(AccessError):
            anna_env["oci.session"].browse(own_session.id).read(["hook_url"])
        with self.assertRaises(AccessError):
            anna_env["sale.order"].browse(other_order.id).read(["amount_total"])
        self.assertNotIn(other_order, anna_env["sale.order"].search([]))
        # over HTTP, outside punchout mode (a normal portal login)
        self.authenticate(self.orderer_user.login, self.orderer_user.login)
        response = self.url_open(f"/my/orders/{other_order.id}", allow_redirects=False)
        self.assertIn(response.status_code, (303, 403, 404))
        self.assertNotIn(other_order.name, response.text)
        if response.status_code == 303:
            self.assertEqual(urlsplit(response.headers["Location"]).path, "/my")
        own = self.url_open(f"/my/orders/{own_order.id}", allow_redirects=False)
        self.assertEqual(own.status_code, 200)
        self.assertIn(own_order.name, own.text)

    def test_prices_are_per_customer(self):
        # As when pricelists are enabled in the settings: a general default
        # pricelist comes first. (Without one, Odoo falls back to the first
        # pricelist it finds -- for every partner and visitor.)
        self.env["product.pricelist"].create(
            {"name": "Default", "currency_id": self.currency.id, "sequence": 1}
        )
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "Ander -50%",
                "currency_id": self.currency.id,
                "sequence": 100,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 50,
                        }
                    )
                ],
            }
        )
        self.other_connection.pricelist_id = pricelist
        self._punchout(connection=self.other_connection)
        page = self.url_open(self.product_cake.product_tmpl_id.website_url)
        self.assertIn("16.25", page.text)
        self._punchout()
        page = self.url_open(self.product_cake.product_tmpl_id.website_url)
        self.assertIn("32.50", page.text)
        self.assertNotIn("16.25", page.text)
