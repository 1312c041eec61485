# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""PRICE is exact: what the buyer's system computes from the cart return
(QUANTITY x PRICE / PRICEUNIT) is what the shop quoted, to the cent, also
with 3- and 4-decimal prices, discounts, included taxes and decimal
quantities; the same for the FUNCTION answers (VALIDATE, BACKGROUND_SEARCH)."""

import random
from decimal import ROUND_HALF_UP, Decimal

from lxml import etree

from odoo import Command
from odoo.tests import tagged

from ..tools import oci_format
from .common import OciCommon
from .http_common import OciHttpCommon
from .test_po_intake import PoCommon

CENT = Decimal("0.01")


def item_amount(item):
    """The line value a buyer's system computes from one NEW_ITEM."""
    return Decimal(item["QUANTITY"]) * Decimal(item["PRICE"]) / Decimal(item["PRICEUNIT"] or "1")


def cents(value):
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def set_price_digits(env, digits):
    env.ref("product.decimal_price").digits = digits


class OciPriceCommon(OciCommon):
    PRICE_DIGITS = 4

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        set_price_digits(cls.env, cls.PRICE_DIGITS)
        cls.pricelist = cls.env["product.pricelist"].create(
            {"name": "OCI plain", "currency_id": cls.currency.id}
        )
        cls.customer.property_product_pricelist = cls.pricelist
        cls.tax_incl = cls.env["account.tax"].create(
            {
                "name": "BTW 21% incl. (OCI)",
                "amount": 21,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "price_include_override": "tax_included",
                "company_id": cls.company.id,
            }
        )
        cls.tax_excl = cls.env["account.tax"].create(
            {
                "name": "BTW 9% (OCI)",
                "amount": 9,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "price_include_override": "tax_excluded",
                "company_id": cls.company.id,
            }
        )

    def _order(self, lines):
        """A quotation of the connection's orderer: lines are (product, qty,
        price_unit, discount[, taxes])."""
        return (
            self.env["sale.order"]
            .sudo()
            .create(
                {
                    "partner_id": self.orderer.id,
                    "website_id": self.website.id,
                    "pricelist_id": self.pricelist.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": line[0].id,
                                "product_uom_qty": line[1],
                                "price_unit": line[2],
                                "discount": line[3],
                                "tax_id": [Command.set(line[4].ids if len(line) > 4 else [])],
                            }
                        )
                        for line in lines
                    ],
                }
            )
        )

    def assertExact(self, order, items):
        """Every item's value rounds to its line's subtotal, and the sum of
        the values to the quotation's untaxed amount."""
        lines = {str(line.id): line for line in order.order_line if not line.display_type}
        self.assertEqual(len(items), len(lines))
        total = Decimal(0)
        for item in items:
            line = lines[item["EXT_QUOTE_ITEM"]]
            amount = item_amount(item)
            total += amount
            self.assertIn(item["PRICEUNIT"], ("1", "10", "100", "1000"))
            self.assertRegex(item["PRICE"], r"^\d{1,11}(\.\d{1,3})?$")
            self.assertEqual(
                cents(amount),
                cents(line.price_subtotal),
                f"{item['QUANTITY']} x {item['PRICE']} / {item['PRICEUNIT']} for "
                f"{line.product_uom_qty} x {line.price_unit} -{line.discount}%",
            )
        self.assertEqual(cents(total), cents(order.amount_untaxed), f"items {items}")


@tagged("post_install", "-at_install")
class TestOciPriceThreeDecimals(OciPriceCommon):
    PRICE_DIGITS = 3

    def test_three_decimal_price_transferred_exactly(self):
        """12.345 x 3 is quoted 37.04 (not 37.05): PRICE is 12.345."""
        self.product_cake.list_price = 12.345
        session = self._open_session()
        order = self._cart(session, [(self.product_cake, 3)])
        self.assertEqual(order.order_line.price_unit, 12.345)
        self.assertEqual(order.amount_untaxed, 37.04)
        items = oci_format.parse_cart_form(session._oci_transfer())
        self.assertEqual(
            (items[0]["QUANTITY"], items[0]["PRICE"], items[0]["PRICEUNIT"]),
            ("3", "12.345", "1"),
        )
        self.assertExact(order, items)

    def test_discount_beyond_product_precision(self):
        """12.345 -7.5% is 11.419125 per unit: at 3 decimals (11.419) 1000
        units would be 11419.00 instead of 11419.13; the price goes per
        1000 so that the line total is the quoted one."""
        order = self._order([(self.product_cake, 1000, 12.345, 7.5)])
        self.assertEqual(order.amount_untaxed, 11419.13)
        items = order._oci_item_rows(self.connection)
        self.assertEqual((items[0]["PRICE"], items[0]["PRICEUNIT"]), ("11419.125", "1000"))
        self.assertExact(order, items)

    def test_rounding_per_line(self):
        """Odoo's default rounds each line (3 lines of 12.345 show 12.35 each,
        37.05 in all): plain 12.345 would add up to 37.04, so prices move
        within their line's rounding until the items give 37.05 and still
        12.35 each."""
        self.assertEqual(self.company.tax_calculation_rounding_method, "round_per_line")
        order = self._order([(self.product_cake, 1, 12.345, 0)] * 3)
        self.assertEqual(order.amount_untaxed, 37.05)
        items = order._oci_item_rows(self.connection)
        self.assertExact(order, items)
        self.assertEqual({item["PRICEUNIT"] for item in items}, {"1"})

    def test_rounding_globally(self):
        """Rounded over the order, 3 x 12.345 is 37.04 (each line still shows
        12.35): the exact prices give both."""
        self.company.tax_calculation_rounding_method = "round_globally"
        order = self._order([(self.product_cake, 1, 12.345, 0)] * 3)
        self.assertEqual(order.amount_untaxed, 37.04)
        self.assertEqual(order.order_line.mapped("price_subtotal"), [12.35] * 3)
        items = order._oci_item_rows(self.connection)
        self.assertEqual([item["PRICE"] for item in items], ["12.345"] * 3)
        self.assertExact(order, items)


@tagged("post_install", "-at_install")
class TestOciPriceFourDecimals(OciPriceCommon):
    def test_small_price_per_hundred(self):
        """0.0125 cannot be sent with three decimals: 0.125 per 10."""
        order = self._order(
            [(self.product_cake, 100, 0.0125, 0), (self.product_logo, 7, 0.0125, 0)]
        )
        items = order._oci_item_rows(self.connection)
        self.assertEqual(
            [(item["QUANTITY"], item["PRICE"], item["PRICEUNIT"]) for item in items],
            [("100", "0.125", "10"), ("7", "0.125", "10")],
        )
        self.assertExact(order, items)

    def test_price_included_tax_and_decimal_quantities(self):
        order = self._order(
            [
                (self.product_cake, 3, 12.3456, 0, self.tax_incl),
                (self.product_fruit, 0.5, 21.53, 0, self.tax_incl),
                (self.product_fruit, 2.25, 21.53, 0, self.tax_incl),
                (self.product_logo, 7, 0.0125, 12.5, self.tax_excl),
            ]
        )
        items = order._oci_item_rows(self.connection)
        self.assertEqual(items[1]["QUANTITY"], "0.5")
        self.assertExact(order, items)

    def test_generated_carts(self):
        """300 seeded random carts: prices with 2 to 4 decimals (also below
        one cent), discounts, included and excluded taxes, whole and decimal
        quantities."""
        rng = random.Random(20260508)
        products = [self.product_cake, self.product_logo]
        stats = {"carts": 0, "items": 0, "not_unit_price": 0}  # moved off the net unit price
        stats.update({f"priceunit_{unit}": 0 for unit in ("1", "10", "100", "1000")})
        for _cart in range(300):
            lines = []
            for _line in range(rng.randint(1, 6)):
                decimals = rng.choice((2, 3, 4))
                price = rng.choice(
                    (
                        rng.randint(1, 99) / 10**decimals,  # below one (or 0.01)
                        rng.randint(1, 10**6) / 10**decimals,
                    )
                )
                discount = rng.choice((0, 0, 5, 7.5, 12.35, 33.33, rng.randint(1, 9999) / 100))
                if rng.random() < 0.3:
                    product = self.product_fruit
                    quantity = rng.choice((0.5, 1.5, 2.25, 0.75, 3, 12.5))
                else:
                    product = rng.choice(products)
                    quantity = rng.choice((1, 2, 3, 7, 11, 24, 250, 1000))
                taxes = rng.choice((self.tax_incl, self.tax_excl, self.env["account.tax"]))
                lines.append((product, quantity, price, discount, taxes))
            order = self._order(lines)
            items = order._oci_item_rows(self.connection)
            with self.subTest(cart=_cart, lines=lines):
                self.assertExact(order, items)
            stats["carts"] += 1
            stats["items"] += len(items)
            net = order.order_line._oci_net_unit_prices()
            for item, line in zip(items, order.order_line, strict=True):
                stats[f"priceunit_{item['PRICEUNIT']}"] += 1
                unit = Decimal(item["PRICE"]) / Decimal(item["PRICEUNIT"])
                exact = Decimal(repr(net[line.id]))
                stats["not_unit_price"] += unit not in (
                    exact.quantize(Decimal("0.0001"), ROUND_HALF_UP),
                    exact.quantize(Decimal("0.000001"), ROUND_HALF_UP),
                )
        print(f"\nOCI price invariant: {stats}")  # pylint: disable=print-used

    # ------------------------------------------------------------------
    # FUNCTION answers: the price a quotation of the product would get
    # ------------------------------------------------------------------
    def _function_items(self, quantities):
        products = self.env["product.product"].browse(list(quantities))
        return self.connection._oci_product_items(products, self.customer, quantities)

    def _quote(self, quantities):
        return (
            self.env["sale.order"]
            .sudo()
            .create(
                {
                    "partner_id": self.orderer.id,
                    "pricelist_id": self.connection._oci_pricelist(self.customer).id,
                    "order_line": [
                        Command.create({"product_id": pid, "product_uom_qty": qty})
                        for pid, qty in quantities.items()
                    ],
                }
            )
        )

    def test_function_answers_exact(self):
        self.product_cake.list_price = 0.0125
        self.product_logo.write(
            {"list_price": 12.3456, "taxes_id": [Command.set(self.tax_incl.ids)]}
        )
        self.product_fruit.list_price = 39.9999
        self.pricelist.item_ids = [
            Command.create(
                {
                    "applied_on": "0_product_variant",
                    "product_id": self.product_fruit.id,
                    "compute_price": "percentage",
                    "percent_price": 7.5,
                }
            )
        ]
        quantities = {
            self.product_cake.id: 100.0,
            self.product_logo.id: 3.0,
            self.product_fruit.id: 2.5,
        }
        items = self._function_items(quantities)
        quote = self._quote(quantities)
        by_product = {line.product_id.id: line for line in quote.order_line}
        for item in items:
            line = by_product[int(item["EXT_PRODUCT_ID"])]
            with self.subTest(product=line.product_id.name):
                self.assertEqual(cents(item_amount(item)), cents(line.price_subtotal), f"{item}")
        cake = next(i for i in items if i["EXT_PRODUCT_ID"] == str(self.product_cake.id))
        self.assertEqual((cake["PRICE"], cake["PRICEUNIT"]), ("0.125", "10"))
        self.assertEqual(
            cents(sum(item_amount(item) for item in items)), cents(quote.amount_untaxed)
        )


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
