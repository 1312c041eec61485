# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The buyer's language: the procurement system's language parameter, then
the orderer's language, then the connection's; the website stays in it and
the cart is transferred in it."""

from urllib.parse import urlsplit

from odoo.tests import tagged

from ..tools import oci_format
from .http_common import OciHttpCommon


class OciLanguageCommon(OciHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lang = cls.env["res.lang"]
        for code in ("de_DE", "nl_NL", "fr_FR"):
            Lang._activate_lang(code)
        cls.lang_de = Lang._lang_get("de_DE")
        cls.lang_nl = Lang._lang_get("nl_NL")
        cls.lang_en = Lang._lang_get("en_US")
        # The shop offers English (default), German and Dutch; French is
        # installed but not on the website.
        cls.website.language_ids = cls.lang_en | cls.lang_de | cls.lang_nl
        cls.website.default_lang_id = cls.lang_en
        cls.orderer.lang = "en_US"
        cls.product_cake.with_context(lang="de_DE").write(
            {"name": "Sahnetorte", "description_sale": "Frisch gebacken."}
        )
        cls.product_cake.with_context(lang="nl_NL").write({"name": "Slagroomtaart NL"})


@tagged("post_install", "-at_install")
class TestOciLanguageChoice(OciLanguageCommon):
    def _choose(self, params, orderer=None):
        return self.connection._oci_buyer_lang(params, orderer or self.orderer)

    def test_sent_values_mapped_to_offered_languages(self):
        langs = self.connection._oci_website_langs()
        cases = {
            "DE": "de_DE",
            "de": "de_DE",
            "de-DE": "de_DE",
            "de_AT": "de_DE",
            "D": "de_DE",
            "N": "nl_NL",
            " nl ": "nl_NL",
            "EN": "en_US",
            "fr": False,  # installed, but not offered by the website
            "xx": False,
            "Q": False,
            "": False,
            "d" * 40: False,
        }
        for value, expected in cases.items():
            with self.subTest(value=value):
                self.assertEqual(self.connection._oci_lang_from_value(value, langs), expected)

    def test_order_param_orderer_connection(self):
        self.connection.lang = "nl_NL"
        self.orderer.lang = "de_DE"
        self.assertEqual(self._choose({"LANGUAGE": "NL"}), "nl_NL", "parameter first")
        self.assertEqual(self._choose({"language": "en"}), "en_US", "any case of its name")
        self.assertEqual(self._choose({"sap-language": "N"}), "nl_NL", "SAP's parameter")
        self.assertEqual(self._choose({}), "de_DE", "then the orderer's")
        self.assertEqual(self._choose({"LANGUAGE": "XX"}), "de_DE", "unknown code: next")
        self.orderer.lang = "fr_FR"  # not offered by the website
        self.assertEqual(self._choose({}), "nl_NL", "then the connection's")
        self.connection.lang = False
        self.assertFalse(self._choose({}), "none: the browser's language stays")

    def test_param_name_per_connection(self):
        self.connection.lang_param = "SPRACHE"
        self.assertEqual(self._choose({"SPRACHE": "de"}), "de_DE")
        self.assertEqual(self._choose({"LANGUAGE": "nl"}), "en_US", "other name ignored")
        self.assertEqual(self._choose({"sap-language": "nl"}), "nl_NL")

    def test_session_records_language(self):
        session = self._open_session(LANGUAGE="DE")
        self.assertEqual(session.lang, "de_DE")
        session = self._open_session(LANGUAGE="??")
        self.assertEqual(session.lang, "en_US")


@tagged("post_install", "-at_install")
class TestOciLanguageHttp(OciLanguageCommon):
    def _login(self, accept="nl-NL,nl;q=0.9", **params):
        self._fresh_opener()
        self.opener.headers["Accept-Language"] = accept
        self.addCleanup(self.opener.headers.pop, "Accept-Language", None)
        response = self._punchout(**params)
        self.assertEqual(response.status_code, 303, response.text[:500])
        return response

    def _shop_lang(self, response):
        path = urlsplit(response.headers["Location"]).path
        shop = self.url_open(path)
        self.assertEqual(shop.status_code, 200)
        marker = 'lang="'
        start = shop.text.index(marker, shop.text.index("<html")) + len(marker)
        return path, shop.text[start : shop.text.index('"', start)]

    def test_param_wins_over_browser_and_orderer(self):
        self.orderer.lang = "nl_NL"
        response = self._login(LANGUAGE="DE")
        self.assertEqual(self._shop_lang(response), ("/de/shop", "de-DE"))
        self.assertEqual(self.opener.cookies.get("frontend_lang"), "de_DE")
        # The website stays German: a page opened without a language in its
        # address is German too.
        again = self.url_open("/shop/cart")
        self.assertEqual(urlsplit(again.url).path, "/de/shop/cart")
        self.assertIn('lang="de-DE"', again.text)
        self.assertEqual(self._session_of().context.get("lang"), "de_DE")

    def test_sap_language_param(self):
        response = self._login(**{"sap-language": "D"})
        self.assertEqual(self._shop_lang(response), ("/de/shop", "de-DE"))

    def test_orderer_over_browser_and_connection(self):
        self.orderer.lang = "en_US"
        self.connection.lang = "de_DE"
        response = self._login(accept="nl-NL,nl;q=0.9")
        self.assertEqual(self._shop_lang(response), ("/shop", "en-US"))
        self.assertEqual(self.opener.cookies.get("frontend_lang"), "en_US")

    def test_connection_when_orderer_language_not_offered(self):
        self.orderer.lang = "fr_FR"
        self.connection.lang = "nl_NL"
        response = self._login(accept="de-DE,de;q=0.9")
        self.assertEqual(self._shop_lang(response), ("/nl/shop", "nl-NL"))

    def test_unknown_code_falls_back(self):
        self.orderer.lang = "nl_NL"
        response = self._login(accept="de-DE", LANGUAGE="tlh")
        self.assertEqual(self._shop_lang(response), ("/nl/shop", "nl-NL"))

    def test_transfer_in_buyer_language(self):
        self.orderer.lang = "nl_NL"
        self._login(LANGUAGE="de")
        csrf = self._csrf("/de/shop")
        response = self.url_open(
            "/shop/cart/update",
            data={"product_id": self.product_cake.id, "add_qty": 1, "csrf_token": csrf},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303, response.text[:500])
        response = self._post_button("/oci/transfer", csrf=csrf)
        _attrs, pairs, _doc = self._parse_form(response)
        item = oci_format.parse_cart_form(pairs)[0]
        self.assertEqual(item["DESCRIPTION"], "Sahnetorte")
        self.assertIn("Sahnetorte", item["LONGTEXT"])
        self.assertIn("Frisch gebacken.", item["LONGTEXT"])
