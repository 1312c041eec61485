# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The OCI cart transfer over real HTTP: the auto-submit form to the HOOK_URL,
its fields, encodings and target, and cancel."""

import re
from urllib.parse import urlsplit

from odoo import Command
from odoo.tests import tagged

from ..tools import oci_format
from .http_common import HOOK_URL, OciHttpCommon


@tagged("post_install", "-at_install")
class TestOciHttpTransfer(OciHttpCommon):
    """The transfer form and cancel, as the buyer's browser sees them."""

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
