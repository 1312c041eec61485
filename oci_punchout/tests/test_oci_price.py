# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""PRICE is exact: what the buyer's system computes from the cart return
(QUANTITY x PRICE / PRICEUNIT) is what the shop quoted, to the cent, also
with 3- and 4-decimal prices, discounts, included taxes and decimal
quantities; the same for the FUNCTION answers (VALIDATE, BACKGROUND_SEARCH)."""

import random
from decimal import ROUND_HALF_UP, Decimal

from odoo import Command
from odoo.tests import tagged

from ..tools import oci_format
from .price_common import OciPriceCommon, cents, item_amount


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
