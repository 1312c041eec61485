# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The invoice PDF really rendered by wkhtmltopdf (skipped without it)."""

import base64
from unittest.mock import patch

from lxml import etree

from odoo.tests import tagged
from odoo.tools import config

from .common import UBL_NS, OciEinvoiceCommon
from .pdf_tools import (
    one_line,
    pdf_attachments,
    pdf_text,
    use_real_pdf,
)


@tagged("post_install", "-at_install")
class TestRealInvoicePdf(OciEinvoiceCommon):
    def setUp(self):
        super().setUp()
        use_real_pdf(self)

    def _assert_invoice_text(self, invoice, text):
        text = one_line(text)
        for expected in (
            invoice.name,
            *self.BRANCHES_INVOICE_HEADER,
            "Branch",
            "Locatie Noord",
            "Cost center: KP-2003",
            "Locatie Oost",
            "PO line: 20",
        ):
            self.assertIn(expected, text)

    def test_invoice_report_is_a_real_pdf(self):
        invoice = self._invoice_with_branches()
        pdf, report_type = self.env["ir.actions.report"]._render_qweb_pdf(
            "account.account_invoices", invoice.ids
        )
        self.assertEqual(report_type, "pdf")
        self._assert_invoice_text(invoice, pdf_text(pdf))

    def test_send_and_print_pdf_with_ubl_and_factur_x(self):
        invoice = self._invoice_with_branches()
        # Odoo embeds the Factur-X XML into the PDF only outside test mode
        # (account_edi_ubl_cii's account.move.send checks test_enable): run
        # Send & Print as in production.
        with patch.dict(config.options, {"test_enable": False}):
            invoice._generate_and_send(sending_methods=["manual"])
        pdf = invoice.invoice_pdf_report_id.raw
        self._assert_invoice_text(invoice, pdf_text(pdf))
        # Factur-X (CII) inside the PDF, with the same PO and buyer reference.
        facturx = etree.fromstring(pdf_attachments(pdf)["factur-x.xml"])
        self.assertEqual(
            facturx.xpath(
                "//*[local-name()='BuyerOrderReferencedDocument']"
                "/*[local-name()='IssuerAssignedID']/text()"
            ),
            ["4500077777"],
        )
        self.assertEqual(facturx.xpath("//*[local-name()='BuyerReference']/text()"), ["AFD-42"])
        # The UBL carries the real PDF (BG-24) and stays valid with it.
        ubl = invoice.ubl_cii_xml_id.raw
        tree = etree.fromstring(ubl)
        embedded = tree.xpath(
            "/*/cac:AdditionalDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinaryObject",
            namespaces=UBL_NS,
        )
        self.assertEqual(len(embedded), 1)
        self.assertEqual(embedded[0].get("mimeCode"), "application/pdf")
        self._assert_invoice_text(invoice, pdf_text(base64.b64decode(embedded[0].text)))
        self.assertEqual(self._text(tree, "/*/cac:OrderReference/cbc:ID"), "4500077777")
        self._assert_valid_ubl(ubl)
