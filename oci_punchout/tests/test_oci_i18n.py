# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Dutch translation (i18n/nl.po) is complete and really used."""

import logging
import os
import re

import polib

from odoo.exceptions import UserError, ValidationError
from odoo.modules.module import get_module_path
from odoo.tests import tagged
from odoo.tools.translate import TranslationModuleReader

from .common import OciCommon

PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]")
TAG = re.compile(r"<[^>]+>")


class OciI18nMixin:
    """Checks shared by the translation tests of oci_punchout and oci_einvoice."""

    i18n_module = None

    @classmethod
    def _load_dutch(cls):
        cls.env["res.lang"]._activate_lang("nl_NL")
        cls.env["ir.module.module"]._load_module_terms([cls.i18n_module], ["nl_NL"], overwrite=True)
        cls.env_nl = cls.env(context=dict(cls.env.context, lang="nl_NL"))

    def _po_path(self, name="nl.po"):
        return os.path.join(get_module_path(self.i18n_module), "i18n", name)

    def _assert_po_complete(self):
        po = polib.pofile(self._po_path())
        self.assertEqual(po.metadata.get("Language"), "nl")
        self.assertIn("charset=UTF-8", po.metadata.get("Content-Type", ""))
        self.assertEqual(po.metadata.get("Plural-Forms"), "nplurals=2; plural=(n != 1);")
        self.assertGreater(len(po), 10)
        untranslated = [entry.msgid for entry in po if not entry.msgstr.strip()]
        self.assertFalse(untranslated, f"Untranslated msgids in {self.i18n_module}/i18n/nl.po")
        wrong = [
            entry.msgid
            for entry in po
            if sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(entry.msgstr))
            or sorted(TAG.findall(entry.msgid)) != sorted(TAG.findall(entry.msgstr))
        ]
        self.assertFalse(wrong, "Placeholders or HTML tags differ between msgid and msgstr")
        # The template and the translation cover the same terms.
        pot = polib.pofile(self._po_path(f"{self.i18n_module}.pot"))
        self.assertEqual(
            {e.msgid for e in pot},
            {e.msgid for e in po},
            "nl.po is out of step with the .pot: merge the new terms",
        )

    def _extract_terms(self):
        """(terms Odoo's export finds now, files it failed to read). The export
        covers fields, selections, views, templates and _() strings of Python."""
        failed = []

        class Capture(logging.Handler):
            def emit(self, record):
                failed.append(record.args[0] if record.args else record.getMessage())

        logger = logging.getLogger("odoo.tools.translate")
        handler, propagate, level = Capture(logging.ERROR), logger.propagate, logger.level
        logger.addHandler(handler)
        logger.propagate = False
        logger.setLevel(logging.ERROR)
        try:
            reader = TranslationModuleReader(self.env.cr, modules=[self.i18n_module], lang="nl_NL")
            sources = {
                source
                for module, _t, _n, _r, source, _v, _c in reader
                if module == self.i18n_module
            }
        finally:
            logger.removeHandler(handler)
            logger.propagate = propagate
            logger.setLevel(level)
        return sources, failed

    def _assert_current_terms_translated(self):
        """Every term Odoo would export now has a Dutch translation in nl.po."""
        sources, _failed = self._extract_terms()
        self.assertGreater(len(sources), 10)
        translated = {
            entry.msgid for entry in polib.pofile(self._po_path()) if entry.msgstr.strip()
        }
        missing = sorted(sources - translated)
        self.assertFalse(
            missing,
            f"Terms of {self.i18n_module} without Dutch translation "
            "(re-export the .pot and translate them in nl.po)",
        )

    def _assert_every_file_extractable(self):
        """``odoo --i18n-export`` reads every file: otherwise the .pot silently
        loses all terms of a file (babel cannot read an f-string inside _())."""
        _sources, failed = self._extract_terms()
        self.assertFalse(failed, "Odoo's translation export cannot read these files")


@tagged("post_install", "-at_install")
class TestOciI18n(OciI18nMixin, OciCommon):
    i18n_module = "oci_punchout"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_dutch()

    def test_po_file_complete(self):
        self._assert_po_complete()

    def test_current_terms_translated(self):
        self._assert_current_terms_translated()

    def test_every_file_extractable(self):
        self._assert_every_file_extractable()

    def test_field_labels_and_help(self):
        fields_nl = self.env_nl["oci.connection"].fields_get(
            ["hook_url_prefixes", "charset", "partner_id"], ["string", "help"]
        )
        self.assertEqual(fields_nl["hook_url_prefixes"]["string"], "Toegestane HOOK_URL-prefixen")
        self.assertEqual(fields_nl["charset"]["string"], "Tekenset")
        self.assertEqual(fields_nl["partner_id"]["string"], "Klant")
        self.assertEqual(
            fields_nl["partner_id"]["help"], "Het klantbedrijf dat via deze koppeling bestelt."
        )
        line_nl = self.env_nl["sale.order.line"].fields_get(["oci_card_text"], ["string"])
        self.assertEqual(line_nl["oci_card_text"]["string"], "Kaarttekst")
        # Model description and menu
        self.assertEqual(
            self.env_nl["ir.model"]._get("oci.connection").name, "OCI-punchout-koppeling"
        )
        self.assertEqual(self.env_nl.ref("oci_punchout.oci_connection_menu").name, "Koppelingen")
        # English stays English
        fields_en = (
            self.env["oci.connection"]
            .with_context(lang="en_US")
            .fields_get(["charset"], ["string"])
        )
        self.assertEqual(fields_en["charset"]["string"], "Charset")

    def test_selection_values(self):
        fields_nl = self.env_nl["res.partner"].fields_get(
            ["oci_budget_period", "oci_over_budget_policy"], ["selection"]
        )
        self.assertEqual(
            dict(fields_nl["oci_budget_period"]["selection"]),
            {"month": "Maand", "quarter": "Kwartaal"},
        )
        self.assertIn(
            "De order weigeren", dict(fields_nl["oci_over_budget_policy"]["selection"]).values()
        )
        state_nl = dict(
            self.env_nl["oci.session"].fields_get(["state"], ["selection"])["state"]["selection"]
        )
        self.assertEqual(state_nl["transferred"], "Overgedragen")
        self.assertEqual(state_nl["expired"], "Verlopen")
        # Technical OCI names stay as they are.
        function_nl = dict(
            self.env_nl["oci.session"].fields_get(["function"], ["selection"])["function"][
                "selection"
            ]
        )
        self.assertEqual(function_nl["validate"], "VALIDATE")

    def test_punchout_banner_and_transfer_page(self):
        banner = self.env_nl.ref("oci_punchout.oci_banner").arch_db
        self.assertIn("Bestellen voor", banner)
        self.assertIn("via uw inkoopsysteem", banner)
        self.assertNotIn("Ordering for", banner)
        self.assertIn('aria-label="Punchout"', banner)
        html = str(
            self.env_nl["ir.qweb"]._render(
                "oci_punchout.transfer_form",
                {
                    "hook_url": "https://srm.example.com/sap/bc/hook",
                    "target": "_top",
                    "charset": "utf-8",
                    "fields": [("NEW_ITEM-DESCRIPTION[1]", "Slagroomtaart")],
                    "item_count": 3,
                    "show_button": True,
                    "autosubmit": False,
                },
            )
        )
        self.assertIn("artikel(en) worden naar uw inkoopsysteem verzonden.", html)
        self.assertIn("Terug naar inkoopsysteem", html)
        self.assertIn('name="NEW_ITEM-DESCRIPTION[1]"', html)
        html_en = str(
            self.env["ir.qweb"]
            .with_context(lang="en_US")
            ._render(
                "oci_punchout.transfer_form",
                {
                    "hook_url": "https://srm.example.com/sap/bc/hook",
                    "target": "_top",
                    "charset": "utf-8",
                    "fields": [],
                    "item_count": 3,
                    "show_button": True,
                    "autosubmit": False,
                },
            )
        )
        self.assertIn("item(s) are being sent to your procurement system.", html_en)

    def test_error_messages(self):
        # self.env._() in a constraint
        with self.assertRaisesRegex(
            ValidationError, r"^De code mag alleen letters, cijfers, - en _ bevatten\.$"
        ):
            self.connection.with_context(lang="nl_NL").code = "geen spaties!"
        # ... in oci_purchase_order.py (a sale order without a PO to review)
        order = self.env["sale.order"].create({"partner_id": self.customer.id})
        with self.assertRaisesRegex(UserError, "Er wacht geen inkooporder van .+ op beoordeling"):
            order.with_context(lang="nl_NL").action_oci_po_accept()
        # ... with named placeholders filled in
        with self.assertRaisesRegex(
            ValidationError, r"^De besteller .*Ziekenhuis Ander.* hoort niet bij Zorggroep Test\.$"
        ):
            self.connection.with_context(lang="nl_NL").orderer_id = self.other_orderer
        # ... in the portal administration of a business account
        with self.assertRaisesRegex(UserError, r"^Het budget kan niet negatief zijn\.$"):
            self.env_nl["res.partner"]._oci_clean_admin_vals({"oci_budget_amount": "-5"}, "branch")
