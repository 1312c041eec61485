# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""E-invoices are never worse than stock Odoo's, for any customer: sent where
stock sends, the same format suggestion, NLCIUS credit notes. The documents
themselves against stock's: test_stock_parity.py."""

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import tagged

from . import ubl_validation
from .stock_parity_common import StockParityCommon


@tagged("post_install", "-at_install")
class TestStockParitySending(StockParityCommon):
    # ------------------------------------------------------------------
    # Never refused where stock sends
    # ------------------------------------------------------------------
    def _send_like_the_button(self, invoice, **settings):
        """Send & Print as the wizard's button does: errors are refused."""
        wizard = (
            self.env["account.move.send.wizard"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(settings)
        )
        return wizard.action_send_and_print()

    def test_no_po_no_buyer_reference_sends_valid_document(self):
        self.assertFalse(self.customer.oci_po_required)
        invoice = self._invoice()  # PO line numbers but no PO, no buyer reference
        tree, xml, errors = self._export(invoice)
        self.assertFalse(errors, errors)
        # Stock's own fallback, so PEPPOL-EN16931-R003 / BR-NL-2 hold.
        self.assertEqual(self._text(tree, "/*/cac:OrderReference/cbc:ID"), invoice.name)
        # No PO: its line numbers are not written.
        self.assertFalse(self._xp(tree, "//cac:OrderLineReference"))
        self._assert_valid_ubl(xml)
        self._send_like_the_button(invoice, sending_methods=["manual"])
        self.assertTrue(invoice.ubl_cii_xml_id)
        self._assert_valid_ubl(invoice.ubl_cii_xml_id.raw)

    def test_po_required_customer_still_blocked(self):
        self.customer.oci_po_required = True
        invoice = self._invoice(oci_po_number="4500000001")
        invoice.oci_po_number = False
        tree, xml, errors = self._export(invoice)
        self.assertTrue(any("A PO number is required" in error for error in errors), errors)
        with self.assertRaisesRegex(UserError, "A PO number is required"):
            self._send_like_the_button(invoice, sending_methods=["manual"])
        self.assertFalse(invoice.ubl_cii_xml_id)

    def test_customer_reference_is_the_po(self):
        """A PO typed in Odoo's own Customer Reference is the PO everywhere."""
        invoice = self._invoice(ref="4500055555")
        self.assertFalse(invoice.oci_po_number)
        for fmt in ("nlcius", "ubl_bis3", "xrechnung"):
            with self.subTest(fmt=fmt):
                tree, xml, errors = self._export(invoice, fmt)
                self.assertFalse(errors, errors)
                self.assertEqual(self._text(tree, "/*/cac:OrderReference/cbc:ID"), "4500055555")
                # With a PO, its line numbers go along (BR-NL-13 holds).
                self.assertEqual(
                    self._texts(tree, "/*/cac:InvoiceLine/cac:OrderLineReference/cbc:LineID"),
                    ["10", "20"],
                )
                self._assert_valid_ubl(xml)
        cii = etree.fromstring(self.env["account.edi.xml.cii"]._export_invoice(invoice)[0])
        self.assertEqual(
            cii.xpath(
                "//*[local-name()='BuyerOrderReferencedDocument']"
                "/*[local-name()='IssuerAssignedID']/text()"
            ),
            ["4500055555"],
        )
        # ... it satisfies "PO required", and its credit note carries it too.
        self.customer.oci_po_required = True
        draft = self._invoice(post=False, ref="4500066666")
        draft.action_post()
        refund = self._refund(draft)
        tree, xml, errors = self._export(refund)
        self.assertFalse(errors, errors)
        self.assertEqual(self._text(tree, "/*/cac:OrderReference/cbc:ID"), "4500066666")
        self._assert_valid_ubl(xml)

    # ------------------------------------------------------------------
    # Format suggestion
    # ------------------------------------------------------------------
    def test_dutch_private_person_gets_pdf_like_stock(self):
        self.assertFalse(self.consumer.invoice_edi_format)
        # Businesses identified by KvK or OIN get NLCIUS.
        self.assertEqual(self.business.invoice_edi_format, "nlcius")
        self.assertEqual(self.government.invoice_edi_format, "nlcius")
        # A company without KvK/OIN: NLCIUS would break BR-NL-10, so no suggestion either.
        company = self.env["res.partner"].create(
            {
                "name": "Zonder KvK BV",
                "is_company": True,
                "vat": "NL003214345B01",
                "country_id": self.env.ref("base.nl").id,
            }
        )
        self.assertFalse(company.invoice_edi_format)
        company.peppol_endpoint = "55667788"
        self.assertEqual(company.invoice_edi_format, "nlcius")
        # An explicit choice is kept.
        self.consumer.invoice_edi_format = "ubl_bis3"
        self.assertEqual(self.consumer.invoice_edi_format, "ubl_bis3")
        self.consumer.invoice_edi_format = False
        self.assertFalse(self.consumer.invoice_edi_format)

        invoice = self._plain_invoice(self.consumer)
        self._send_like_the_button(invoice, sending_methods=["email"])
        self.assertFalse(invoice.ubl_cii_xml_id)
        self.assertTrue(invoice.invoice_pdf_report_id)
        message = invoice.message_ids.filtered(lambda m: self.consumer in m.partner_ids)
        self.assertEqual(len(message), 1, "the invoice must be mailed to the consumer")
        self.assertEqual(message.attachment_ids.mapped("mimetype"), ["application/pdf"])

    # ------------------------------------------------------------------
    # NLCIUS credit notes
    # ------------------------------------------------------------------
    def test_nlcius_credit_note_without_preceding_issue_date(self):
        invoice = self._invoice(oci_po_number="4500012345")
        refund = self._refund(invoice)
        tree, xml, errors = self._export(refund, "nlcius")
        self.assertFalse(errors, errors)
        self.assertEqual(
            self._texts(tree, "/*/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"),
            [invoice.name],
        )
        self.assertFalse(self._xp(tree, "/*/cac:BillingReference//cbc:IssueDate"))
        self._assert_valid_ubl(xml)
        if ubl_validation.schematron_files():
            _used, failures, warnings = ubl_validation.run_schematron_with_warnings(xml)
            self.assertFalse(failures, failures)
            self.assertFalse([w for w in warnings if "BR-NL-24" in w], warnings)
