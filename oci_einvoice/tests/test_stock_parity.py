# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""E-invoices are never worse than stock Odoo's, for any customer.

Stock Odoo's output is produced in the same database by the same builders
with oci_einvoice's overrides neutralised (``stock_odoo``), and both are run
through the same XSD and official schematron."""

from lxml import etree

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from . import ubl_validation
from .common import OciEinvoiceCommon
from .stock_odoo import addon_classes, stock_odoo

# What receivers match an invoice on.
REFERENCE_PATHS = (
    "/*/cbc:BuyerReference",
    "/*/cbc:AccountingCost",
    "/*/cac:OrderReference/cbc:ID",
    "/*/cac:OrderReference/cbc:SalesOrderID",
    "/*/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID",
    "/*/cac:BillingReference/cac:InvoiceDocumentReference/cbc:IssueDate",
    "/*/cac:Delivery/cbc:ActualDeliveryDate",
    "/*/cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:StreetName",
    "/*/cac:AccountingCustomerParty/cac:Party/cbc:EndpointID",
    "/*/cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID",
    "//cac:OrderLineReference/cbc:LineID",
    "//cbc:ItemClassificationCode",
    "//cac:BuyersItemIdentification/cbc:ID",
)


@tagged("post_install", "-at_install")
class TestStockParity(OciEinvoiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        nl = cls.env.ref("base.nl")
        address = {"street": "Dorpsstraat 1", "zip": "1234 AB", "city": "Ede", "country_id": nl.id}
        # No NZI code, no cost center, no PO: nothing of ours applies.
        cls.plain_product = cls.env["product.product"].create(
            {
                "name": "Boterkoek",
                "default_code": "TT-BOTER",
                "list_price": 12.5,
                "type": "consu",
                "taxes_id": [Command.set(cls.tax_21.ids)],
            }
        )
        cls.business = cls.env["res.partner"].create(
            {
                "name": "Bakkerij De Korf BV",
                "is_company": True,
                "vat": "NL123456782B90",
                "peppol_eas": "0106",
                "peppol_endpoint": "11223344",
                "email": "ap@korf.example",
                **address,
            }
        )
        cls.consumer = cls.env["res.partner"].create(
            {"name": "Jan Jansen", "email": "jan@example.com", **address}
        )
        cls.government = cls.env["res.partner"].create(
            {
                "name": "Gemeente Ede",
                "is_company": True,
                "vat": "NL003214345B01",
                "peppol_eas": "0190",
                "peppol_endpoint": "00000001003214345000",
                "email": "facturen@ede.example",
                **address,
            }
        )

    def _plain_invoice(self, partner, **vals):
        return self._invoice(
            partner,
            lines=[
                {
                    "product_id": self.plain_product.id,
                    "quantity": 3,
                    "price_unit": 12.5,
                    "tax_ids": [Command.set(self.tax_21.ids)],
                }
            ],
            **vals,
        )

    def _stock_export(self, move, fmt):
        with stock_odoo(self.env):
            xml, errors = self.env[self._builder(fmt)]._export_invoice(move)
        return etree.fromstring(xml), xml, errors

    @staticmethod
    def _builder(fmt):
        from .common import BUILDERS

        return BUILDERS[fmt]

    def _references(self, tree):
        return {path: self._texts(tree, path) for path in REFERENCE_PATHS}

    def _validation(self, xml):
        ok, xsd_errors = ubl_validation.validate_ubl_xsd(xml)
        result = {"xsd": (ok, sorted(xsd_errors))}
        if ubl_validation.schematron_files():
            used, failures, warnings = ubl_validation.run_schematron_with_warnings(xml)
            result["schematron"] = (sorted(used), sorted(failures), sorted(warnings))
        return result

    def _assert_as_stock(self, move, fmt, expected_differences=()):
        """Same references, same builder errors, same validation results.
        ``expected_differences``: reference paths where we are knowingly
        better (asserted by the caller)."""
        tree, xml, errors = self._export(move, fmt)
        stock_tree, stock_xml, stock_errors = self._stock_export(move, fmt)
        self.assertEqual(errors, stock_errors)
        ours, stock = self._references(tree), self._references(stock_tree)
        for path in expected_differences:
            ours.pop(path)
            stock.pop(path)
        self.assertEqual(ours, stock)
        if not expected_differences:
            # Nothing of ours applies: the very same document.
            self.assertEqual(
                etree.tostring(tree, method="c14n"), etree.tostring(stock_tree, method="c14n")
            )
        self.assertEqual(self._validation(xml), self._validation(stock_xml))
        return tree, stock_tree

    # ------------------------------------------------------------------
    # The stock reference itself
    # ------------------------------------------------------------------
    def test_stock_odoo_neutralises_every_override(self):
        invoice = self._invoice(oci_po_number="4500012345", oci_cost_center="KP-1000", ref="REF-X")
        tree = self._export(invoice)[0]
        stock = self._stock_export(invoice, "nlcius")[0]
        self.assertEqual(self._text(tree, "/*/cac:OrderReference/cbc:ID"), "4500012345")
        self.assertEqual(self._text(stock, "/*/cac:OrderReference/cbc:ID"), "REF-X")
        self.assertFalse(self._xp(stock, "/*/cbc:AccountingCost"))
        self.assertFalse(self._xp(stock, "//cbc:ItemClassificationCode"))
        # Ours again after the block, and every builder class of ours was seen.
        self.assertEqual(self._text(self._export(invoice)[0], "/*/cbc:AccountingCost"), "KP-1000")
        names = {
            cls.__module__.rsplit(".", 1)[-1]
            for cls in addon_classes(self.env, ["account.edi.xml.ubl_nl"])
        }
        self.assertTrue({"account_edi_xml_ubl_21", "account_edi_xml_ubl_bis3"} <= names, names)

    # ------------------------------------------------------------------
    # Regression: invoices without punchout data are stock's
    # ------------------------------------------------------------------
    def test_simple_invoice_as_stock(self):
        invoice = self._plain_invoice(self.business)
        for fmt in ("nlcius", "ubl_bis3", "xrechnung"):
            with self.subTest(fmt=fmt):
                tree, _stock = self._assert_as_stock(invoice, fmt)
                self.assertEqual(self._text(tree, "/*/cac:OrderReference/cbc:ID"), invoice.name)

    def test_customer_reference_invoice_as_stock(self):
        invoice = self._plain_invoice(self.business, ref="4500099999")
        for fmt in ("nlcius", "ubl_bis3"):
            with self.subTest(fmt=fmt):
                tree, _stock = self._assert_as_stock(invoice, fmt)
                self.assertEqual(self._text(tree, "/*/cac:OrderReference/cbc:ID"), "4500099999")
                self._assert_valid_ubl(self._export(invoice, fmt)[1])

    def test_credit_note_as_stock(self):
        invoice = self._plain_invoice(self.business)
        refund = self._refund(invoice)
        billing_id = "/*/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"
        billing_date = "/*/cac:BillingReference/cac:InvoiceDocumentReference/cbc:IssueDate"
        for fmt in ("nlcius", "ubl_bis3"):
            with self.subTest(fmt=fmt):
                tree, stock = self._assert_as_stock(refund, fmt, (billing_id, billing_date))
                # Knowingly better: the preceding invoice's number (BT-25), where
                # stock writes the reversal wizard's text ("Reversal of: ...").
                self.assertEqual(self._texts(tree, billing_id), [invoice.name])
                self.assertEqual(self._texts(stock, billing_id), [refund.ref])
                # Its date only where recommended: BIS 3 yes, NLCIUS no (BR-NL-24).
                expected_date = [] if fmt == "nlcius" else [str(invoice.invoice_date)]
                self.assertEqual(self._texts(tree, billing_date), expected_date)
                self._assert_valid_ubl(self._export(refund, fmt)[1])

    def test_foreign_currency_as_stock(self):
        customer_be = self._belgian_customer("Bakkerij Vlaanderen")
        usd = self.setup_other_currency("USD")
        invoice = self._invoice(
            customer_be,
            currency_id=usd.id,
            lines=[
                {
                    "product_id": self.plain_product.id,
                    "quantity": 4,
                    "price_unit": 30.0,
                    "tax_ids": [Command.set(self.tax_0.ids)],
                }
            ],
        )
        delivery_date = "/*/cac:Delivery/cbc:ActualDeliveryDate"
        tree, stock = self._assert_as_stock(invoice, "ubl_bis3", (delivery_date,))
        self.assertEqual(self._text(tree, "/*/cbc:DocumentCurrencyCode"), "USD")
        # Knowingly better: an intra-community supply's delivery date (BT-72,
        # BR-IC-11) is the invoice's delivery date, where stock writes its date.
        self.assertEqual(self._texts(tree, delivery_date), [str(invoice.delivery_date)])
        self.assertEqual(self._texts(stock, delivery_date), [str(invoice.invoice_date)])

    def test_consumer_as_stock(self):
        invoice = self._plain_invoice(self.consumer)
        for fmt in ("nlcius", "ubl_bis3"):
            with self.subTest(fmt=fmt):
                self._assert_as_stock(invoice, fmt)

    def test_government_oin_as_stock(self):
        invoice = self._plain_invoice(self.government)
        tree, _stock = self._assert_as_stock(invoice, "nlcius")
        endpoint = self._xp(tree, "/*/cac:AccountingCustomerParty/cac:Party/cbc:EndpointID")[0]
        self.assertEqual(
            (endpoint.get("schemeID"), endpoint.text), ("0190", "00000001003214345000")
        )
        self._assert_valid_ubl(self._export(invoice)[1])

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
