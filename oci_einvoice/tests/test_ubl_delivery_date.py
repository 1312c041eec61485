# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The delivery date on the invoice and in its UBL.

EN 16931 has one Delivery per invoice (BG-13, Actual delivery date BT-72);
``cac:InvoiceLine/cac:Delivery`` is flagged by the CEN and SI-UBL artefacts
(UBL-CR-550). So: one date, the invoice-level ActualDeliveryDate; several
dates, the latest at invoice level and each line's date as its Invoice line
period (BG-26, start = end = the day); no date, stock Odoo's document."""

import unittest
from datetime import date, datetime

from lxml import etree

from odoo import Command
from odoo.tests import tagged

from . import ubl_validation
from .common import BUILDERS, OciEinvoiceCommon
from .stock_odoo import stock_odoo

HEADER_DATE = "/*/cac:Delivery/cbc:ActualDeliveryDate"
LINE_PERIOD = "/*/cac:InvoiceLine/cac:InvoicePeriod"
FORMATS = ("nlcius", "ubl_bis3", "xrechnung")


@tagged("post_install", "-at_install")
class TestUblDeliveryDate(OciEinvoiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The shop's days are Amsterdam days (UTC+1 in November).
        cls.company.partner_id.tz = "Europe/Amsterdam"

    def _order(self, branch, commitment=None, lines=None, po_number="PO-D-1"):
        lines = lines or [(self.product_cake, 2, "10")]
        order = self.env["sale.order"].create(
            {
                "partner_id": self.orderer.id,
                "partner_invoice_id": self.customer.id,
                "partner_shipping_id": branch.id,
                "client_order_ref": po_number,
                "commitment_date": commitment,
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "product_uom_qty": qty, "oci_po_line_ref": ref}
                    )
                    for product, qty, ref in lines
                ],
            }
        )
        order.action_confirm()
        return order

    def _line_days(self, tree):
        """(line id, start, end) of every invoice line's period."""
        return sorted(
            (
                self._text(line, "cbc:ID"),
                self._text(line, "cac:InvoicePeriod/cbc:StartDate"),
                self._text(line, "cac:InvoicePeriod/cbc:EndDate"),
            )
            for line in self._xp(tree, "/*/cac:InvoiceLine | /*/cac:CreditNoteLine")
        )

    def _assert_valid_without_warnings(self, xml):
        """Valid (XSD, schematron when present) and no warning about what we
        write (a line-level Delivery would be UBL-CR-550)."""
        self._assert_valid_ubl(xml)
        if ubl_validation.schematron_files():
            _used, _failures, warnings = ubl_validation.run_schematron_with_warnings(xml)
            ours = [w for w in warnings if "Delivery" in w or "InvoicePeriod" in w]
            self.assertFalse(ours, "\n".join(ours))

    # ------------------------------------------------------------------
    def test_one_date_on_the_invoice(self):
        # 23:30 UTC on 4 November is 5 November in Amsterdam.
        order = self._order(self.branch_north, datetime(2026, 11, 4, 23, 30))
        invoice = order._create_invoices()
        self.assertEqual(invoice.invoice_line_ids.oci_delivery_date, date(2026, 11, 5))
        self.assertEqual(invoice.delivery_date, date(2026, 11, 5))
        invoice.action_post()
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                tree, xml, errors = self._export(invoice, fmt)
                self.assertFalse(errors, errors)
                self.assertEqual(self._texts(tree, HEADER_DATE), ["2026-11-05"])
                # One date: no line periods, and never a line Delivery.
                self.assertFalse(self._xp(tree, LINE_PERIOD))
                self.assertFalse(self._xp(tree, "//cac:InvoiceLine/cac:Delivery"))
                # The branch's address stays the delivery address.
                self.assertEqual(
                    self._texts(
                        tree, "/*/cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:StreetName"
                    ),
                    ["Noordweg 1"],
                )
                self._assert_valid_without_warnings(xml)

    def test_several_dates_line_periods(self):
        orders = self._order(self.branch_north, datetime(2026, 11, 5, 11, 0)) | self._order(
            self.branch_north,
            datetime(2026, 11, 9, 11, 0),
            lines=[(self.product_logo, 1, "20"), (self.product_fruit, 1, "30")],
        )
        invoice = orders._create_invoices()
        self.assertEqual(len(invoice), 1)
        self.assertEqual(
            sorted(invoice.invoice_line_ids.mapped(lambda line: str(line.oci_delivery_date))),
            ["2026-11-05", "2026-11-09", "2026-11-09"],
        )
        # The invoice's delivery date: the supply was completed on the last day.
        self.assertEqual(invoice.delivery_date, date(2026, 11, 9))
        invoice.action_post()
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                tree, xml, errors = self._export(invoice, fmt)
                self.assertFalse(errors, errors)
                self.assertEqual(self._texts(tree, HEADER_DATE), ["2026-11-09"])
                self.assertEqual(
                    self._line_days(tree),
                    [
                        ("1", "2026-11-05", "2026-11-05"),
                        ("2", "2026-11-09", "2026-11-09"),
                        ("3", "2026-11-09", "2026-11-09"),
                    ],
                )
                self.assertFalse(self._xp(tree, "//cac:InvoiceLine/cac:Delivery"))
                self._assert_valid_without_warnings(xml)
        # The credit note keeps the lines' days.
        refund = self._refund(invoice)
        self.assertEqual(refund.delivery_date, date(2026, 11, 9))
        tree, xml, errors = self._export(refund, "nlcius")
        self.assertFalse(errors, errors)
        self.assertEqual(
            [day for _id, day, _end in self._line_days(tree)],
            ["2026-11-05", "2026-11-09", "2026-11-09"],
        )
        self._assert_valid_without_warnings(xml)

    def test_invoice_report_names_the_days_when_they_differ(self):
        def html(invoice):
            report = self.env["ir.actions.report"]
            return report._render_qweb_html("account.report_invoice", invoice.ids)[0].decode()

        one = self._order(self.branch_north, datetime(2026, 11, 5, 11, 0))._create_invoices()
        self.assertNotIn("oci_line_delivery_date", html(one))
        several = (
            self._order(self.branch_north, datetime(2026, 11, 5, 11, 0))
            | self._order(
                self.branch_north,
                datetime(2026, 11, 9, 11, 0),
                lines=[(self.product_logo, 1, "20")],
            )
        )._create_invoices()
        page = html(several)
        self.assertEqual(page.count("oci_line_delivery_date"), 2)
        self.assertIn("11/05/2026", page)
        self.assertIn("11/09/2026", page)

    def test_line_date_edited_on_the_draft_invoice(self):
        order = self._order(
            self.branch_north,
            datetime(2026, 11, 5, 11, 0),
            lines=[(self.product_cake, 1, "10"), (self.product_logo, 1, "20")],
        )
        invoice = order._create_invoices()
        self.assertEqual(invoice.delivery_date, date(2026, 11, 5))
        invoice.invoice_line_ids.filtered(
            lambda line: line.product_id == self.product_logo
        ).oci_delivery_date = date(2026, 11, 6)
        self.assertEqual(invoice.delivery_date, date(2026, 11, 6))
        invoice.action_post()
        tree = self._export(invoice)[0]
        self.assertEqual(
            self._line_days(tree),
            [("1", "2026-11-05", "2026-11-05"), ("2", "2026-11-06", "2026-11-06")],
        )

    def test_changed_line_date_makes_the_ubl_stale(self):
        order = self._order(self.branch_north, datetime(2026, 11, 5, 11, 0))
        invoice = order._create_invoices()
        invoice.partner_bank_id = self.bank
        invoice.action_post()
        invoice._generate_and_send(sending_methods=["manual"])
        old_attachment = invoice.ubl_cii_xml_id
        self.assertTrue(old_attachment)
        tree = self._export_tree(old_attachment.raw)
        self.assertEqual(self._texts(tree, HEADER_DATE), ["2026-11-05"])
        # An unrelated write keeps it; the line's delivery date does not.
        invoice.invoice_line_ids.oci_delivery_date = date(2026, 11, 5)
        self.assertEqual(invoice.ubl_cii_xml_id, old_attachment)
        invoice.invoice_line_ids.oci_delivery_date = date(2026, 11, 6)
        self.assertFalse(invoice.ubl_cii_xml_id, "the stale UBL must be detached")
        self.assertIn("delivery date", invoice.message_ids[0].body)
        self.assertEqual(invoice.delivery_date, date(2026, 11, 6))
        invoice._generate_and_send(sending_methods=["manual"])
        tree = self._export_tree(invoice.ubl_cii_xml_id.raw)
        self.assertEqual(self._texts(tree, HEADER_DATE), ["2026-11-06"])

    def test_no_date_is_stock(self):
        order = self._order(self.branch_north)
        invoice = order._create_invoices()
        self.assertFalse(invoice.invoice_line_ids.oci_delivery_date)
        self.assertFalse(invoice.delivery_date)
        invoice.action_post()
        for fmt in FORMATS:
            with self.subTest(fmt=fmt):
                tree, xml, errors = self._export(invoice, fmt)
                with stock_odoo(self.env):
                    stock_xml = self.env[self._builder(fmt)]._export_invoice(invoice)[0]
                self.assertFalse(self._xp(tree, HEADER_DATE))
                self.assertFalse(self._xp(tree, LINE_PERIOD))
                stock_tree = self._export_tree(stock_xml)
                # Nothing of ours about delivery: the Delivery and the lines'
                # periods are stock Odoo's.
                for path in ("/*/cac:Delivery", LINE_PERIOD):
                    self.assertEqual(
                        [self._c14n(node) for node in self._xp(tree, path)],
                        [self._c14n(node) for node in self._xp(stock_tree, path)],
                    )
        # A date typed on the invoice itself is stock's BT-72.
        invoice.button_draft()
        invoice.delivery_date = date(2026, 11, 3)
        invoice.action_post()
        tree = self._export(invoice)[0]
        self.assertEqual(self._texts(tree, HEADER_DATE), ["2026-11-03"])
        self.assertFalse(self._xp(tree, LINE_PERIOD))

    def test_schematron_artefacts_applied(self):
        """The official CEN, Peppol and SI-UBL rules really ran on a document
        with line periods (skipped when the artefacts are absent)."""
        if not ubl_validation.schematron_files():
            raise unittest.SkipTest(
                f"no compiled schematron (*.xsl, *.xslt) in {ubl_validation.schematron_dir()} "
                f"(set ${ubl_validation.SCHEMATRON_DIR_ENV})"
            )
        orders = self._order(self.branch_north, datetime(2026, 11, 5, 11, 0)) | self._order(
            self.branch_north, datetime(2026, 11, 6, 11, 0), lines=[(self.product_logo, 1, "20")]
        )
        invoice = orders._create_invoices()
        invoice.action_post()
        used = set()
        for fmt in ("nlcius", "ubl_bis3"):
            xml = self._export(invoice, fmt)[1]
            self.assertEqual(len(self._xp(self._export_tree(xml), LINE_PERIOD)), 2)
            used.update(self._assert_valid_ubl(xml))
        expected = {
            path.rsplit("/", 1)[-1]
            for path in ubl_validation.schematron_files()
            if ubl_validation.schematron_applies(path, ubl_validation.CUSTOMIZATION_NLCIUS)
            or ubl_validation.schematron_applies(path, ubl_validation.CUSTOMIZATION_BIS3)
        }
        self.assertEqual(used, expected)

    # ------------------------------------------------------------------
    @staticmethod
    def _builder(fmt):
        return BUILDERS[fmt]

    @staticmethod
    def _export_tree(xml):
        return etree.fromstring(xml)

    @staticmethod
    def _c14n(node):
        return etree.tostring(node, method="c14n")
