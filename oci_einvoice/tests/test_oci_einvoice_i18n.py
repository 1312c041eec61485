# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Dutch translation (i18n/nl.po) of oci_einvoice is complete and really used."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OciEinvoiceCommon
from .i18n_tools import OciI18nTests


@tagged("post_install", "-at_install")
class TestOciEinvoiceI18n(OciI18nTests, OciEinvoiceCommon):
    i18n_module = "oci_einvoice"

    def test_field_labels_and_selection(self):
        move_nl = self.env_nl["account.move"].fields_get(
            ["oci_po_number", "oci_cost_center"], ["string"]
        )
        self.assertEqual(move_nl["oci_po_number"]["string"], "PO-nummer")
        self.assertEqual(move_nl["oci_cost_center"]["string"], "Kostenplaats")
        partner_nl = self.env_nl["res.partner"].fields_get(
            ["oci_invoice_policy"], ["string", "selection"]
        )
        self.assertEqual(partner_nl["oci_invoice_policy"]["string"], "Factureringsbeleid")
        self.assertEqual(
            dict(partner_nl["oci_invoice_policy"]["selection"]),
            {"per_branch": "Eén factuur per vestiging", "collective": "Eén verzamelfactuur"},
        )

    def test_invoice_report_in_dutch(self):
        self.customer.lang = "nl_NL"
        invoice = self._invoice(oci_po_number="4500000042", oci_cost_center="KP-1000")
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "account.account_invoices", invoice.ids
            )[0]
        )
        self.assertIn("PO-nummer", html)
        self.assertIn("Kostenplaats", html)
        self.assertIn("4500000042", html)
        self.assertNotIn("PO Number", html)

    def test_error_messages(self):
        self.customer.oci_po_required = True
        draft = self._invoice(post=False)
        with self.assertRaisesRegex(
            UserError, r"^Voor Zorggroep Test is een PO-nummer verplicht: "
        ):
            draft.with_context(lang="nl_NL").action_post()
        self.assertEqual(draft.state, "draft")
        errors = self.env_nl["account.edi.xml.ubl_nl"]._export_invoice(draft)[1]
        self.assertTrue(
            any(
                error.startswith("Voor Zorggroep Test is een PO-nummer verplicht")
                for error in errors
            ),
            errors,
        )
