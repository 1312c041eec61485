# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Unit tests of the OCI formatting rules. oci_format imports nothing from
Odoo, so these run with or without Odoo installed."""
import importlib.util
import pathlib
import unittest

_PATH = pathlib.Path(__file__).resolve().parents[2] / "oci_punchout" / "tools" / "oci_format.py"
_spec = importlib.util.spec_from_file_location("oci_format_standalone", _PATH)
f = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(f)


class TestOciFormat(unittest.TestCase):
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
        self.assertEqual(f.field_value("DESCRIPTION", "Crème brûlée €5 – “best”", "iso-8859-1"),
                         'Crème brûlée EUR5 - "best"')
        self.assertEqual(f.field_value("DESCRIPTION", "Łódź 🎂", "iso-8859-1"), "Lódz ?")
        self.assertEqual(f.field_value("DESCRIPTION", "two\nlines"), "two lines")
        self.assertEqual(f.field_value("CUST_FIELD1", None), "")

    def test_form_fields_indexes_and_longtext(self):
        items = [{"DESCRIPTION": "A", "QUANTITY": "1", "LONGTEXT": "line 1\nline 2"},
                 {"DESCRIPTION": "B"}]
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
        echo = f.echo_fields({"~OkCode": "ADDI", "~caller": "CTLG", "~TARGET": "_top",
                              "USERNAME": "x", "~other": "y"})
        self.assertEqual(echo, [("~OkCode", "ADDI"), ("~caller", "CTLG"), ("~TARGET", "_top")])

    def test_hook_url_checks(self):
        prefixes = ["https://srm.example.com/sap/", "https://other.example.com"]
        url = "https://srm.example.com/sap/bc/hook?sess=1&a=%20b"
        self.assertEqual(f.check_hook_url(url, prefixes), url)
        self.assertEqual(f.check_hook_url("https://other.example.com/x", prefixes),
                         "https://other.example.com/x")
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
            "https://srm.example.com/sap/\"><script>",
            "https://srm.example.com/sap/" + "a" * 3000,
            "SAPEVENT:POST",
        ]
        for bad in refused:
            with self.subTest(url=bad[:60]), self.assertRaises(f.HookUrlError):
                f.check_hook_url(bad, prefixes)
        self.assertEqual(f.check_hook_url("SAPEVENT:POST", [], allow_sapevent=True), "SAPEVENT:POST")
