# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo.tests import tagged

from .common import OciEinvoiceCommon


@tagged("post_install", "-at_install")
class TestSendAndPrint(OciEinvoiceCommon):
    def _ubl_tree(self, invoice):
        self.assertTrue(invoice.ubl_cii_xml_id, "Send & Print made no UBL attachment")
        xml = invoice.ubl_cii_xml_id.raw
        self._assert_valid_ubl(xml)
        return etree.fromstring(xml)

    def test_send_attaches_and_mails_ubl_to_invoice_address(self):
        invoice_address = self._invoice_address("Crediteuren Zorggroep")
        invoice = self._invoice(
            invoice_address, oci_po_number="4500012345", oci_cost_center="KP-1000"
        )
        invoice._generate_and_send(sending_methods=["email"])
        attachment = invoice.ubl_cii_xml_id
        self.assertEqual(attachment.name, f"{invoice.name.replace('/', '_')}_nlcius.xml")
        tree = self._ubl_tree(invoice)
        self.assertEqual(tree.findtext("{*}OrderReference/{*}ID"), "4500012345")
        self.assertEqual(tree.findtext("{*}AccountingCost"), "KP-1000")
        # The mail carries a copy of the UBL and goes to the invoice address.
        message = invoice.message_ids.filtered(
            lambda m: attachment.name in m.attachment_ids.mapped("name")
        )
        self.assertEqual(len(message), 1, "the UBL must be mailed with the invoice")
        self.assertIn(invoice_address, message.partner_ids)
        mailed = message.attachment_ids.filtered(lambda a: a.name == attachment.name)
        self.assertEqual(
            etree.fromstring(mailed.raw).findtext("{*}OrderReference/{*}ID"), "4500012345"
        )
        self.assertTrue(invoice.is_move_sent)

    def test_changed_po_regenerates_stale_ubl(self):
        invoice = self._invoice(oci_po_number="PO-OLD")
        invoice._generate_and_send(sending_methods=["manual"])
        old_attachment = invoice.ubl_cii_xml_id
        self.assertEqual(self._ubl_tree(invoice).findtext("{*}OrderReference/{*}ID"), "PO-OLD")

        invoice.oci_po_number = "PO-NEW"
        self.assertFalse(invoice.ubl_cii_xml_id, "the stale UBL must be detached")
        self.assertTrue(old_attachment.exists(), "kept as history")
        self.assertFalse(old_attachment.res_field)

        invoice._generate_and_send(sending_methods=["manual"])
        self.assertNotEqual(invoice.ubl_cii_xml_id, old_attachment)
        self.assertEqual(self._ubl_tree(invoice).findtext("{*}OrderReference/{*}ID"), "PO-NEW")

        # A line reference change makes it stale too; an unrelated write does not.
        invoice.narration = "Bedankt"
        self.assertTrue(invoice.ubl_cii_xml_id)
        invoice.invoice_line_ids[0].oci_po_line_ref = "99"
        self.assertFalse(invoice.ubl_cii_xml_id)

    def test_pdf_shows_po_cost_center_and_branch(self):
        invoice = self._invoice_with_branches()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("account.report_invoice", invoice.ids)[0]
            .decode()
        )
        for text in (
            *self.BRANCHES_INVOICE_HEADER,
            "Locatie Noord",
            "Cost center: ",
            "KP-2003",
            "Locatie Oost",
            "PO line: ",
        ):
            self.assertIn(text, html)
