# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The invoicing concepts oci_einvoice owns (cost center, customer accounting
code, PO line), on a database with or without oci_punchout and website."""

from odoo import Command
from odoo.tests import tagged

from .common import OciEinvoiceCommon


@tagged("post_install", "-at_install")
class TestInvoicingFields(OciEinvoiceCommon):
    def test_order_cost_center_from_branch_else_orderer_else_customer(self):
        self.orderer.oci_cost_center = "KP-ANNA"
        unset_branch = self.env["res.partner"].create(
            {"name": "Locatie West", "type": "delivery", "parent_id": self.customer.id}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.orderer.id,
                "partner_shipping_id": self.branch_east.id,
                "order_line": [Command.create({"product_id": self.product_cake.id})],
            }
        )
        self.assertEqual(order.oci_cost_center, "KP-2003", "the delivery branch's")
        # A branch without its own cost center inherits the company's: the
        # company's comes before the orderer's.
        order.partner_shipping_id = unset_branch
        self.assertEqual(order.oci_cost_center, "KP-1000")
        self.customer.oci_cost_center = False
        order.partner_shipping_id = self.orderer
        self.assertEqual(order.oci_cost_center, "KP-ANNA", "the orderer's")
        # Typed by hand, it stays until the addresses change.
        order.oci_cost_center = "KP-HAND"
        order.action_confirm()
        invoice = order._create_invoices()
        self.assertEqual(invoice.oci_cost_center, "KP-HAND")
        self.assertEqual(invoice.invoice_line_ids.mapped("oci_cost_center"), ["KP-HAND"])

    def test_customer_code_from_product_else_nearest_category(self):
        child = self.env["product.category"].create(
            {"name": "OCI Cakes / Slagroom", "parent_id": self.categ_cakes.id}
        )
        grandchild = self.env["product.category"].create(
            {"name": "OCI Cakes / Slagroom / Klein", "parent_id": child.id}
        )
        self.product_cake.categ_id = grandchild
        template = self.product_cake.product_tmpl_id
        self.assertEqual(template._oci_get_customer_code(), "4411", "the grandparent's")
        child.oci_customer_code = "4415"
        self.assertEqual(template._oci_get_customer_code(), "4415", "the nearest category's")
        template.oci_customer_code = "4499"
        self.assertEqual(template._oci_get_customer_code(), "4499", "the product's own")
        self.assertEqual(self.product_cake.oci_customer_code, "4499")

    def test_po_line_reference_goes_from_order_line_to_invoice_line(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.orderer.id,
                "partner_shipping_id": self.branch_north.id,
                "client_order_ref": "4500000077",
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "product_uom_qty": 1, "oci_po_line_ref": ref}
                    )
                    for product, ref in ((self.product_cake, "10"), (self.product_logo, "20"))
                ],
            }
        )
        order.action_confirm()
        self.assertEqual(order.copy().order_line.mapped("oci_po_line_ref"), [False, False])
        invoice = order._create_invoices()
        self.assertEqual(
            {line.product_id: line.oci_po_line_ref for line in invoice.invoice_line_ids},
            {self.product_cake: "10", self.product_logo: "20"},
        )
        self.assertEqual(invoice.oci_po_number, "4500000077")
        self.assertEqual(invoice.oci_cost_center, "KP-2001")

    def test_forms_show_the_invoicing_fields(self):
        views = {
            "product.template": ("form", "oci_customer_code"),
            "product.category": ("form", "oci_customer_code"),
            "sale.order": ("form", "oci_cost_center"),
            "res.partner": ("form", "oci_cost_center"),
        }
        for model, (view_type, fname) in views.items():
            arch = self.env[model].get_view(view_type=view_type)["arch"]
            self.assertIn(f'name="{fname}"', arch, model)
        search = self.env["product.template"].get_view(view_type="search")["arch"]
        self.assertIn('name="oci_customer_code"', search)
