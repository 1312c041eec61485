# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""PRICE is exact (see test_oci_price.py): product keys of FUNCTION calls, the
transfer form over HTTP and purchase orders carrying the transferred prices."""

from decimal import Decimal

from lxml import etree

from odoo.tests import tagged

from ..tools import oci_format
from .common import OciCommon
from .http_common import OciHttpCommon
from .po_common import PoCommon
from .price_common import cents, item_amount, set_price_digits


@tagged("post_install", "-at_install")
class TestOciProductKey(OciCommon):
    def test_junk_product_keys_resolve_to_nothing(self):
        Product = self.env["product.product"]
        for key in (
            "99999999999999999999",
            "2147483648",
            "9" * 40,
            "-1",
            "-" + str(self.product_cake.id),
            "0",
            "\x00",
            f"{self.product_cake.id}\x00",
            "TT-SLAG\x00",
            "\u0661\u0662",  # Arabic-Indic digits
            "1e3",
            "x" * 5000,
            "' OR 1=1 --",
            "",
            "   ",
            None,
        ):
            with self.subTest(key=repr(key)[:40]):
                self.assertEqual(self.connection._oci_resolve_product(key), Product)

    def test_valid_keys_still_resolve(self):
        self.assertEqual(
            self.connection._oci_resolve_product(str(self.product_cake.id)), self.product_cake
        )
        self.assertEqual(
            self.connection._oci_resolve_product(f" {self.product_cake.id} "), self.product_cake
        )
        self.assertEqual(self.connection._oci_resolve_product("TT-LOGO"), self.product_logo)

    def test_numeric_default_code(self):
        """A numeric article number that is no product id is found by code."""
        self.product_logo.default_code = "2147483647"
        self.assertEqual(self.connection._oci_resolve_product("2147483647"), self.product_logo)
        self.product_logo.default_code = "0042"
        self.assertEqual(self.connection._oci_resolve_product("0042"), self.product_logo)


@tagged("post_install", "-at_install")
class TestOciPriceHttp(OciHttpCommon):
    """The transfer form a browser posts carries the exact prices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        set_price_digits(cls.env, 4)

    def test_transfer_form_matches_quotation(self):
        self.product_cake.list_price = 12.345
        self.product_logo.list_price = 0.0125
        self._punchout()
        csrf = self._csrf()
        self._add_to_cart(self.product_cake, 3, csrf)
        self._add_to_cart(self.product_logo, 100, csrf)
        self._add_to_cart(self.product_fruit, 2, csrf)
        order = self._current_oci_session().order_id
        order.order_line.filtered(lambda line: line.product_id == self.product_fruit).discount = 7.5
        self.env.flush_all()
        _attrs, pairs, _doc = self._parse_form(self._post_button("/oci/transfer"))
        items = oci_format.parse_cart_form(pairs)
        self.assertEqual(len(items), 3)
        by_line = {str(line.id): line for line in order.order_line}
        total = Decimal(0)
        for item in items:
            line = by_line[item["EXT_QUOTE_ITEM"]]
            self.assertEqual(cents(item_amount(item)), cents(line.price_subtotal))
            total += item_amount(item)
        self.assertEqual(cents(order.amount_untaxed), Decimal("112.20"))  # 37.04 + 1.25 + 73.91
        self.assertEqual(cents(total), cents(order.amount_untaxed))
        by_product = {item["VENDORMAT"]: item for item in items}
        self.assertEqual(
            (by_product["TT-SLAG"]["PRICE"], by_product["TT-SLAG"]["PRICEUNIT"]), ("12.345", "1")
        )
        self.assertEqual(
            (by_product["TT-LOGO"]["PRICE"], by_product["TT-LOGO"]["PRICEUNIT"]), ("0.125", "10")
        )


@tagged("post_install", "-at_install")
class TestOciPricePo(PoCommon):
    """The PO that comes back after approval carries the prices the buyer
    got in the cart: they are the quoted ones."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        set_price_digits(cls.env, 4)
        cls.product_cake.list_price = 12.345
        cls.product_logo.list_price = 0.0125

    def _po_with_unit_prices(self, order, prices, po_number):
        """A cXML PO for ``order`` with the unit prices as the buyer's system
        writes them (per unit of measure: PRICE / PRICEUNIT)."""
        body = self._cxml(order, po_number=po_number)
        root = etree.fromstring(body)
        for item, price in zip(root.iter("ItemOut"), prices, strict=True):
            item.find("ItemDetail/UnitPrice/Money").text = price
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    def _transferred_unit_prices(self, order):
        items = oci_format.parse_cart_form(order.oci_session_id.transfer_fields)
        by_line = {item["EXT_QUOTE_ITEM"]: item for item in items}
        return [
            oci_format.format_number(
                Decimal(by_line[str(line.id)]["PRICE"])
                / Decimal(by_line[str(line.id)]["PRICEUNIT"]),
                decimals=6,
            )
            for line in order.order_line
        ]

    def test_po_with_the_transferred_prices_is_confirmed(self):
        self.product_fruit.list_price = 1.005
        order = self._quote(
            [(self.product_cake, 3), (self.product_logo, 100), (self.product_fruit, 3)]
        )
        prices = self._transferred_unit_prices(order)
        self.assertIn("1.005", prices)  # 1.01 rounded to the cent
        self._send(self._po_with_unit_prices(order, prices, "4500099001"))
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.oci_po_review, order.oci_po_differences)

    def test_po_with_prices_rounded_to_cents_is_confirmed(self):
        order = self._quote([(self.product_cake, 3), (self.product_logo, 100)])
        self._send(self._po_with_unit_prices(order, ["12.35", "0.01"], "4500099002"))
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.oci_po_review, order.oci_po_differences)

    def test_po_with_another_price_is_held(self):
        order = self._quote([(self.product_cake, 3), (self.product_logo, 100)])
        self._send(self._po_with_unit_prices(order, ["12.36", "0.0125"], "4500099003"))
        self.assertNotEqual(order.state, "sale")
        self.assertTrue(order.oci_po_review)
        self.assertIn("12.36", order.oci_po_differences)
