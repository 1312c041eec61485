# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo data of the Toptaarten shop that cannot be written as plain XML
records: the Dutch chart of accounts, the pictures and the translations. The
history made through the addon's own methods (punchout logins, transfers,
purchase orders) is in demo/oci_demo_history.py. Called from
demo/oci_punchout_demo.xml only."""

import base64
import logging

from odoo import Command, api, models

from . import oci_demo_pictures as pictures
from .oci_demo_catalog import CATALOG, CATEGORIES

_logger = logging.getLogger(__name__)

MODULE = "oci_punchout"


class OciConnection(models.Model):
    _inherit = "oci.connection"

    # ------------------------------------------------------------------
    # Company, chart of accounts, website
    # ------------------------------------------------------------------
    @api.model
    def _demo_setup_company(self):
        """The main company becomes Toptaarten B.V. in Gouda with the Dutch
        chart of accounts (when l10n_nl is installed), the website gets the
        shop's logo and Dutch next to English."""
        company = self.env.ref("base.main_company")
        if (
            self.env["ir.module.module"].search_count(
                [("name", "=", "l10n_nl"), ("state", "=", "installed")]
            )
            and company.chart_template != "nl"
        ):
            # As Odoo itself does when the localization of a demo company
            # changes: the generic demo entries go, the Dutch chart and taxes
            # come, and the company currency becomes the euro.
            self.env["account.chart.template"]._load("nl", company, install_demo=False)
        elif company.chart_template != "nl":
            _logger.warning(
                "Demo data: l10n_nl is not installed, the demo shop keeps the generic chart "
                "of accounts and its taxes. Install l10n_nl with the addons (make shop does)."
            )
        logo = base64.b64encode(pictures.shop_logo())
        company.write(
            {
                "name": "Toptaarten B.V.",
                "street": "Kleiweg 42",
                "zip": "2801 HK",
                "city": "Gouda",
                "country_id": self.env.ref("base.nl").id,
                "state_id": False,
                "phone": "+31 182 123 456",
                "email": "verkoop@toptaarten.example",
                "website": "https://www.toptaarten.example",
                "vat": "NL859388773B01",
                "company_registry": "24481234",
                "logo": logo,
            }
        )
        company.partner_id.write({"lang": "nl_NL"} if self._demo_lang() else {})
        if not company.partner_id.bank_ids:
            self.env["res.partner.bank"].create(
                {
                    "acc_number": "NL67INGB0006543210",
                    "partner_id": company.partner_id.id,
                    "company_id": company.id,
                    "allow_out_payment": True,
                }
            )
        # Odoo's demo pricelists of the company follow it to the euro.
        self.env["product.pricelist"].with_context(active_test=False).search(
            [
                ("company_id", "in", (False, company.id)),
                ("currency_id", "!=", company.currency_id.id),
            ]
        ).currency_id = company.currency_id
        website = self.env.ref("website.default_website")
        languages = self.env.ref("base.lang_en")
        if self._demo_lang():
            languages |= self._demo_lang()
        website.write(
            {
                "name": "Toptaarten",
                # The whole catalog (a few dozen products) on one shop page.
                "shop_ppg": 48,
                "logo": logo,
                "language_ids": [Command.link(lang.id) for lang in languages],
            }
        )
        return True

    @api.model
    def _demo_lang(self):
        """Dutch, activated with the translations of what is installed."""
        lang = self.env["res.lang"].with_context(active_test=False).search([("code", "=", "nl_NL")])
        if lang and not lang.active:
            lang = self.env["res.lang"]._activate_lang("nl_NL")
            self.env["ir.module.module"].search([("state", "=", "installed")])._update_translations(
                ["nl_NL"]
            )
        return lang

    # ------------------------------------------------------------------
    # Catalog
    # ------------------------------------------------------------------
    @api.model
    def _demo_setup_catalog(self):
        """Shop categories and products with their pictures; Odoo's own
        demo furniture moves to the second website (or is unpublished), so
        the demo customers see a cake shop."""
        company = self.env.ref("base.main_company")
        chart = self.env["account.chart.template"].with_company(company)
        tax_low = chart.ref("btw_9", raise_if_not_found=False) or company.account_sale_tax_id
        tax_high = chart.ref("btw_21", raise_if_not_found=False) or company.account_sale_tax_id
        website = self.env.ref("website.default_website")
        # Euro with the Dutch chart; without it the company's own currency.
        self.env.ref(f"{MODULE}.pricelist_shop_demo").currency_id = company.currency_id
        public = {}
        # Their Dutch names come from i18n/nl.po, as for any record.
        for sequence, (key, (xmlid, english, _food)) in enumerate(CATEGORIES.items()):
            public[key] = self._demo_record(
                "product.public.category",
                f"public_{xmlid}",
                {"name": english, "sequence": sequence + 1, "website_id": website.id},
            )
        ours = self.env["product.template"]
        for xmlid, categ, name, code, price, drawing, card, description in CATALOG:
            categ_xmlid, _english, food = CATEGORIES[categ]
            kind, colour, accent, *label = drawing
            product = self._demo_record(
                "product.product",
                xmlid,
                {
                    "name": name,
                    "default_code": code,
                    "categ_id": self.env.ref(f"{MODULE}.{categ_xmlid}").id,
                    "public_categ_ids": [Command.set(public[categ].ids)],
                    "list_price": price,
                    "type": "consu",
                    "invoice_policy": "order",
                    "sale_ok": True,
                    "is_published": True,
                    "website_id": False,
                    "oci_card_allowed": card,
                    "taxes_id": [Command.set((tax_low if food else tax_high).ids)],
                    "description_sale": description,
                    "image_1920": base64.b64encode(
                        pictures.product_picture(kind, colour, accent, *label)
                    ),
                },
            )
            ours |= product.product_tmpl_id
        # A product with its own code, other than its category's.
        self.env.ref(f"{MODULE}.product_logo_cake_demo").oci_customer_code = "4412"
        self._demo_hide_furniture(ours, website)
        return True

    @api.model
    def _demo_record(self, model, xmlid, values):
        """Create or update a record with an xml id of this module."""
        return self.env[model]._load_records(
            [{"xml_id": f"{MODULE}.{xmlid}", "values": values, "noupdate": True}]
        )

    @api.model
    def _demo_hide_furniture(self, ours, website):
        """Odoo's website demo sells furniture: keep it on the second demo
        website when there is one, else unpublish it."""
        other_website = self.env["website"].search([("id", "!=", website.id)], limit=1)
        products = self.env["product.template"].search(
            [("id", "not in", ours.ids), ("is_published", "=", True)]
        )
        categories = self.env["product.public.category"].search(
            [
                ("website_id", "in", (False, website.id)),
                ("id", "not in", self._demo_public_categories().ids),
            ]
        )
        pricelists = self.env["product.pricelist"].search(
            [
                ("id", "!=", self.env.ref(f"{MODULE}.pricelist_shop_demo").id),
                ("website_id", "in", (False, website.id)),
                ("company_id", "in", (False, website.company_id.id)),
            ]
        )
        if other_website:
            products.website_id = other_website
            categories.website_id = other_website
            pricelists.website_id = other_website
        else:
            products.is_published = False
            categories.unlink()
            pricelists.active = False

    @api.model
    def _demo_public_categories(self):
        return self.env["product.public.category"].browse(
            [
                self.env.ref(f"{MODULE}.public_{xmlid}").id
                for xmlid, _name, _food in CATEGORIES.values()
            ]
        )
