# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Dutch translation (i18n/nl.po) is complete and really used."""

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.oci_einvoice.tests.i18n_tools import OciI18nTests

from .common import OciCommon


@tagged("post_install", "-at_install")
class TestOciI18n(OciI18nTests, OciCommon):
    i18n_module = "oci_punchout"

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
