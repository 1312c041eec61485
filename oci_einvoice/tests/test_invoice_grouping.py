# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import tagged

from .common import OciEinvoiceCommon


@tagged("post_install", "-at_install")
class TestInvoiceGrouping(OciEinvoiceCommon):
    def _order(self, branch, po_number, lines=None, po_line_refs=("10",)):
        lines = lines or [(self.product_cake, 2)]
        order = self.env["sale.order"].create(
            {
                "partner_id": self.orderer.id,
                "partner_invoice_id": self.customer.id,
                "partner_shipping_id": branch.id,
                "client_order_ref": po_number,
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "product_uom_qty": qty, "oci_po_line_ref": ref}
                    )
                    for (product, qty), ref in zip(lines, po_line_refs, strict=False)
                ],
            }
        )
        order.action_confirm()
        return order

    def test_per_branch_never_mixes_branches_or_pos(self):
        self.assertEqual(self.customer.oci_invoice_policy, "per_branch")
        self.customer.oci_buyer_reference = "ZG"
        self.branch_south.oci_buyer_reference = "LOC-ZUID"
        orders = (
            self._order(self.branch_north, "PO-A1")
            | self._order(self.branch_north, "PO-A1", lines=[(self.product_logo, 1)])
            | self._order(self.branch_north, "PO-A2")
            | self._order(self.branch_south, "PO-A1")
        )
        invoices = orders._create_invoices()
        self.assertEqual(len(invoices), 3)
        by_key = {(inv.oci_branch_id, inv.oci_po_number): inv for inv in invoices}
        north_a1 = by_key[(self.branch_north, "PO-A1")]
        self.assertEqual(len(north_a1.invoice_line_ids), 2)
        self.assertEqual(north_a1.oci_cost_center, "KP-2001")
        self.assertEqual(north_a1.partner_shipping_id, self.branch_north)
        self.assertIn((self.branch_north, "PO-A2"), by_key)
        self.assertEqual(by_key[(self.branch_south, "PO-A1")].oci_cost_center, "KP-2002")
        # Buyer reference per branch, else the company's.
        self.assertEqual(by_key[(self.branch_south, "PO-A1")].oci_buyer_reference, "LOC-ZUID")
        self.assertEqual(north_a1.oci_buyer_reference, "ZG")
        for invoice in invoices:
            self.assertEqual(invoice.ref, invoice.oci_po_number)
            self.assertEqual(
                set(invoice.line_ids.sale_line_ids.order_id.mapped("client_order_ref")),
                {invoice.oci_po_number},
            )

    def test_collective_invoice_over_three_branches(self):
        hq_invoice = self._invoice_address("Crediteurenadministratie")
        self.customer.write(
            {
                "oci_invoice_policy": "collective",
                "oci_collective_invoice_partner_id": hq_invoice.id,
                "oci_buyer_reference": "ZG-CENTRAAL",
            }
        )
        orders = (
            self._order(self.branch_north, "PO-MONTH-11", po_line_refs=("1",))
            | self._order(
                self.branch_south,
                "PO-MONTH-11",
                lines=[(self.product_logo, 1)],
                po_line_refs=("2",),
            )
            | self._order(
                self.branch_east,
                "PO-MONTH-11",
                lines=[(self.product_fruit, 3)],
                po_line_refs=("3",),
            )
        )
        invoice = orders._create_invoices()
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.partner_id, hq_invoice)
        self.assertFalse(invoice.oci_branch_id)
        self.assertEqual(invoice.oci_po_number, "PO-MONTH-11")
        self.assertEqual(invoice.oci_buyer_reference, "ZG-CENTRAAL")
        # Lines differ: the header takes the customer's own cost center.
        self.assertEqual(invoice.oci_cost_center, "KP-1000")
        lines = invoice.invoice_line_ids.sorted(lambda line: line.oci_po_line_ref)
        self.assertEqual(lines.oci_branch_id, self.branches)
        self.assertEqual(lines.mapped("oci_cost_center"), ["KP-2001", "KP-2002", "KP-2003"])
        invoice.action_post()

        tree, xml, errors = self._export(invoice, "nlcius")
        self.assertFalse(errors, errors)
        self.assertEqual(self._text(tree, "/*/cac:OrderReference/cbc:ID"), "PO-MONTH-11")
        self.assertEqual(self._text(tree, "/*/cbc:AccountingCost"), "KP-1000")
        self.assertEqual(self._text(tree, "/*/cbc:BuyerReference"), "ZG-CENTRAAL")
        self.assertEqual(
            self._text(tree, "/*/cac:AccountingCustomerParty/cac:Party/cac:PartyName/cbc:Name"),
            hq_invoice.display_name,
        )
        ubl_lines = self._xp(tree, "/*/cac:InvoiceLine")
        self.assertEqual(
            sorted(
                (
                    self._text(line, "cac:OrderLineReference/cbc:LineID"),
                    self._text(line, "cbc:AccountingCost"),
                )
                for line in ubl_lines
            ),
            [("1", "KP-2001"), ("2", "KP-2002"), ("3", "KP-2003")],
        )
        # Three delivery addresses, one Delivery per invoice (EN 16931): no
        # street address at all (never the P.O. box), only the common country.
        self.assertEqual(len(self._xp(tree, "/*/cac:Delivery")), 1)
        address = "/*/cac:Delivery/cac:DeliveryLocation/cac:Address"
        self.assertFalse(self._xp(tree, f"{address}/cbc:StreetName"))
        self.assertFalse(self._xp(tree, f"{address}/cbc:PostalZone"))
        self.assertEqual(self._texts(tree, f"{address}/cac:Country/cbc:IdentificationCode"), ["NL"])
        self.assertNotIn(b"Postbus 12", xml.split(b"AccountingCustomerParty>")[-1])
        self._assert_valid_ubl(xml)

    def test_collective_invoice_of_one_branch_delivers_to_it(self):
        hq_invoice = self.env["res.partner"].create(
            {
                "name": "Crediteurenadministratie",
                "type": "invoice",
                "parent_id": self.customer.id,
                "street": "Postbus 12",
                "zip": "3500 AA",
                "city": "Utrecht",
                "country_id": self.env.ref("base.nl").id,
            }
        )
        self.customer.write(
            {"oci_invoice_policy": "collective", "oci_collective_invoice_partner_id": hq_invoice.id}
        )
        orders = self._order(self.branch_north, "PO-N-1") | self._order(
            self.branch_north, "PO-N-1", lines=[(self.product_logo, 1)], po_line_refs=("20",)
        )
        invoice = orders._create_invoices()
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.partner_id, hq_invoice)
        self.assertEqual(invoice.partner_shipping_id, self.branch_north)
        self.assertEqual(invoice.oci_branch_id, self.branch_north)
        invoice.action_post()
        tree, xml, errors = self._export(invoice, "nlcius")
        self.assertFalse(errors, errors)
        self.assertEqual(
            self._text(
                tree, "/*/cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:StreetName"
            ),
            "Postbus 12",
        )
        self.assertEqual(
            self._texts(tree, "/*/cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:StreetName"),
            ["Noordweg 1"],
        )
        self._assert_valid_ubl(xml)

    def test_collective_splits_different_po_numbers(self):
        self.customer.oci_invoice_policy = "collective"
        orders = (
            self._order(self.branch_north, "PO-1")
            | self._order(self.branch_south, "PO-2")
            | self._order(self.branch_east, "PO-1")
        )
        invoices = orders._create_invoices()
        self.assertEqual(sorted(invoices.mapped("oci_po_number")), ["PO-1", "PO-2"])
        self.assertEqual(invoices.partner_id, self.customer)
        po1 = invoices.filtered(lambda inv: inv.oci_po_number == "PO-1")
        self.assertEqual(po1.invoice_line_ids.oci_branch_id, self.branch_north | self.branch_east)

    def test_cost_center_edited_on_order_reaches_invoice(self):
        order = self._order(self.branch_north, "PO-X")
        self.assertEqual(order.oci_cost_center, "KP-2001")
        order.oci_cost_center = "KP-SPECIAAL"
        invoice = order._create_invoices()
        self.assertEqual(invoice.oci_cost_center, "KP-SPECIAAL")
        self.assertEqual(invoice.invoice_line_ids.oci_cost_center, "KP-SPECIAAL")
        self.assertEqual(invoice.invoice_line_ids.oci_po_line_ref, "10")
