# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Checks of an addon's Dutch translation (test helper, not a test module):
i18n/nl.po complete and in step with the .pot, every term Odoo exports now
translated, every file readable by the export. Used by the translation tests
of oci_einvoice and oci_punchout."""

import logging
import os
import re

import polib

from odoo.modules.module import get_module_path
from odoo.tools.translate import TranslationModuleReader

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


class OciI18nTests(OciI18nMixin):
    """The translation tests both addons run: Dutch loaded once per class,
    then the three checks above."""

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
