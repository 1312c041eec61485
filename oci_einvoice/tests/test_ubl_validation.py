# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest

from lxml import etree

from odoo.tests import tagged

from . import ubl_validation
from .common import OciEinvoiceCommon


@tagged("post_install", "-at_install")
class TestUblValidation(OciEinvoiceCommon):
    """XSD tier always; the official schematron tier when the compiled XSLTs
    are in $OCI_SCHEMATRON_DIR (default /opt/oci-validation)."""

    def _documents(self):
        invoice = self._invoice(
            oci_po_number="4500012345", oci_buyer_reference="AFD-1", oci_cost_center="KP-1000"
        )
        invoice.invoice_line_ids[0].oci_cost_center = "KP-2001"
        refund = self._refund(invoice)
        for fmt in ("nlcius", "ubl_bis3", "xrechnung"):
            for move in (invoice, refund):
                tree, xml, errors = self._export(move, fmt)
                self.assertFalse(errors, errors)
                yield fmt, move, xml

    def test_xsd_tier(self):
        count = 0
        for fmt, move, xml in self._documents():
            with self.subTest(fmt=fmt, move=move.move_type):
                ok, errors = ubl_validation.validate_ubl_xsd(xml)
                self.assertTrue(ok, errors)
                count += 1
        self.assertEqual(count, 6)

    def test_xsd_tier_catches_element_order(self):
        tree, xml, errors = self._export(
            self._invoice(oci_po_number="PO-1", oci_cost_center="KP-1")
        )
        cost = tree.find("{*}AccountingCost")
        tree.append(cost)  # AccountingCost after the lines: wrong place
        ok, errors = ubl_validation.validate_ubl_xsd(etree.tostring(tree))
        self.assertFalse(ok)
        self.assertIn("AccountingCost", "\n".join(errors))

    def test_schematron_tier(self):
        if not ubl_validation.schematron_files():
            raise unittest.SkipTest(
                f"no compiled schematron (*.xsl, *.xslt) in {ubl_validation.schematron_dir()} "
                f"(set ${ubl_validation.SCHEMATRON_DIR_ENV})"
            )
        used_by_format = {}
        for fmt, move, xml in self._documents():
            with self.subTest(fmt=fmt, move=move.move_type):
                used, failures = ubl_validation.run_schematron(xml)
                self.assertFalse(failures, "\n".join(failures))
                used_by_format.setdefault(fmt, set()).update(used)
        names = {fmt: " ".join(sorted(used)).lower() for fmt, used in used_by_format.items()}
        # Every format was checked by at least one artefact.
        self.assertTrue(all(names.values()), names)
        # ... and every artefact found applied to at least one format.
        all_used = set().union(*used_by_format.values())
        self.assertEqual(
            all_used, {path.rsplit("/", 1)[-1] for path in ubl_validation.schematron_files()}
        )
        # The runner does see failures: drop both references (PEPPOL-EN16931-R003 / BR-NL-2).
        tree, xml, errors = self._export(
            self._invoice(oci_po_number="PO-9", oci_buyer_reference="B")
        )
        for node in tree.xpath(
            "//*[local-name()='OrderReference' or local-name()='BuyerReference']"
        ):
            node.getparent().remove(node)
        used, failures = ubl_validation.run_schematron(etree.tostring(tree))
        if any("si-ubl" in name.lower() or "peppol" in name.lower() for name in used):
            self.assertTrue(
                any("R003" in failure or "BR-NL-2" in failure for failure in failures), failures
            )
