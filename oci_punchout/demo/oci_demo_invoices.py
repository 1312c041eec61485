# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo invoices of the Toptaarten shop, made the way a user makes them:
invoice the confirmed order, post it, attach its e-invoice, credit a line.
The invoices carry oci_einvoice's references (PO number, cost centers,
buyer reference, collective invoice). Called from demo/oci_punchout_demo.xml
only."""

import logging

from odoo import Command, api, models

_logger = logging.getLogger(__name__)

MODULE = "oci_punchout"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model
    def _demo_invoices(self):
        """De Linde: the order confirmed by PO 4500020017 invoiced to its
        branch (UBL attached) and a credit note for one box of tompouces.
        De Zonnebloem: two locations' orders on one collective invoice."""
        ordered = self.env.ref(f"{MODULE}.sale_order_linde_ordered_demo", False)
        if ordered and ordered.state == "sale":
            invoice = ordered._create_invoices()
            invoice.action_post()
            invoice._demo_attach_ubl()
            self._demo_xmlid(invoice, "invoice_linde_demo")
            credit = invoice._reverse_moves([{"ref": "Eén doos tompouces beschadigd geleverd"}])
            tompouce = self.env.ref(f"{MODULE}.product_tompouce_demo")
            credit.write(
                {
                    "invoice_line_ids": [
                        Command.unlink(line.id)
                        for line in credit.invoice_line_ids
                        if line.product_id != tompouce
                    ]
                }
            )
            credit.invoice_line_ids.quantity = 1
            credit.action_post()
            credit._demo_attach_ubl()
            self._demo_xmlid(credit, "credit_note_linde_demo")
        else:
            _logger.warning("Demo data: the PO-confirmed order of De Linde is missing.")

        orderer = self.env.ref(f"{MODULE}.partner_zonnebloem_orderer_demo")
        website = self.env.ref("website.default_website")
        orders = self.browse()
        for branch, lines in (
            (
                "partner_zonnebloem_branch_demo",
                [("product_apple_pie_demo", 3), ("product_stroopwafel_demo", 6)],
            ),
            (
                "partner_zonnebloem_branch2_demo",
                [("product_bouquet_season_demo", 2), ("product_cupcakes_demo", 2)],
            ),
        ):
            orders |= self.create(
                {
                    "partner_id": orderer.id,
                    "partner_shipping_id": self.env.ref(f"{MODULE}.{branch}").id,
                    "website_id": website.id,
                    "client_order_ref": "ZB-2025-0042",
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.env.ref(f"{MODULE}.{product}").id,
                                "product_uom_qty": quantity,
                            }
                        )
                        for product, quantity in lines
                    ],
                }
            )
        orders.action_confirm()
        collective = orders._create_invoices()
        collective.action_post()
        collective._demo_attach_ubl()
        self._demo_xmlid(collective, "invoice_zonnebloem_demo")
        return True

    @api.model
    def _demo_xmlid(self, record, name):
        self.env["ir.model.data"]._update_xmlids(
            [{"xml_id": f"{MODULE}.{name}", "record": record, "noupdate": True}]
        )


class AccountMove(models.Model):
    _inherit = "account.move"

    def _demo_attach_ubl(self):
        """The e-invoice as Send & Print attaches it (the customer's format),
        without rendering the PDF at install time: the PDF is printed later
        by the running server with its styles."""
        for move in self:
            partner = move.partner_id.commercial_partner_id
            edi_format = partner.invoice_edi_format or partner._get_suggested_invoice_edi_format()
            if not edi_format or not move._need_ubl_cii_xml(edi_format):
                continue
            builder = partner._get_edi_builder(edi_format)
            xml, errors = builder._export_invoice(move)
            if errors:
                _logger.warning("Demo e-invoice %s: %s", move.name, "; ".join(errors))
                continue
            self.env["ir.attachment"].create(
                {
                    "name": builder._export_invoice_filename(move),
                    "raw": xml,
                    "mimetype": "application/xml",
                    "res_model": move._name,
                    "res_id": move.id,
                    "res_field": "ubl_cii_xml_file",
                }
            )
            move.invalidate_recordset(["ubl_cii_xml_id", "ubl_cii_xml_file"])
            move.is_move_sent = True
