# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The buyer's language: a punchout opens in the language the procurement
system asks for, else the orderer's, else the connection's (each only when
the website offers it)."""

from odoo import api, fields, models

from odoo.addons.base.models.res_partner import _lang_get

# SAP SRM sends the logon language under this name, whatever the connection's
# own parameter is called.
SAP_LANGUAGE_PARAM = "sap-language"
# SAP's one-letter language keys (SPRAS) of the languages a shop may offer.
SAP_LANGUAGE_KEYS = {
    "D": "de",
    "E": "en",
    "F": "fr",
    "N": "nl",
    "I": "it",
    "S": "es",
    "P": "pt",
    "K": "da",
    "V": "sv",
    "L": "pl",
}
MAX_LANG_VALUE = 16


class OciConnection(models.Model):
    _inherit = "oci.connection"

    lang_param = fields.Char(
        "Language parameter",
        default="LANGUAGE",
        help="Login parameter in which the procurement system sends the buyer's "
        "language (a 2-letter code such as DE or NL, or a language code such as "
        "de_DE). SAP's sap-language is also read.",
    )
    lang = fields.Selection(
        _lang_get,
        string="Language",
        help="Language of the punchout when neither the procurement system nor "
        "the orderer gives one the website offers.",
    )

    def _oci_website_langs(self):
        """Languages the connection's website offers (all active ones when
        the connection has no website)."""
        self.ensure_one()
        website = self._get_website()
        langs = website.language_ids if website else self.env["res.lang"]
        return langs or self.env["res.lang"].search([])

    @api.model
    def _oci_lang_from_value(self, value, langs):
        """Code of the language among ``langs`` that a sent value names: a
        language code (de_DE, de-DE), a 2-letter ISO code (DE) or an SAP
        one-letter key (D); False for anything else."""
        value = (value or "").strip().replace("-", "_")
        if not value or len(value) > MAX_LANG_VALUE:
            return False
        if len(value) == 1:
            value = SAP_LANGUAGE_KEYS.get(value.upper(), "")
        by_code = {lang.code.lower(): lang.code for lang in langs}
        if value.lower() in by_code:
            return by_code[value.lower()]
        short = value.split("_")[0].lower()
        matches = sorted(code for code in by_code.values() if code.split("_")[0].lower() == short)
        if not short or not matches:
            return False
        website = self._get_website() if self else False
        default = website.default_lang_id.code if website else False
        preferred = [default, f"{short}_{short.upper()}", "en_US"]
        return next((code for code in preferred if code in matches), matches[0])

    def _oci_buyer_lang(self, params, orderer):
        """The language a punchout opens in: the procurement system's
        language parameter, then the orderer's language, then the
        connection's; False when none of them is offered by the website."""
        self.ensure_one()
        langs = self._oci_website_langs()
        sent = {key.lower(): value for key, value in params.items()}
        for name in (self.lang_param or "LANGUAGE", SAP_LANGUAGE_PARAM):
            code = self._oci_lang_from_value(sent.get(name.strip().lower()), langs)
            if code:
                return code
        offered = set(langs.mapped("code"))
        return next((code for code in (orderer.lang, self.lang) if code in offered), False)


class OciSession(models.Model):
    _inherit = "oci.session"

    lang = fields.Char("Language", readonly=True, help="Language the punchout was opened in.")

    def _oci_open(self, connection, params, log_vals, own_hook_path=None):
        session = super()._oci_open(connection, params, log_vals, own_hook_path=own_hook_path)
        lang = connection._oci_buyer_lang(params, session.orderer_id)
        if lang:
            session.lang = lang
        return session

    def _oci_transfer(self):
        # DESCRIPTION and LONGTEXT in the buyer's language.
        if self.lang:
            self = self.with_context(lang=self.lang)
        return super()._oci_transfer()

    def _oci_answer_function(self, products, quantities=None):
        if self.lang:
            self = self.with_context(lang=self.lang)
        return super()._oci_answer_function(products, quantities=quantities)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # EXTENDS sale: the line descriptions (and so the LONGTEXT) of a punchout
    # cart are in the language the punchout was opened in.
    def _get_lang(self):
        lang = self.sudo().oci_session_id.lang
        return lang or super()._get_lang()
