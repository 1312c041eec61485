# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Unit tests of the OCI formatting rules (tools/oci_format.py, pure Python: it
imports nothing from Odoo). Odoo test classes without database use, so that
`odoo --test-enable` and pytest-odoo both run them."""

import random
from decimal import ROUND_HALF_UP, Decimal

from odoo.tests import BaseCase

from ..tools import oci_format as f


class TestOciFormat(BaseCase):
    def test_numbers_dot_decimal_max_three(self):
        self.assertEqual(f.format_number(12.5), "12.5")
        self.assertEqual(f.format_number(3), "3")
        self.assertEqual(f.format_number(1234567.891), "1234567.891")
        self.assertEqual(f.format_number(0.12345), "0.123")
        self.assertEqual(f.format_number(2.0005), "2.001")  # half up, not banker's
        self.assertEqual(f.format_number(1e-9), "0")
        with self.assertRaises(ValueError):
            f.format_number(-1)
        with self.assertRaises(ValueError):
            f.format_number(123456789012.5)

    def test_parse_comma_decimals(self):
        self.assertEqual(f.parse_number("1,5"), 1.5)
        self.assertEqual(f.parse_number("1.234,5"), 1234.5)
        self.assertEqual(f.parse_number("1,234.5"), 1234.5)
        self.assertEqual(f.parse_number(" 7 "), 7.0)
        for bad in ("abc", "", "nan", "inf"):
            with self.assertRaises(ValueError):
                f.parse_number(bad)

    def test_cut_keeps_characters_whole(self):
        self.assertEqual(f.cut("abc", 40), "abc")
        text = "Taart " + "é" * 50
        self.assertEqual(len(f.cut(text, 40)), 40)
        # A decomposed e + combining acute is one character after NFC.
        decomposed = "x" * 39 + "e\u0301" + "tail"
        self.assertEqual(f.cut(decomposed, 40), "x" * 39 + "\u00e9")
        # A base letter with a mark that has no precomposed form stays whole.
        combining = "x" * 39 + "q\u0307" + "tail"
        self.assertEqual(f.cut(combining, 40), "x" * 39)
        # Emoji (outside the BMP) are single characters, never split.
        self.assertEqual(f.cut("🎂" * 45, 40), "🎂" * 40)

    def test_field_value_charset_and_length(self):
        self.assertEqual(f.field_value("UNIT", "PCE-long"), "PCE")
        self.assertEqual(
            f.field_value("DESCRIPTION", "Crème brûlée €5 – “best”", "iso-8859-1"),
            'Crème brûlée EUR5 - "best"',
        )
        self.assertEqual(f.field_value("DESCRIPTION", "Łódź 🎂", "iso-8859-1"), "Lódz ?")
        self.assertEqual(f.field_value("DESCRIPTION", "two\nlines"), "two lines")
        self.assertEqual(f.field_value("CUST_FIELD1", None), "")

    def test_form_fields_indexes_and_longtext(self):
        items = [
            {"DESCRIPTION": "A", "QUANTITY": "1", "LONGTEXT": "line 1\nline 2"},
            {"DESCRIPTION": "B"},
        ]
        fields_ = f.form_fields([("~OkCode", "ADDI")], items)
        names = [name for name, _v in fields_]
        self.assertEqual(names[0], "~OkCode")
        self.assertIn("NEW_ITEM-DESCRIPTION[1]", names)
        self.assertIn("NEW_ITEM-DESCRIPTION[2]", names)
        self.assertNotIn("NEW_ITEM-DESCRIPTION[0]", names)
        self.assertIn("NEW_ITEM-CUST_FIELD5[2]", names)  # optional fields present, empty
        self.assertEqual(dict(fields_)["NEW_ITEM-LONGTEXT_1:132[]"], "line 1\nline 2")
        self.assertNotIn("NEW_ITEM-LONGTEXT_2:132[]", names)
        parsed = f.parse_cart_form(fields_)
        self.assertEqual([item["DESCRIPTION"] for item in parsed], ["A", "B"])
        self.assertEqual(parsed[0]["LONGTEXT"], "line 1\nline 2")

    def test_target_and_echo(self):
        self.assertEqual(f.form_target({"~TARGET": "_parent"}), "_parent")
        self.assertEqual(f.form_target({"returntarget": "srmframe"}), "srmframe")
        self.assertEqual(f.form_target({"~TARGET": "javascript:alert(1)"}), "_top")
        self.assertEqual(f.form_target({}), "_top")
        echo = f.echo_fields(
            {
                "~OkCode": "ADDI",
                "~caller": "CTLG",
                "~TARGET": "_top",
                "USERNAME": "x",
                "~other": "y",
            }
        )
        self.assertEqual(echo, [("~OkCode", "ADDI"), ("~caller", "CTLG"), ("~TARGET", "_top")])

    def test_hook_url_checks(self):
        prefixes = ["https://srm.example.com/sap/", "https://other.example.com"]
        url = "https://srm.example.com/sap/bc/hook?sess=1&a=%20b"
        self.assertEqual(f.check_hook_url(url, prefixes), url)
        self.assertEqual(
            f.check_hook_url("https://other.example.com/x", prefixes), "https://other.example.com/x"
        )
        refused = [
            "",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>",
            "file:///etc/passwd",
            "ftp://srm.example.com/sap/",
            "https://srm.example.com.evil.net/sap/",
            "https://other.example.com.evil.net/",
            "https://evil.net/?https://srm.example.com/sap/",
            'https://srm.example.com/sap/"><script>',
            "https://srm.example.com/sap/" + "a" * 3000,
            "SAPEVENT:POST",
        ]
        for bad in refused:
            with self.subTest(url=bad[:60]), self.assertRaises(f.HookUrlError):
                f.check_hook_url(bad, prefixes)
        self.assertEqual(
            f.check_hook_url("SAPEVENT:POST", [], allow_sapevent=True), "SAPEVENT:POST"
        )


def _value(quantity, price_text, unit_text):
    return Decimal(f.format_number(quantity)) * Decimal(price_text) / Decimal(unit_text)


def _cents(value, rounding="0.01"):
    return f.round_amount(value, rounding)


class TestOciPrice(BaseCase):
    """PRICE / PRICEUNIT: QUANTITY x PRICE / PRICEUNIT gives the quoted line
    total and the items the quoted untaxed amount, to the cent."""

    def test_unit_price_at_product_precision(self):
        # 12.345 x 3 is quoted 37.04: PRICE 12.345, not 12.35 (37.05)
        self.assertEqual(f.price_fields([(12.345, 3, 37.04)], 37.04), [("12.345", "1")])
        self.assertEqual(f.price_fields([(12.5, 2, None)]), [("12.5", "1")])
        self.assertEqual(f.price_fields([(26.0, 2, 52)], 52), [("26", "1")])
        # raw float noise does not matter
        self.assertEqual(f.price_fields([(37.035 / 3, 3, 37.04)]), [("12.345", "1")])

    def test_priceunit_where_three_decimals_cannot_carry_the_price(self):
        four = {"price_digits": 4}
        self.assertEqual(f.price_fields([(0.0125, 100, 1.25)], **four), [("0.125", "10")])
        self.assertEqual(f.price_fields([(1.2345, 7, 8.64)], **four), [("12.345", "10")])
        self.assertEqual(
            f.price_fields([(0.00125, 1000, 1.25)], price_digits=5), [("0.125", "100")]
        )
        self.assertEqual(
            f.price_fields([(0.000125, 10000, 1.25)], price_digits=6), [("0.125", "1000")]
        )
        self.assertEqual(f.price_fields([(0.0125, 7, 0.09)], **four), [("0.125", "10")])

    def test_discount_with_many_decimals(self):
        # 12.345 -7.5% = 11.419125: 11.419 x 1000 = 11419.00, quoted 11419.13
        self.assertEqual(
            f.price_fields([(12.345 * 0.925, 1000, 11419.13)]), [("11419.125", "1000")]
        )
        # few units: the price at product precision gives the line total
        self.assertEqual(f.price_fields([(12.345 * 0.925, 3, 34.26)]), [("11.419", "1")])
        # 12.3456 -33.33% = 8.23081152, x 250 = 2057.70288: quoted 2057.70
        [(price, unit)] = f.price_fields([(12.3456 * (1 - 0.3333), 250, 2057.70)], price_digits=4)
        self.assertEqual(_cents(_value(250, price, unit)), Decimal("2057.70"))

    def test_no_exact_price_possible_closest_line_total(self):
        # 99999 units: every 0.001 of PRICE per 1000 moves the line by 0.099999
        [(price, unit)] = f.price_fields([(0.000123501, 99999, 12.35)])
        self.assertEqual((price, unit), ("0.124", "1000"))
        self.assertAlmostEqual(float(_value(99999, price, unit)), 12.35, delta=0.05)

    def test_order_rounded_per_line(self):
        # three lines of 12.345 show 12.35 each, 37.05 in all (per-line rounding)
        result = f.price_fields([(12.345, 1, 12.35)] * 3, total=37.05)
        values = [_value(1, price, unit) for price, unit in result]
        self.assertEqual([_cents(value) for value in values], [Decimal("12.35")] * 3)
        self.assertEqual(_cents(sum(values)), Decimal("37.05"))
        self.assertEqual({unit for _price, unit in result}, {"1"})
        # rounded globally the same three lines make 37.04: exact prices
        self.assertEqual(
            f.price_fields([(12.345, 1, 12.35)] * 3, total=37.04), [("12.345", "1")] * 3
        )

    def test_limits(self):
        self.assertEqual(f.price_fields([(-5, 2, None)]), [("0", "1")])
        self.assertEqual(f.price_fields([(3.5, 0, 0)], total=0), [("3.5", "1")])
        self.assertEqual(f.price_fields([]), [])
        self.assertEqual(
            f.price_fields([(99999999999.5, 1, None)], price_digits=2), [("99999999999.5", "1")]
        )
        with self.assertRaises(ValueError):
            f.price_fields([(123456789012.5, 1, None)])
        # 0.05 currency rounding (e.g. cash rounding to 5 cents)
        [(price, unit)] = f.price_fields([(1.234, 3, 3.70)], rounding="0.05")
        self.assertEqual(f.round_amount(_value(3, price, unit), "0.05"), Decimal("3.70"))

    def test_generated_carts(self):
        """2,000 seeded carts: prices with 2-4 decimals (also below a cent),
        discounts with 2 decimals, whole and decimal quantities; the order
        total rounded per line or over the order."""
        rng = random.Random(8)
        off_unit = lines_total = 0
        for _cart in range(2000):
            digits = rng.choice((2, 3, 4))
            lines = []
            for _line in range(rng.randint(1, 8)):
                price = Decimal(rng.choice((rng.randint(1, 99), rng.randint(1, 10**7)))).scaleb(
                    -rng.choice((2, 3, 4))
                )
                price = price.quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP) or Decimal("0.01")
                discount = Decimal(rng.choice((0, 0, 5, "7.5", "12.35", rng.randint(1, 9999))))
                if discount > 100:
                    discount = discount.scaleb(-2)
                net = price * (1 - discount / 100)
                quantity = Decimal(str(rng.choice((1, 2, 3, 7, 11, 24, 250, 1000, 0.5, 2.25))))
                lines.append((net, quantity, f.round_amount(net * quantity)))
            if rng.random() < 0.5:
                total = sum(line[2] for line in lines)  # per line
            else:
                total = f.round_amount(sum(net * qty for net, qty, _s in lines))  # globally
            result = f.price_fields(lines, total=total, price_digits=digits)
            values = []
            for (net, quantity, subtotal), (price, unit) in zip(lines, result, strict=True):
                with self.subTest(cart=_cart, line=(net, quantity, price, unit)):
                    self.assertRegex(price, r"^\d{1,11}(\.\d{1,3})?$")
                    self.assertIn(unit, ("1", "10", "100", "1000"))
                    value = _value(quantity, price, unit)
                    self.assertEqual(_cents(value), subtotal)
                    values.append(value)
                    lines_total += 1
                    rounded = net.quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
                    off_unit += Decimal(price) / Decimal(unit) not in (rounded, net)
            with self.subTest(cart=_cart, lines=lines):
                self.assertEqual(_cents(sum(values)), total)
        # the figures of this run, printed as the project's measurements are
        print(  # pylint: disable=print-used
            f"\nprice_fields: {lines_total} lines, {off_unit} moved off their unit price"
        )


class TestOciProductKey(BaseCase):
    def test_product_keys(self):
        self.assertEqual(f.parse_product_key("42"), (42, "42"))
        self.assertEqual(f.parse_product_key(" 42 "), (42, "42"))
        self.assertEqual(f.parse_product_key("TT-SLAG"), (None, "TT-SLAG"))
        self.assertEqual(f.parse_product_key("0042"), (None, "0042"))
        self.assertEqual(f.parse_product_key("2147483647"), (2147483647, "2147483647"))
        for key in ("99999999999999999999", "2147483648", "-1", "0", "1e3", "\u0661\u0662"):
            with self.subTest(key=key):
                self.assertIsNone(f.parse_product_key(key)[0])
        for key in (None, False, "", "  ", "\x00", "42\x00", "a\x1fb", "\x85", "x" * 41, "\ud800"):
            with self.subTest(key=repr(key)):
                self.assertEqual(f.parse_product_key(key), (None, None))


class TestOciNumbers(BaseCase):
    def test_item_amount_and_rounding(self):
        self.assertEqual(
            f.item_amount({"QUANTITY": "7", "PRICE": "0.125", "PRICEUNIT": "10"}),
            Decimal("0.0875"),
        )
        self.assertEqual(
            f.item_amount({"QUANTITY": "3", "PRICE": "12.345", "PRICEUNIT": ""}), Decimal("37.035")
        )
        self.assertEqual(f.round_amount(Decimal("37.035")), Decimal("37.04"))
        self.assertEqual(f.round_amount(Decimal("37.0349")), Decimal("37.03"))
        self.assertEqual(f.round_amount(Decimal("1.23"), "0.05"), Decimal("1.25"))
        self.assertEqual(f.format_number(-0.0), "0")

    def test_parse_number_refuses_overflow(self):
        for bad in ("1E+400", "-1e999", "Infinity", "NaN"):
            with self.subTest(text=bad), self.assertRaises(ValueError):
                f.parse_number(bad)
        self.assertEqual(f.parse_decimal("1,5"), Decimal("1.5"))
        for bad in (float("inf"), float("nan"), Decimal("1E+400"), "Infinity"):
            with self.subTest(value=bad), self.assertRaises(ValueError):
                f.format_number(bad)
        with self.assertRaises(ValueError):
            f.price_fields([(Decimal("1E+30"), 1, None)])
