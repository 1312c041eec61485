# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""E-invoices are never worse than stock Odoo's, for any customer.

Stock Odoo's output is produced in the same database by the same builders
with oci_einvoice's overrides neutralised (``stock_odoo``), and both are run
through the same XSD and official schematron. Sending, the format suggestion
and NLCIUS credit notes: test_stock_parity_sending.py."""

from lxml import etree

from odoo import Command
from odoo.tests import tagged

from . import ubl_validation
from .stock_odoo import addon_classes, stock_odoo
from .stock_parity_common import StockParityCommon

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
class TestStockParity(StockParityCommon):
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
