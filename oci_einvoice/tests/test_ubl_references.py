# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OciEinvoiceCommon


@tagged("post_install", "-at_install")
class TestUblReferences(OciEinvoiceCommon):
    def _po_invoice(self, **vals):
        return self._invoice(
            oci_po_number="4500012345",
            oci_buyer_reference="AFD-INKOOP",
            oci_cost_center="KP-1000",
            **vals,
        )

    def test_invoice_references_all_formats(self):
        invoice = self._po_invoice()
        invoice.invoice_line_ids[1].oci_cost_center = "KP-2002"
        for fmt in ("nlcius", "ubl_bis3", "xrechnung"):
            with self.subTest(fmt=fmt):
                tree, xml, errors = self._export(invoice, fmt)
                self.assertFalse(errors, errors)
                self.assertEqual(self._text(tree, "/*/cac:OrderReference/cbc:ID"), "4500012345")
                self.assertNotIn(invoice.name, self._texts(tree, "/*/cac:OrderReference/cbc:ID"))
                self.assertEqual(self._text(tree, "/*/cbc:BuyerReference"), "AFD-INKOOP")
                self.assertEqual(self._text(tree, "/*/cbc:AccountingCost"), "KP-1000")
                lines = self._xp(tree, "/*/cac:InvoiceLine")
                self.assertEqual(len(lines), 2)
                # Line cost center only where it differs from the header.
                self.assertEqual(self._texts(lines[0], "cbc:AccountingCost"), [])
                self.assertEqual(self._texts(lines[1], "cbc:AccountingCost"), ["KP-2002"])
                self.assertEqual(self._texts(lines[0], "cac:OrderLineReference/cbc:LineID"), ["10"])
                self.assertEqual(self._texts(lines[1], "cac:OrderLineReference/cbc:LineID"), ["20"])
                # NZI code: category's for the cake, product's own for the logo cake.
                path = "cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode"
                self.assertEqual(self._texts(lines[0], path), ["4411"])
                self.assertEqual(self._texts(lines[1], path), ["4412"])
                self.assertEqual(self._xp(lines[1], path)[0].get("listID"), "ZZZ")
                self.assertFalse(self._xp(lines[0], "cac:Item/cac:BuyersItemIdentification"))
                self._assert_valid_ubl(xml)

    def test_nlcius_is_default_format_for_dutch_customer(self):
        self.assertEqual(self.customer.invoice_edi_format, "nlcius")
        self.assertEqual(self.branch_north.invoice_edi_format, "nlcius")

    def test_xrechnung_buyer_reference_falls_back_to_po(self):
        invoice = self._invoice(oci_po_number="PO-DE-77")
        tree, xml, errors = self._export(invoice, "xrechnung")
        self.assertFalse(errors, errors)
        self.assertEqual(self._text(tree, "/*/cbc:BuyerReference"), "PO-DE-77")
        self.assertEqual(self._text(tree, "/*/cac:OrderReference/cbc:ID"), "PO-DE-77")
        # BIS 3 needs only one of the two: no invented buyer reference there.
        tree, xml, errors = self._export(invoice, "ubl_bis3")
        self.assertIsNone(self._text(tree, "/*/cbc:BuyerReference"))
        self._assert_valid_ubl(xml)

    def test_buyers_item_identification_placement(self):
        self.customer.oci_item_code_placement = "both"
        invoice = self._po_invoice()
        tree, xml, errors = self._export(invoice, "nlcius")
        self.assertFalse(errors, errors)
        line = self._xp(tree, "/*/cac:InvoiceLine")[0]
        self.assertEqual(
            self._texts(line, "cac:Item/cac:BuyersItemIdentification/cbc:ID"), ["4411"]
        )
        self.assertEqual(
            self._texts(line, "cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode"),
            ["4411"],
        )
        self._assert_valid_ubl(xml)
        self.customer.oci_item_code_placement = "buyers_item"
        tree, xml, errors = self._export(invoice, "nlcius")
        line = self._xp(tree, "/*/cac:InvoiceLine")[0]
        self.assertFalse(self._xp(line, "cac:Item/cac:CommodityClassification"))
        self.assertEqual(
            self._texts(line, "cac:Item/cac:BuyersItemIdentification/cbc:ID"), ["4411"]
        )

    def test_credit_note_references_all_formats(self):
        invoice = self._po_invoice()
        refund = self._refund(invoice)
        self.assertEqual(refund.oci_po_number, "4500012345")
        self.assertEqual(refund.invoice_line_ids.mapped("oci_po_line_ref"), ["10", "20"])
        for fmt in ("nlcius", "ubl_bis3", "xrechnung"):
            with self.subTest(fmt=fmt):
                tree, xml, errors = self._export(refund, fmt)
                self.assertFalse(errors, errors)
                self.assertEqual(tree.tag.split("}")[1], "CreditNote")
                self.assertEqual(
                    self._text(tree, "/*/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"),
                    invoice.name,
                )
                self.assertEqual(self._text(tree, "/*/cac:OrderReference/cbc:ID"), "4500012345")
                self.assertEqual(self._text(tree, "/*/cbc:AccountingCost"), "KP-1000")
                self.assertEqual(
                    self._texts(tree, "/*/cac:CreditNoteLine/cac:OrderLineReference/cbc:LineID"),
                    ["10", "20"],
                )
                self._assert_valid_ubl(xml)

    def test_several_vat_rates_zero_rate_and_discount(self):
        invoice = self._invoice(
            oci_po_number="PO-MIX",
            lines=[
                {
                    "product_id": self.product_cake.id,
                    "quantity": 3,
                    "price_unit": 32.5,
                    "discount": 10,
                    "tax_ids": [Command.set(self.tax_21.ids)],
                    "oci_po_line_ref": "1",
                },
                {
                    "product_id": self.product_fruit.id,
                    "quantity": 2,
                    "price_unit": 39.95,
                    "tax_ids": [Command.set(self.tax_9.ids)],
                    "oci_po_line_ref": "2",
                },
                {
                    "product_id": self.product_logo.id,
                    "quantity": 1,
                    "price_unit": 54.95,
                    "tax_ids": [Command.set(self.tax_0.ids)],
                    "oci_po_line_ref": "3",
                },
            ],
        )
        for fmt in ("nlcius", "ubl_bis3"):
            with self.subTest(fmt=fmt):
                tree, xml, errors = self._export(invoice, fmt)
                self.assertFalse(errors, errors)
                self.assertEqual(
                    sorted(
                        self._texts(tree, "/*/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID")
                    ),
                    ["E", "S", "S"],
                )
                self.assertEqual(
                    self._texts(tree, "/*/cac:InvoiceLine/cac:AllowanceCharge/cbc:ChargeIndicator"),
                    ["false"],
                )
                self.assertEqual(
                    self._texts(tree, "/*/cac:InvoiceLine/cac:OrderLineReference/cbc:LineID"),
                    ["1", "2", "3"],
                )
                self._assert_valid_ubl(xml)

    def test_reverse_charge_foreign_currency(self):
        customer_be = self._belgian_customer("Zorgnet Vlaanderen")
        usd = self.setup_other_currency("USD")
        invoice = self._invoice(
            customer_be,
            currency_id=usd.id,
            oci_po_number="PO-BE-9",
            lines=[
                {
                    "product_id": self.product_cake.id,
                    "quantity": 4,
                    "price_unit": 30.0,
                    "tax_ids": [Command.set(self.tax_0.ids)],
                    "oci_po_line_ref": "7",
                }
            ],
        )
        tree, xml, errors = self._export(invoice, "ubl_bis3")
        self.assertFalse(errors, errors)
        self.assertEqual(self._text(tree, "/*/cbc:DocumentCurrencyCode"), "USD")
        self.assertEqual(
            self._texts(tree, "/*/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID"), ["K"]
        )
        self.assertEqual(self._text(tree, "/*/cac:OrderReference/cbc:ID"), "PO-BE-9")
        self._assert_valid_ubl(xml)

    def test_without_po_keeps_stock_order_reference(self):
        invoice = self._invoice()
        self.assertTrue(invoice.name)
        tree, xml, errors = self._export(invoice, "nlcius")
        self.assertFalse(errors, errors)
        # No PO: stock Odoo's own OrderReference (the invoice number) stays,
        # so the document is valid (PEPPOL-EN16931-R003 / BR-NL-2) ...
        self.assertEqual(self._texts(tree, "/*/cac:OrderReference/cbc:ID"), [invoice.name])
        # ... but PO line numbers without a PO are not written.
        self.assertFalse(self._xp(tree, "//cac:OrderLineReference"))
        self._assert_valid_ubl(xml)
        invoice.oci_buyer_reference = "AFD-7"
        tree, xml, errors = self._export(invoice, "nlcius")
        self.assertFalse(errors, errors)
        self.assertEqual(self._text(tree, "/*/cbc:BuyerReference"), "AFD-7")
        self._assert_valid_ubl(xml)

    def test_po_required_blocks_posting_and_sending(self):
        self.customer.oci_po_required = True
        draft = self._invoice(post=False)
        with self.assertRaisesRegex(UserError, "A PO number is required for Zorggroep Test"):
            draft.action_post()
        self.assertEqual(draft.state, "draft")
        draft.oci_po_number = "4500000001"
        draft.action_post()
        self.assertEqual(draft.state, "posted")
        # PO removed afterwards: neither the UBL nor Send & Print go through.
        draft.oci_po_number = False
        tree, xml, errors = self._export(draft, "nlcius")
        self.assertTrue(any("A PO number is required" in error for error in errors), errors)
        with self.assertRaisesRegex(UserError, "A PO number is required"):
            draft._generate_and_send(sending_methods=["manual"])
        self.assertFalse(draft.ubl_cii_xml_id)

    def test_import_as_vendor_bill_keeps_po(self):
        invoice = self._po_invoice()
        tree, xml, errors = self._export(invoice, "nlcius")
        attachment = self.env["ir.attachment"].create(
            {"name": "invoice.xml", "raw": xml, "mimetype": "application/xml"}
        )
        journal = self.company_data["default_journal_purchase"]
        bill = journal.with_context(
            default_move_type="in_invoice"
        )._create_document_from_attachment(attachment.ids)
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.invoice_origin, "4500012345")
        self.assertEqual(bill.ref, invoice.name)
        self.assertEqual(len(bill.invoice_line_ids), 2)

    def test_factur_x_carries_po_and_buyer_reference(self):
        invoice = self._po_invoice()
        xml = self.env["account.edi.xml.cii"]._export_invoice(invoice)[0]
        tree = etree.fromstring(xml)
        self.assertEqual(
            tree.xpath(
                "//*[local-name()='BuyerOrderReferencedDocument']/*[local-name()='IssuerAssignedID']"
            )[0].text,
            "4500012345",
        )
        self.assertEqual(tree.xpath("//*[local-name()='BuyerReference']")[0].text, "AFD-INKOOP")
