# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Helpers and the base class shared by the exact-PRICE tests
(test_oci_price*.py; no tests here)."""

from decimal import ROUND_HALF_UP, Decimal

from odoo import Command

from .common import OciCommon

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
